// The transactional, ordered key-value interface that every storage engine implements.
// Keys and values are byte strings: JS strings whose every char code is one byte (0..255), so that
// plain string comparison is byte-wise (memcomparable) order and V8 stores them compactly.
// This layer knows nothing of SQL.
import type { EngineReader } from './engine.js';

/** A byte string: each char code is 0..255. */
export type Bytes = string;

export interface KvPair {
  key: Bytes;
  value: Bytes;
}

/** A key range: start <= key < end. */
export type KeyRange = readonly [start: Bytes, end: Bytes];

export interface ScanOptions {
  /** Iterate from `end` down to `start`. */
  reverse?: boolean;
  /** Stop after this many pairs. */
  limit?: number;
  /**
   * The caller reads the whole range, so every batch is full-sized from the first (small first
   * batches only pay off for readers that may stop early, and each batch is a round trip).
   */
  fullBatches?: boolean;
}

/** A consistent read view at one timestamp. Reads never see writes committed after it was taken. */
export interface Snapshot {
  readonly ts: number;
  get(key: Bytes): Promise<Bytes | undefined>;
  /** The value of each key, aligned with `keys` (undefined where absent): no map to hash the keys into. */
  batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]>;
  /**
   * Pairs with start <= key < end, in key order (or reverse order), in batches.
   * The iterator reads lazily: a caller that stops early reads no more.
   */
  scan(start: Bytes, end: Bytes, options?: ScanOptions): AsyncIterableIterator<KvPair[]>;
  /**
   * Every pair of each range, one list per range in the order given: one batched read (as one
   * coprocessor request carries many ranges), for callers that read many small ranges at once.
   */
  scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]>;
  /**
   * A view that keeps reading the data as it is now: later writes of the same transaction stay unseen
   * (an UPDATE's source must not meet the rows it moved). Absent: the view never changes anyway.
   */
  frozen?(): Snapshot;
}

export interface TxnOptions {
  /** Read at this timestamp instead of the newest (stale read). */
  startTs?: number;
  /** Pessimistic transactions lock keys as they are written; optimistic ones check conflicts at commit. */
  pessimistic?: boolean;
}

/**
 * A transaction: reads see its own writes over its snapshot; writes are buffered until commit.
 * Conflicts with transactions that committed after `startTs` are detected at commit (optimistic)
 * or when the key is locked (pessimistic).
 */
export interface Transaction extends Snapshot {
  readonly startTs: number;
  readonly pessimistic: boolean;
  /**
   * Pessimistic transactions: the timestamp DML reads at and locks are checked against. lockKeys throws
   * error 9007 when a locked key was committed after it (keeping the lock); the session then calls
   * refreshForUpdateTs(), rolls the statement back to its savepoint and re-runs it, reading via currentRead().
   */
  readonly forUpdateTs: number;
  refreshForUpdateTs(): number;
  /** The newest committed data (at forUpdateTs) overlaid with this transaction's writes. */
  currentRead(): Snapshot;
  /**
   * Writes a key. `lock` false: the key need not be locked by a pessimistic statement that writes it — a
   * non-unique index entry, whose key holds its row's handle: the row key, which the statement writes
   * and locks too, already excludes every conflicting writer (TiDB does not lock such keys either).
   */
  set(key: Bytes, value: Bytes, lock?: boolean): void;
  delete(key: Bytes, lock?: boolean): void;
  /** Lock keys for a pessimistic transaction (SELECT ... FOR UPDATE, writes). */
  lockKeys(keys: readonly Bytes[], options?: { noWait?: boolean; waitMs?: number }): Promise<void>;
  /** A savepoint of the write buffer, for statement atomicity and SAVEPOINT. */
  savepoint(): number;
  rollbackTo(savepoint: number): void;
  /** Number of buffered mutations, and their approximate size in bytes. */
  readonly mutationCount: number;
  readonly bufferSize: number;
  /** Buffered mutations in key order; a deleted key has value undefined. */
  mutations(): Iterable<[Bytes, Bytes | undefined]>;
  /** Checks write conflicts (error 9007) and applies every mutation atomically; the commit timestamp (0 if none). */
  commit(): Promise<number>;
  rollback(): void;
  readonly state: 'active' | 'committed' | 'rolledback';
}

export interface Storage {
  /** A timestamp greater than every timestamp handed out before. */
  currentTs(): number;
  begin(options?: TxnOptions): Transaction;
  snapshot(ts?: number): Snapshot;
  /**
   * The newest committed data read synchronously, at a fresh timestamp: offered by storages whose reads
   * never wait, so a point read need not pay for promises; absent where reads are asynchronous.
   */
  snapshotNow?(): EngineReader;
  /** The committed data as of `ts` read synchronously, where snapshotNow is offered. */
  reader?(ts: number): EngineReader;
  /** Versions older than this timestamp may be discarded. */
  gc(safePointTs: number): Promise<void>;
  close(): Promise<void>;
  readonly persistent: boolean;
}
