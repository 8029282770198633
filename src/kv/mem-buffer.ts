// A transaction's write buffer: the keys it set or deleted, in key order, with cheap savepoints.
// Every change appends the key's previous state to a staging log; rolling back to a savepoint replays
// the log backwards. A deleted key is kept as a tombstone (null) so that it hides the snapshot's value.
import { BTree } from './btree.js';
import type { Bytes } from './kv.js';

/** The buffered state of a key: a value, or null for a delete. */
export type BufferedValue = Bytes | null;

interface LogEntry {
  key: Bytes;
  /** The key's state before the change; undefined when the key was not in the buffer. */
  prev: BufferedValue | undefined;
}

/** Bytes counted per buffered entry beyond its key and value (rough bookkeeping overhead). */
const ENTRY_OVERHEAD = 16;

export class MemBuffer {
  private tree = new BTree<BufferedValue>();
  private log: LogEntry[] = [];
  private bytes = 0;

  get(key: Bytes): BufferedValue | undefined {
    return this.tree.get(key);
  }

  set(key: Bytes, value: Bytes): void {
    this.put(key, value);
  }

  delete(key: Bytes): void {
    this.put(key, null);
  }

  private put(key: Bytes, value: BufferedValue): void {
    const prev = this.tree.set(key, value);
    this.log.push({ key, prev });
    this.bytes += entrySize(key, value) - (prev === undefined ? 0 : entrySize(key, prev));
  }

  /** A savepoint: rollbackTo(it) undoes every change made after this call. */
  savepoint(): number {
    return this.log.length;
  }

  rollbackTo(savepoint: number): void {
    for (let i = this.log.length - 1; i >= savepoint; i--) {
      const { key, prev } = this.log[i];
      const cur = this.tree.get(key);
      if (cur !== undefined) this.bytes -= entrySize(key, cur);
      if (prev === undefined) {
        this.tree.delete(key);
      } else {
        this.tree.set(key, prev);
        this.bytes += entrySize(key, prev);
      }
    }
    this.log.length = Math.min(this.log.length, savepoint);
  }

  /** Forgets every change. */
  clear(): void {
    this.tree.clear();
    this.log = [];
    this.bytes = 0;
  }

  /** Number of buffered keys (sets and deletes). */
  get count(): number {
    return this.tree.size;
  }

  /** Approximate memory held by buffered keys and values, in bytes. */
  get size(): number {
    return this.bytes;
  }

  /**
   * An O(1) frozen copy of the current contents, for scans: later writes by the same transaction
   * (e.g. an UPDATE writing rows while it reads them) do not disturb an iteration over the copy.
   */
  frozen(): BTree<BufferedValue> {
    return this.tree.clone();
  }

  /** Buffered entries in key order; null marks a delete. */
  entries(): Iterable<[Bytes, BufferedValue]> {
    return this.tree.entries();
  }
}

function entrySize(key: Bytes, value: BufferedValue): number {
  return key.length + (value === null ? 0 : value.length) + ENTRY_OVERHEAD;
}
