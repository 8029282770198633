// One statement's view of its transaction: reads go to the statement's read view (the transaction's
// snapshot, the newest data for pessimistic DML / FOR UPDATE / READ-COMMITTED, or a stale snapshot),
// writes go to the transaction and are remembered so that a pessimistic statement can lock every key
// it wrote before it returns, and lock waits use the session's innodb_lock_wait_timeout.
import type { Bytes, KeyRange, KvPair, ScanOptions, Snapshot, Transaction } from '../kv/kv.js';
import type { LockOptions } from '../kv/lock-manager.js';
import { tablePrefix } from '../table/codec/key.js';

const TABLE_PREFIX_LEN = tablePrefix(0).length;

function isTableKey(key: Bytes): boolean {
  return key.length >= TABLE_PREFIX_LEN && key[0] === 't';
}

export class StatementTxn implements Transaction {
  /** Keys this statement set or deleted that a pessimistic statement locks (see Transaction.set). */
  readonly written = new Set<Bytes>();
  /** Table prefixes (t{id}) of the keys it wrote without a lock. */
  private readonly unlockedTables = new Set<Bytes>();
  private lastUnlocked = '';

  constructor(
    readonly txn: Transaction,
    private readonly read: Snapshot,
    private readonly lockOptions: LockOptions,
    /** SELECT ... FOR UPDATE: readers lock the rows they return. */
    readonly forUpdate: { noWait: boolean } | undefined,
  ) {}

  get ts(): number {
    return this.read.ts;
  }
  get startTs(): number {
    return this.txn.startTs;
  }
  get pessimistic(): boolean {
    return this.txn.pessimistic;
  }
  get forUpdateTs(): number {
    return this.txn.forUpdateTs;
  }
  refreshForUpdateTs(): number {
    return this.txn.refreshForUpdateTs();
  }
  currentRead(): Snapshot {
    return this.txn.currentRead();
  }

  get(key: Bytes): Promise<Bytes | undefined> {
    return this.read.get(key);
  }
  batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]> {
    return this.read.batchGet(keys);
  }
  scan(start: Bytes, end: Bytes, options?: ScanOptions): AsyncIterableIterator<KvPair[]> {
    return this.read.scan(start, end, options);
  }
  scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]> {
    return this.read.scanRanges(ranges);
  }
  frozen(): Snapshot {
    return this.read.frozen?.() ?? this.read;
  }

  set(key: Bytes, value: Bytes, lock = true): void {
    this.txn.set(key, value);
    if (lock) this.written.add(key);
    else this.noteUnlocked(key);
  }
  delete(key: Bytes, lock = true): void {
    this.txn.delete(key);
    if (lock) this.written.add(key);
    else this.noteUnlocked(key);
  }

  private noteUnlocked(key: Bytes): void {
    // Consecutive writes are mostly of one table: its prefix is taken once.
    if (this.lastUnlocked !== '' && key.startsWith(this.lastUnlocked)) return;
    if (!isTableKey(key)) return;
    this.lastUnlocked = key.slice(0, TABLE_PREFIX_LEN);
    this.unlockedTables.add(this.lastUnlocked);
  }

  /** Table prefixes (t{id}) of every key this statement wrote, locked or not. */
  writtenTables(): Set<Bytes> {
    const out = new Set(this.unlockedTables);
    for (const k of this.written) if (isTableKey(k)) out.add(k.slice(0, TABLE_PREFIX_LEN));
    return out;
  }

  lockKeys(keys: readonly Bytes[], options: LockOptions = {}): Promise<void> {
    return this.txn.lockKeys(keys, { ...this.lockOptions, ...options });
  }

  /** Locks the rows a FOR UPDATE reader returns. */
  lockRows(keys: readonly Bytes[]): Promise<void> {
    return this.lockKeys(keys, { noWait: this.forUpdate?.noWait === true });
  }

  savepoint(): number {
    return this.txn.savepoint();
  }
  rollbackTo(savepoint: number): void {
    this.txn.rollbackTo(savepoint);
  }
  get mutationCount(): number {
    return this.txn.mutationCount;
  }
  get bufferSize(): number {
    return this.txn.bufferSize;
  }
  mutations(): Iterable<[Bytes, Bytes | undefined]> {
    return this.txn.mutations();
  }
  commit(): Promise<number> {
    return this.txn.commit();
  }
  rollback(): void {
    this.txn.rollback();
  }
  get state(): 'active' | 'committed' | 'rolledback' {
    return this.txn.state;
  }
}
