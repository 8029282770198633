// Null rejection: whether a WHERE condition above an outer join can only be true when the inner
// side's columns are not all NULL. Such a condition discards every NULL-extended row, so the outer
// join is an inner join (TiDB simplifies it the same way), which predicate push-down and join
// reorder can then treat freely. The test is structural and conservative.
import { Column, type Expression, ScalarFunction } from '../../expression/expression.js';

/** Comparisons that are NULL when an argument is NULL (`in` only for its first argument). */
const NULL_COMPARISONS = new Set(['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'like', 'in']);

/** Functions whose value is NULL when an argument is NULL. */
const NULL_PROPAGATING = new Set(['plus', 'minus', 'mul', 'div', 'intdiv', 'mod', 'unaryminus', 'cast', 'abs']);

export function rejectsNulls(cond: Expression, inner: ReadonlySet<number>): boolean {
  if (!(cond instanceof ScalarFunction)) return false;
  if (cond.name === 'and') return cond.args.some((a) => rejectsNulls(a, inner));
  if (cond.name === 'or') return cond.args.every((a) => rejectsNulls(a, inner));
  if (!NULL_COMPARISONS.has(cond.name)) return false;
  const args = cond.name === 'in' ? cond.args.slice(0, 1) : cond.args;
  return args.some((a) => nullWhenInnerNull(a, inner));
}

/** Whether the expression is NULL whenever the inner side's columns are NULL. */
function nullWhenInnerNull(e: Expression, inner: ReadonlySet<number>): boolean {
  if (e instanceof Column) return inner.has(e.uid);
  if (!(e instanceof ScalarFunction) || !NULL_PROPAGATING.has(e.name)) return false;
  return e.args.some((a) => nullWhenInnerNull(a, inner));
}
