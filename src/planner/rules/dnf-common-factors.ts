// Extracts the conjuncts common to every branch of an OR condition (a disjunctive normal form):
//   (a AND b) OR (a AND c)  →  a AND (b OR c),   (a AND b) OR a  →  a.
// Runs before predicate push-down, so a join condition repeated in each branch (TPC-H Q19's
// `p_partkey = l_partkey`) becomes a hash-join key instead of leaving a cartesian product, and a
// single-table factor reaches its data source. The rewrite holds in three-valued logic.
import { type Expression, ScalarFunction } from '../../expression/expression.js';
import { findImpl, hasSideEffects, logicalChain, splitConjunction, splitDisjunction } from '../expr-util.js';
import { Join, type Plan, Selection, walkPlan } from '../plans.js';
import { flatMap } from '../../util/arrays.js';

export function extractDnfCommonFactors(p: Plan): Plan {
  walkPlan(p, (n) => {
    if (n instanceof Selection) n.conditions = factorConditions(n.conditions);
    else if (n instanceof Join) n.otherConds = factorConditions(n.otherConds);
  });
  return p;
}

function factorConditions(conds: Expression[]): Expression[] {
  return flatMap(flatMap(conds, splitConjunction), factorDisjunction);
}

function isCall(e: Expression, name: string): e is ScalarFunction {
  return e instanceof ScalarFunction && e.name === name;
}

function includes(list: readonly Expression[], e: Expression): boolean {
  return list.some((x) => x.equals(e));
}

/** An OR condition as its common factors followed by the OR of what remains of each branch. */
function factorDisjunction(e: Expression): Expression[] {
  if (!isCall(e, 'or') || hasSideEffects(e)) return [e];
  const branches = splitDisjunction(e).map(splitConjunction);
  const common: Expression[] = [];
  for (const c of branches[0]!) {
    if (!includes(common, c) && branches.every((b) => includes(b, c))) common.push(c);
  }
  if (common.length === 0) return [e];
  const rests = branches.map((b) => b.filter((c) => !includes(common, c)));
  // A branch made only of common factors is implied by them: the whole OR is.
  if (rests.some((r) => r.length === 0)) return common;
  const andImpl = findImpl(e, 'and');
  if (!andImpl) return [e];
  const ored = logicalChain(
    'or',
    e.impl,
    rests.map((r) => logicalChain('and', andImpl, r)),
  );
  return [...common, ored];
}
