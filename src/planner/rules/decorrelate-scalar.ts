// Decorrelation of scalar subqueries over an aggregate, e.g. TPC-H Q17/Q20's
//   l_quantity < (SELECT 0.2 * avg(l2.l_quantity) FROM lineitem l2 WHERE l2.l_partkey = p_partkey)
// An Apply would run the aggregate once per outer row; instead the aggregate runs once, grouped by
// the inner side of the correlated equalities, and a left outer join on those keys gives each outer
// row its group's value:
//   Apply(outer, MaxOneRow(Projection?(Agg(Selection(correlated eqs, X)))))
//   → Projection(outer columns, value)(LeftJoin(outer, Agg grouped by the keys (X), on the eqs))
// An outer row without a group gets NULLs, which is what an aggregate over no rows gives, except
// COUNT: its 0 is restored with IFNULL. Aggregates with other values over no rows (BIT_AND...) and
// correlations other than equalities (or conditions on the outer row alone) keep the Apply.
import { Constant, Column, type Expression, ScalarFunction } from '../../expression/expression.js';
import { columnUids, contextFreeFunction, coveredBy, hasSideEffects, splitConjunction, uidSet } from '../expr-util.js';
import { planExpressions } from '../plan-expressions.js';
import { Aggregation, type Apply, Join, MaxOneRow, type Plan, Projection, Selection, Sort } from '../plans.js';
import { canPull, correlatedTo, pull, uncorrelate } from './decorrelate.js';

/** Aggregates that are NULL over no rows (as over a left join's missing match). */
const NULL_WHEN_EMPTY = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'any_value',
  'group_concat',
  'std',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
]);

export function decorrelateScalarAggregate(a: Apply): Plan | null {
  if (a.kind !== 'scalar' || !a.correlated) return null;
  const [outer, wrapped] = a.children as [Plan, Plan];
  const inner = wrapped instanceof MaxOneRow ? wrapped.children[0]! : wrapped;
  const proj = inner instanceof Projection ? inner : null;
  const agg = proj ? proj.children[0]! : inner;
  if (!(agg instanceof Aggregation) || agg.groupBy.length > 0) return null;
  if (agg.aggs.some((f) => f.name !== 'count' && !NULL_WHEN_EMPTY.has(f.name))) return null;
  const outerUids = uidSet(outer.schema);
  if (planExpressions(agg).some((e) => correlatedTo(e, outerUids))) return null;
  if (proj && (proj.exprs.length !== 1 || hasSideEffects(proj.exprs[0]!))) return null;
  const source = agg.children[0]!;
  if (!canPull(source, outerUids, false)) return null;
  const lifted = correlatedConditions(source, outerUids).map((c) => uncorrelate(c, outerUids));
  if (!lifted.every((c) => usable(c, outerUids)) || lifted.every((c) => coveredBy(c, outerUids))) return null;

  const pulled: Expression[] = [];
  const freed = pull(source, outerUids, pulled, false);
  const keys: Expression[] = [];
  const keyColumns: Column[] = [];
  const onConds: Expression[] = [];
  for (const c of pulled) {
    if (coveredBy(c, outerUids)) {
      onConds.push(c);
      continue;
    }
    const eq = c as ScalarFunction;
    const innerAt = coveredBy(eq.args[0]!, outerUids) ? 1 : 0;
    const innerSide = eq.args[innerAt]!;
    let k = keys.findIndex((x) => x.equals(innerSide));
    if (k < 0) {
      k = keys.push(innerSide) - 1;
      keyColumns.push(new Column(innerSide.type, {}));
    }
    const args = [...eq.args];
    args[innerAt] = keyColumns[k]!;
    onConds.push(new ScalarFunction(eq.name, args, eq.type, eq.impl));
  }

  agg.children = [freed];
  agg.groupBy = keys;
  agg.firstRows = [...agg.firstRows, ...keys];
  agg.schema = [...agg.schema, ...keyColumns];
  // As large as its input for join reorder, which then keeps the outer tables (in FROM order) first.
  agg.estRows = freed.estRows;

  const join = new Join(outer, agg, 'left');
  join.otherConds = onConds;
  join.schema = [...outer.schema, ...agg.schema];
  join.estRows = outer.estRows;

  const value = proj ? proj.exprs[0]! : agg.schema[0]!;
  const top = new Projection(
    join,
    [...outer.schema, restoreCounts(uncorrelate(value, outerUids), agg)],
    [...outer.schema, a.output],
  );
  top.estRows = a.estRows;
  return top;
}

/** The correlated conjuncts `pull` will lift (it walks the same Selection/Projection/Sort chain). */
function correlatedConditions(p: Plan, outer: ReadonlySet<number>): Expression[] {
  const out: Expression[] = [];
  for (let n: Plan | undefined = p; n; n = n.children[0]) {
    if (n instanceof Selection) {
      for (const c of n.conditions.flatMap(splitConjunction)) if (correlatedTo(c, outer)) out.push(c);
    } else if (!(n instanceof Projection || n instanceof Sort)) break;
  }
  return out;
}

/** A lifted condition the join can evaluate: on the outer row alone, or `outer expr = inner expr`. */
function usable(c: Expression, outer: ReadonlySet<number>): boolean {
  if (hasSideEffects(c)) return false;
  if (coveredBy(c, outer)) return true;
  if (!(c instanceof ScalarFunction) || c.name !== 'eq') return false;
  const [l, r] = c.args as [Expression, Expression];
  const readsOuter = (e: Expression) => [...columnUids(e)].some((u) => outer.has(u));
  const innerOnly = (e: Expression) => !readsOuter(e) && columnUids(e).size > 0;
  return (coveredBy(l, outer) && innerOnly(r)) || (coveredBy(r, outer) && innerOnly(l));
}

/** COUNT columns of the aggregate read as IFNULL(count, 0): an outer row without a group counted nothing. */
function restoreCounts(e: Expression, agg: Aggregation): Expression {
  const counts = new Map<number, Column>();
  agg.aggs.forEach((f, i) => {
    if (f.name === 'count') counts.set(agg.schema[i]!.uid, agg.schema[i]!);
  });
  if (counts.size === 0) return e;
  return e.transform((x) => {
    if (!(x instanceof Column) || !counts.has(x.uid)) return x;
    // IFNULL of two expressions of one type casts nothing.
    return contextFreeFunction('ifnull', [x, new Constant(0, x.type)]);
  });
}
