// Subqueries in expressions become Apply nodes under the block's plan; the expression reads the
// Apply's output column.
import { ER, sqlError } from '../../errors/index.js';
import { Column, CorrelatedColumn, type Expression } from '../../expression/expression.js';
import type { ExprNode, QueryNode } from '../../parser/ast.js';
import { Flag, newFieldType, TypeCode } from '../../types/field-type.js';
import { Apply, MaxOneRow, type Plan, type SubqueryKind, walkPlan } from '../plans.js';
import { planExpressions } from '../plan-expressions.js';
import type { ExprRewriter, SubqueryNode } from '../rewriter.js';
import type { Scope } from '../scope.js';
import type { PlanEnv } from './env.js';
import type { BlockState, BuiltQuery } from './select.js';

type QueryBuilderFn = (env: PlanEnv, q: QueryNode, outer: Scope | undefined) => BuiltQuery;

const QUANTIFIED_FUNCS: Record<string, string> = {
  '=': 'eq',
  '!=': 'ne',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
};

export function buildSubquery(
  env: PlanEnv,
  node: SubqueryNode,
  rw: ExprRewriter,
  block: BlockState,
  buildQuery: QueryBuilderFn,
): Expression {
  const built = buildQuery(env, node.query!, rw.scope);
  const inner = built.plan;
  const width = inner.schema.length;
  let kind: SubqueryKind;
  let cond: Expression | undefined;
  let type = newFieldType(TypeCode.LongLong, { flen: 1, decimal: 0 });
  let not = false;
  switch (node.kind) {
    case 'subquery': {
      if (width !== 1) throw sqlError(ER.OPERAND_COLUMNS, 1);
      kind = 'scalar';
      const t = inner.schema[0]!.type;
      type = { ...t, flag: t.flag & ~Flag.NotNull };
      break;
    }
    case 'exists':
      kind = 'exists';
      type = { ...type, flag: Flag.NotNull };
      not = node.not;
      break;
    case 'in':
      kind = 'in';
      cond = compareCond(rw, node.expr, inner, 'eq');
      not = node.not;
      break;
    case 'quantified': {
      const fname = QUANTIFIED_FUNCS[node.op]!;
      // `= ALL` and `<> ANY` keep their meaning; `= ANY` is IN, `<> ALL` is NOT IN.
      kind = node.quantifier;
      cond = compareCond(rw, node.left, inner, fname);
      break;
    }
  }
  const correlated = isCorrelated(inner);
  const output = new Column(type, {});
  const innerPlan: Plan = kind === 'scalar' ? maxOneRow(inner) : inner;
  const apply = new Apply(block.plan, innerPlan, kind, output, rw.scope.bindings, correlated, cond);
  apply.estRows = block.plan.estRows;
  block.plan = apply;
  return not ? rw.fn('not', [output]) : output;
}

function maxOneRow(p: Plan): Plan {
  const m = new MaxOneRow(p);
  m.estRows = 1;
  return m;
}

function compareCond(rw: ExprRewriter, left: ExprNode, inner: Plan, fname: string): Expression {
  const lefts = left.kind === 'row' ? left.items.map((i) => rw.rewrite(i)) : [rw.rewrite(left)];
  if (lefts.length !== inner.schema.length) throw sqlError(ER.OPERAND_COLUMNS, lefts.length);
  const parts = lefts.map((l, i) => rw.fn(fname, [l, inner.schema[i]!]));
  return fname === 'ne' ? rw.orAll(parts) : rw.andAll(parts);
}

/** Whether any expression of the plan reads an outer query's column. */
function isCorrelated(p: Plan): boolean {
  let found = false;
  walkPlan(p, (node) => {
    if (found) return;
    for (const e of planExpressions(node)) {
      e.visit((x) => {
        if (x instanceof CorrelatedColumn) found = true;
      });
    }
  });
  return found;
}
