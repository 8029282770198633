// The transaction shared by every engine: reads see the snapshot at startTs overlaid with the
// transaction's own buffered writes; commit checks write-write conflicts and applies atomically.
//
// Pessimistic transactions (TiDB's default mode) lock keys before writing them. Locking a key that was
// committed after `forUpdateTs` keeps the lock and throws error 9007: the session then calls
// refreshForUpdateTs(), rolls the statement back to its savepoint and re-runs it, reading through
// currentRead() (the newest data) — TiDB's in-statement retry. Optimistic transactions check every
// written (and FOR UPDATE) key at commit against startTs.
import { ER, internalError, sqlError } from '../errors/index.js';
import type { CommitRecord, EngineReader } from './engine.js';
import type { Bytes, KeyRange, KvPair, ScanOptions, Snapshot, Transaction } from './kv.js';
import type { LockManager, LockOptions } from './lock-manager.js';
import type { BTree } from './btree.js';
import { type BufferedValue, MemBuffer } from './mem-buffer.js';
import { EngineSnapshot } from './snapshot.js';
import { overlayRange, unionScan } from './union-scan.js';

/** What a transaction needs from its storage. */
export interface TxnHost {
  readonly locks: LockManager;
  reader(ts: number): EngineReader;
  lastCommit(key: Bytes): CommitRecord | undefined;
  nextTs(): number;
  /** Checks conflicts and applies the transaction's mutations atomically; returns the commit timestamp. */
  commitTxn(txn: KvTransaction): number;
  /** Resolves when every commit so far is durable. */
  durable(): Promise<void>;
  /** Called once when the transaction commits or rolls back. */
  finished(txn: KvTransaction): void;
  conflictError(startTs: number, key: Bytes, other: CommitRecord): Error;
}

export class KvTransaction implements Transaction {
  state: 'active' | 'committed' | 'rolledback' = 'active';
  private readonly buffer = new MemBuffer();
  /** Reads at startTs overlaid with this transaction's writes. */
  private readonly reads: BufferedView;
  private forUpdate: number;
  private current: BufferedView | undefined;
  /** Keys locked (pessimistic) or read FOR UPDATE (optimistic, checked at commit). */
  readonly lockedKeys = new Set<Bytes>();

  constructor(
    private readonly host: TxnHost,
    readonly startTs: number,
    readonly pessimistic: boolean,
  ) {
    this.reads = new BufferedView(new EngineSnapshot(host.reader(startTs), startTs), this.buffer);
    this.forUpdate = startTs;
  }

  get ts(): number {
    return this.startTs;
  }

  /** The timestamp DML reads at and locks are checked against (pessimistic); starts at startTs. */
  get forUpdateTs(): number {
    return this.forUpdate;
  }

  /** Moves forUpdateTs to a new timestamp, before re-running a statement that met a newer commit. */
  refreshForUpdateTs(): number {
    this.forUpdate = this.host.nextTs();
    return this.forUpdate;
  }

  /** Reads of the newest committed data (at forUpdateTs) overlaid with this transaction's writes. */
  currentRead(): Snapshot {
    // One view per forUpdateTs: DML asks for it once per row.
    if (this.current?.ts !== this.forUpdate) {
      this.current = new BufferedView(
        new EngineSnapshot(this.host.reader(this.forUpdate), this.forUpdate),
        this.buffer,
      );
    }
    return this.current;
  }

  get(key: Bytes): Promise<Bytes | undefined> {
    return this.reads.get(key);
  }

  batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]> {
    return this.reads.batchGet(keys);
  }

  scan(start: Bytes, end: Bytes, options: ScanOptions = {}): AsyncIterableIterator<KvPair[]> {
    return this.reads.scan(start, end, options);
  }

  frozen(): Snapshot {
    return this.reads.frozen();
  }

  scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]> {
    return this.reads.scanRanges(ranges);
  }

  set(key: Bytes, value: Bytes): void {
    this.checkActive();
    this.buffer.set(key, value);
  }

  delete(key: Bytes): void {
    this.checkActive();
    this.buffer.delete(key);
  }

  async lockKeys(keys: readonly Bytes[], options: LockOptions = {}): Promise<void> {
    this.checkActive();
    for (const key of keys) {
      if (!this.pessimistic) {
        this.lockedKeys.add(key);
        continue;
      }
      // Taking a free lock needs no wait: only contended keys pay for a promise.
      if (!this.host.locks.tryLock(key, this.startTs)) await this.host.locks.lock(key, this.startTs, options);
      this.lockedKeys.add(key);
      const last = this.host.lastCommit(key);
      if (last !== undefined && last.commitTs > this.forUpdate) throw this.host.conflictError(this.startTs, key, last);
    }
  }

  savepoint(): number {
    return this.buffer.savepoint();
  }

  rollbackTo(savepoint: number): void {
    this.checkActive();
    this.buffer.rollbackTo(savepoint);
  }

  get mutationCount(): number {
    return this.buffer.count;
  }

  get bufferSize(): number {
    return this.buffer.size;
  }

  *mutations(): Iterable<[Bytes, Bytes | undefined]> {
    for (const [k, v] of this.buffer.entries()) yield [k, v === null ? undefined : v];
  }

  /** Commits; returns the commit timestamp, or 0 when there was nothing to write. */
  async commit(): Promise<number> {
    this.checkActive();
    try {
      const commitTs = this.host.commitTxn(this);
      this.state = 'committed';
      if (commitTs > 0) await this.host.durable();
      return commitTs;
    } catch (e) {
      this.state = 'rolledback';
      throw e;
    } finally {
      this.buffer.clear();
      this.host.finished(this);
    }
  }

  rollback(): void {
    if (this.state !== 'active') return;
    this.state = 'rolledback';
    this.buffer.clear();
    this.host.finished(this);
  }

  private checkActive(): void {
    if (this.state !== 'active') throw internalError(`transaction ${this.startTs} is already ${this.state}`);
  }
}

/** What a BufferedView reads of a write buffer: the live buffer, or a frozen copy of it. */
interface ReadBuffer {
  get(key: Bytes): BufferedValue | undefined;
  frozen(): BTree<BufferedValue>;
  readonly count: number;
}

/** A write buffer's contents as they were when frozen (its copy-on-write clone, never changed). */
class FrozenBuffer implements ReadBuffer {
  constructor(private readonly tree: BTree<BufferedValue>) {}
  get(key: Bytes): BufferedValue | undefined {
    return this.tree.get(key);
  }
  frozen(): BTree<BufferedValue> {
    return this.tree;
  }
  get count(): number {
    return this.tree.size;
  }
}

/** A snapshot overlaid with a write buffer (the buffer as it is at each read, unless frozen). */
class BufferedView implements Snapshot {
  constructor(
    private readonly snap: EngineSnapshot,
    private readonly buffer: ReadBuffer,
  ) {}

  frozen(): Snapshot {
    return new BufferedView(this.snap, new FrozenBuffer(this.buffer.frozen()));
  }

  get ts(): number {
    return this.snap.ts;
  }

  async get(key: Bytes): Promise<Bytes | undefined> {
    const own = this.buffer.get(key);
    if (own !== undefined) return own === null ? undefined : own;
    return this.snap.get(key);
  }

  async batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]> {
    if (this.buffer.count === 0) return this.snap.batchGet(keys);
    const out: (Bytes | undefined)[] = new Array(keys.length);
    // The keys the buffer does not decide, and where each goes in `out`.
    const rest: Bytes[] = [];
    const restAt: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const own = this.buffer.get(keys[i]!);
      if (own === undefined) {
        rest.push(keys[i]!);
        restAt.push(i);
      } else out[i] = own === null ? undefined : own;
    }
    if (rest.length > 0) {
      const read = await this.snap.batchGet(rest);
      for (let j = 0; j < rest.length; j++) out[restAt[j]!] = read[j];
    }
    return out;
  }

  scan(start: Bytes, end: Bytes, options: ScanOptions = {}): AsyncIterableIterator<KvPair[]> {
    return unionScan(
      this.snap.scan(start, end, { reverse: options.reverse, fullBatches: options.fullBatches }),
      this.buffer.frozen(),
      start,
      end,
      options,
    );
  }

  async scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]> {
    const frozen = this.buffer.count > 0 ? this.buffer.frozen() : undefined;
    const lists = await this.snap.scanRanges(ranges);
    if (frozen) for (let i = 0; i < lists.length; i++) lists[i] = overlayRange(lists[i]!, frozen, ...ranges[i]!);
    return lists;
  }
}

/** TiDB's write-conflict error (9007), with the key shown by `formatKey`. */
export function writeConflict(startTs: number, key: Bytes, other: CommitRecord, formatKey: (k: Bytes) => string) {
  return sqlError(ER.WRITE_CONFLICT, startTs, other.startTs, other.commitTs, formatKey(key));
}
