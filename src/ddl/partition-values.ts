// Partition bound values: checking VALUES LESS THAN / VALUES IN items against the partitioning
// (integer values for expression partitioning, the column types for COLUMNS partitioning),
// storing them as TiDB prints them, and reading stored bounds back for ordering and duplicate checks.
import type { ColumnInfo, PartitionInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { EvalContext } from '../expression/eval-context.js';
import { comparatorFor } from '../expression/value-compare.js';
import type { ExprNode } from '../parser/ast.js';
import { parseExpression } from '../parser/index.js';
import { quoteString } from '../parser/restore.js';
import { getCollation } from '../types/collation.js';
import { utf8ToBytes } from '../table/codec/bytes.js';
import { convertForColumn } from '../types/convert-column.js';
import { toStringValue } from '../types/convert.js';
import { CHARSET_BIN, EvalType, evalTypeOf, type FieldType, TypeCode } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { PART_ER } from './partition-errors.js';
import { evalConstant } from './partition-eval.js';

export const MAXVALUE = 'MAXVALUE';

/** What bound checks need to know about a table's partitioning. */
export interface PartitionEnv {
  t: TableInfo;
  pi: PartitionInfo;
  evalCtx: EvalContext;
  /** The COLUMNS of RANGE/LIST COLUMNS partitioning (empty for expression partitioning). */
  cols: ColumnInfo[];
  /** Whether the partitioning expression is unsigned (negative bounds are out of its domain). */
  unsigned: boolean;
}

const ALLOWED_FUNCS = new Set([
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
  'hour',
  'minute',
  'second',
  'time_to_sec',
  'microsecond',
  'unix_timestamp',
  'from_days',
  'extract',
  'abs',
  'ceiling',
  'ceil',
  'datediff',
  'floor',
  'mod',
]);
const ALLOWED_BINARY = new Set(['+', '-', '*', 'div', '%', 'mod']);

/** Rejects functions and operators MySQL does not allow in partitioning (1564). */
export function checkAllowedExpr(e: ExprNode): void {
  switch (e.kind) {
    case 'column':
    case 'literal':
    case 'default':
      return;
    case 'func':
      if (!ALLOWED_FUNCS.has(e.name)) throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
      for (const a of e.args) checkAllowedExpr(a);
      return;
    case 'binary':
      if (!ALLOWED_BINARY.has(e.op)) throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
      checkAllowedExpr(e.left);
      checkAllowedExpr(e.right);
      return;
    case 'unary':
      if (e.op !== '-' && e.op !== '+') throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
      checkAllowedExpr(e.operand);
      return;
    default:
      throw sqlError(ER.PARTITION_FUNCTION_IS_NOT_ALLOWED);
  }
}

type ValueKind = 'int' | 'string' | 'binaryLiteral' | 'null' | 'other';

function valueKind(node: ExprNode, value: Value, ft: FieldType): ValueKind {
  if (value === null) return 'null';
  if (node.kind === 'literal' && (node.type === 'hexString' || node.type === 'bitString')) return 'binaryLiteral';
  const et = evalTypeOf(ft);
  if (et === EvalType.Int) return 'int';
  if (et === EvalType.String) return 'string';
  return 'other';
}

/** An integer bound of expression partitioning (1697 when not an integer); null for NULL. */
export function intBound(env: PartitionEnv, node: ExprNode, defName: string): bigint | null {
  checkAllowedExpr(node);
  const { value, expr } = evalConstant(node, env.evalCtx);
  const kind = valueKind(node, value, expr.type);
  if (kind === 'null') return null;
  if (kind !== 'int') throw sqlError(PART_ER.VALUES_NOT_INT, defName);
  const v = BigInt(value as number | bigint);
  if (env.unsigned && v < 0n) throw sqlError(ER.PARTITION_CONST_DOMAIN_ERROR);
  return v;
}

function kindAllowed(tp: number, kind: ValueKind): boolean {
  if (kind === 'null') return true;
  switch (tp) {
    case TypeCode.Date:
    case TypeCode.Datetime:
    case TypeCode.Duration:
      return kind === 'string';
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
      return kind === 'int';
    case TypeCode.String:
    case TypeCode.VarString:
      return kind === 'string' || kind === 'binaryLiteral';
    default:
      return true;
  }
}

/** A COLUMNS bound value converted to its column's type (1654 when it does not fit). */
export function columnValue(env: PartitionEnv, i: number, node: ExprNode): Value {
  const col = env.cols[i]!;
  if (node.kind === 'default') throw sqlError(ER.WRONG_TYPE_COLUMN_VALUE_ERROR);
  checkAllowedExpr(node);
  const { value, expr } = evalConstant(node, env.evalCtx);
  if (!kindAllowed(col.type.tp, valueKind(node, value, expr.type))) throw sqlError(ER.WRONG_TYPE_COLUMN_VALUE_ERROR);
  try {
    return convertForColumn(value, col.type, env.evalCtx, col.name, 1);
  } catch {
    throw sqlError(ER.WRONG_TYPE_COLUMN_VALUE_ERROR);
  }
}

function hexOf(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).padStart(2, '0');
  return out;
}

/** An integer or decimal literal, possibly negated, as written. */
function writtenNumber(e: ExprNode): string | undefined {
  if (e.kind === 'literal' && (e.type === 'int' || e.type === 'decimal')) return e.text;
  if (e.kind === 'unary' && e.op === '-') {
    const inner = writtenNumber(e.operand);
    return inner === undefined ? undefined : `-${inner}`;
  }
  return undefined;
}

/** How a bound was written and where: a hex literal bound of a one-column partitioning, and a number in a LIST value list, keep their form. */
export interface WrittenBound {
  node: ExprNode;
  oneColumn: boolean;
  list: boolean;
}

/** A column value as TiDB stores it in the catalog (and prints it). */
export function columnValueText(v: Value, ft: FieldType, written: WrittenBound): string {
  if (v === null) return 'NULL';
  switch (evalTypeOf(ft)) {
    case EvalType.Int:
      return toStringValue(v);
    case EvalType.String: {
      if (ft.charset === CHARSET_BIN) return `_binary 0x${hexOf(v as string)}`;
      const node = written.node;
      // TiDB prints x'..' for a hex literal bound of a one-column partitioning.
      if (written.oneColumn && node.kind === 'literal' && node.type === 'hexString')
        return `x'${hexOf(utf8ToBytes(v as string))}'`;
      // LIST values are kept as written (the restored expression); RANGE COLUMNS bounds as converted.
      return (written.list ? writtenNumber(node) : undefined) ?? quoteString(v as string);
    }
    default: {
      // A date or time written as a string keeps its text ('19990601' stays so), as TiDB prints it.
      const node = written.node;
      return quoteString(node.kind === 'literal' && node.type === 'string' ? node.text : toStringValue(v));
    }
  }
}

/** Reads a stored bound text back as a value of column i (or of the partitioning expression). */
export function storedValue(env: PartitionEnv, i: number | undefined, text: string): Value {
  if (text.toUpperCase() === 'NULL') return null;
  const node = parseExpression(text);
  if (i === undefined) return evalConstant(node, env.evalCtx).value;
  const col = env.cols[i]!;
  return convertForColumn(evalConstant(node, env.evalCtx).value, col.type, env.evalCtx, col.name, 1);
}

/** A comparable key of a stored value of column i (collation-aware for strings), for duplicate checks. */
export function valueKey(env: PartitionEnv, i: number | undefined, v: Value): string {
  if (v === null) return 'NULL';
  const ft = i === undefined ? undefined : env.cols[i]!.type;
  if (ft && evalTypeOf(ft) === EvalType.String && ft.charset !== CHARSET_BIN) {
    const coll = getCollation(ft.collate);
    if (coll) return `s:${coll.sortKey(v as string)}`;
  }
  return `v:${toStringValue(v)}`;
}

/** Compares stored values of column i (or integer values of the expression). */
export function compareValues(env: PartitionEnv, i: number | undefined, a: Value, b: Value): number {
  if (i === undefined) {
    const x = BigInt(a as number | bigint);
    const y = BigInt(b as number | bigint);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return comparatorFor(env.cols[i]!.type)(a, b);
}
