// What a join outputs for one outer row. The semi-join family: the row itself (semi / anti semi) or
// the row with the three-valued match column appended (left outer semi forms), given whether it
// matched. Inner and outer joins: the row joined with each matching inner row, or padded with NULLs.
import type { EvalContext } from '../expression/eval-context.js';
import type { JoinType } from '../planner/plans.js';
import type { Row, Value } from '../types/value.js';

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

/**
 * Appends to `out` outer row `row` joined with each of `matches` that passes `other` (the outer row's
 * columns first when `outerFirst`); an outer join (`padUnmatched`) adds the row with `innerWidth` NULLs
 * when none does.
 */
export function emitMatches(
  row: Row,
  matches: readonly Row[] | undefined,
  outerFirst: boolean,
  other: ((row: Row, ctx: EvalContext) => boolean) | null,
  ctx: EvalContext,
  padUnmatched: boolean,
  innerWidth: number,
  out: Row[],
): void {
  let matched = false;
  if (matches) {
    for (const m of matches) {
      const joined = outerFirst ? concatRows(row, m) : concatRows(m, row);
      if (other && !other(joined, ctx)) continue;
      matched = true;
      out.push(joined);
    }
  }
  if (!matched && padUnmatched) {
    const nulls: Value[] = new Array(innerWidth).fill(null);
    out.push(outerFirst ? concatRows(row, nulls) : concatRows(nulls, row));
  }
}

/** a's values then b's, in a new row (faster than spreading both). */
export function concatRows(a: Row, b: Row): Row {
  const n = a.length;
  const out: Row = new Array(n + b.length);
  for (let i = 0; i < n; i++) out[i] = a[i]!;
  for (let i = 0; i < b.length; i++) out[n + i] = b[i]!;
  return out;
}
