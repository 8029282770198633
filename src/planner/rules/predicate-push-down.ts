// Predicate push-down: conditions move as close to the data as they can go, into data sources
// (where the access path can use them), join sides and join keys, and below aggregations when they
// read group keys alone.
import { Column, type Expression, ScalarFunction } from '../../expression/expression.js';
import { EvalType, isNotNull } from '../../types/field-type.js';
import {
  coveredBy,
  findImpl,
  hasSideEffects,
  isAlwaysFalse,
  isAlwaysTrue,
  logicalChain,
  notNull,
  splitConjunction,
  splitDisjunction,
  substitute,
  uidSet,
} from '../expr-util.js';
import { Aggregation, Apply, DataSource, Dual, Join, type Plan, Projection, Selection, Sort } from '../plans.js';
import { propagateEqualities } from './constant-propagation.js';
import { rejectsNulls } from './null-rejection.js';

export function pushDownPredicates(p: Plan): Plan {
  return push(p, []);
}

function push(p: Plan, conds: Expression[]): Plan {
  if (conds.some(isAlwaysFalse)) {
    const d = new Dual([], p.schema);
    return d;
  }
  conds = conds.filter((c) => !isAlwaysTrue(c));
  if (p instanceof Selection) {
    return push(p.children[0]!, [...p.conditions.flatMap(splitConjunction), ...conds]);
  }
  if (p instanceof DataSource) {
    // Conditions derived from an OR (see sideFilter) arrive again when push-down runs after join reorder.
    for (const c of conds) if (!p.conditions.some((x) => x.equals(c))) p.conditions.push(c);
    return p;
  }
  if (p instanceof Join) return pushJoin(p, conds);
  if (p instanceof Aggregation) return pushAggregation(p, conds);
  if (p instanceof Projection) {
    const map = new Map<number, Expression>();
    p.schema.forEach((c, i) => {
      map.set(c.uid, p.exprs[i]!);
    });
    const down: Expression[] = [];
    const keep: Expression[] = [];
    const movable = !p.exprs.some(hasSideEffects);
    for (const c of conds) (movable && !hasSideEffects(c) ? down : keep).push(c);
    p.children[0] = push(
      p.children[0]!,
      down.map((c) => substitute(c, map)),
    );
    return wrap(p, keep);
  }
  if (p instanceof Sort) {
    p.children[0] = push(p.children[0]!, conds);
    return p;
  }
  if (p instanceof Apply) {
    const outer = p.children[0]!;
    const down = conds.filter((c) => coveredBy(c, outer.schema) && !hasSideEffects(c));
    const keep = conds.filter((c) => !down.includes(c));
    p.children[0] = push(outer, down);
    p.children[1] = push(p.children[1]!, []);
    return wrap(p, keep);
  }
  p.children = p.children.map((c) => push(c, []));
  return wrap(p, conds);
}

/**
 * A condition on group keys alone holds for a group exactly when it holds for each of the group's rows,
 * so it filters rows before they are grouped (as TiDB pushes HAVING conditions on GROUP BY columns).
 * Only for keys whose equal values are alike: not strings (a collation equates different texts),
 * decimals (1.0 groups with 1.00) nor floating point (-0 groups with 0), where a condition could tell a
 * group's rows apart.
 */
function pushAggregation(agg: Aggregation, conds: Expression[]): Plan {
  const keys = new Map<number, Expression>();
  if (agg.mode === 'complete' && agg.groupBy.length > 0) {
    agg.firstRows.forEach((e, j) => {
      if (e instanceof Column && ALIKE_WHEN_EQUAL.has(e.evalType) && agg.groupBy.some((g) => g.equals(e))) {
        keys.set(agg.schema[agg.aggs.length + j]!.uid, e);
      }
    });
  }
  const keyUids = new Set(keys.keys());
  const down: Expression[] = [];
  const keep: Expression[] = [];
  for (const c of conds) (keys.size > 0 && !hasSideEffects(c) && coveredBy(c, keyUids) ? down : keep).push(c);
  agg.children[0] = push(
    agg.children[0]!,
    down.map((c) => substitute(c, keys)),
  );
  return wrap(agg, keep);
}

const ALIKE_WHEN_EQUAL: ReadonlySet<EvalType> = new Set([EvalType.Int, EvalType.Datetime, EvalType.Duration]);

function wrap(p: Plan, conds: Expression[]): Plan {
  if (conds.length === 0) return p;
  const s = new Selection(p, conds);
  s.estRows = Math.max(1, p.estRows * 0.8);
  return s;
}

function pushJoin(j: Join, conds: Expression[]): Plan {
  const [left, right] = j.children as [Plan, Plan];
  const leftUids = uidSet(left.schema);
  const rightUids = uidSet(right.schema);
  // A WHERE condition false or NULL on NULL-extended rows makes an outer join inner.
  const innerSide = j.joinType === 'left' ? rightUids : j.joinType === 'right' ? leftUids : null;
  if (innerSide && conds.some((c) => !hasSideEffects(c) && rejectsNulls(c, innerSide))) {
    j.joinType = 'inner';
    j.otherConds.push(...j.leftConds, ...j.rightConds);
    j.leftConds = [];
    j.rightConds = [];
  }
  let onConds = j.otherConds.flatMap(splitConjunction);
  j.otherConds = [];
  if (j.joinType === 'inner' && !j.nullAware) {
    // An inner join's ON and WHERE conditions are one conjunction: equalities carry comparisons across.
    const p = propagateEqualities([...onConds, ...conds], j.eqConds);
    j.eqConds = j.eqConds.filter((pair) => !p.settled(pair));
    j.eqSources = j.eqSources.filter(
      (c) => !(c instanceof ScalarFunction && c.name === 'eq' && p.settled([c.args[0]!, c.args[1]!])),
    );
    onConds = [];
    conds = p.conds;
  }
  const leftDown: Expression[] = [];
  const rightDown: Expression[] = [];
  const keep: Expression[] = [];
  const classify = (c: Expression, fromOn: boolean) => {
    const inLeft = coveredBy(c, leftUids);
    const inRight = coveredBy(c, rightUids);
    const pure = !hasSideEffects(c);
    if (j.joinType === 'inner') {
      if (inLeft && pure) leftDown.push(c);
      else if (inRight && pure) rightDown.push(c);
      else {
        addJoinCond(j, c, leftUids, rightUids);
        if (pure) {
          const l = sideFilter(c, leftUids);
          const r = sideFilter(c, rightUids);
          if (l) leftDown.push(l);
          if (r) rightDown.push(r);
        }
      }
      return;
    }
    // Semi joins keep their left (outer) rows: like a left join, only inner-side ON conditions go down.
    const outerIsLeft = j.joinType !== 'right';
    const outerDown = outerIsLeft ? leftDown : rightDown;
    const innerDown = outerIsLeft ? rightDown : leftDown;
    const inOuter = outerIsLeft ? inLeft : inRight;
    const inInner = outerIsLeft ? inRight : inLeft;
    if (!fromOn) {
      // WHERE conditions: only those on the outer side can go below an outer join.
      if (inOuter && pure) outerDown.push(c);
      else keep.push(c);
      return;
    }
    if (inInner && pure) innerDown.push(c);
    else if (inOuter) (outerIsLeft ? j.leftConds : j.rightConds).push(c);
    else addJoinCond(j, c, leftUids, rightUids);
  };
  for (const c of onConds) classify(c, true);
  for (const c of conds) classify(c, false);
  if (j.joinType === 'inner' && !j.nullAware) deriveNotNullKeys(j, leftDown, rightDown);
  j.children = [push(left, leftDown), push(right, rightDown)];
  return wrap(j, keep);
}

/**
 * An inner join's equality on a nullable column matches no row where it is NULL: each side filters those
 * rows early with `not(isnull(col))`, as TiDB derives it (for plain columns without NOT NULL).
 */
function deriveNotNullKeys(j: Join, leftDown: Expression[], rightDown: Expression[]): void {
  for (const [l, r] of j.eqConds) {
    for (const [key, down] of [
      [l, leftDown],
      [r, rightDown],
    ] as const) {
      if (!(key instanceof Column) || isNotNull(key.type)) continue;
      const derived = notNull(key);
      if (!down.some((c) => c.equals(derived))) down.push(derived);
    }
  }
}

/**
 * What an OR across both sides of an inner join implies for one side, as TiDB extracts filters from DNF:
 * when every branch has conjuncts on that side alone, the OR of those (TPC-H Q7's
 * `(n1.n_name = 'JAPAN' AND n2.n_name = 'INDIA') OR (n1.n_name = 'INDIA' AND n2.n_name = 'JAPAN')`
 * gives `n1.n_name = 'JAPAN' OR n1.n_name = 'INDIA'`). The OR itself stays on the join.
 */
function sideFilter(c: Expression, side: ReadonlySet<number>): Expression | undefined {
  if (!(c instanceof ScalarFunction) || c.name !== 'or') return undefined;
  const parts: Expression[] = [];
  for (const branch of splitDisjunction(c)) {
    const own = splitConjunction(branch).filter((x) => coveredBy(x, side));
    if (own.length === 0) return undefined;
    if (own.length === 1) {
      parts.push(own[0]!);
      continue;
    }
    const and = findImpl(branch, 'and');
    if (!and) return undefined;
    parts.push(logicalChain('and', and, own));
  }
  return logicalChain('or', c.impl, parts);
}

function addJoinCond(j: Join, c: Expression, left: ReadonlySet<number>, right: ReadonlySet<number>): void {
  // A null-aware join's keys are its IN comparison; other equalities only select the inner rows.
  if (c instanceof ScalarFunction && c.name === 'eq' && !hasSideEffects(c) && !j.nullAware) {
    const [a, b] = c.args as [Expression, Expression];
    if (coveredBy(a, left) && coveredBy(b, right) && a.evalType === b.evalType) {
      j.eqConds.push([a, b]);
      j.eqSources.push(c);
      return;
    }
    if (coveredBy(b, left) && coveredBy(a, right) && a.evalType === b.evalType) {
      j.eqConds.push([b, a]);
      j.eqSources.push(c);
      return;
    }
  }
  j.otherConds.push(c);
}
