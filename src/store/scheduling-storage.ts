// A Storage wrapper for tests: every snapshot read (get, batchGet, scanRanges, each scan batch) passes a
// scheduler yield point first, so a seeded test scheduler can reorder concurrent readers.
import type { Bytes, KeyRange, KvPair, ScanOptions, Snapshot, Storage, Transaction, TxnOptions } from '../kv/kv.js';
import { yieldPoint } from '../util/channel.js';

async function* yieldingScan(inner: AsyncIterableIterator<KvPair[]>): AsyncIterableIterator<KvPair[]> {
  try {
    for (;;) {
      await yieldPoint('storage.scan');
      const r = await inner.next();
      if (r.done) return;
      yield r.value;
    }
  } finally {
    await inner.return?.();
  }
}

function wrapSnapshot<T extends Snapshot>(inner: T): T {
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'get')
        return async (key: Bytes) => {
          await yieldPoint('storage.get');
          return target.get(key);
        };
      if (prop === 'batchGet')
        return async (keys: readonly Bytes[]) => {
          await yieldPoint('storage.batchGet');
          return target.batchGet(keys);
        };
      if (prop === 'scanRanges')
        return async (ranges: readonly KeyRange[]) => {
          await yieldPoint('storage.scanRanges');
          return target.scanRanges(ranges);
        };
      if (prop === 'scan')
        return (start: Bytes, end: Bytes, options?: ScanOptions) => yieldingScan(target.scan(start, end, options));
      if (prop === 'currentRead') return () => wrapSnapshot((target as unknown as Transaction).currentRead());
      if (prop === 'frozen' && target.frozen) return () => wrapSnapshot(target.frozen!());
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** Wraps `inner` so that every read passes the scheduler hook's yield point. */
export class SchedulingStorage implements Storage {
  constructor(private readonly inner: Storage) {}

  get persistent(): boolean {
    return this.inner.persistent;
  }
  currentTs(): number {
    return this.inner.currentTs();
  }
  begin(options?: TxnOptions): Transaction {
    return wrapSnapshot(this.inner.begin(options));
  }
  snapshot(ts?: number): Snapshot {
    return wrapSnapshot(this.inner.snapshot(ts));
  }
  gc(safePointTs: number): Promise<void> {
    return this.inner.gc(safePointTs);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
