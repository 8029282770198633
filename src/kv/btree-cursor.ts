// A position in a B+tree (btree.ts) that keeps its whole root-to-leaf path: each level's node, the
// index taken there, and the key range that routes to it. Moving to a neighbouring leaf climbs only as
// far as needed, and a seek to a nearby key climbs only out of the subtrees whose range misses the key
// instead of starting again at the root. Leaf sibling links would not survive copy-on-write (a copied
// leaf would need its neighbours copied too), hence the path.
import { type BNode, childBefore, childFor, lowerBound } from './btree-node.js';

/** A key and its value, as scans return them. */
export interface Entry<V> {
  key: string;
  value: V;
}

export class Cursor<V> {
  private readonly nodes: BNode<V>[] = [];
  /** Per level: the child taken (internal) or the entry (leaf). */
  private readonly idx: number[] = [];
  /** Per level: the node's key range [lo, hi), as its ancestors' separators route keys; '' and undefined are open. */
  private readonly lo: string[] = [];
  private readonly hi: (string | undefined)[] = [];
  /** The level of the leaf on the path; -1 until the first seek. */
  private leafLevel = -1;
  /** Whether the cursor is at an entry (false past either end). */
  valid = false;

  constructor(private root: BNode<V>) {}

  /** Repositions the cursor on another tree (or the same tree after changes). */
  reset(root: BNode<V>): void {
    this.root = root;
    this.leafLevel = -1;
    this.valid = false;
  }

  /** The entry's key; only while valid. */
  get key(): string {
    return this.nodes[this.leafLevel]!.keys[this.idx[this.leafLevel]!]!;
  }

  /** The entry's value; only while valid. */
  get value(): V {
    return this.nodes[this.leafLevel]!.vals[this.idx[this.leafLevel]!]!;
  }

  /** Moves to the first entry with a key >= `key`. */
  seek(key: string): boolean {
    const leaf = this.descend(this.climbTo(key), key, false);
    const i = lowerBound(leaf.keys, key, 0);
    this.idx[this.leafLevel] = i;
    if (i < leaf.keys.length) return (this.valid = true);
    return this.nextLeaf();
  }

  /** Moves to the last entry with a key < `end`. */
  seekBefore(end: string): boolean {
    const leaf = this.descend(this.climbBefore(end), end, true);
    const i = lowerBound(leaf.keys, end, 0) - 1;
    this.idx[this.leafLevel] = i;
    if (i >= 0) return (this.valid = true);
    return this.prevLeaf();
  }

  next(): boolean {
    const level = this.leafLevel;
    if (++this.idx[level]! < this.nodes[level]!.keys.length) return true;
    return this.nextLeaf();
  }

  prev(): boolean {
    if (--this.idx[this.leafLevel]! >= 0) return true;
    return this.prevLeaf();
  }

  /** Appends entries from the current one on while key < end, at most `limit`; stops at the first one left out. */
  collect(end: string, limit: number, out: Entry<V>[]): void {
    if (!this.valid) return;
    const level = this.leafLevel;
    let leaf = this.nodes[level]!;
    let i = this.idx[level]!;
    let n = 0;
    for (;;) {
      const keys = leaf.keys;
      const vals = leaf.vals;
      for (; i < keys.length; i++) {
        const key = keys[i]!;
        if (key >= end || n >= limit) {
          this.idx[level] = i;
          return;
        }
        out.push({ key, value: vals[i]! });
        n++;
      }
      this.idx[level] = i;
      if (!this.nextLeaf()) return;
      leaf = this.nodes[level]!;
      i = 0;
    }
  }

  /** Appends entries from the current one backwards while key >= start, at most `limit`. */
  collectReverse(start: string, limit: number, out: Entry<V>[]): void {
    if (!this.valid) return;
    const level = this.leafLevel;
    let leaf = this.nodes[level]!;
    let i = this.idx[level]!;
    let n = 0;
    for (;;) {
      const keys = leaf.keys;
      const vals = leaf.vals;
      for (; i >= 0; i--) {
        const key = keys[i]!;
        if (key < start || n >= limit) {
          this.idx[level] = i;
          return;
        }
        out.push({ key, value: vals[i]! });
        n++;
      }
      this.idx[level] = i;
      if (!this.prevLeaf()) return;
      leaf = this.nodes[level]!;
      i = this.idx[level]!;
    }
  }

  /** The deepest level on the path whose key range routes `key` forward (0 when unpositioned). */
  private climbTo(key: string): number {
    let level = this.leafLevel;
    if (level < 0) return this.start();
    for (; level > 0; level--) {
      const hi = this.hi[level];
      if (key >= this.lo[level]! && (hi === undefined || key < hi)) break;
    }
    return level;
  }

  /** The deepest level whose range holds the greatest keys below `end`: lo < end <= hi. */
  private climbBefore(end: string): number {
    let level = this.leafLevel;
    if (level < 0) return this.start();
    for (; level > 0; level--) {
      const hi = this.hi[level];
      if (end > this.lo[level]! && (hi === undefined || end <= hi)) break;
    }
    return level;
  }

  private start(): number {
    this.nodes[0] = this.root;
    this.lo[0] = '';
    this.hi[0] = undefined;
    return 0;
  }

  /** Follows the path from `level` down to a leaf, routing `key` (or the keys below it, `before`). */
  private descend(level: number, key: string, before: boolean): BNode<V> {
    let node = this.nodes[level]!;
    while (!node.leaf) {
      node = this.enter(level, before ? childBefore(node.keys, key) : childFor(node.keys, key));
      level++;
    }
    this.leafLevel = level;
    return node;
  }

  /** Takes child `i` at `level`, recording it and its key range one level down. */
  private enter(level: number, i: number): BNode<V> {
    const node = this.nodes[level]!;
    const keys = node.keys;
    const child = node.kids[i]!;
    this.idx[level] = i;
    this.nodes[level + 1] = child;
    this.lo[level + 1] = i > 0 ? keys[i]! : this.lo[level]!;
    this.hi[level + 1] = i + 1 < keys.length ? keys[i + 1] : this.hi[level];
    return child;
  }

  /** Moves to the first entry of the next leaf; false (the path unchanged) at the end. */
  private nextLeaf(): boolean {
    const leafLevel = this.leafLevel;
    let level = leafLevel - 1;
    while (level >= 0 && this.idx[level]! + 1 >= this.nodes[level]!.kids.length) level--;
    if (level < 0) return (this.valid = false);
    this.enter(level, this.idx[level]! + 1);
    for (level++; level < leafLevel; level++) this.enter(level, 0);
    this.idx[leafLevel] = 0;
    return (this.valid = true);
  }

  /** Moves to the last entry of the previous leaf; false (the path unchanged) at the start. */
  private prevLeaf(): boolean {
    const leafLevel = this.leafLevel;
    let level = leafLevel - 1;
    while (level >= 0 && this.idx[level]! === 0) level--;
    if (level < 0) return (this.valid = false);
    this.enter(level, this.idx[level]! - 1);
    for (level++; level < leafLevel; level++) this.enter(level, this.nodes[level]!.kids.length - 1);
    this.idx[leafLevel] = this.nodes[leafLevel]!.keys.length - 1;
    return (this.valid = true);
  }
}
