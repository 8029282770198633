// sorted-btree is a CommonJS module whose class is `exports.default`: Node's ESM loader hands us the
// exports object, while some loaders (tsx, bundlers) hand us the class itself. This resolves both once.
import btreeModule from 'sorted-btree';

type BTreeClass = typeof btreeModule.default;
export type BTree<K, V> = btreeModule.default<K, V>;

const loaded = btreeModule as unknown as { default?: BTreeClass };
export const BTree: BTreeClass = loaded.default ?? (btreeModule as unknown as BTreeClass);

/** Orders binary-string keys by code unit; cheaper than sorted-btree's default, which handles mixed types. */
export function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An empty B+tree over binary-string keys. */
export function newBytesTree<V>(): BTree<string, V> {
  return new BTree<string, V>(undefined, compareBytes);
}
