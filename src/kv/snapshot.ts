// A Snapshot over an engine reader: async point reads and lazily batched scans.
import type { EngineReader } from './engine.js';
import type { Bytes, KeyRange, KvPair, ScanOptions, Snapshot } from './kv.js';

/** Scans start with small batches (cheap for LIMIT 1 and index probes) and grow to this size. */
const FIRST_SCAN_BATCH = 32;
const MAX_SCAN_BATCH = 1024;

export class EngineSnapshot implements Snapshot {
  constructor(
    private readonly reader: EngineReader,
    readonly ts: number,
  ) {}

  async get(key: Bytes): Promise<Bytes | undefined> {
    return this.reader.get(key);
  }

  async batchGet(keys: readonly Bytes[]): Promise<(Bytes | undefined)[]> {
    const out: (Bytes | undefined)[] = new Array(keys.length);
    this.reader.batchGet(keys, out);
    return out;
  }

  async *scan(start: Bytes, end: Bytes, options: ScanOptions = {}): AsyncIterableIterator<KvPair[]> {
    yield* scanReader(this.reader, start, end, options);
  }

  async scanRanges(ranges: readonly KeyRange[]): Promise<KvPair[][]> {
    return this.reader.scanRanges(ranges);
  }
}

/** Every pair of each range by one scan each: scanRanges for an engine with nothing better. */
export function readRanges(reader: EngineReader, ranges: readonly KeyRange[]): KvPair[][] {
  const out: KvPair[][] = new Array(ranges.length);
  for (let i = 0; i < ranges.length; i++) {
    const [start, end] = ranges[i]!;
    out[i] = start < end ? reader.scan(start, end, false, Number.POSITIVE_INFINITY) : [];
  }
  return out;
}

/** Reads [start, end) from `reader` in growing batches, resuming after the last key of each batch. */
export function* scanReader(
  reader: EngineReader,
  start: Bytes,
  end: Bytes,
  options: ScanOptions = {},
): Generator<KvPair[]> {
  const reverse = options.reverse === true;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  let batch = options.fullBatches ? MAX_SCAN_BATCH : FIRST_SCAN_BATCH;
  while (remaining > 0 && start < end) {
    const want = Math.min(batch, remaining);
    const pairs = reader.scan(start, end, reverse, want);
    if (pairs.length === 0) return;
    remaining -= pairs.length;
    yield pairs;
    if (pairs.length < want) return;
    const last = pairs[pairs.length - 1].key;
    if (reverse) end = last;
    else start = last + '\x00';
    batch = Math.min(batch * 2, MAX_SCAN_BATCH);
  }
}
