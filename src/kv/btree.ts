// An ordered map from string keys to values: a B+tree with O(1) copy-on-write clones. The memory engine
// keeps one clone per commit as that commit's snapshot; the write buffer clones itself for scans.
//
// Keys compare by UTF-16 code unit with `<` (for binary strings, byte order). A clone shares every
// node with its origin: clone() marks the root shared, and a tree about to change a shared node copies
// it first, marking the copy's children shared in turn, so a shared node is never changed again.
//
// Deletes do not merge underfull nodes (merging would copy neighbours too, for little gain in a store
// that mostly grows); they remove a node only once it is empty, and a root left with one child gives
// way to it, so the tree never holds empty nodes and its height follows the data.
import { type BNode, childFor, lowerBound, MAX_NODE, newInternal, newLeaf } from './btree-node.js';
import { Cursor, type Entry } from './btree-cursor.js';

export { Cursor, type Entry } from './btree-cursor.js';

// The path of the current write (node and child index per level) and a cursor for one-shot reads.
// Both are only used within one synchronous call.
const pathNodes: BNode<unknown>[] = [];
const pathIdx: number[] = [];
const scratch = new Cursor<unknown>(newLeaf([], []));
/** The key range [leafLo, leafHi) that routes to the leaf findLeaf found last (leafHi undefined: open). */
let leafLo = '';
let leafHi: string | undefined;
/** Outcomes of a change in a leaf: the key was absent, was removed, or the change reshaped the tree. */
const ABSENT = 0;
const REMOVED = 1;
const RESHAPED: unique symbol = Symbol('reshaped');

export class BTree<V> {
  private root: BNode<V> = newLeaf<V>([], []);
  private count = 0;
  private copies = 0;

  /** `maxNode`: entries per node before a split (small values give deep trees to tests). */
  constructor(private readonly maxNode = MAX_NODE) {}

  get size(): number {
    return this.count;
  }

  /** Shared nodes this tree copied to change them since it was made: what it holds apart from its origin. */
  get copiedNodes(): number {
    return this.copies;
  }

  get(key: string): V | undefined {
    let node = this.root;
    while (!node.leaf) node = node.kids[childFor(node.keys, key)]!;
    const keys = node.keys;
    const i = lowerBound(keys, key, 0);
    return keys[i] === key ? node.vals[i] : undefined;
  }

  /** Inserts `key` or replaces its value; returns the value it replaced (undefined when it was absent). */
  set(key: string, value: V): V | undefined {
    const depth = this.findLeaf(key);
    const prev = this.setInLeaf(depth, key, value);
    return prev === RESHAPED ? undefined : prev;
  }

  /** Removes `key`; false when it was absent. */
  delete(key: string): boolean {
    return this.deleteInLeaf(this.findLeaf(key), key) !== ABSENT;
  }

  /**
   * Sets (or, for an undefined value, deletes) each key, keys in ascending order: a key in the leaf of
   * the one before reuses that descent, whose path is already writable (a commit's sorted mutations).
   */
  applySorted(entries: readonly (readonly [key: string, value: V | undefined])[]): void {
    let depth = -1;
    for (let i = 0; i < entries.length; i++) {
      const [key, value] = entries[i]!;
      if (depth < 0 || key < leafLo || (leafHi !== undefined && key >= leafHi)) depth = this.findLeaf(key);
      const r = value === undefined ? this.deleteInLeaf(depth, key) : this.setInLeaf(depth, key, value);
      // A split or an emptied leaf changed the path: the next key descends again.
      if (r === RESHAPED) depth = -1;
    }
  }

  /** Sets `key` in the leaf at `depth` of the recorded path: the value replaced, or RESHAPED after a split. */
  private setInLeaf(depth: number, key: string, value: V): V | undefined | typeof RESHAPED {
    const leaf = pathNodes[depth] as BNode<V>;
    const i = lowerBound(leaf.keys, key, 0);
    if (leaf.keys[i] === key) {
      const prev = leaf.vals[i];
      if (prev !== value) this.writable(depth).vals[i] = value;
      return prev;
    }
    const w = this.writable(depth);
    w.keys.splice(i, 0, key);
    w.vals.splice(i, 0, value);
    this.count++;
    if (w.keys.length <= this.maxNode) return undefined;
    this.split(depth, i === w.keys.length - 1);
    return RESHAPED;
  }

  /** Removes `key` from the leaf at `depth` of the recorded path: ABSENT, REMOVED, or RESHAPED (leaf emptied). */
  private deleteInLeaf(depth: number, key: string): typeof ABSENT | typeof REMOVED | typeof RESHAPED {
    const leaf = pathNodes[depth] as BNode<V>;
    const i = lowerBound(leaf.keys, key, 0);
    if (leaf.keys[i] !== key) return ABSENT;
    const w = this.writable(depth);
    w.keys.splice(i, 1);
    w.vals.splice(i, 1);
    this.count--;
    if (w.keys.length > 0 || depth === 0) return REMOVED;
    this.removeEmpty(depth - 1);
    return RESHAPED;
  }

  clear(): void {
    this.root = newLeaf([], []);
    this.count = 0;
  }

  /** An independent copy in O(1): the two trees share nodes until either changes them. */
  clone(): BTree<V> {
    this.root.shared = true;
    const copy = new BTree<V>(this.maxNode);
    copy.root = this.root;
    copy.count = this.count;
    return copy;
  }

  /** A cursor over this tree as it is now; it stays valid only while the tree is unchanged (or cloned first). */
  cursor(): Cursor<V> {
    return new Cursor(this.root);
  }

  /**
   * Up to `limit` entries with start <= key < end appended to `out`, in key order, or in reverse key order
   * from the greatest key below `end`.
   */
  scan(start: string, end: string, reverse: boolean, limit: number, out: Entry<V>[] = []): Entry<V>[] {
    if (!(start < end) || limit <= 0) return out;
    if (reverse) {
      const c = this.scratch();
      if (c.seekBefore(end)) c.collectReverse(start, limit, out);
      return out;
    }
    return this.scanForward(start, end, limit, out, new Finger<V>());
  }

  /** A forward scan that finds its first leaf through `finger` (which a batch of nearby scans shares). */
  private scanForward(start: string, end: string, limit: number, out: Entry<V>[], finger: Finger<V>): Entry<V>[] {
    const before = out.length;
    const resume = collectLeaf(this.leafFor(start, finger), start, end, before + limit, out);
    const c = this.scratch();
    if (resume !== undefined && c.seek(resume)) c.collect(end, limit - (out.length - before), out);
    return out;
  }

  /**
   * The leaf that holds `key` (or would): the finger's when its key range covers the key (the next of a
   * batch of nearby keys), else found from the finger's last internal node when its range covers the key
   * (sorted keys of a batch are often a few leaves apart), else from the root; records the key ranges
   * that route to the leaf and to its parent.
   */
  private leafFor(key: string, f: Finger<V>): BNode<V> {
    if (f.leaf !== null && key >= f.lo && (f.hi === undefined || key < f.hi)) return f.leaf;
    let node = this.root;
    let lo = '';
    let hi: string | undefined;
    if (f.parent !== null && key >= f.parentLo && (f.parentHi === undefined || key < f.parentHi)) {
      node = f.parent;
      lo = f.parentLo;
      hi = f.parentHi;
    }
    while (!node.leaf) {
      const keys = node.keys;
      const i = childFor(keys, key);
      const kid = node.kids[i]!;
      if (kid.leaf) {
        f.parent = node;
        f.parentLo = lo;
        f.parentHi = hi;
      }
      if (i > 0) lo = keys[i]!;
      if (i + 1 < keys.length) hi = keys[i + 1];
      node = kid;
    }
    f.leaf = node;
    f.lo = lo;
    f.hi = hi;
    return node;
  }

  /** The value of each key (undefined when absent) into out[i]; keys in ascending order share leaves. */
  getMany(keys: readonly string[], out: (V | undefined)[]): void {
    const f = new Finger<V>();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const leaf = this.leafFor(key, f);
      const j = lowerBound(leaf.keys, key, 0);
      out[i] = leaf.keys[j] === key ? leaf.vals[j] : undefined;
    }
  }

  /** The entries of each range [start, end), in key order; ranges in ascending order share leaves. */
  scanRanges(ranges: readonly (readonly [start: string, end: string])[]): Entry<V>[][] {
    const f = new Finger<V>();
    const lists: Entry<V>[][] = new Array(ranges.length);
    for (let i = 0; i < ranges.length; i++) {
      const [start, end] = ranges[i]!;
      const list: Entry<V>[] = [];
      if (start < end) this.scanForward(start, end, Number.POSITIVE_INFINITY, list, f);
      lists[i] = list;
    }
    return lists;
  }

  /** Every entry in key order. */
  *entries(): Generator<[string, V]> {
    const c = this.cursor();
    for (let ok = c.seek(''); ok; ok = c.next()) yield [c.key, c.value];
  }

  private scratch(): Cursor<V> {
    const c = scratch as Cursor<V>;
    c.reset(this.root);
    return c;
  }

  /**
   * Records the path to the leaf where `key` belongs in pathNodes/pathIdx, and the key range [leafLo,
   * leafHi) that routes to that leaf; returns the leaf's level.
   */
  private findLeaf(key: string): number {
    let node = this.root as BNode<unknown>;
    let depth = 0;
    let lo = '';
    let hi: string | undefined;
    while (!node.leaf) {
      const keys = node.keys;
      const i = childFor(keys, key);
      if (i > 0) lo = keys[i]!;
      if (i + 1 < keys.length) hi = keys[i + 1];
      pathNodes[depth] = node;
      pathIdx[depth++] = i;
      node = node.kids[i]!;
    }
    pathNodes[depth] = node;
    leafLo = lo;
    leafHi = hi;
    return depth;
  }

  /** Makes the recorded path down to `depth` changeable, copying shared nodes from the top; returns its leaf. */
  private writable(depth: number): BNode<V> {
    for (let level = 0; level <= depth; level++) {
      const node = pathNodes[level]!;
      if (!node.shared) continue;
      const copy = node.copy();
      this.copies++;
      pathNodes[level] = copy;
      if (level === 0) this.root = copy as BNode<V>;
      else pathNodes[level - 1]!.kids[pathIdx[level - 1]!] = copy;
    }
    return pathNodes[depth] as BNode<V>;
  }

  /**
   * Splits the overfull node at `depth` of the (writable) path, and its ancestors as they overflow.
   * When the overflow came from appending at the node's end, the left part stays full: ascending inserts
   * (auto-increment keys) then fill nodes instead of leaving them half empty.
   */
  private split(depth: number, appended: boolean): void {
    for (let level = depth; ; level--) {
      const node = pathNodes[level]!;
      const n = node.keys.length;
      if (n <= this.maxNode) return;
      const at = appended ? n - 1 : n >> 1;
      const right = node.leaf
        ? newLeaf(node.keys.splice(at), node.vals.splice(at))
        : newInternal(node.keys.splice(at), node.kids.splice(at));
      const sep = right.keys[0]!;
      if (level === 0) {
        this.root = newInternal(['', sep], [node, right]) as BNode<V>;
        return;
      }
      const parent = pathNodes[level - 1]!;
      const pos = pathIdx[level - 1]! + 1;
      parent.keys.splice(pos, 0, sep);
      parent.kids.splice(pos, 0, right);
      appended = pos === parent.keys.length - 1;
    }
  }

  /** Drops the emptied child on the (writable) path below `level`, and ancestors left empty. */
  private removeEmpty(level: number): void {
    for (; level >= 0; level--) {
      const node = pathNodes[level]!;
      node.keys.splice(pathIdx[level]!, 1);
      node.kids.splice(pathIdx[level]!, 1);
      if (node.kids.length > 0) break;
    }
    if (level < 0) {
      this.root = newLeaf([], []);
      return;
    }
    // A root left with one child gives way to it; the child of a shared node is shared as well.
    let root = this.root;
    while (!root.leaf && root.kids.length === 1) {
      const child = root.kids[0]!;
      if (root.shared) child.shared = true;
      root = child;
    }
    this.root = root;
  }
}

/** Where a batch of searches last ended: a leaf and the key range [lo, hi) that routes to it (hi undefined: open). */
class Finger<V> {
  leaf: BNode<V> | null = null;
  lo = '';
  hi: string | undefined = undefined;
  /** The internal node above `leaf`, and the key range [parentLo, parentHi) that routes to it. */
  parent: BNode<V> | null = null;
  parentLo = '';
  parentHi: string | undefined = undefined;
}

/**
 * Appends the leaf's entries of [start, end) while `out` holds fewer than `outLimit` (most short scans, such
 * as index probes, end in their first leaf); returns the key to resume from when the leaf ran out first.
 */
function collectLeaf<V>(
  leaf: BNode<V>,
  start: string,
  end: string,
  outLimit: number,
  out: Entry<V>[],
): string | undefined {
  const keys = leaf.keys;
  const vals = leaf.vals;
  for (let i = lowerBound(keys, start, 0); i < keys.length; i++) {
    const key = keys[i]!;
    if (key >= end || out.length >= outLimit) return undefined;
    out.push({ key, value: vals[i]! });
  }
  if (out.length >= outLimit || keys.length === 0) return undefined;
  // The smallest key above the leaf's last one: keys are byte strings, so it is that key plus a zero byte.
  const next = `${keys[keys.length - 1]}\x00`;
  return next > start ? next : start;
}
