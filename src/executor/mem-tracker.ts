// Per-statement memory accounting (TiDB's memory.Tracker, reduced): operators that hold rows (sort,
// hash aggregation, hash join build side) report estimated bytes; going over tidb_mem_quota_query
// cancels the statement with error 8175 instead of letting one query exhaust the process.
import type { Row, Value } from '../types/value.js';

/** Estimated bytes of a value held in a JS array (pointer plus boxed payload). */
function valueSize(v: Value): number {
  if (v === null || typeof v === 'number') return 8;
  if (typeof v === 'string') return 16 + v.length;
  if (typeof v === 'bigint') return 24;
  return 48;
}

/** Estimated bytes of a row held by an operator (of its values from `from` on). */
export function rowSize(row: Row, from = 0): number {
  let n = 32;
  for (let i = from; i < row.length; i++) n += valueSize(row[i]!);
  return n;
}

export class MemTracker {
  private used = 0;
  private peak = 0;

  /** `quota` in bytes (0 or less: unlimited); `exceeded` builds the error to throw. */
  constructor(
    readonly quota: number,
    private readonly exceeded: () => Error,
  ) {}

  consume(bytes: number): void {
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
    if (this.quota > 0 && this.used > this.quota) throw this.exceeded();
  }

  release(bytes: number): void {
    this.used -= bytes;
  }

  get bytesUsed(): number {
    return this.used;
  }

  get maxBytes(): number {
    return this.peak;
  }
}
