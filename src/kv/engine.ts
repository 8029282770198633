// The small interface a storage engine implements under the shared transaction logic (kv-storage.ts):
// versioned reads at a timestamp, the last commit of a key for conflict checks, and atomic commits.
// Every method is synchronous, so a commit's check-and-apply runs without an `await` in between.
import type { Bytes, KeyRange, KvPair } from './kv.js';

/** Who last committed a key, for write-conflict errors. */
export interface CommitRecord {
  startTs: number;
  commitTs: number;
}

/** A mutation to commit: a value, or undefined for a delete. A commit's mutations come in ascending key order. */
export type Mutation = readonly [key: Bytes, value: Bytes | undefined];

/** Reads of the committed state as of one timestamp. */
export interface EngineReader {
  get(key: Bytes): Bytes | undefined;
  /** Up to `limit` pairs with start <= key < end, in key order (or reverse key order). */
  scan(start: Bytes, end: Bytes, reverse: boolean, limit: number): KvPair[];
  /** Sets out[i] to the value of keys[i] (undefined when absent). */
  batchGet(keys: readonly Bytes[], out: (Bytes | undefined)[]): void;
  /** Every pair of each range, in key order; empty for an empty or inverted range. */
  scanRanges(ranges: readonly KeyRange[]): KvPair[][];
}

export interface Engine {
  readonly persistent: boolean;
  /** The greatest commit timestamp already stored (0 when empty): new timestamps must exceed it. */
  readonly maxCommitTs: number;
  reader(ts: number): EngineReader;
  /** The newest commit that wrote `key` (set or delete), when it may be newer than any active transaction. */
  lastCommit(key: Bytes): CommitRecord | undefined;
  /**
   * Applies all mutations atomically as one commit, durably for a persistent engine. `conflictsPossible`
   * is false when no other transaction is active: every later transaction starts after this commit, so
   * no conflict check can ever meet it, and an engine that keeps commit records in memory need not
   * record it.
   */
  applyCommit(mutations: readonly Mutation[], startTs: number, commitTs: number, conflictsPossible: boolean): void;
  /** Drops versions no reader at or after `safePointTs` needs. */
  gc(safePointTs: number): void;
  /**
   * Engines whose old versions cost memory drop the oldest while those hold more than `maxBytes`, keeping
   * every version a reader at or after `keepTs` needs; returns the oldest timestamp still readable.
   */
  trimVersions?(maxBytes: number, keepTs: number): number;
  /** Engines that keep commit records in memory drop those at or before `ts` (no active transaction can meet them). */
  forgetCommits?(ts: number): void;
  close(): Promise<void>;
}
