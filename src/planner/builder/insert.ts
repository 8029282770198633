// INSERT / REPLACE: the target columns, the value rows (or the source query) and the
// ON DUPLICATE KEY UPDATE assignments.
import type { DBInfo, TableInfo } from '../../catalog/model.js';
import { ER, sqlError } from '../../errors/index.js';
import { castToEvalType } from '../../expression/builtin/cast.js';
import { BinaryLiteralConstant, Column, type Expression } from '../../expression/expression.js';
import { EvalType, evalTypeOf, type FieldType } from '../../types/field-type.js';
import type { ColumnRef, InsertStmt } from '../../parser/ast.js';
import { optimize } from '../optimize.js';
import type { Plan } from '../plans.js';
import { ExprRewriter } from '../rewriter.js';
import { Scope, type ScopeEntry } from '../scope.js';
import { type PlanEnv, requireDb } from './env.js';
import { partitionIdsByName } from './from.js';
import { buildQuery } from './select.js';
import { type CompiledCheck, enforcedChecksOf } from '../check-constraints.js';
import { type GeneratedColumn, generatedColumnsOf } from '../generated.js';

export interface InsertPlan {
  db: DBInfo;
  table: TableInfo;
  /** Table column offsets the values fill, in order. */
  columns: number[];
  /** VALUES rows; `undefined` items are DEFAULT. */
  rows?: (Expression | undefined)[][];
  select?: Plan;
  ignore: boolean;
  replace: boolean;
  /** ON DUPLICATE KEY UPDATE: evaluated on the existing row's columns followed by the inserted row's. */
  onDuplicate?: { offset: number; expr: Expression }[];
  /** The existing row's columns then the inserted row's, by table column offset. */
  onDuplicateSchema?: Column[];
  explicitPartitions?: number[];
  /** Generated columns the writer computes on every new or updated row, in column order. */
  generated: readonly GeneratedColumn[];
  /** ENFORCED check constraints, verified on every written row. */
  checks: readonly CompiledCheck[];
}

export function buildInsert(env: PlanEnv, stmt: InsertStmt): InsertPlan {
  const dbName = requireDb(env, stmt.table.db);
  const db = env.is.database(dbName);
  const table = db ? env.is.table(dbName, stmt.table.name) : undefined;
  if (!db || !table) throw sqlError(ER.NO_SUCH_TABLE, dbName, stmt.table.name);
  if (table.view) throw sqlError(ER.NON_INSERTABLE_TABLE, table.name, 'INSERT');
  const visible = table.columns.filter((c) => c.state === 'public' && !c.hidden);
  let columns: number[];
  const names = stmt.set ? stmt.set.map((a) => a.column.column) : stmt.columns;
  if (names) {
    columns = names.map((n) => {
      const c = visible.find((x) => x.name.toLowerCase() === n.toLowerCase());
      if (!c) throw sqlError(ER.BAD_FIELD, n, 'field list');
      return c.offset;
    });
    const seen = new Set<number>();
    columns.forEach((o, i) => {
      if (seen.has(o)) throw sqlError(ER.FIELD_SPECIFIED_TWICE, names[i]!);
      seen.add(o);
    });
  } else {
    columns = visible.map((c) => c.offset);
  }
  const plan: InsertPlan = {
    db,
    table,
    columns,
    ignore: stmt.ignore,
    replace: stmt.replace,
    generated: generatedColumnsOf(table, env.bctx),
    checks: enforcedChecksOf(table, env.bctx),
  };
  if (stmt.table.partitions) plan.explicitPartitions = partitionIdsByName(table, stmt.table.partitions);
  const rw = new ExprRewriter(new Scope([]), env.bctx, 'field list', {});
  if (stmt.values || stmt.set) {
    const rows = stmt.set ? [stmt.set.map((a) => a.value)] : stmt.values!;
    plan.rows = rows.map((r, i) => {
      if (r.length !== columns.length && !(r.length === 0 && !names))
        throw sqlError(ER.WRONG_VALUE_COUNT_ON_ROW, i + 1);
      return r.map((e, j) => {
        if (e.kind === 'default' && !e.column) return undefined;
        const col = table.columns[columns[j]!]!;
        if (col.generated) throw sqlError(ER.BAD_GENERATED_COLUMN, col.name, table.name);
        return numericLiteral(rw.rewrite(e), col.type, env);
      });
    });
  } else if (stmt.query) {
    const built = buildQuery(env, stmt.query, undefined);
    if (built.plan.schema.length !== columns.length) throw sqlError(ER.WRONG_VALUE_COUNT_ON_ROW, 1);
    const gen = columns.map((o) => table.columns[o]!).find((c) => c.generated);
    if (gen) throw sqlError(ER.BAD_GENERATED_COLUMN, gen.name, table.name);
    plan.select = optimize(built.plan);
  }
  if (stmt.onDuplicate) {
    const od = buildOnDuplicate(env, stmt, db, table);
    plan.onDuplicate = od.assignments;
    plan.onDuplicateSchema = od.schema;
  }
  return plan;
}

/** A hex/bit literal stored into a numeric column is the integer its bytes spell (INSERT INTO t(i) VALUES (0x41) stores 65). */
function numericLiteral(e: Expression, target: FieldType, env: PlanEnv): Expression {
  if (!(e instanceof BinaryLiteralConstant)) return e;
  const et = evalTypeOf(target);
  return et === EvalType.Int || et === EvalType.Real || et === EvalType.Decimal ? castToEvalType(e, et, env.bctx) : e;
}

function buildOnDuplicate(env: PlanEnv, stmt: InsertStmt, db: DBInfo, table: TableInfo) {
  const existing: ScopeEntry[] = [];
  const inserted: Column[] = [];
  for (const c of table.columns) {
    const names = { db: db.name, table: table.name, orgTable: table.name, column: c.name, orgColumn: c.name };
    existing.push({
      db: db.name,
      table: table.name,
      name: c.name,
      col: new Column(c.type, names, c.id),
      hidden: c.hidden,
    });
    inserted.push(new Column(c.type, names, c.id));
  }
  const valuesOf = (ref: ColumnRef): Expression => {
    const c = table.columns.find((x) => x.name.toLowerCase() === ref.column.toLowerCase());
    if (!c) throw sqlError(ER.BAD_FIELD, ref.column, 'field list');
    return inserted[c.offset]!;
  };
  const rw = new ExprRewriter(new Scope(existing), env.bctx, 'field list', { values: valuesOf });
  const assignments = stmt.onDuplicate!.map((a) => {
    const c = table.columns.find((x) => x.name.toLowerCase() === a.column.column.toLowerCase() && x.state === 'public');
    if (!c) throw sqlError(ER.BAD_FIELD, a.column.column, 'field list');
    if (c.generated) throw sqlError(ER.BAD_GENERATED_COLUMN, c.name, table.name);
    return { offset: c.offset, expr: rw.rewrite(a.value) };
  });
  return { assignments, schema: [...existing.map((e) => e.col), ...inserted] };
}
