// A Storage wrapper that delays every snapshot read (get, batchGet, scanRanges) and every scan batch,
// imitating a remote store (TiKV) so that benchmarks can show what parallel operators (e.g. index
// joins) win by overlapping reads.
import type { Bytes, KeyRange, KvPair, ScanOptions, Snapshot, Storage, Transaction, TxnOptions } from '../kv/kv.js';

/**
 * Reads waiting for their deadline, earliest first. A 1 ms `setTimeout` does not wait 1 ms: it fires on
 * the event loop's millisecond clock, anywhere from ~0.5 to 2 ms later, and timers started within the same
 * millisecond fire together — which turns overlapping reads into lock-step waves. A remote store answers
 * each read after its own round trip, so sleeps end at a deadline checked on every turn of the loop.
 */
const sleepers: { at: number; wake: () => void }[] = [];
let polling = false;

function pollSleepers(): void {
  const now = performance.now();
  let due = 0;
  while (due < sleepers.length && sleepers[due]!.at <= now) due++;
  for (const s of sleepers.splice(0, due)) s.wake();
  if (sleepers.length === 0) {
    polling = false;
    return;
  }
  // Far deadlines wait on a timer (which can be late by up to ~2 ms), near ones on the next loop turn.
  const wait = sleepers[0]!.at - now;
  if (wait > 3) setTimeout(pollSleepers, wait - 2.5);
  else setImmediate(pollSleepers);
}

function sleep(ms: number): Promise<void> {
  return new Promise((wake) => {
    const at = performance.now() + ms;
    let i = sleepers.length;
    while (i > 0 && sleepers[i - 1]!.at > at) i--;
    sleepers.splice(i, 0, { at, wake });
    if (!polling) {
      polling = true;
      setImmediate(pollSleepers);
    }
  });
}

async function* delayedScan(inner: AsyncIterableIterator<KvPair[]>, ms: number): AsyncIterableIterator<KvPair[]> {
  try {
    for (;;) {
      await sleep(ms);
      const r = await inner.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await inner.return?.();
  }
}

class DelayedSnapshot implements Snapshot {
  constructor(
    protected readonly inner: Snapshot,
    protected readonly ms: number,
  ) {}

  get ts(): number {
    return this.inner.ts;
  }

  async get(key: Bytes): Promise<Bytes | undefined> {
    await sleep(this.ms);
    return this.inner.get(key);
  }

  async batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]> {
    await sleep(this.ms);
    return this.inner.batchGet(keys);
  }

  scan(start: Bytes, end: Bytes, options?: ScanOptions): AsyncIterableIterator<KvPair[]> {
    return delayedScan(this.inner.scan(start, end, options), this.ms);
  }

  async scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]> {
    await sleep(this.ms);
    return this.inner.scanRanges(ranges);
  }

  frozen(): Snapshot {
    return new DelayedSnapshot(this.inner.frozen?.() ?? this.inner, this.ms);
  }
}

class DelayedTransaction extends DelayedSnapshot implements Transaction {
  constructor(
    private readonly txn: Transaction,
    ms: number,
  ) {
    super(txn, ms);
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
    return new DelayedSnapshot(this.txn.currentRead(), this.ms);
  }
  set(key: Bytes, value: Bytes): void {
    this.txn.set(key, value);
  }
  delete(key: Bytes): void {
    this.txn.delete(key);
  }
  lockKeys(keys: readonly Bytes[], options?: { noWait?: boolean; waitMs?: number }): Promise<void> {
    return this.txn.lockKeys(keys, options);
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

/** Wraps `inner` so that each snapshot read (get, batchGet, scan batch) takes `delayMs` longer. */
export class LatencyStorage implements Storage {
  constructor(
    private readonly inner: Storage,
    readonly delayMs: number,
  ) {}

  get persistent(): boolean {
    return this.inner.persistent;
  }
  currentTs(): number {
    return this.inner.currentTs();
  }
  begin(options?: TxnOptions): Transaction {
    return new DelayedTransaction(this.inner.begin(options), this.delayMs);
  }
  snapshot(ts?: number): Snapshot {
    return new DelayedSnapshot(this.inner.snapshot(ts), this.delayMs);
  }
  gc(safePointTs: number): Promise<void> {
    return this.inner.gc(safePointTs);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
