// Building and validating a table's partitioning (CREATE TABLE ... PARTITION BY, ALTER TABLE ...
// PARTITION BY, ADD/REORGANIZE PARTITION): the partitioning expression or columns, the partition
// definitions with their bounds normalized as TiDB stores them, and the checks MySQL/TiDB apply
// (increasing ranges, unique list values, unique keys covering the partitioning columns, ...).
import type { MetaWriter } from '../catalog/meta.js';
import type { ColumnInfo, PartitionDefinition, PartitionInfo, PartitionType, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { ExprNode, FuncCall, PartitionDef, PartitionOptions } from '../parser/ast.js';
import { parseExpression } from '../parser/index.js';
import { EvalType, type FieldType, Flag, TypeCode } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { checkIdentLength, type DdlContext } from './context.js';
import { PART_ER } from './partition-errors.js';
import { compileOverTable, partitionEvalContext, restorePartitionExpr } from './partition-eval.js';
import { intervalDefinitions } from './partition-interval.js';
import {
  checkAllowedExpr,
  columnValue,
  columnValueText,
  compareValues,
  intBound,
  MAXVALUE,
  type PartitionEnv,
  storedValue,
  valueKey,
} from './partition-values.js';

/** TiDB's (and MySQL's) limit on the number of partitions of a table. */
export const MAX_PARTITIONS = 8192;

const TYPES: Record<PartitionOptions['type'], PartitionType> = {
  range: 'RANGE',
  list: 'LIST',
  hash: 'HASH',
  key: 'KEY',
};

function findCol(t: TableInfo, name: string): ColumnInfo | undefined {
  const lower = name.toLowerCase();
  return t.columns.find((c) => c.name.toLowerCase() === lower);
}

function warn(ctx: DdlContext, message: string): void {
  ctx.warnings.push({ level: 'Warning', code: ER.UNSUPPORTED_TYPE.code, message });
}

const DATE_FUNCS = new Set([
  'to_days',
  'to_seconds',
  'dayofmonth',
  'month',
  'dayofyear',
  'quarter',
  'yearweek',
  'year',
  'weekday',
  'dayofweek',
  'day',
]);
const TIME_FUNCS = new Set(['hour', 'minute', 'second', 'time_to_sec', 'microsecond']);
const isDate = (tp: number) => tp === TypeCode.Date || tp === TypeCode.Datetime;
const isTime = (tp: number) => tp === TypeCode.Duration || tp === TypeCode.Datetime;

/** Functions that are constant, random or time-zone dependent for their argument types (1486). */
function checkFuncArgs(f: FuncCall, t: TableInfo): void {
  const types = f.args.flatMap((a) => (a.kind === 'column' ? [findCol(t, a.column)?.type.tp ?? -1] : []));
  const ok = (pred: (tp: number) => boolean) => {
    if (!types.some(pred)) throw sqlError(PART_ER.WRONG_EXPR_IN_PARTITION_FUNC);
  };
  if (DATE_FUNCS.has(f.name)) ok(isDate);
  else if (TIME_FUNCS.has(f.name)) ok(isTime);
  else if (f.name === 'unix_timestamp') ok((tp) => tp === TypeCode.Timestamp);
  else if (f.name === 'from_days') ok((tp) => isDate(tp) || isTime(tp));
  else if (f.name === 'datediff') {
    if (!types.every(isDate)) throw sqlError(PART_ER.WRONG_EXPR_IN_PARTITION_FUNC);
  } else if (f.name === 'extract') {
    const unit = f.args[0]?.kind === 'literal' ? f.args[0].text.toUpperCase() : '';
    if (['YEAR', 'YEAR_MONTH', 'QUARTER', 'MONTH', 'DAY'].includes(unit)) ok(isDate);
    else if (['DAY_MICROSECOND', 'DAY_HOUR', 'DAY_MINUTE', 'DAY_SECOND'].includes(unit))
      ok((tp) => tp === TypeCode.Datetime);
    else ok(isTime);
  } else if (['abs', 'ceiling', 'ceil', 'floor', 'mod'].includes(f.name)) {
    if (types.includes(TypeCode.Timestamp)) throw sqlError(PART_ER.WRONG_EXPR_IN_PARTITION_FUNC);
  }
}

/** Checks a partitioning expression (1564, 1486, unknown columns) and returns the columns it uses. */
export function partitionExprColumns(e: ExprNode, t: TableInfo): ColumnInfo[] {
  const cols: ColumnInfo[] = [];
  const noTimestamp = (...args: ExprNode[]) => {
    for (const a of args) {
      if (a.kind === 'column' && findCol(t, a.column)?.type.tp === TypeCode.Timestamp)
        throw sqlError(PART_ER.WRONG_EXPR_IN_PARTITION_FUNC);
    }
  };
  const walk = (n: ExprNode): void => {
    switch (n.kind) {
      case 'column': {
        const c = findCol(t, n.column);
        if (!c) throw sqlError(ER.BAD_FIELD, n.column.toLowerCase(), 'partition function');
        cols.push(c);
        return;
      }
      case 'func':
        checkAllowedExpr({ ...n, args: [] });
        checkFuncArgs(n, t);
        n.args.forEach((a, i) => {
          if (!(n.name === 'extract' && i === 0)) walk(a);
        });
        return;
      case 'binary':
        checkAllowedExpr(n);
        noTimestamp(n.left, n.right);
        walk(n.left);
        walk(n.right);
        return;
      case 'unary':
        checkAllowedExpr(n);
        noTimestamp(n.operand);
        walk(n.operand);
        return;
      default:
        checkAllowedExpr(n);
    }
  };
  walk(e);
  return cols;
}

/** Whether a column type may be a COLUMNS / KEY partitioning column. */
function columnTypeAllowed(type: PartitionType, ft: FieldType): boolean {
  if (type === 'KEY') {
    return (
      !(ft.tp >= TypeCode.TinyBlob && ft.tp <= TypeCode.Blob) && ft.tp !== TypeCode.JSON && ft.tp !== TypeCode.Geometry
    );
  }
  switch (ft.tp) {
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
    case TypeCode.Date:
    case TypeCode.Datetime:
    case TypeCode.Duration:
    case TypeCode.Varchar:
    case TypeCode.String:
      return true;
    default:
      return false;
  }
}

/** The partitioning columns of a PartitionInfo (by name) over table t. */
export function partitionColumns(t: TableInfo, pi: PartitionInfo): ColumnInfo[] {
  if (pi.expr) return partitionExprColumns(parseExpression(pi.expr), t);
  return (pi.columns ?? []).map((n) => {
    const c = findCol(t, n);
    if (!c) throw sqlError(ER.FIELD_NOT_FOUND_PART_ERROR);
    return c;
  });
}

/** The environment bound checks need, for an existing PartitionInfo over table t. */
export function envOf(t: TableInfo, pi: PartitionInfo, ctx?: DdlContext): PartitionEnv {
  const evalCtx = partitionEvalContext(ctx);
  const columnsForm = !pi.expr && pi.type !== 'KEY' && pi.type !== 'HASH';
  const cols = columnsForm ? partitionColumns(t, pi) : [];
  let unsigned = false;
  if (pi.expr) {
    const compiled = compileOverTable(t, parseExpression(pi.expr), evalCtx);
    unsigned = compiled.expr.evalType === EvalType.Int && (compiled.expr.type.flag & Flag.Unsigned) !== 0;
  }
  return { t, pi, evalCtx, cols, unsigned };
}

/** The partitioning (without definitions) of a PARTITION BY clause over table t, checked. */
function partitionHead(p: PartitionOptions, t: TableInfo, ctx: DdlContext): PartitionInfo {
  const type = TYPES[p.type];
  if ((type === 'HASH' || type === 'KEY') && p.subpartition) throw sqlError(ER.SUBPARTITION_ERROR);
  // KEY ALGORITHM = 1 | 2 (the hash of MySQL 5.1 or 5.5): anything else is a syntax error (1149).
  if (p.algorithm !== undefined && p.algorithm !== 1 && p.algorithm !== 2) throw sqlError(ER.SYNTAX_ERROR);
  if (p.linear) warn(ctx, `LINEAR ${type} is not supported, using non-linear ${type} instead`);
  if (p.subpartition) warn(ctx, `Unsupported subpartitioning, only using ${type} partitioning`);
  const pi: PartitionInfo = { type, num: 0, definitions: [] };
  if (p.expr) {
    if (partitionExprColumns(p.expr, t).length === 0) throw sqlError(PART_ER.WRONG_EXPR_IN_PARTITION_FUNC);
    pi.expr = restorePartitionExpr(p.expr);
    return pi;
  }
  let names = p.columns ?? [];
  if (type === 'KEY' && names.length === 0) {
    const pk = t.indices.find((i) => i.primary);
    names = pk ? pk.columns.map((c) => c.name) : [];
  }
  const seen = new Set<string>();
  for (const n of names) {
    const col = findCol(t, n);
    if (!col) throw sqlError(ER.FIELD_NOT_FOUND_PART_ERROR);
    if (seen.has(n.toLowerCase())) throw sqlError(PART_ER.SAME_NAME_FIELD, n.toLowerCase());
    seen.add(n.toLowerCase());
    if (!columnTypeAllowed(type, col.type)) throw sqlError(ER.FIELD_TYPE_NOT_ALLOWED_AS_PARTITION_FIELD, n);
  }
  pi.columns = [...names];
  return pi;
}

function defOptions(d: PartitionDef): Pick<PartitionDefinition, 'comment' | 'placementPolicy'> {
  const out: Pick<PartitionDefinition, 'comment' | 'placementPolicy'> = {};
  if (d.comment) out.comment = d.comment;
  const policy = d.options.find((o) => o.name === 'placement_policy')?.value;
  if (policy) out.placementPolicy = policy;
  return out;
}

/** HISTORY / CURRENT belong to SYSTEM_TIME partitioning, which TiDB (like MySQL) does not have. */
function checkNoSystemTime(d: PartitionDef): void {
  if (d.systemTime) throw sqlError(ER.PARTITION_WRONG_VALUES_ERROR, 'SYSTEM_TIME', d.systemTime);
}

function rangeDef(env: PartitionEnv, d: PartitionDef): PartitionDefinition {
  if (!d.lessThan) {
    if (d.inValues || d.isDefault) throw sqlError(ER.PARTITION_WRONG_VALUES_ERROR, 'LIST', 'IN');
    throw sqlError(PART_ER.REQUIRES_VALUES, 'RANGE', 'LESS THAN');
  }
  const ncols = Math.max(env.cols.length, 1);
  if (d.lessThan.length !== ncols) throw sqlError(ER.PARTITION_COLUMN_LIST_ERROR);
  const lessThan = d.lessThan.map((v, i) => {
    if (v === 'MAXVALUE') return MAXVALUE;
    if (env.cols.length === 0) {
      const n = intBound(env, v, d.name);
      if (n === null) throw sqlError(ER.NULL_IN_VALUES_LESS_THAN);
      return n.toString();
    }
    const value = columnValue(env, i, v);
    if (value === null) throw sqlError(ER.NULL_IN_VALUES_LESS_THAN);
    return columnValueText(value, env.cols[i]!.type, { node: v, oneColumn: env.cols.length === 1, list: false });
  });
  return { id: 0, name: d.name, lessThan, ...defOptions(d) };
}

function listDef(env: PartitionEnv, d: PartitionDef): PartitionDefinition {
  if (d.lessThan) throw sqlError(ER.PARTITION_WRONG_VALUES_ERROR, 'RANGE', 'LESS THAN');
  if (!d.inValues && !d.isDefault) throw sqlError(PART_ER.REQUIRES_VALUES, 'LIST', 'IN');
  const ncols = Math.max(env.cols.length, 1);
  const inValues = (d.inValues ?? []).map((tuple) => {
    if (tuple.length !== ncols) throw sqlError(ER.PARTITION_COLUMN_LIST_ERROR);
    return tuple.map((v, i) => {
      if (env.cols.length === 0) return intBound(env, v, d.name)?.toString() ?? 'NULL';
      return columnValueText(columnValue(env, i, v), env.cols[i]!.type, {
        node: v,
        oneColumn: env.cols.length === 1,
        list: true,
      });
    });
  });
  const defaultAt = d.isDefault && d.defaultAt !== undefined && d.defaultAt < inValues.length ? d.defaultAt : undefined;
  return {
    id: 0,
    name: d.name,
    inValues,
    ...(d.isDefault ? { isDefault: true } : {}),
    ...(defaultAt !== undefined ? { defaultAt } : {}),
    ...defOptions(d),
  };
}

/** RANGE/LIST definitions from their clauses (ids not yet allocated). */
export function rangeListDefs(env: PartitionEnv, defs: readonly PartitionDef[]): PartitionDefinition[] {
  return defs.map((d) => {
    checkIdentLength(d.name);
    checkNoSystemTime(d);
    return env.pi.type === 'RANGE' ? rangeDef(env, d) : listDef(env, d);
  });
}

/** HASH/KEY definitions: the existing ones, then the named new ones, then p<i> up to `num`. */
export function hashDefs(
  existing: readonly PartitionDefinition[],
  defs: readonly PartitionDef[],
  num: number,
): PartitionDefinition[] {
  for (const d of defs) {
    checkNoSystemTime(d);
    if (d.lessThan) throw sqlError(ER.PARTITION_WRONG_VALUES_ERROR, 'RANGE', 'LESS THAN');
    if (d.inValues) throw sqlError(ER.PARTITION_WRONG_VALUES_ERROR, 'LIST', 'IN');
  }
  const out: PartitionDefinition[] = [];
  for (let i = 0; i < num; i++) {
    const old = existing[i];
    const d = defs[i - existing.length];
    if (old) out.push({ ...old, id: 0 });
    else if (d) out.push({ id: 0, name: d.name, ...defOptions(d) });
    else out.push({ id: 0, name: `p${i}` });
  }
  return out;
}

/** Checks a full list of definitions: names, count, increasing ranges, distinct list values. */
export function checkDefinitions(env: PartitionEnv, defs: readonly PartitionDefinition[]): void {
  const names = new Set<string>();
  for (const d of defs) {
    if (names.has(d.name.toLowerCase())) throw sqlError(ER.SAME_NAME_PARTITION, d.name);
    names.add(d.name.toLowerCase());
  }
  if (defs.length > MAX_PARTITIONS) throw sqlError(ER.TOO_MANY_PARTITIONS_ERROR);
  if (env.pi.type === 'RANGE') checkRanges(env, defs);
  else if (env.pi.type === 'LIST') checkLists(env, defs);
  else if (defs.length === 0) throw sqlError(ER.NO_PARTS_ERROR, 'partitions');
}

function rangeValues(env: PartitionEnv, d: PartitionDefinition): (Value | typeof MAXVALUE)[] {
  return (d.lessThan ?? []).map((text, i) =>
    text === MAXVALUE ? MAXVALUE : storedValue(env, env.cols.length ? i : undefined, text),
  );
}

/** Whether the bound tuple `cur` is above `prev` (TiDB's column-by-column rule with MAXVALUE). */
function above(env: PartitionEnv, cur: (Value | typeof MAXVALUE)[], prev: (Value | typeof MAXVALUE)[]): boolean {
  for (let i = 0; i < cur.length; i++) {
    if (cur[i] === MAXVALUE && prev[i] !== MAXVALUE) return true;
    if (prev[i] === MAXVALUE) return false;
    const c = compareValues(env, env.cols.length ? i : undefined, cur[i] as Value, prev[i] as Value);
    if (c !== 0) return c > 0;
  }
  return false;
}

function checkRanges(env: PartitionEnv, defs: readonly PartitionDefinition[]): void {
  if (defs.length === 0) throw sqlError(ER.PARTITIONS_MUST_BE_DEFINED_ERROR, 'RANGE');
  let prev: (Value | typeof MAXVALUE)[] | undefined;
  defs.forEach((d, i) => {
    const cur = rangeValues(env, d);
    if (env.cols.length === 0 && cur[0] === MAXVALUE && i < defs.length - 1)
      throw sqlError(ER.PARTITION_MAXVALUE_ERROR);
    if (prev && !above(env, cur, prev)) throw sqlError(ER.RANGE_NOT_INCREASING_ERROR);
    prev = cur;
  });
}

function checkLists(env: PartitionEnv, defs: readonly PartitionDefinition[]): void {
  if (defs.length === 0) throw sqlError(ER.PARTITIONS_MUST_BE_DEFINED_ERROR, 'LIST');
  const seen = new Set<string>();
  let defaults = 0;
  for (const d of defs) {
    if (d.isDefault && ++defaults > 1) throw sqlError(ER.MULTIPLE_DEF_CONST_IN_LIST_PART_ERROR);
    for (const tuple of d.inValues ?? []) {
      const key = tuple
        .map((text, i) => {
          const col = env.cols.length ? i : undefined;
          return valueKey(env, col, storedValue(env, col, text));
        })
        .join('\u0000');
      if (seen.has(key)) throw sqlError(ER.MULTIPLE_DEF_CONST_IN_LIST_PART_ERROR);
      seen.add(key);
    }
  }
}

/** RANGE/LIST/HASH expressions must be integers (1659 for a bare column, 1491 otherwise). */
function checkExprType(t: TableInfo, pi: PartitionInfo, ctx: DdlContext): void {
  if (!pi.expr) return;
  const node = parseExpression(pi.expr);
  const compiled = compileOverTable(t, node, partitionEvalContext(ctx));
  if (compiled.expr.evalType === EvalType.Int) return;
  if (node.kind === 'column') throw sqlError(ER.FIELD_TYPE_NOT_ALLOWED_AS_PARTITION_FIELD, node.column.toLowerCase());
  throw sqlError(ER.PARTITION_FUNC_NOT_ALLOWED_ERROR, 'PARTITION');
}

/**
 * Every unique key (and the primary key) must include all partitioning columns in full (1503), unless
 * it is a global index: asked for with the GLOBAL option, or, with tidb_enable_global_index on, made
 * global because it does not cover them (a clustered primary key, which is the rows' handle, cannot be).
 * `alter`: the check of ALTER TABLE ADD ..., where TiDB names an added primary key just 'PRIMARY'.
 */
export function checkUniqueKeys(
  t: TableInfo,
  pi: PartitionInfo,
  opts: { enableGlobalIndex?: boolean; alter?: boolean } = {},
): void {
  const cols = partitionColumns(t, pi).map((c) => c.name.toLowerCase());
  const covers = (idx: TableInfo['indices'][number]) =>
    cols.every((c) => idx.columns.some((ic) => ic.name.toLowerCase() === c && ic.length <= 0));
  const clustered = (idx: TableInfo['indices'][number]) => idx.primary && (t.pkIsHandle || t.isCommonHandle);
  for (const idx of t.indices) {
    if (idx.global && clustered(idx))
      throw sqlError(ER.UNSUPPORTED_TYPE, 'create global index on clustered primary key');
  }
  const unique = t.indices.filter((i) => (i.unique || i.primary) && !i.global);
  // The integer handle is not an index entry in TiDB, so it is checked after the others.
  const ordered = t.pkIsHandle ? [...unique.filter((i) => !i.primary), ...unique.filter((i) => i.primary)] : unique;
  for (const idx of ordered) {
    if (covers(idx)) continue;
    if (opts.enableGlobalIndex && !clustered(idx)) {
      idx.global = true;
      continue;
    }
    const primaryTerm = opts.alter ? 'PRIMARY' : t.pkIsHandle || t.isCommonHandle ? 'CLUSTERED INDEX' : 'PRIMARY KEY';
    throw sqlError(ER.UNIQUE_KEY_NEED_ALL_FIELDS_IN_PF, idx.primary ? primaryTerm : 'UNIQUE INDEX');
  }
}

/** The GLOBAL index option needs a partitioned table (8200 otherwise, as in TiDB). */
export function checkGlobalOnUnpartitioned(t: TableInfo): void {
  if (!t.partition && t.indices.some((i) => i.global))
    throw sqlError(ER.UNSUPPORTED_TYPE, 'Global Index on non-partitioned table');
}

/** Builds the checked PartitionInfo of a PARTITION BY clause for table t, allocating partition ids. */
export async function buildPartitionInfo(
  p: PartitionOptions,
  t: TableInfo,
  ctx: DdlContext,
  meta: MetaWriter,
): Promise<PartitionInfo> {
  const pi = partitionHead(p, t, ctx);
  const env = envOf(t, pi, ctx);
  let definitions: PartitionDefinition[];
  if (pi.type === 'HASH' || pi.type === 'KEY') {
    const num = p.count ?? (p.definitions.length || 1);
    if (p.count !== undefined && p.definitions.length > 0 && p.count !== p.definitions.length)
      throw sqlError(ER.PARTITION_WRONG_NO_PART_ERROR);
    if (num > MAX_PARTITIONS) throw sqlError(ER.TOO_MANY_PARTITIONS_ERROR);
    definitions = hashDefs([], p.definitions, num);
  } else {
    const defs = p.interval ? intervalDefinitions(env, p.interval, p.definitions) : p.definitions;
    definitions = rangeListDefs(env, defs);
  }
  checkDefinitions(env, definitions);
  checkExprType(t, pi, ctx);
  checkUniqueKeys(t, pi, { enableGlobalIndex: ctx.enableGlobalIndex });
  await assignIds(definitions, meta);
  pi.definitions = definitions;
  pi.num = definitions.length;
  return pi;
}

/** Gives definitions fresh physical ids. */
export async function assignIds(defs: PartitionDefinition[], meta: MetaWriter): Promise<void> {
  if (defs.length === 0) return;
  const ids = await meta.allocGlobalIds(defs.length);
  defs.forEach((d, i) => {
    d.id = ids[i]!;
  });
}
