// FROM clause: base tables, views, CTE references, derived tables and joins, with the name scope
// each produces.
import { findPartition, type TableInfo } from '../../catalog/model.js';
import { ER, sqlError } from '../../errors/index.js';
import { Column, type Expression } from '../../expression/expression.js';
import { parseExpression } from '../../parser/index.js';
import {
  type ColumnRef,
  type JoinNode,
  parseOne,
  type QueryNode,
  type TableName,
  type TableRef,
} from '../../parser/index.js';
import { Flag, newFieldType, TypeCode } from '../../types/field-type.js';
import { CteScan, DataSource, Join, type Plan, Projection } from '../plans.js';
import { resolvePathHints } from '../index-hints.js';
import { ExprRewriter } from '../rewriter.js';
import { Scope, type ScopeEntry } from '../scope.js';
import { type PlanEnv, requireDb } from './env.js';
import type { BuiltQuery } from './select.js';

/** Builds a query block; provided by select.ts (kept as a parameter to avoid an import cycle). */
export type QueryBuilderFn = (env: PlanEnv, q: QueryNode, outer: Scope | undefined) => BuiltQuery;

export interface FromResult {
  plan: Plan;
  entries: ScopeEntry[];
  /** A join's tables as tableKeys gives them, kept so a chain of joins does not rescan its entries. */
  tables?: Map<string, string>;
}

export function buildFrom(
  env: PlanEnv,
  ref: TableRef,
  outer: Scope | undefined,
  buildQuery: QueryBuilderFn,
): FromResult {
  switch (ref.kind) {
    case 'table':
      return buildTableName(env, ref, outer, buildQuery);
    case 'derived': {
      if (ref.alias === '') throw sqlError(ER.DERIVED_MUST_HAVE_ALIAS);
      const built = buildQuery(env, ref.query, outer);
      return derivedResult(built, ref.alias, ref.columns, '');
    }
    case 'join':
      return buildJoin(env, ref, outer, buildQuery);
  }
}

/** A query used as a table: its output columns renamed to the alias. */
function derivedResult(built: BuiltQuery, alias: string, columns: string[] | undefined, db: string): FromResult {
  if (columns && columns.length !== built.names.length) throw sqlError(ER.VIEW_WRONG_LIST);
  const names = columns ?? built.names.map((n) => n.name);
  const seen = new Set<string>();
  for (const n of names) {
    const l = n.toLowerCase();
    if (seen.has(l)) throw sqlError(ER.DUP_FIELDNAME, n);
    seen.add(l);
  }
  const schema = built.plan.schema.map((c, i) =>
    c.renamed({ db, table: alias, orgTable: alias, column: names[i], orgColumn: names[i] }),
  );
  const plan = new Projection(built.plan, built.plan.schema, schema);
  plan.estRows = built.plan.estRows;
  const entries = schema.map((col, i) => ({ db, table: alias, name: names[i]!, col }));
  return { plan, entries };
}

function buildTableName(
  env: PlanEnv,
  ref: TableName,
  outer: Scope | undefined,
  buildQuery: QueryBuilderFn,
): FromResult {
  const alias = ref.alias ?? ref.name;
  if (ref.db === undefined) {
    for (let i = env.ctes.length - 1; i >= 0; i--) {
      const cte = env.ctes[i]!.get(ref.name.toLowerCase());
      if (!cte) continue;
      if (cte.def) {
        const def = cte.def;
        const schema = def.schema.map((c) => new Column(c.type, { table: alias, column: c.names.column }));
        const plan = new CteScan(def, schema);
        return { plan, entries: schema.map((col) => ({ db: '', table: alias, name: col.names.column!, col })) };
      }
      const saved = env.ctes;
      env.ctes = env.ctes.slice(0, i);
      try {
        return derivedResult(buildQuery(env, cte.query, outer), alias, cte.columns, '');
      } finally {
        env.ctes = saved;
      }
    }
  }
  const dbName = requireDb(env, ref.db);
  const virtual = env.virtualTables.lookup(dbName, ref.name);
  if (virtual)
    return dataSource(
      env,
      { id: virtual.id, name: dbName, charset: 'utf8mb4', collate: 'utf8mb4_bin' },
      virtual,
      ref,
      alias,
    );
  const db = env.is.database(dbName);
  if (!db) throw sqlError(ER.NO_SUCH_TABLE, dbName, ref.name);
  const table = env.is.table(dbName, ref.name);
  if (!table) throw sqlError(ER.NO_SUCH_TABLE, db.name, ref.name);
  if (table.view) {
    const stmt = parseOne(table.view.select).stmt;
    if (stmt.kind !== 'query') throw sqlError(ER.VIEW_INVALID, db.name, table.name);
    const viewEnv: PlanEnv = { ...env, currentDb: db.name, ctes: [] };
    const built = buildQuery(viewEnv, stmt.query, undefined);
    return derivedResult(built, alias, table.view.columns.length ? table.view.columns : undefined, db.name);
  }
  return dataSource(env, db, table, ref, alias);
}

function dataSource(
  env: PlanEnv,
  db: { id: number; name: string; charset: string; collate: string },
  table: TableInfo,
  ref: TableName,
  alias: string,
): FromResult {
  const offsets: number[] = [];
  const schema: Column[] = [];
  const entries: ScopeEntry[] = [];
  for (const c of table.columns) {
    if (c.state !== 'public') continue;
    const col = new Column(
      c.type,
      { db: db.name, table: alias, orgTable: table.name, column: c.name, orgColumn: c.name },
      c.id,
    );
    offsets.push(c.offset);
    schema.push(col);
    entries.push({ db: db.name, table: alias, name: c.name, col, hidden: c.hidden });
  }
  let handleColumn: Column | undefined;
  if (table.pkIsHandle) {
    const pk = table.indices.find((i) => i.primary)!;
    handleColumn = schema[offsets.indexOf(pk.columns[0]!.offset)];
  } else if (!table.isCommonHandle && table.id > 0) {
    handleColumn = new Column(
      newFieldType(TypeCode.LongLong, { flen: 20, decimal: 0, flag: Flag.NotNull | Flag.PriKey }),
      { db: db.name, table: alias, orgTable: table.name, column: '_tidb_rowid' },
      -1,
    );
    offsets.push(-1);
    schema.push(handleColumn);
    entries.push({ db: db.name, table: alias, name: '_tidb_rowid', col: handleColumn, hidden: true });
  }
  const explicit = ref.partitions ? partitionIdsByName(table, ref.partitions) : undefined;
  const ds = new DataSource(db as never, table, alias, offsets, handleColumn, explicit);
  if (table.partition && env.prune.mode === 'dynamic' && !env.dynamicPruneAllowed(table)) {
    env.prune.mode = 'static';
    env.warnings.push({ code: 1105, message: `disable dynamic pruning due to ${table.name} has no global stats` });
  }
  ds.prune = env.prune;
  // TiDB estimates a table whose statistics count no rows with pseudo statistics.
  const stats = env.statsOf?.(table.id);
  ds.stats = stats && stats.realtimeCount > 0 ? stats : undefined;
  ds.unionScan = isDirty(env, table);
  if (table.id > 0) ds.pathHints = resolvePathHints(env, table, db.name, alias, ref.indexHints);
  ds.schema = schema;
  ds.estRows = 10000;
  ds.indexExpressions = indexExpressions(env, table, entries);
  return { plan: ds, entries };
}

/**
 * The expressions of the table's expression indexes (its hidden generated columns) bound to the data
 * source's own columns, each with the column that holds its value (see rules/expression-index.ts).
 */
function indexExpressions(env: PlanEnv, table: TableInfo, entries: ScopeEntry[]): [Expression, Column][] {
  const hidden = entries.filter((e) => {
    const c = table.columns.find((x) => x.name === e.name);
    return c?.hidden === true && c.generated !== undefined;
  });
  if (hidden.length === 0) return [];
  const rw = new ExprRewriter(new Scope(entries.filter((e) => !e.hidden)), env.bctx, 'expression index');
  return hidden.map((e) => {
    const c = table.columns.find((x) => x.name === e.name)!;
    return [rw.rewrite(parseExpression(c.generated!.expr)), e.col];
  });
}

function isDirty(env: PlanEnv, table: TableInfo): boolean {
  const dirty = env.dirtyTables;
  if (!dirty?.size) return false;
  return dirty.has(table.id) || (table.partition?.definitions.some((d) => dirty.has(d.id)) ?? false);
}

/** `PARTITION (p0, p1)`: the partitions' ids in definition order; error 1735 for an unknown name. */
export function partitionIdsByName(table: TableInfo, names: readonly string[]): number[] {
  if (!table.partition) throw sqlError(ER.PARTITION_CLAUSE_ON_NONPARTITIONED);
  const ids = new Set<number>();
  for (const n of names) {
    const def = findPartition(table, n);
    if (!def) throw sqlError(ER.UNKNOWN_PARTITION, n, table.name);
    ids.add(def.id);
  }
  return table.partition.definitions.filter((d) => ids.has(d.id)).map((d) => d.id);
}

function buildJoin(env: PlanEnv, ref: JoinNode, outer: Scope | undefined, buildQuery: QueryBuilderFn): FromResult {
  const left = buildFrom(env, ref.left, outer, buildQuery);
  const right = buildFrom(env, ref.right, outer, buildQuery);
  const type = ref.type === 'cross' ? 'inner' : ref.type;
  const join = new Join(left.plan, right.plan, type);
  join.schema = [...left.plan.schema, ...right.plan.schema];
  let entries = [...left.entries, ...right.entries];
  const tables = joinedTables(left, right);
  const scope = new Scope(entries, outer);
  const rw = new ExprRewriter(scope, env.bctx, 'on clause', {});
  let using = ref.using;
  if (ref.natural) {
    const rightNames = new Set(right.entries.filter((e) => !e.hidden && !e.redundant).map((e) => e.name.toLowerCase()));
    using = left.entries
      .filter((e) => !e.hidden && !e.redundant && rightNames.has(e.name.toLowerCase()))
      .map((e) => e.name);
  }
  if (using && using.length > 0) {
    const common: ScopeEntry[] = [];
    const redundant = new Set<ScopeEntry>();
    for (const name of using) {
      const ref: ColumnRef = { kind: 'column', column: name };
      const l = new Scope(left.entries).findLocal(ref, 'from clause');
      const r = new Scope(right.entries).findLocal(ref, 'from clause');
      if (!l || !r) throw sqlError(ER.BAD_FIELD, name, 'from clause');
      join.otherConds.push(rw.fn('eq', [l.col, r.col]));
      const keep = type === 'right' ? r : l;
      const drop = type === 'right' ? l : r;
      common.push(keep);
      redundant.add(drop);
    }
    const rest = entries.filter((e) => !common.includes(e));
    entries = [...common, ...rest.map((e) => (redundant.has(e) ? { ...e, redundant: true } : e))];
  } else if (ref.on) {
    join.otherConds.push(rw.rewrite(ref.on));
  }
  join.estRows = Math.max(left.plan.estRows, right.plan.estRows);
  return { plan: join, entries, tables };
}

/** The tables of both sides of a join; error 1066 when a name (or alias) appears on both. */
function joinedTables(left: FromResult, right: FromResult): Map<string, string> {
  // A join's own map is copied (it stays the left side's); one built from entries is new already.
  const tables = left.tables ? new Map(left.tables) : tableKeys(left.entries);
  for (const [key, table] of right.tables ?? tableKeys(right.entries)) {
    if (tables.has(key)) throw sqlError(ER.NONUNIQ_TABLE, table);
    tables.set(key, table);
  }
  return tables;
}

/** `db.table` (lower case) of each table the entries come from, with the table's name as written. */
function tableKeys(entries: readonly ScopeEntry[]): Map<string, string> {
  const keys = new Map<string, string>();
  let db: string | undefined;
  let table: string | undefined;
  for (const e of entries) {
    // A table's columns are consecutive entries: one key per run of them.
    if (e.db === db && e.table === table) continue;
    db = e.db;
    table = e.table;
    const key = `${db.toLowerCase()}.${table.toLowerCase()}`;
    if (!keys.has(key)) keys.set(key, table);
  }
  return keys;
}
