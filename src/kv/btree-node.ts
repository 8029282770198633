// Nodes of the copy-on-write B+tree (btree.ts) and the binary searches over their keys.
//
// A leaf holds keys and values in parallel arrays. An internal node holds children and separator keys:
// keys[i] (i >= 1) is <= every key under kids[i] and > every key under kids[i - 1]; keys[0] is unused.
// Deletes may leave a separator larger than its child's smallest key, which still separates correctly.
// One class serves both kinds so that property accesses on the hot paths stay monomorphic.

/** Most entries (leaf) or children (internal) a node holds before it splits; chosen by measurement. */
export const MAX_NODE = 64;

export class BNode<V> {
  /**
   * Set once the node is reachable from more than one tree (after a clone): it is then never changed
   * again, and a tree that needs to change it changes a copy instead.
   */
  shared = false;

  constructor(
    readonly leaf: boolean,
    public keys: string[],
    /** Leaf values, parallel to keys (empty in internal nodes). */
    public vals: V[],
    /** Children of an internal node (empty in leaves). */
    public kids: BNode<V>[],
  ) {}

  /** An unshared copy; the children become shared, since both copies now point at them. */
  copy(): BNode<V> {
    if (this.leaf) return new BNode(true, this.keys.slice(), this.vals.slice(), this.kids);
    const kids = this.kids;
    for (let i = 0; i < kids.length; i++) kids[i]!.shared = true;
    return new BNode(false, this.keys.slice(), this.vals, kids.slice());
  }
}

const NO_KIDS: never[] = [];
const NO_VALS: never[] = [];

export function newLeaf<V>(keys: string[], vals: V[]): BNode<V> {
  return new BNode<V>(true, keys, vals, NO_KIDS);
}

export function newInternal<V>(keys: string[], kids: BNode<V>[]): BNode<V> {
  return new BNode<V>(false, keys, NO_VALS, kids);
}

/** The first index i >= from with keys[i] >= key (keys.length when none). */
export function lowerBound(keys: readonly string[], key: string, from: number): number {
  let lo = from;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of an internal node whose key range holds `key`. */
export function childFor(keys: readonly string[], key: string): number {
  let lo = 1;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The child of an internal node that holds the greatest keys below `end`, if any are there. */
export function childBefore(keys: readonly string[], end: string): number {
  return lowerBound(keys, end, 1) - 1;
}
