// Prepared point selects by primary key (`SELECT cols FROM t WHERE pk = ?`) skip parsing, planning and
// the executor tree after their first execution: the first run's plan is checked to be a handle point
// get with plain column output and remembered per prepared statement; later runs with an integer
// parameter read the row directly (TiDB's plan cache plus its point-get fast path).
import type { FieldInfo, QueryResult, RowMode } from '../api-types.js';
import type { Column, Expression } from '../expression/expression.js';
import type { Bytes, Snapshot } from '../kv/kv.js';
import type { ParsedStatement, QueryNode } from '../parser/index.js';
import type { OutputName } from '../planner/builder/select.js';
import { DataSource, type Plan, Projection } from '../planner/plans.js';
import { type Table, tableOf } from '../table/table.js';
import { Flag } from '../types/field-type.js';
import type { FieldType } from '../types/field-type.js';
import type { Row } from '../types/value.js';
import { fieldInfo, formatRows } from './result-format.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

interface PointGetRecipe {
  /** The catalog snapshot and current database the plan was built against. */
  readonly is: object;
  readonly db: string | null;
  readonly table: Table;
  readonly unsignedHandle: boolean;
  /** Decodes a stored row into the output columns. */
  readonly decode: (value: Bytes, handle: number) => Row;
  readonly types: readonly FieldType[];
  readonly names: readonly string[];
  readonly fields: readonly FieldInfo[];
}

/** Recipes by prepared statement; statements that do not qualify map to null. Per session (statements are). */
const recipes = new WeakMap<ParsedStatement, PointGetRecipe | null>();

/** Whether the statement is `SELECT <fields> FROM <one table> WHERE <column> = ?` and nothing else. */
function isPointShape(q: QueryNode): boolean {
  if (q.kind !== 'select') return false;
  if (q.with || q.distinct || q.options.length || q.hints.length || q.groupBy || q.having || q.windows) return false;
  if (q.orderBy || q.limit || q.lock || q.into || !q.from || q.from.kind !== 'table' || q.from.asOf) return false;
  const w = q.where;
  if (w?.kind !== 'binary' || w.op !== '=') return false;
  return (
    (w.left.kind === 'column' && w.right.kind === 'param') || (w.left.kind === 'param' && w.right.kind === 'column')
  );
}

/** Remembers the plan of a prepared statement's first execution when it is a plain handle point get. */
export function rememberPointGet(s: Session, ps: ParsedStatement, plan: Plan, names: readonly OutputName[]): void {
  if (recipes.has(ps) || ps.paramCount !== 1 || ps.stmt.kind !== 'query') return;
  recipes.set(ps, isPointShape(ps.stmt.query) ? recipeOf(s, plan, names) : null);
}

function recipeOf(s: Session, plan: Plan, names: readonly OutputName[]): PointGetRecipe | null {
  const ds = plan instanceof Projection ? plan.children[0] : plan;
  if (!(ds instanceof DataSource) || ds.access.kind !== 'pointGet' || ds.residual.length > 0) return null;
  if (ds.table.id < 0 || ds.table.partition !== undefined || ds.explicitPartitions !== undefined) return null;
  if (!ds.handleColumn) return null;
  let picks: number[];
  if (plan instanceof Projection) {
    picks = plan.exprs.map((e: Expression) => ds.schema.indexOf(e as Column));
    if (picks.some((i) => i < 0)) return null;
  } else {
    picks = ds.schema.map((_, i) => i);
  }
  const fields = plan.schema.map((c, i) => fieldInfo(c, names[i]!));
  const table = tableOf(ds.table);
  return {
    is: s.domain.infoSchema(),
    db: s.currentDbName,
    table,
    unsignedHandle: (ds.handleColumn.type.flag & Flag.Unsigned) !== 0,
    decode: table.projectedDecoder(picks.map((i) => ds.columnOffsets[i]!)),
    types: plan.schema.map((c) => c.type),
    names: fields.map((f) => f.name),
    fields,
  };
}

/**
 * Runs a remembered point get, or returns undefined when the statement has no recipe, the catalog or
 * current database changed, or the parameter is not a plain integer (the general path handles
 * conversions and their warnings).
 */
export function runCachedPointGet(
  s: Session,
  ps: ParsedStatement,
  ctx: StmtContext,
  rowMode: RowMode,
): Promise<QueryResult> | undefined {
  const r = recipes.get(ps);
  if (!r || r.is !== s.domain.infoSchema() || r.db !== s.currentDbName) return undefined;
  const h = ctx.params[0];
  if (typeof h !== 'number' || !Number.isSafeInteger(h) || (r.unsignedHandle && h < 0)) return undefined;
  const autocommitRead = !s.txn && s.vars.autocommit && s.vars.get('tidb_snapshot') === '';
  const read = autocommitRead ? readRow(r, s.domain.storage.snapshot(), h) : s.inTxn((txn) => readRow(r, txn, h));
  return read.then((row) => {
    const rows = row ? [row] : [];
    s.foundRowsValue = rows.length;
    s.rowCountValue = -1;
    return {
      rows: formatRows(rows, r.types, r.names, rowMode),
      fields: r.fields.slice(),
      affectedRows: 0,
      insertId: 0,
      info: '',
      warnings: [],
    };
  });
}

async function readRow(r: PointGetRecipe, reader: Snapshot, h: number): Promise<Row | undefined> {
  const stored = await reader.get(r.table.rowKey(h));
  return stored === undefined ? undefined : r.decode(stored, h);
}
