// Window frames: the bounds of each row's frame inside its (sorted) partition, as MySQL computes
// them. ROWS counts rows; RANGE compares the single ORDER BY key with the current row's key moved by
// the offset; CURRENT ROW in RANGE means the row's peer group. NULL keys sort first ascending (last
// descending) and behave as minus infinity, so a NULL row's `n PRECEDING/FOLLOWING` frame is its NULL
// peers.
import type { Value } from '../../types/value.js';

export type BoundType = 'unboundedPreceding' | 'preceding' | 'currentRow' | 'following' | 'unboundedFollowing';

export interface FrameBoundSpec {
  type: BoundType;
  /** ROWS: the row count of `n PRECEDING/FOLLOWING`. */
  rows?: number;
}

export interface FrameSpec {
  unit: 'rows' | 'range';
  start: FrameBoundSpec;
  end: FrameBoundSpec;
}

/** Peer groups (rows equal on every ORDER BY key): half-open [start, end) per row. */
export interface Peers {
  start: Int32Array;
  end: Int32Array;
}

/** RANGE `n PRECEDING/FOLLOWING`: the ORDER BY key and the moved key (per row) of each such bound. */
export interface RangeKeys {
  keys: readonly Value[];
  startTargets?: readonly Value[];
  endTargets?: readonly Value[];
  /** Compares a key with a target; both non-null. */
  cmp: (key: Value, target: Value) => number;
  desc: boolean;
}

/** Frames as half-open [start, end) per row; empty when start >= end. */
export interface Frames {
  start: Int32Array;
  end: Int32Array;
}

/** Peer groups from the ORDER BY key values of a partition's rows (no ORDER BY: one group). */
export function computePeers(n: number, sameKeys: (i: number, j: number) => boolean): Peers {
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  let g = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || !sameKeys(i - 1, i)) {
      for (let k = g; k < i; k++) {
        start[k] = g;
        end[k] = i;
      }
      g = i;
    }
  }
  return { start, end };
}

/** NULL is minus infinity. */
function cmpNullLow(r: RangeKeys, key: Value, target: Value): number {
  if (key === null) return target === null ? 0 : -1;
  if (target === null) return 1;
  return r.cmp(key, target);
}

/** The first index in [0, n) where `pred` holds (pred is false then true along the partition), else n. */
function firstWhere(n: number, pred: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first row in the frame (`isStart`) or one past its last row. */
function rangeBound(r: RangeKeys, n: number, target: Value, isStart: boolean): number {
  // Ascending: the frame starts at the first key >= target and ends after the last key <= target.
  // Descending mirrors it.
  if (!r.desc) {
    return isStart
      ? firstWhere(n, (i) => cmpNullLow(r, r.keys[i]!, target) >= 0)
      : firstWhere(n, (i) => cmpNullLow(r, r.keys[i]!, target) > 0);
  }
  return isStart
    ? firstWhere(n, (i) => cmpNullLow(r, r.keys[i]!, target) <= 0)
    : firstWhere(n, (i) => cmpNullLow(r, r.keys[i]!, target) < 0);
}

function bound(
  spec: FrameSpec,
  b: FrameBoundSpec,
  isStart: boolean,
  i: number,
  n: number,
  peers: Peers,
  range?: RangeKeys,
): number {
  switch (b.type) {
    case 'unboundedPreceding':
      return 0;
    case 'unboundedFollowing':
      return n;
    case 'currentRow':
      if (spec.unit === 'rows') return isStart ? i : i + 1;
      return isStart ? peers.start[i]! : peers.end[i]!;
    default: {
      if (spec.unit === 'rows') {
        const off = b.type === 'preceding' ? -b.rows! : b.rows!;
        return Math.min(n, Math.max(0, i + off + (isStart ? 0 : 1)));
      }
      const targets = isStart ? range!.startTargets! : range!.endTargets!;
      return rangeBound(range!, n, targets[i]!, isStart);
    }
  }
}

/** Every row's frame in a partition of `n` rows. */
export function computeFrames(spec: FrameSpec, n: number, peers: Peers, range?: RangeKeys): Frames {
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = bound(spec, spec.start, true, i, n, peers, range);
    const e = bound(spec, spec.end, false, i, n, peers, range);
    start[i] = s;
    end[i] = Math.max(s, e);
  }
  return { start, end };
}
