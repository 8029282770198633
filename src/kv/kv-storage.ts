// Storage over an engine: timestamps, transactions, locks, conflict checks and automatic MVCC GC.
import type { CommitRecord, Engine, EngineReader, Mutation } from './engine.js';
import type { Bytes, Snapshot, Storage, Transaction, TxnOptions } from './kv.js';
import { LockManager } from './lock-manager.js';
import { EngineSnapshot } from './snapshot.js';
import { TimestampOracle, TSO_LOGICAL_BITS } from './timestamp-oracle.js';
import { KvTransaction, type TxnHost, writeConflict } from './transaction.js';

/** Versions stay readable this long without an active transaction (TiDB's tidb_gc_life_time default). */
export const DEFAULT_GC_LIFE_TIME_MS = 10 * 60 * 1000;

/**
 * Old versions of an engine that keeps them in memory may hold this much before the oldest are dropped
 * within their life time (reads before them then fail as reads before the GC safe point do).
 */
export const DEFAULT_MAX_OLD_VERSION_BYTES = 64 * 2 ** 20;

export interface KvStorageOptions {
  /** How long old versions stay readable for stale reads; active transactions always keep theirs. */
  gcLifeTimeMs?: number;
  /** Memory bound of old versions (engines that report it); active transactions always keep theirs. */
  maxOldVersionBytes?: number;
  /** The wall clock behind timestamps (tests substitute one). */
  clock?: () => number;
}
/** Automatic GC runs after this many commits. */
const GC_EVERY_COMMITS = 1024;

export function hexKey(key: Bytes): string {
  let s = '';
  for (let i = 0; i < key.length; i++) s += key.charCodeAt(i).toString(16).padStart(2, '0');
  return s;
}

export class KvStorage implements Storage, TxnHost {
  readonly locks = new LockManager();
  /** How keys are shown in write-conflict errors; the table layer may install a decoder. */
  formatKey: (key: Bytes) => string = hexKey;
  private readonly oracle: TimestampOracle;
  /** Start timestamps of active transactions (with counts: timestamps are unique, but stay safe). */
  private readonly active = new Map<number, number>();
  private commitsSinceGc = 0;
  private closed = false;

  private gcLifeTimeMs: number;
  private readonly maxOldVersionBytes: number;
  /** Reads before this timestamp are gone: the memory bound dropped their versions. */
  private trimmedBefore = 0;

  constructor(
    protected readonly engine: Engine,
    options: KvStorageOptions = {},
  ) {
    this.oracle = new TimestampOracle(engine.maxCommitTs, options.clock);
    this.gcLifeTimeMs = options.gcLifeTimeMs ?? DEFAULT_GC_LIFE_TIME_MS;
    this.maxOldVersionBytes = options.maxOldVersionBytes ?? DEFAULT_MAX_OLD_VERSION_BYTES;
  }

  get persistent(): boolean {
    return this.engine.persistent;
  }

  currentTs(): number {
    return this.oracle.next();
  }

  nextTs(): number {
    return this.oracle.next();
  }

  begin(options: TxnOptions = {}): Transaction {
    const startTs = options.startTs ?? this.oracle.next();
    this.active.set(startTs, (this.active.get(startTs) ?? 0) + 1);
    return new KvTransaction(this, startTs, options.pessimistic === true);
  }

  snapshot(ts?: number): Snapshot {
    const at = ts ?? this.oracle.next();
    return new EngineSnapshot(this.engine.reader(at), at);
  }

  snapshotNow(): EngineReader {
    return this.engine.reader(this.oracle.next());
  }

  reader(ts: number) {
    return this.engine.reader(ts);
  }

  lastCommit(key: Bytes): CommitRecord | undefined {
    return this.engine.lastCommit(key);
  }

  conflictError(startTs: number, key: Bytes, other: CommitRecord): Error {
    return writeConflict(startTs, key, other, this.formatKey);
  }

  /** Conflict check and apply, with no `await` between them: commits never interleave. */
  commitTxn(txn: KvTransaction): number {
    const mutations: Mutation[] = [...txn.mutations()];
    const checkTs = txn.pessimistic ? txn.forUpdateTs : txn.startTs;
    const check = (key: Bytes): void => {
      const owner = this.locks.ownerOf(key);
      if (owner !== undefined && owner !== txn.startTs) {
        throw this.conflictError(txn.startTs, key, { startTs: owner, commitTs: 0 });
      }
      const last = this.engine.lastCommit(key);
      if (last !== undefined && last.commitTs > checkTs) throw this.conflictError(txn.startTs, key, last);
    };
    for (const [key] of mutations) if (!txn.pessimistic || !txn.lockedKeys.has(key)) check(key);
    if (!txn.pessimistic) for (const key of txn.lockedKeys) check(key);
    if (mutations.length === 0) return 0;
    const commitTs = this.oracle.next();
    this.engine.applyCommit(mutations, txn.startTs, commitTs, this.othersActive(txn.startTs));
    this.engine.forgetCommits?.(this.conflictHorizon());
    if (++this.commitsSinceGc >= GC_EVERY_COMMITS) this.autoGc();
    return commitTs;
  }

  /** Engines that flush asynchronously override this to wait for the flush. */
  async durable(): Promise<void> {}

  finished(txn: KvTransaction): void {
    this.locks.releaseAll(txn.startTs);
    const n = this.active.get(txn.startTs) ?? 0;
    if (n <= 1) this.active.delete(txn.startTs);
    else this.active.set(txn.startTs, n - 1);
  }

  /** How long old versions stay readable (tidb_gc_life_time); the next GC drops what falls out of it. */
  setGcLifeTime(ms: number): void {
    this.gcLifeTimeMs = Math.max(0, ms);
  }

  /** Whether a transaction other than the one begun at `startTs` is active. */
  private othersActive(startTs: number): boolean {
    return this.active.size > 1 || (this.active.get(startTs) ?? 0) > 1;
  }

  /** Commits at or before this cannot conflict with any active transaction: the oldest one's start. */
  private conflictHorizon(): number {
    let horizon = this.oracle.lastTs;
    for (const ts of this.active.keys()) if (ts < horizon) horizon = ts;
    return horizon;
  }

  /** The oldest timestamp a reader may still use: active transactions, the GC life time and the memory bound. */
  safePoint(): number {
    let safe = Math.max(this.oracle.lastTs - this.gcLifeTimeMs * 2 ** TSO_LOGICAL_BITS, this.trimmedBefore);
    for (const ts of this.active.keys()) if (ts < safe) safe = ts;
    return safe;
  }

  private autoGc(): void {
    this.commitsSinceGc = 0;
    this.collect(this.safePoint());
  }

  async gc(safePointTs: number): Promise<void> {
    this.collect(Math.min(safePointTs, this.safePoint()));
  }

  /** Drops versions older than the safe point, then the oldest beyond the memory bound. */
  private collect(safePointTs: number): void {
    this.engine.gc(safePointTs);
    if (!this.engine.trimVersions) return;
    // Readers at or after the oldest active transaction's start (or now) must keep their versions.
    const keep = this.conflictHorizon();
    this.trimmedBefore = Math.max(this.trimmedBefore, this.engine.trimVersions(this.maxOldVersionBytes, keep));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.engine.close();
  }
}
