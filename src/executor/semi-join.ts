// What the semi-join family outputs for an outer row, given whether it matched: the row itself
// (semi / anti semi) or the row with the three-valued match column appended (left outer semi forms).
import type { JoinType } from '../planner/plans.js';
import type { Row } from '../types/value.js';

/** A match result: 1 (some inner row matched), 0 (none did), null (null-aware: unknown because of NULLs). */
export type MatchResult = 1 | 0 | null;

export function isSemiFamily(t: JoinType): boolean {
  return t === 'semi' || t === 'antiSemi' || t === 'leftOuterSemi' || t === 'antiLeftOuterSemi';
}

/** Appends to `out` what the join outputs for outer row `row` with match result `m`. */
export function emitSemi(joinType: JoinType, row: Row, m: MatchResult, out: Row[]): void {
  switch (joinType) {
    case 'semi':
      if (m === 1) out.push(row);
      return;
    case 'antiSemi':
      if (m === 0) out.push(row);
      return;
    case 'leftOuterSemi':
      out.push([...row, m]);
      return;
    default:
      out.push([...row, m === null ? null : 1 - m]);
  }
}
