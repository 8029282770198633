// CREATE TABLE (column and index definitions, options, partition clause), CREATE TABLE LIKE and the
// structure of CREATE TABLE ... SELECT.
import type { MetaWriter } from '../catalog/meta.js';
import type { ColumnInfo, DBInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Constraint, CreateTableStmt, PartitionOptions, TableOption } from '../parser/ast.js';
import type { StringDefaults } from '../planner/type-spec.js';
import { allocatorFor } from '../table/auto-id.js';
import { getCharset } from '../types/charset.js';
import { getCollation } from '../types/collation.js';
import { Flag } from '../types/field-type.js';
import { buildCreateChecks, renameChecksForLike } from './check-constraint.js';
import { buildColumn, checkColumnName } from './column-def.js';
import {
  checkTableName,
  type DdlContext,
  type DdlResult,
  dbNameOf,
  draftOf,
  note,
  requireDb,
  requireTable,
  runSchemaChange,
} from './context.js';
import { buildPartitionInfo, checkGlobalOnUnpartitioned } from './partition-build.js';
import { PART_ER } from './partition-errors.js';
import { resolvePlacementRefs } from './placement.js';
import { withExpressionColumns } from './expression-index.js';
import {
  addIndexToDraft,
  checkAutoIncrement,
  checkAutoRandom,
  type IndexSpec,
  isIntHandlePk,
  recomputeKeyFlags,
} from './index-def.js';

/** Table charset/collation from its options, else the database's (MySQL resolution order). */
export function resolveCharset(options: readonly TableOption[], fallback: StringDefaults): StringDefaults {
  const cs = options.find((o) => o.name === 'charset' || o.name === 'character set')?.value;
  const co = options.find((o) => o.name === 'collate')?.value;
  if (co) {
    const coll = getCollation(co);
    if (!coll) throw sqlError(ER.UNKNOWN_COLLATION, co);
    if (cs && getCharset(cs)?.name !== coll.charset) throw sqlError(ER.COLLATION_CHARSET_MISMATCH, coll.name, cs);
    return { charset: coll.charset, collate: coll.name };
  }
  if (cs) {
    const charset = getCharset(cs.toLowerCase() === 'default' ? fallback.charset : cs);
    if (!charset) throw sqlError(ER.UNKNOWN_CHARACTER_SET, cs);
    return { charset: charset.name, collate: charset.defaultCollation };
  }
  return fallback;
}

const KNOWN_OPTIONS = new Set(['charset', 'character set', 'collate', 'comment', 'auto_increment', 'engine']);

/** Applies table options to a draft; returns the AUTO_INCREMENT=N value, if any. */
export function applyTableOptions(t: TableInfo, options: readonly TableOption[]): number | undefined {
  let autoInc: number | undefined;
  for (const o of options) {
    switch (o.name) {
      case 'comment':
        t.comment = o.value;
        break;
      case 'auto_increment':
        autoInc = Number(o.value);
        t.autoIncrementStart = autoInc;
        break;
      case 'auto_id_cache':
        t.autoIdCache = Number(o.value);
        break;
      case 'shard_row_id_bits':
        t.shardRowIdBits = Number(o.value);
        break;
      case 'pre_split_regions':
        t.preSplitRegions = Number(o.value);
        break;
      case 'placement_policy':
        // Checked against the schema's policies (resolvePlacementRefs) before the table is stored.
        t.placementPolicy = o.value;
        break;
      default:
        if (!KNOWN_OPTIONS.has(o.name)) t.options = { ...t.options, [o.name]: o.value };
    }
  }
  return autoInc;
}

function constraintIndex(t: TableInfo, c: Constraint, ctx: DdlContext | undefined): void {
  if (c.type === 'primary' || c.type === 'unique' || c.type === 'index') {
    const spec: IndexSpec = {
      kind: c.type,
      name: c.name,
      parts: c.parts,
      comment: c.comment,
      invisible: c.invisible,
      indexType: c.indexType,
      global: c.global,
    };
    addIndexToDraft(t, withExpressionColumns(t, spec, ctx));
  }
  // FULLTEXT and FOREIGN KEY are accepted and ignored; CHECK is built by buildCreateChecks.
}

/** Builds a new TableInfo from CREATE TABLE's definitions (ids allocated from meta). */
export async function buildTableInfo(
  stmt: CreateTableStmt,
  db: DBInfo,
  meta: MetaWriter,
  extraColumns: readonly ColumnInfo[] = [],
  ctx?: DdlContext,
): Promise<TableInfo> {
  checkTableName(stmt.table.name);
  const defaults = resolveCharset(stmt.options, { charset: db.charset, collate: db.collate });
  const [id] = await meta.allocGlobalIds(1);
  const now = Date.now();
  const t: TableInfo = {
    id: id!,
    name: stmt.table.name,
    charset: defaults.charset,
    collate: defaults.collate,
    comment: '',
    columns: [],
    indices: [],
    pkIsHandle: false,
    isCommonHandle: false,
    maxColumnId: 0,
    maxIndexId: 0,
    createTime: now,
    updateTime: now,
  };
  for (const def of stmt.columns) {
    if (t.columns.some((c) => c.name.toLowerCase() === def.name.toLowerCase()))
      throw sqlError(ER.DUP_FIELDNAME, def.name);
    t.columns.push(buildColumn(def, ++t.maxColumnId, t.columns.length, defaults));
  }
  for (const extra of extraColumns) {
    checkColumnName(extra.name);
    if (t.columns.some((c) => c.name.toLowerCase() === extra.name.toLowerCase())) {
      throw sqlError(ER.DUP_FIELDNAME, extra.name);
    }
    t.columns.push({ ...extra, id: ++t.maxColumnId, offset: t.columns.length });
  }
  if (t.columns.length === 0) throw sqlError(ER.TABLE_MUST_HAVE_COLUMNS);
  let clustered: boolean | undefined;
  // Indexes in TiDB's order: the table-level constraints as written, then the columns' PRIMARY KEY and
  // UNIQUE options in column order (SHOW CREATE TABLE lists them so).
  for (const c of stmt.constraints) {
    if (c.type === 'primary') clustered = c.clustered;
    constraintIndex(t, c, ctx);
  }
  for (const def of stmt.columns) {
    if (def.primaryKey) {
      addIndexToDraft(t, { kind: 'primary', parts: [{ column: def.name, desc: false }] });
      clustered = def.clustered;
    }
    if (def.unique) addIndexToDraft(t, { kind: 'unique', parts: [{ column: def.name, desc: false }] });
  }
  const pk = t.indices.find((i) => i.primary);
  if (pk) {
    if (isIntHandlePk(t, pk, clustered)) {
      t.pkIsHandle = true;
      // The integer handle is the row key itself: TiDB lists it before every index.
      t.indices = [pk, ...t.indices.filter((i) => i !== pk)];
    } else if (clustered === true) t.isCommonHandle = true;
  }
  recomputeKeyFlags(t);
  checkAutoIncrement(t);
  checkAutoRandom(t);
  buildCreateChecks(stmt, t, ctx);
  applyTableOptions(t, stmt.options);
  if (stmt.partition && ctx && partitioningEnabled(stmt.partition, ctx)) {
    t.partition = await buildPartitionInfo(stmt.partition, t, ctx, meta);
  }
  checkGlobalOnUnpartitioned(t);
  return t;
}

/** Whether the session lets the partition clause apply; if not, the table is created unpartitioned with a warning, as TiDB does. */
function partitioningEnabled(p: PartitionOptions, ctx: DdlContext): boolean {
  let message: string | undefined;
  if (ctx.enableTablePartition?.toUpperCase() === 'OFF') {
    message =
      "Partitions are ignored because Table Partition is disabled, please set 'tidb_enable_table_partition' if you need to need to enable it";
  } else if (p.type === 'list' && ctx.enableListPartition === false) {
    message = 'Unsupported partition type LIST, treat as normal table';
  } else if (p.type === 'key' && (p.columns ?? []).length === 0) {
    // KEY() over the primary key, as MySQL allows: TiDB does not partition such a table.
    message = 'Unsupported partition type KEY, treat as normal table';
  }
  if (message === undefined) return true;
  ctx.warnings.push({ level: 'Warning', code: ER.UNSUPPORTED_TYPE.code, message });
  return false;
}

/** A copy of a table's definition under new ids (CREATE TABLE LIKE, TRUNCATE). */
export async function withFreshIds(src: TableInfo, meta: MetaWriter, name: string): Promise<TableInfo> {
  const t = draftOf(src);
  const [id] = await meta.allocGlobalIds(1);
  t.id = id!;
  t.name = name;
  if (t.partition) {
    const ids = await meta.allocGlobalIds(t.partition.definitions.length);
    t.partition.definitions.forEach((d, i) => {
      d.id = ids[i]!;
    });
  }
  return t;
}

export function executeCreateTable(stmt: CreateTableStmt, ctx: DdlContext): Promise<DdlResult> {
  const dbName = dbNameOf(ctx, stmt.table);
  if (stmt.temporary && stmt.partition) throw sqlError(PART_ER.NO_TEMPORARY);
  if (stmt.temporary) throw sqlError(ER.NOT_SUPPORTED_YET, 'CREATE GLOBAL TEMPORARY TABLE');
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const db = requireDb(is, dbName);
    if (is.table(db.name, stmt.table.name)) {
      if (stmt.ifNotExists) {
        note(ctx, ER.TABLE_EXISTS, `${db.name}.${stmt.table.name}`);
        return undefined;
      }
      throw sqlError(ER.TABLE_EXISTS, `${db.name}.${stmt.table.name}`);
    }
    let t: TableInfo;
    if (stmt.like) {
      const src = requireTable(is, stmt.like.db ?? dbName, stmt.like.name);
      checkTableName(stmt.table.name);
      t = await withFreshIds(src.table, meta, stmt.table.name);
      renameChecksForLike(t);
      t.createTime = t.updateTime = Date.now();
      delete t.autoIncrementStart;
    } else {
      const extra = stmt.query ? queryColumns(stmt, ctx, dbName) : [];
      t = await buildTableInfo(stmt, db, meta, extra, ctx);
    }
    // A table without its own placement policy takes its database's (TiDB's inheritance at creation).
    if (t.placementPolicy === undefined && db.placementPolicy !== undefined) t.placementPolicy = db.placementPolicy;
    resolvePlacementRefs(is, t);
    const autoStart = t.autoIncrementStart;
    if (autoStart !== undefined && autoStart > 1) meta.setAutoIdBase(t.id, autoStart - 1);
    meta.putTable(db.id, t);
    return {
      change: { putTables: [{ dbName: db.name, table: t }] },
      result: { affectedRows: 0, ...(stmt.query ? { createdTable: { db: db.name, table: t } } : {}) },
      afterCommit: async () => {
        allocatorFor(ctx.storage, t.id).reset();
      },
    };
  });
}

/**
 * The definition of a local temporary table (CREATE TEMPORARY TABLE, also ... LIKE), with ids from
 * `allocIds`: the session keeps it, the catalog never sees it. `ctx.infoSchema` is the session's view
 * (a LIKE may name another temporary table).
 */
export async function buildTemporaryTable(
  stmt: CreateTableStmt,
  ctx: DdlContext,
  allocIds: (n: number) => number[],
): Promise<{ db: string; table: TableInfo }> {
  if (stmt.partition) throw sqlError(PART_ER.NO_TEMPORARY);
  if (stmt.query) throw sqlError(ER.NOT_SUPPORTED_YET, 'CREATE TEMPORARY TABLE ... SELECT');
  const dbName = dbNameOf(ctx, stmt.table);
  const is = ctx.infoSchema();
  const db = requireDb(is, dbName);
  const ids = { allocGlobalIds: async (n: number) => allocIds(n) } as unknown as MetaWriter;
  let t: TableInfo;
  if (stmt.like) {
    const src = requireTable(is, stmt.like.db ?? dbName, stmt.like.name);
    if (src.table.partition) throw sqlError(PART_ER.NO_TEMPORARY);
    checkTableName(stmt.table.name);
    t = await withFreshIds(src.table, ids, stmt.table.name);
    delete t.autoIncrementStart;
  } else {
    t = await buildTableInfo(stmt, db, ids, [], ctx);
  }
  t.temporary = true;
  return { db: db.name, table: t };
}

/** Columns a CREATE TABLE ... SELECT adds for its query's output. */
function queryColumns(stmt: CreateTableStmt, ctx: DdlContext, dbName: string): ColumnInfo[] {
  if (!ctx.describeQuery || !stmt.query) throw sqlError(ER.NOT_SUPPORTED_YET, 'CREATE TABLE ... SELECT');
  const defined = new Set(stmt.columns.map((c) => c.name.toLowerCase()));
  return ctx
    .describeQuery(stmt.query, dbName)
    .filter((c) => !defined.has(c.name.toLowerCase()))
    .map((c) => ({
      id: 0,
      name: c.name,
      offset: 0,
      type: { ...c.type, flag: c.type.flag & (Flag.NotNull | Flag.Unsigned | Flag.Binary | Flag.Zerofill) },
      autoIncrement: false,
      onUpdateNow: false,
      comment: '',
      state: 'public' as const,
    }));
}
