// An immutable hash map (a hash array mapped trie): `set` and `delete` return a new map that shares all
// but the O(log32 n) nodes on the changed key's path with the old one. The schema keeps one per version,
// so a DDL statement costs the same with ten tables or ten thousand (copying a Map per version made a
// database's DDL quadratic in its table count). Iteration order is unspecified.

type Key = string | number;

interface Leaf<K, V> {
  readonly hash: number;
  readonly key: K;
  readonly value: V;
}

/** Keys whose 32-bit hashes are equal, below the trie's last level. */
interface Bucket<K, V> {
  readonly hash: number;
  readonly leaves: readonly Leaf<K, V>[];
}

interface Branch<K, V> {
  /** Bit i set: the slot for hash fragment i is present, at index popcount(bitmap & ((1 << i) - 1)). */
  readonly bitmap: number;
  readonly slots: readonly Slot<K, V>[];
}

type Slot<K, V> = Leaf<K, V> | Bucket<K, V> | Branch<K, V>;

const BITS = 5;
/** Below this shift a 32-bit hash has no fragment left: equal hashes share a bucket. */
const MAX_SHIFT = 30;

function hashOf(key: Key): number {
  if (typeof key === 'number') {
    // Table ids are small consecutive integers: mix them so their fragments spread over the levels.
    let h = Math.imul(key | 0, 0x9e3779b1) ^ Math.floor(key / 0x100000000);
    h ^= h >>> 16;
    return h | 0;
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

function isBranch<K, V>(s: Slot<K, V>): s is Branch<K, V> {
  return 'bitmap' in s;
}

function isBucket<K, V>(s: Slot<K, V>): s is Bucket<K, V> {
  return 'leaves' in s;
}

const EMPTY: Branch<never, never> = { bitmap: 0, slots: [] };

/** A branch holding two leaves with different keys, split at `shift` and below. */
function pair<K, V>(a: Leaf<K, V>, b: Leaf<K, V>, shift: number): Slot<K, V> {
  if (a.hash === b.hash || shift > MAX_SHIFT) return { hash: a.hash, leaves: [a, b] };
  const fa = (a.hash >>> shift) & 31;
  const fb = (b.hash >>> shift) & 31;
  if (fa === fb) return { bitmap: 1 << fa, slots: [pair(a, b, shift + BITS)] };
  return { bitmap: (1 << fa) | (1 << fb), slots: fa < fb ? [a, b] : [b, a] };
}

function replaced<T>(list: readonly T[], i: number, item: T): T[] {
  const out = list.slice();
  out[i] = item;
  return out;
}

export class PersistentMap<K extends Key, V> {
  private constructor(
    private readonly root: Branch<K, V>,
    readonly size: number,
  ) {}

  static empty<K extends Key, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(EMPTY as Branch<K, V>, 0);
  }

  static of<K extends Key, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    let m = PersistentMap.empty<K, V>();
    for (const [k, v] of entries) m = m.set(k, v);
    return m;
  }

  get(key: K): V | undefined {
    const hash = hashOf(key);
    let node: Slot<K, V> = this.root;
    for (let shift = 0; ; shift += BITS) {
      if (isBranch(node)) {
        const bit = 1 << ((hash >>> shift) & 31);
        if ((node.bitmap & bit) === 0) return undefined;
        node = node.slots[popcount(node.bitmap & (bit - 1))]!;
      } else if (isBucket(node)) {
        return node.leaves.find((l) => l.key === key)?.value;
      } else {
        return node.key === key ? node.value : undefined;
      }
    }
  }

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const leaf: Leaf<K, V> = { hash: hashOf(key), key, value };
    const added = { n: 0 };
    const root = setIn(this.root, leaf, 0, added) as Branch<K, V>;
    return new PersistentMap(root, this.size + added.n);
  }

  delete(key: K): PersistentMap<K, V> {
    const root = deleteIn(this.root, hashOf(key), key, 0);
    if (root === this.root) return this;
    return new PersistentMap((root ?? EMPTY) as Branch<K, V>, this.size - 1);
  }

  *entries(): Generator<[K, V]> {
    const stack: Slot<K, V>[] = [this.root];
    while (stack.length) {
      const s = stack.pop()!;
      if (isBranch(s)) for (let i = s.slots.length - 1; i >= 0; i--) stack.push(s.slots[i]!);
      else if (isBucket(s)) for (const l of s.leaves) yield [l.key, l.value];
      else yield [s.key, s.value];
    }
  }

  *values(): Generator<V> {
    for (const [, v] of this.entries()) yield v;
  }
}

function setIn<K, V>(node: Slot<K, V>, leaf: Leaf<K, V>, shift: number, added: { n: number }): Slot<K, V> {
  if (isBranch(node)) {
    const bit = 1 << ((leaf.hash >>> shift) & 31);
    const i = popcount(node.bitmap & (bit - 1));
    if ((node.bitmap & bit) === 0) {
      added.n = 1;
      const slots = node.slots.slice();
      slots.splice(i, 0, leaf);
      return { bitmap: node.bitmap | bit, slots };
    }
    return { bitmap: node.bitmap, slots: replaced(node.slots, i, setIn(node.slots[i]!, leaf, shift + BITS, added)) };
  }
  if (isBucket(node)) {
    const j = node.leaves.findIndex((l) => l.key === leaf.key);
    if (j >= 0) return { hash: node.hash, leaves: replaced(node.leaves, j, leaf) };
    added.n = 1;
    return { hash: node.hash, leaves: [...node.leaves, leaf] };
  }
  if (node.key === leaf.key) return leaf;
  added.n = 1;
  return pair(node, leaf, shift);
}

/** The node without `key` (the same node when absent), or null when nothing is left in it. */
function deleteIn<K, V>(node: Slot<K, V>, hash: number, key: K, shift: number): Slot<K, V> | null {
  if (isBranch(node)) {
    const bit = 1 << ((hash >>> shift) & 31);
    if ((node.bitmap & bit) === 0) return node;
    const i = popcount(node.bitmap & (bit - 1));
    const kid = node.slots[i]!;
    const next = deleteIn(kid, hash, key, shift + BITS);
    if (next === kid) return node;
    if (next !== null) return { bitmap: node.bitmap, slots: replaced(node.slots, i, next) };
    if (node.bitmap === bit) return shift === 0 ? EMPTY : null;
    const slots = node.slots.slice();
    slots.splice(i, 1);
    return { bitmap: node.bitmap & ~bit, slots };
  }
  if (isBucket(node)) {
    const leaves = node.leaves.filter((l) => l.key !== key);
    if (leaves.length === node.leaves.length) return node;
    return leaves.length === 1 ? leaves[0]! : { hash: node.hash, leaves };
  }
  return node.key === key ? null : node;
}
