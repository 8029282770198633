// Merges a snapshot scan with a transaction's write buffer, in key order (or reverse key order):
// a buffered value replaces the snapshot's value for the same key, and a buffered delete hides it.
import type { BTree } from './btree.js';
import type { Bytes, KvPair, ScanOptions } from './kv.js';
import type { BufferedValue } from './mem-buffer.js';

/** Largest batch handed out; a batch is also handed out whenever the snapshot needs another read. */
const MAX_BATCH = 1024;

/**
 * Pairs with start <= key < end from `snapshot` (a scan of the same range in the same direction)
 * overlaid with `buffer` (a frozen copy of the write buffer).
 */
export async function* unionScan(
  snapshot: AsyncIterableIterator<KvPair[]>,
  buffer: BTree<BufferedValue>,
  start: Bytes,
  end: Bytes,
  options: ScanOptions = {},
): AsyncIterableIterator<KvPair[]> {
  const reverse = options.reverse === true;
  let remaining = options.limit ?? Number.POSITIVE_INFINITY;
  if (remaining <= 0) return;
  if (buffer.size === 0) {
    // Nothing buffered (every read-only statement): the snapshot's batches pass through as they are.
    try {
      for (let r = await snapshot.next(); !r.done; r = await snapshot.next()) {
        const batch = r.value.length <= remaining ? r.value : r.value.slice(0, remaining);
        remaining -= batch.length;
        yield batch;
        if (remaining <= 0) return;
      }
    } finally {
      await snapshot.return?.();
    }
    return;
  }
  const inRange = reverse ? (k: Bytes) => k >= start : (k: Bytes) => k < end;
  // `before(a, b)`: a comes first in the scan direction.
  const before = reverse ? (a: Bytes, b: Bytes) => a > b : (a: Bytes, b: Bytes) => a < b;
  const buf = buffer.cursor();
  if (reverse) buf.seekBefore(end);
  else buf.seek(start);
  const advance = reverse ? () => buf.prev() : () => buf.next();
  // The buffered entry at the cursor when it lies in the range, else undefined.
  const current = () => (buf.valid && inRange(buf.key) ? buf.key : undefined);
  let bufKey = current();

  let snapBatch: KvPair[] = [];
  let snapPos = 0;
  let snapDone = false;
  let out: KvPair[] = [];
  try {
    while (remaining > 0) {
      if (snapPos >= snapBatch.length && !snapDone) {
        if (out.length > 0) {
          yield out;
          out = [];
        }
        const r = await snapshot.next();
        if (r.done) snapDone = true;
        else {
          snapBatch = r.value;
          snapPos = 0;
          continue;
        }
      }
      const snap = snapPos < snapBatch.length ? snapBatch[snapPos] : undefined;
      if (snap === undefined && bufKey === undefined) break;
      if (bufKey !== undefined && (snap === undefined || !before(snap.key, bufKey))) {
        // The buffered entry comes first, or replaces the snapshot's pair for the same key.
        if (snap !== undefined && snap.key === bufKey) snapPos++;
        const value = buf.value;
        if (value !== null) {
          out.push({ key: bufKey, value });
          remaining--;
        }
        advance();
        bufKey = current();
      } else if (snap !== undefined) {
        out.push(snap);
        snapPos++;
        remaining--;
      }
      if (out.length >= MAX_BATCH) {
        yield out;
        out = [];
      }
    }
    if (out.length > 0) yield out;
  } finally {
    await snapshot.return?.();
  }
}

/**
 * `pairs` (a snapshot's pairs of [start, end), in key order) overlaid with `buffer`'s entries in the
 * range: the synchronous form of unionScan for a range read whole.
 */
export function overlayRange(pairs: KvPair[], buffer: BTree<BufferedValue>, start: Bytes, end: Bytes): KvPair[] {
  const buffered = buffer.scan(start, end, false, Number.POSITIVE_INFINITY);
  if (buffered.length === 0) return pairs;
  const out: KvPair[] = [];
  let i = 0;
  for (const { key, value } of buffered) {
    while (i < pairs.length && pairs[i]!.key < key) out.push(pairs[i++]!);
    if (i < pairs.length && pairs[i]!.key === key) i++;
    if (value !== null) out.push({ key, value });
  }
  while (i < pairs.length) out.push(pairs[i++]!);
  return out;
}
