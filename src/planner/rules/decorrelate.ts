// Subquery decorrelation: an Apply computing EXISTS or IN becomes a join that reads the inner side
// once. The inner plan's correlated conditions (Selections along its top, e.g. `t2.a = t1.a`) are
// pulled up into the join's conditions, where predicate push-down turns equalities into hash keys.
//   WHERE [NOT] EXISTS / IN conjunct → semi / anti semi join (NOT IN: null-aware);
//   IN / EXISTS used as a value      → left outer semi join (its match column replaces the Apply's).
//   scalar subquery of an aggregate  → left outer join with the aggregate grouped by the correlation
//                                      keys (decorrelate-scalar.ts).
// An Apply whose inner side cannot be freed of correlation (LIMIT, correlated select lists of IN,
// non-equality correlation under an aggregate) stays an Apply.
import { Column, CorrelatedColumn, type Expression, ScalarFunction } from '../../expression/expression.js';
import { coveredBy, hasSideEffects, splitConjunction, uidSet } from '../expr-util.js';
import { planExpressions } from '../plan-expressions.js';
import { decorrelateScalarAggregate } from './decorrelate-scalar.js';
import {
  Apply,
  Join,
  type JoinType,
  Limit,
  MaxOneRow,
  type Plan,
  Projection,
  Selection,
  Sort,
  TopN,
  walkPlan,
} from '../plans.js';

export function decorrelateSubqueries(p: Plan): Plan {
  // Most statements have no subquery: skip counting every column use of the plan.
  if (!containsApply(p)) return p;
  return visit(p, useCounts(p));
}

function containsApply(p: Plan): boolean {
  return p instanceof Apply || p.children.some(containsApply);
}

/** How many expressions of the plan read each column (an Apply's output read once can be consumed). */
function useCounts(p: Plan): Map<number, number> {
  const counts = new Map<number, number>();
  walkPlan(p, (n) => {
    for (const e of planExpressions(n)) {
      e.visit((x) => {
        if (x instanceof Column) counts.set(x.uid, (counts.get(x.uid) ?? 0) + 1);
      });
    }
  });
  return counts;
}

function visit(p: Plan, uses: Map<number, number>): Plan {
  if (p instanceof Selection && p.children[0] instanceof Apply) return visitFilteredApply(p, p.children[0], uses);
  if (p instanceof Apply) {
    p.children = p.children.map((c) => visit(c, uses));
    return convert(p, 'leftOuterSemi') ?? decorrelateScalarAggregate(p) ?? refresh(p);
  }
  p.children = p.children.map((c) => visit(c, uses));
  // Operators passing their child's columns through see a consumed Apply column disappear.
  if (p instanceof Selection || p instanceof Sort || p instanceof Limit || p instanceof TopN || p instanceof MaxOneRow)
    p.schema = p.children[0]!.schema;
  return p;
}

/**
 * Applies under a Selection (the builder stacks one per subquery of the WHERE clause): a conjunct
 * `out` or `not(out)` that is the only use of an Apply's output makes that Apply a (anti) semi join.
 */
function visitFilteredApply(sel: Selection, top: Apply, uses: Map<number, number>): Plan {
  const conds = sel.conditions.flatMap(splitConjunction);
  const chain: Apply[] = [];
  let base: Plan = top;
  for (; base instanceof Apply; base = base.children[0]!) chain.push(base);
  let cur = visit(base, uses);
  for (const apply of chain.reverse()) {
    apply.children = [cur, visit(apply.children[1]!, uses)];
    const out = apply.output.uid;
    const idx = uses.get(out) === 1 ? conds.findIndex((c) => isColumn(c, out) || isNotColumn(c, out)) : -1;
    let next: Plan | null = null;
    if (idx >= 0) {
      next = convert(apply, isNotColumn(conds[idx]!, out) ? 'antiSemi' : 'semi');
      if (next) conds.splice(idx, 1);
    }
    cur = next ?? convert(apply, 'leftOuterSemi') ?? decorrelateScalarAggregate(apply) ?? refresh(apply);
  }
  if (conds.length === 0) return cur;
  sel.conditions = conds;
  sel.children = [cur];
  sel.schema = cur.schema;
  return sel;
}

function refresh(a: Apply): Apply {
  a.schema = [...a.children[0]!.schema, a.output];
  return a;
}

function isColumn(e: Expression, uid: number): boolean {
  return e instanceof Column && e.uid === uid;
}

function isNotColumn(e: Expression, uid: number): boolean {
  return e instanceof ScalarFunction && e.name === 'not' && isColumn(e.args[0]!, uid);
}

/** IN's comparison as [outer, inner] equality pairs usable as null-aware hash keys, or null. */
function inKeys(a: Apply, outer: ReadonlySet<number>, inner: ReadonlySet<number>): [Expression, Expression][] | null {
  if (!a.cond) return null;
  const pairs: [Expression, Expression][] = [];
  for (const c of splitConjunction(a.cond)) {
    if (!(c instanceof ScalarFunction) || c.name !== 'eq' || hasSideEffects(c)) return null;
    const [l, r] = c.args as [Expression, Expression];
    if (!coveredBy(l, outer) || !coveredBy(r, inner) || l.evalType !== r.evalType) return null;
    pairs.push([l, r]);
  }
  return pairs;
}

/** The join replacing the Apply, or null when it must stay an Apply. */
function convert(a: Apply, joinType: JoinType): Join | null {
  // `= ANY` is IN; other quantified comparisons and scalar subqueries stay Applies.
  const isIn = a.kind === 'in' || (a.kind === 'any' && a.cond !== undefined && allEqualities(a.cond));
  if (a.kind !== 'exists' && !isIn) return null;
  const [outer, inner] = a.children as [Plan, Plan];
  const outerUids = uidSet(outer.schema);
  const exists = a.kind === 'exists';
  if (!canPull(inner, outerUids, exists)) return null;
  // NOT IN and IN as a value are three-valued: the comparison must be the join keys (null-aware),
  // apart from the pulled correlated conditions, which only decide which inner rows take part.
  const nullAware = isIn && joinType !== 'semi';
  let keys: [Expression, Expression][] | null = null;
  if (nullAware) {
    keys = inKeys(a, outerUids, uidSet(inner.schema));
    if (!keys) return null;
  }
  const pulled: Expression[] = [];
  const freed = pull(inner, outerUids, pulled, exists);
  const j = new Join(outer, freed, joinType);
  j.nullAware = nullAware;
  if (keys) j.eqConds = keys;
  else if (isIn && a.cond) j.otherConds.push(a.cond);
  j.otherConds.push(...pulled);
  j.schema = joinType === 'semi' || joinType === 'antiSemi' ? [...outer.schema] : [...outer.schema, a.output];
  j.estRows = a.estRows;
  return j;
}

function allEqualities(cond: Expression): boolean {
  return splitConjunction(cond).every((c) => c instanceof ScalarFunction && c.name === 'eq');
}

/** Whether the expression reads a column of the given outer schema through a correlated reference. */
export function correlatedTo(e: Expression, outer: ReadonlySet<number>): boolean {
  let found = false;
  e.visit((x) => {
    if (x instanceof CorrelatedColumn && outer.has(x.column.uid)) found = true;
  });
  return found;
}

function subtreeCorrelatedTo(p: Plan, outer: ReadonlySet<number>): boolean {
  let found = false;
  walkPlan(p, (n) => {
    if (!found && planExpressions(n).some((e) => correlatedTo(e, outer))) found = true;
  });
  return found;
}

/** Whether every correlated reference to `outer` sits in a condition that `pull` can lift. */
export function canPull(p: Plan, outer: ReadonlySet<number>, exists: boolean): boolean {
  if (p instanceof Selection) {
    return (
      p.conditions.flatMap(splitConjunction).every((c) => !correlatedTo(c, outer) || !hasSideEffects(c)) &&
      canPull(p.children[0]!, outer, exists)
    );
  }
  if (p instanceof Projection) {
    if (!exists && p.exprs.some((e) => correlatedTo(e, outer))) return false;
    return canPull(p.children[0]!, outer, exists);
  }
  if (p instanceof Sort) return canPull(p.children[0]!, outer, exists);
  if (p instanceof Limit && exists && p.offset === 0 && p.count >= 1) return canPull(p.children[0]!, outer, exists);
  return !subtreeCorrelatedTo(p, outer);
}

/**
 * Lifts the correlated conditions out of the inner plan's top (into `pulled`, as plain column
 * conditions), keeping the columns they read in the inner schema. Call only after canPull.
 */
export function pull(p: Plan, outer: ReadonlySet<number>, pulled: Expression[], exists: boolean): Plan {
  if (p instanceof Selection) {
    const child = pull(p.children[0]!, outer, pulled, exists);
    const keep: Expression[] = [];
    for (const c of p.conditions.flatMap(splitConjunction)) {
      if (correlatedTo(c, outer)) pulled.push(uncorrelate(c, outer));
      else keep.push(c);
    }
    if (keep.length === 0) return child;
    p.conditions = keep;
    p.children = [child];
    p.schema = child.schema;
    return p;
  }
  if (p instanceof Projection) {
    const child = pull(p.children[0]!, outer, pulled, exists);
    // EXISTS ignores the select list: a correlated one goes away with the projection.
    if (exists && p.exprs.some((e) => correlatedTo(e, outer))) return child;
    p.children = [child];
    const have = uidSet(p.schema);
    for (const c of child.schema) {
      if (have.has(c.uid) || !pulled.some((e) => readsColumn(e, c.uid))) continue;
      p.exprs = [...p.exprs, c];
      p.schema = [...p.schema, c];
      have.add(c.uid);
    }
    return p;
  }
  // Order (and, for EXISTS, a LIMIT of at least one row) does not change which rows match.
  if (p instanceof Sort || (p instanceof Limit && exists && p.offset === 0 && p.count >= 1)) {
    return pull(p.children[0]!, outer, pulled, exists);
  }
  return p;
}

function readsColumn(e: Expression, uid: number): boolean {
  let found = false;
  e.visit((x) => {
    if (x instanceof Column && x.uid === uid) found = true;
  });
  return found;
}

/** The condition with references to the outer schema read as plain columns of the join's outer side. */
export function uncorrelate(e: Expression, outer: ReadonlySet<number>): Expression {
  return e.transform((x) => (x instanceof CorrelatedColumn && outer.has(x.column.uid) ? x.column : x));
}
