// UNION / INTERSECT / EXCEPT and WITH [RECURSIVE].
import { ER, sqlError } from '../../errors/index.js';
import { castToType } from '../../expression/builtin/cast.js';
import { unifyTypes } from '../../expression/builtin/control.js';
import { Column, type Expression } from '../../expression/expression.js';
import type { ExprNode, OrderItem, QueryNode, SetOpStmt, WithClause } from '../../parser/ast.js';
import { Flag } from '../../types/field-type.js';
import { Aggregation, allocCteId, type CteDef, Limit, type Plan, Projection, SetOp, Sort } from '../plans.js';
import { ExprRewriter } from '../rewriter.js';
import { Scope } from '../scope.js';
import type { CteBinding, PlanEnv } from './env.js';
import type { BuiltQuery, OutputName } from './select.js';

type QueryBuilderFn = (env: PlanEnv, q: QueryNode, outer: Scope | undefined) => BuiltQuery;

export function withCtes<T>(env: PlanEnv, w: WithClause | undefined, body: () => T, build: QueryBuilderFn): T {
  if (!w) return body();
  const map = new Map<string, CteBinding>();
  env.ctes.push(map);
  try {
    for (const cte of w.ctes) {
      const name = cte.name.toLowerCase();
      if (map.has(name)) throw sqlError(ER.NONUNIQ_TABLE_CTE, cte.name);
      const binding: CteBinding = { def: null, query: cte.query, columns: cte.columns, recursive: false };
      if (w.recursive && referencesName(cte.query, name)) buildRecursiveCte(env, binding, cte.name, map, build);
      map.set(name, binding);
    }
    return body();
  } finally {
    env.ctes.pop();
  }
}

/** Whether a query mentions a table of this name (a recursive CTE references itself). */
function referencesName(q: QueryNode, name: string): boolean {
  return JSON.stringify(q).toLowerCase().includes(`"kind":"table","name":"${name}"`);
}

function buildRecursiveCte(
  env: PlanEnv,
  binding: CteBinding,
  name: string,
  map: Map<string, CteBinding>,
  build: QueryBuilderFn,
): void {
  const q = binding.query;
  if (q.kind !== 'setop' || q.op !== 'union') throw sqlError(ER.CTE_RECURSIVE_REQUIRES_UNION, name);
  const seed = build(env, q.left, undefined);
  const names = binding.columns ?? seed.names.map((n) => n.name);
  if (names.length !== seed.plan.schema.length) throw sqlError(ER.VIEW_WRONG_LIST);
  const schema = seed.plan.schema.map(
    (c, i) => new Column({ ...c.type, flag: c.type.flag & ~Flag.NotNull }, { column: names[i] }),
  );
  const def: CteDef = { name, seed: seed.plan, recursive: null, distinct: !q.all, schema, id: allocCteId() };
  binding.def = def;
  binding.recursive = true;
  map.set(name.toLowerCase(), binding);
  const rec = build(env, q.right, undefined);
  if (rec.plan.schema.length !== schema.length) throw sqlError(ER.WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
  def.recursive = rec.plan;
}

export function buildSetOp(env: PlanEnv, q: SetOpStmt, outer: Scope | undefined, build: QueryBuilderFn): BuiltQuery {
  const left = build(env, q.left, outer);
  const right = build(env, q.right, outer);
  if (left.plan.schema.length !== right.plan.schema.length) throw sqlError(ER.WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
  const types = left.plan.schema.map((c, i) => unifyTypes([c.type, right.plan.schema[i]!.type]));
  const names: OutputName[] = left.names.map((n) => ({
    name: n.name,
    table: '',
    orgTable: '',
    db: '',
    orgName: n.name,
  }));
  const schema = types.map((t, i) => new Column(t, { column: names[i]!.name }));
  const children = [castChild(env, left.plan, schema), castChild(env, right.plan, schema)];
  let plan: Plan;
  if (q.op === 'union') {
    plan = new SetOp(children, 'unionAll', schema);
    plan.estRows = children[0]!.estRows + children[1]!.estRows;
    if (!q.all) {
      const agg = new Aggregation(plan, [...schema]);
      agg.firstRows = [...schema];
      agg.schema = schema;
      agg.estRows = plan.estRows;
      plan = agg;
    }
  } else {
    const op = q.op === 'intersect' ? (q.all ? 'intersectAll' : 'intersect') : q.all ? 'exceptAll' : 'except';
    plan = new SetOp(children, op, schema);
    plan.estRows = children[0]!.estRows;
  }
  if (q.orderBy) plan = new Sort(plan, setOpOrder(env, q.orderBy, names, schema));
  if (q.limit) {
    const count = constInt(env, q.limit.count);
    const offset = q.limit.offset ? constInt(env, q.limit.offset) : 0;
    plan = new Limit(plan, offset, count);
  }
  return { plan, names };
}

function castChild(env: PlanEnv, p: Plan, schema: Column[]): Plan {
  const exprs: Expression[] = p.schema.map((c, i) => {
    const t = schema[i]!.type;
    if (c.type.tp === t.tp && c.type.flen === t.flen && c.type.decimal === t.decimal && c.type.collate === t.collate)
      return c;
    return castToType(c, t, env.bctx);
  });
  const proj = new Projection(
    p,
    exprs,
    schema.map((c) => new Column(c.type, c.names)),
  );
  proj.estRows = p.estRows;
  return proj;
}

function setOpOrder(env: PlanEnv, items: OrderItem[], names: OutputName[], schema: Column[]) {
  const scope = new Scope(names.map((n, i) => ({ db: '', table: '', name: n.name, col: schema[i]! })));
  const rw = new ExprRewriter(scope, env.bctx, 'order clause', {});
  return items.map((item) => {
    const n = item.expr;
    if (n.kind === 'literal' && n.type === 'int') {
      const c = schema[Number(n.text) - 1];
      if (!c) throw sqlError(ER.BAD_FIELD, n.text, 'order clause');
      return { expr: c as Expression, desc: item.desc };
    }
    if (n.kind === 'column' && n.table !== undefined)
      throw sqlError(ER.TABLENAME_NOT_ALLOWED_HERE, n.table, 'ORDER BY');
    return { expr: rw.rewrite(n), desc: item.desc };
  });
}

function constInt(env: PlanEnv, n: ExprNode): number {
  if (n.kind === 'literal' && n.type === 'int') return Number(n.text);
  if (n.kind === 'param') return Number(env.bctx.evalCtx.params[n.index]);
  throw sqlError(ER.WRONG_ARGUMENTS, 'LIMIT');
}
