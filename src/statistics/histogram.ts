// An equi-depth histogram of one column's non-null values (TiDB's column histogram): up to
// MAX_BUCKETS buckets over the sorted values, each with its bounds, the rows up to and including it,
// how often its upper bound repeats and how many distinct values it holds. Estimates interpolate
// inside a bucket when the values are numbers; otherwise they take half of it.
import type { ValueComparator } from '../expression/value-compare.js';
import type { Value } from '../types/value.js';

export const MAX_BUCKETS = 256;

export interface Bucket {
  lower: Value;
  upper: Value;
  /** Rows in this bucket and every bucket before it. */
  cumulative: number;
  /** Rows equal to `upper`. */
  repeats: number;
  /** Distinct values in the bucket. */
  ndv: number;
}

export class Histogram {
  constructor(
    readonly buckets: readonly Bucket[],
    private readonly cmp: ValueComparator,
  ) {}

  /** Rows counted by the histogram. */
  get total(): number {
    return this.buckets.length ? this.buckets[this.buckets.length - 1]!.cumulative : 0;
  }

  /** Builds the histogram of `sorted` (non-null, ascending by `cmp`). */
  static build(sorted: readonly Value[], cmp: ValueComparator, maxBuckets = MAX_BUCKETS): Histogram {
    const buckets: Bucket[] = [];
    const depth = Math.max(1, Math.ceil(sorted.length / maxBuckets));
    let i = 0;
    while (i < sorted.length) {
      const lower = sorted[i]!;
      let ndv = 0;
      let end = i;
      // A bucket takes whole runs of equal values, so a value never spans two buckets.
      while (end < sorted.length && (end - i < depth || cmp(sorted[end]!, sorted[end - 1]!) === 0)) {
        if (end === i || cmp(sorted[end]!, sorted[end - 1]!) !== 0) ndv++;
        end++;
      }
      const upper = sorted[end - 1]!;
      let repeats = 1;
      while (end - 1 - repeats >= i && cmp(sorted[end - 1 - repeats]!, upper) === 0) repeats++;
      buckets.push({ lower, upper, cumulative: end, repeats, ndv });
      i = end;
    }
    return new Histogram(buckets, cmp);
  }

  /** Estimated rows equal to `v`. */
  equal(v: Value): number {
    const b = this.firstUpperAtLeast(v);
    if (b >= this.buckets.length) return 0;
    const bucket = this.buckets[b]!;
    if (this.cmp(v, bucket.upper) === 0) return bucket.repeats;
    if (this.cmp(v, bucket.lower) < 0) return 0;
    const rows = bucket.cumulative - (b > 0 ? this.buckets[b - 1]!.cumulative : 0) - bucket.repeats;
    return bucket.ndv > 1 ? rows / (bucket.ndv - 1) : 0;
  }

  /** Estimated rows below `v` (or at most `v` when `inclusive`). */
  below(v: Value, inclusive: boolean): number {
    const b = this.firstUpperAtLeast(v);
    if (b >= this.buckets.length) return this.total;
    const bucket = this.buckets[b]!;
    const before = b > 0 ? this.buckets[b - 1]!.cumulative : 0;
    if (this.cmp(v, bucket.upper) === 0) return bucket.cumulative - (inclusive ? 0 : bucket.repeats);
    if (this.cmp(v, bucket.lower) < 0) return before;
    const inside = bucket.cumulative - before - bucket.repeats;
    const part = inside * fraction(bucket.lower, bucket.upper, v, this.cmp);
    const eq = inclusive ? this.equal(v) : 0;
    return before + Math.min(inside, part + eq);
  }

  /** The first bucket whose upper bound is at least `v` (buckets.length when none is). */
  private firstUpperAtLeast(v: Value): number {
    let lo = 0;
    let hi = this.buckets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cmp(this.buckets[mid]!.upper, v) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Where `v` lies between `lower` and `upper`, from 0 to 1: linear for numbers, the middle otherwise. */
function fraction(lower: Value, upper: Value, v: Value, cmp: ValueComparator): number {
  if (typeof lower === 'number' && typeof upper === 'number' && typeof v === 'number' && upper > lower) {
    return Math.min(1, Math.max(0, (v - lower) / (upper - lower)));
  }
  return cmp(v, lower) <= 0 ? 0 : 0.5;
}
