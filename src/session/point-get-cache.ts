// Prepared point selects (`SELECT cols FROM t WHERE key = ?`, or `key IN (?, ...)` by handle) skip planning after their first execution
// (TiDB's prepared plan cache, for this shape): the first run's plan is checked to be a point read by
// handle, by a unique index or by a one-column index point, with plain column output, and is remembered
// per prepared statement. Later runs with an integer parameter read by handle directly, or run the
// remembered plan with the key replaced; anything else (other parameter types, a new catalog version,
// another current database) takes the general path.
import type { FieldInfo, QueryResult, RowMode } from '../api-types.js';
import { type IndexInfo, pkHandleColumn } from '../catalog/model.js';
import { Column, Constant, type Expression } from '../expression/expression.js';
import type { EngineReader } from '../kv/engine.js';
import type { Bytes, KeyRange, KvPair, Snapshot } from '../kv/kv.js';
import type { ParsedStatement, QueryNode } from '../parser/index.js';
import type { OutputName } from '../planner/builder/select.js';
import { type AccessPath, DataSource, type Plan, Projection } from '../planner/plans.js';
import { indexPrefix, prefixRange } from '../table/codec/key.js';
import { encodeKeyValues } from '../table/codec/memcomparable.js';
import { partitionRouterOf } from '../table/partition.js';
import { projectedDecoder } from '../table/row-decoders.js';
import { PARTITION_EVAL_CONTEXT } from '../table/partition-expr.js';
import { timestampPositions } from '../table/stored-time.js';
import { type Table, tableOf } from '../table/table.js';
import { Flag, TypeCode } from '../types/field-type.js';
import type { FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import { fieldInfo, formatRows } from './result-format.js';
import { executePlan } from './run-query.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

interface PointGetRecipe {
  /** The catalog snapshot and current database the plan was built against. */
  readonly is: object;
  readonly db: string | null;
  /** The key column is unsigned: negative parameters take the general path. */
  readonly keyUnsigned: boolean;
  readonly types: readonly FieldType[];
  readonly names: readonly string[];
  readonly fields: readonly FieldInfo[];
  /** Reads by handle without an executor. */
  readonly handle?: HandleRecipe;
  /** Runs the remembered index plan with the key replaced. */
  readonly index?: IndexRecipe;
}

interface HandleRecipe {
  readonly table: Table;
  /** The partition a handle lives in (a table partitioned on its handle alone); undefined: none. */
  readonly locate?: (h: number) => number | undefined;
  /** Decodes a stored row into the output columns. */
  readonly decode: (value: Bytes, handle: number) => Row;
}

interface IndexRecipe {
  readonly ds: DataSource;
  readonly projection: Projection | undefined;
  readonly access: (v: number) => AccessPath;
  /** Reads the index entries and rows directly (a lookup of plain columns), without the executors. */
  readonly direct?: DirectIndexRead;
}

interface DirectIndexRead {
  readonly table: Table;
  readonly index: IndexInfo;
  /** The key range of the index entries of key `v`. */
  readonly range: (v: number) => KeyRange;
  readonly decode: (value: Bytes, handle: number) => Row;
}

/** Recipes by prepared statement; statements that do not qualify map to null. Per session (statements are). */
const recipes = new WeakMap<ParsedStatement, PointGetRecipe | null>();

/** Whether the statement is `SELECT <fields> FROM <one table> WHERE <column> = ?` (or `<column> IN (?, ...)`). */
function isPointShape(q: QueryNode): boolean {
  if (q.kind !== 'select') return false;
  if (q.with || q.distinct || q.options.length || q.hints.length || q.groupBy || q.having || q.windows) return false;
  if (q.orderBy || q.limit || q.lock || q.into || !q.from || q.from.kind !== 'table' || q.from.asOf) return false;
  const w = q.where;
  if (w?.kind === 'in') return !w.not && w.expr.kind === 'column' && !!w.list?.every((e) => e.kind === 'param');
  if (w?.kind !== 'binary' || w.op !== '=') return false;
  return (
    (w.left.kind === 'column' && w.right.kind === 'param') || (w.left.kind === 'param' && w.right.kind === 'column')
  );
}

/** The parameters as plain integers, or undefined when one is anything else (the general path converts). */
function integerParams(params: readonly unknown[], unsigned: boolean): number[] | undefined {
  let out: number[] | undefined;
  for (let i = 0; i < params.length; i++) {
    let v = params[i];
    // A decimal integer string (what drivers send for an application's string id) equals the integer
    // an integer key compares it as (the planner refines it the same way).
    if (typeof v === 'string' && INTEGER_TEXT.test(v)) {
      v = Number(v);
      out ??= params.slice(0, i) as number[];
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || (unsigned && v < 0)) return undefined;
    out?.push(v);
  }
  return out ?? (params as number[]);
}

/** Decimal integers of up to 15 digits (below 2^53, so Number reads them exactly). */
const INTEGER_TEXT = /^-?\d{1,15}$/;

/**
 * Remembers the plan of a prepared statement's first execution with an integer parameter when it is a
 * plain point read by handle, unique index or a one-column index point.
 */
export function rememberPointGet(
  s: Session,
  ps: ParsedStatement,
  ctx: StmtContext,
  plan: Plan,
  names: readonly OutputName[],
): void {
  if (recipes.has(ps) || ps.paramCount < 1 || ps.stmt.kind !== 'query') return;
  const vs = integerParams(ctx.params, false);
  if (!vs) return;
  recipes.set(ps, isPointShape(ps.stmt.query) ? recipeOf(s, plan, names, vs) : null);
}

const INT_TYPES: ReadonlySet<number> = new Set([
  TypeCode.Tiny,
  TypeCode.Short,
  TypeCode.Int24,
  TypeCode.Long,
  TypeCode.LongLong,
]);

function recipeOf(s: Session, plan: Plan, names: readonly OutputName[], vs: readonly number[]): PointGetRecipe | null {
  const projection = plan instanceof Projection ? plan : undefined;
  const ds = projection ? projection.children[0] : plan;
  if (!(ds instanceof DataSource) || ds.residual.length > 0) return null;
  if (ds.table.id < 0 || ds.explicitPartitions !== undefined) return null;
  if (ds.table.partition !== undefined && ds.access.kind !== 'pointGet' && ds.access.kind !== 'batchPointGet')
    return null;
  let picks: number[];
  if (projection) {
    picks = projection.exprs.map((e: Expression) => ds.schema.indexOf(e as Column));
    if (picks.some((i) => i < 0)) return null;
  } else {
    picks = ds.schema.map((_, i) => i);
  }
  const fields = plan.schema.map((c, i) => fieldInfo(c, names[i]!));
  const base = {
    is: s.infoSchema(),
    db: s.currentDbName,
    types: plan.schema.map((c) => c.type),
    names: fields.map((f) => f.name),
    fields,
  };
  const a = ds.access;
  if (a.kind === 'pointGet' || a.kind === 'batchPointGet') {
    const handles = a.kind === 'pointGet' ? [a.handle] : a.handles;
    if (!ds.handleColumn || !sameHandles(handles, vs)) return null;
    const offsets = picks.map((i) => ds.columnOffsets[i]!);
    // TIMESTAMP columns read back in the session zone: left to the executors.
    if (timestampPositions(ds.table, offsets).length) return null;
    const table = tableOf(ds.table);
    const locate = ds.table.partition ? handleLocator(ds) : undefined;
    if (locate === null) return null;
    return {
      ...base,
      keyUnsigned: (ds.handleColumn.type.flag & Flag.Unsigned) !== 0,
      handle: { table, locate, decode: projectedDecoder(table, offsets) },
    };
  }
  if (vs.length !== 1) return null;
  const v = vs[0]!;
  const index = a.kind === 'uniquePointGet' || a.kind === 'indexScan' ? a.index : undefined;
  const keyType = index && ds.table.columns[index.columns[0]!.offset]!.type;
  if (!keyType || !INT_TYPES.has(keyType.tp)) return null;
  let access: (v: number) => AccessPath;
  if (a.kind === 'uniquePointGet') {
    if (a.values.length !== 1 || !isConstantOf(a.values[0]!, v)) return null;
    const t = a.values[0]!.type;
    access = (x) => ({ ...a, values: [new Constant(x, t)] });
  } else if (a.kind === 'indexScan') {
    const r = a.ranges[0];
    if (a.ranges.length !== 1 || r?.low.length !== 1 || r.high.length !== 1 || r.low[0] !== v || r.high[0] !== v)
      return null;
    if (r.lowExcl || r.highExcl) return null;
    access = (x) => ({ ...a, ranges: [{ low: [x], lowExcl: false, high: [x], highExcl: false }] });
  } else {
    return null;
  }
  const direct = directRead(ds, index, keyType, picks);
  return { ...base, keyUnsigned: (keyType.flag & Flag.Unsigned) !== 0, index: { ds, projection, access, direct } };
}

/**
 * A direct read for an index lookup of a one-column integer index on an int-handle table, returning
 * plain columns (no TIMESTAMP): index entries of the key, then the rows by handle, in index order.
 */
function directRead(
  ds: DataSource,
  index: IndexInfo,
  keyType: FieldType,
  picks: number[],
): DirectIndexRead | undefined {
  if (index.columns.length !== 1 || ds.table.isCommonHandle || ds.table.partition) return undefined;
  const offsets = picks.map((i) => ds.columnOffsets[i]!);
  if (timestampPositions(ds.table, offsets).length) return undefined;
  const table = tableOf(ds.table);
  const start = indexPrefix(ds.table.id, index.id);
  return {
    table,
    index,
    range: (v) => prefixRange(start, encodeKeyValues([v], [keyType])),
    decode: projectedDecoder(table, offsets),
  };
}

/** The rows of index key `v`: each entry's handle, then its row. */
async function readByIndex(r: DirectIndexRead, reader: Snapshot, v: number): Promise<Row[]> {
  const [entries] = await reader.scanRanges([r.range(v)]);
  if (!entries || entries.length === 0) return [];
  const { keys, handles } = indexTargets(r, entries);
  const values = keys.length === 1 ? [await reader.get(keys[0]!)] : await reader.batchGet(keys);
  return foundRows(r.decode, handles, values);
}

/** readByIndex over a synchronous reader. */
function readByIndexNow(r: DirectIndexRead, reader: EngineReader, v: number): Row[] {
  const [entries] = reader.scanRanges([r.range(v)]);
  if (!entries || entries.length === 0) return [];
  const { keys, handles } = indexTargets(r, entries);
  if (keys.length === 1) return oneRow(r, reader.get(keys[0]!), handles[0]!);
  const values: (Bytes | undefined)[] = new Array(keys.length);
  reader.batchGet(keys, values);
  return foundRows(r.decode, handles, values);
}

/** The row keys and handles index entries point at. */
function indexTargets(r: DirectIndexRead, entries: readonly KvPair[]): { keys: Bytes[]; handles: number[] } {
  const handles: number[] = [];
  const keys: Bytes[] = [];
  for (const e of entries) {
    const h = r.table.handleFromIndexEntry(r.index, e.key, e.value) as number;
    handles.push(h);
    keys.push(r.table.rowKey(h));
  }
  return { keys, handles };
}

/** The decoded rows of the keys that were found (values[i] of handles[i]), in key order. */
function foundRows(
  decode: (value: Bytes, handle: number) => Row,
  handles: readonly number[],
  values: readonly (Bytes | undefined)[],
): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < handles.length; i++) {
    const stored = values[i];
    if (stored !== undefined) rows.push(decode(stored, handles[i]!));
  }
  return rows;
}

function isConstantOf(e: Expression, v: number): boolean {
  return e instanceof Constant && e.value === v;
}

/** Whether the plan reads exactly the distinct parameter values as handles (it may have sorted them). */
function sameHandles(handles: readonly Expression[], vs: readonly number[]): boolean {
  const want = new Set(vs);
  return handles.length === want.size && handles.every((e) => e instanceof Constant && want.has(e.value as number));
}

/**
 * The remembered plan for key `v`: views of the shared, immutable plan nodes with the access path's
 * key replaced (the shared nodes are never written).
 */
function planFor(r: IndexRecipe, v: number): Plan {
  const ds = Object.create(r.ds) as DataSource;
  ds.access = r.access(v);
  if (!r.projection) return ds;
  const p = Object.create(r.projection) as Projection;
  p.children = [ds];
  return p;
}

/**
 * Runs a remembered point read, or returns undefined when the statement has no recipe, the catalog or
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
  if (!r || r.is !== s.infoSchema() || r.db !== s.currentDbName) return undefined;
  const vs = integerParams(ctx.params, r.keyUnsigned);
  if (!vs) return undefined;
  let read: Promise<Row[]>;
  if (r.handle) {
    const h = r.handle;
    const autocommitRead = !s.txn && s.vars.autocommit && s.vars.snapshot === '';
    read = autocommitRead ? readRows(h, s.domain.storage.snapshot(), vs) : s.inTxn((txn) => readRows(h, txn, vs));
  } else if (r.index!.direct) {
    const d = r.index!.direct;
    const v = vs[0]!;
    const autocommitRead = !s.txn && s.vars.autocommit && s.vars.snapshot === '';
    read = autocommitRead ? readByIndex(d, s.domain.storage.snapshot(), v) : s.inTxn((txn) => readByIndex(d, txn, v));
  } else {
    const plan = planFor(r.index!, vs[0]!);
    read = s.inTxn((txn) => executePlan(s, ctx, txn, plan), { onRetry: () => ctx.clearWarnings() });
  }
  return read.then((rows) => resultOf(s, r, rows, rowMode));
}

/**
 * Runs a remembered point read by handle or by a one-column index without a promise, when the session
 * reads the newest data outside a transaction and the storage reads synchronously; otherwise undefined
 * (runCachedPointGet or the general path runs it). Checks privileges as runStatement does.
 */
export function runPointGetNow(
  s: Session,
  ps: ParsedStatement,
  params: readonly Value[],
  rowMode: RowMode,
): QueryResult | undefined {
  const r = recipes.get(ps);
  if (!r || r.is !== s.infoSchema() || r.db !== s.currentDbName) return undefined;
  const direct = r.index?.direct;
  if (!r.handle && !direct) return undefined;
  if (s.vars.snapshot !== '') return undefined;
  const vs = integerParams(params, r.keyUnsigned);
  if (!vs) return undefined;
  const reader = syncReader(s);
  if (!reader) return undefined;
  s.domain.privilegeChecker.check({ user: s.account.user, host: s.account.host }, ps.stmt, s.currentDbName);
  const rows = r.handle ? readRowsNow(r.handle, reader, vs) : readByIndexNow(direct!, reader, vs[0]!);
  return resultOf(s, r, rows, rowMode);
}

/**
 * The data a plain read sees, read synchronously: the newest outside a transaction; inside a
 * REPEATABLE-READ one that has written nothing, its snapshot (what the general path reads through the
 * transaction); undefined elsewhere.
 */
function syncReader(s: Session): EngineReader | undefined {
  const storage = s.domain.storage;
  const txn = s.txn;
  if (!txn) return s.vars.autocommit ? storage.snapshotNow?.() : undefined;
  if (txn.state !== 'active' || txn.mutationCount > 0 || s.txnInfo?.readCommitted) return undefined;
  return storage.reader?.(txn.startTs);
}

function resultOf(s: Session, r: PointGetRecipe, rows: Row[], rowMode: RowMode): QueryResult {
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
}

/** Routes a handle to its partition when the table is partitioned on the handle column alone; else null. */
function handleLocator(ds: DataSource): ((h: number) => number | undefined) | null {
  const pk = pkHandleColumn(ds.table);
  const router = partitionRouterOf(ds.table);
  if (!pk || router.offsets.length !== 1 || router.offsets[0] !== pk.offset) return null;
  if (router.type === 'HASH' && router.expr instanceof Column) {
    // PARTITION BY HASH(pk): the partition is |pk % n| (what the router computes, without its generality).
    const ids = router.ids;
    return (h) => ids[Math.abs(h % ids.length)];
  }
  const row: Value[] = new Array(ds.table.columns.length).fill(null);
  return (h) => {
    row[pk.offset] = h;
    const i = router.locateIndex(row, PARTITION_EVAL_CONTEXT);
    return i < 0 ? undefined : router.ids[i];
  };
}

/** The rows of the given handles: distinct, in ascending handle order as Batch_Point_Get returns them. */
async function readRows(r: HandleRecipe, reader: Snapshot, hs: readonly number[]): Promise<Row[]> {
  if (hs.length === 1) {
    const key = handleKey(r, hs[0]!);
    return key === undefined ? [] : oneRow(r, await reader.get(key), hs[0]!);
  }
  const { keys, handles } = handleTargets(r, hs);
  return foundRows(r.decode, handles, await reader.batchGet(keys));
}

/** readRows over a synchronous reader. */
function readRowsNow(r: HandleRecipe, reader: EngineReader, hs: readonly number[]): Row[] {
  if (hs.length === 1) {
    const key = handleKey(r, hs[0]!);
    return key === undefined ? [] : oneRow(r, reader.get(key), hs[0]!);
  }
  // Point reads one by one: the keys are few, and a partitioned table's are not in key order.
  const { keys, handles } = handleTargets(r, hs);
  const rows: Row[] = [];
  for (let i = 0; i < keys.length; i++) {
    const stored = reader.get(keys[i]!);
    if (stored !== undefined) rows.push(r.decode(stored, handles[i]!));
  }
  return rows;
}

/** The row key of handle `h` in its partition; undefined when no partition holds it. */
function handleKey(r: HandleRecipe, h: number): Bytes | undefined {
  const pid = r.locate ? r.locate(h) : r.table.info.id;
  return pid === undefined ? undefined : r.table.rowKey(h, pid);
}

function oneRow(r: { decode: (value: Bytes, handle: number) => Row }, stored: Bytes | undefined, h: number): Row[] {
  return stored === undefined ? [] : [r.decode(stored, h)];
}

/** The row keys of the distinct handles in ascending order, with the handle of each. */
function handleTargets(r: HandleRecipe, hs: readonly number[]): { keys: Bytes[]; handles: number[] } {
  const keys: Bytes[] = [];
  const handles: number[] = [];
  const sorted = hs.length > 32 ? hs.slice().sort((a, b) => a - b) : insertionSorted(hs);
  for (let i = 0; i < sorted.length; i++) {
    const h = sorted[i]!;
    if (i > 0 && h === sorted[i - 1]) continue;
    const key = handleKey(r, h);
    if (key === undefined) continue;
    keys.push(key);
    handles.push(h);
  }
  return { keys, handles };
}

/** A sorted copy of a short list (parameter lists are short: no comparator calls). */
function insertionSorted(hs: readonly number[]): number[] {
  const out = hs.slice();
  for (let i = 1; i < out.length; i++) {
    const v = out[i]!;
    let j = i - 1;
    for (; j >= 0 && out[j]! > v; j--) out[j + 1] = out[j]!;
    out[j + 1] = v;
  }
  return out;
}
