// A column definition (CREATE TABLE, ADD/MODIFY/CHANGE COLUMN) turned into a ColumnInfo: its type
// with charset/collation resolved, flags, and a validated default.
import type { ColumnInfo, DefaultValue } from '../catalog/model.js';
import { ER, isTiLiteError, sqlError } from '../errors/index.js';
import type { ColumnDef, ExprNode } from '../parser/ast.js';
import { exprToString } from '../parser/restore.js';
import { fieldTypeFromSpec, type StringDefaults } from '../planner/type-spec.js';
import { currentTimestampFsp, literalDefault } from '../table/defaults.js';
import { timestampToStored } from '../table/stored-time.js';
import { getCollation } from '../types/collation.js';
import type { TypeContext } from '../types/context.js';
import { convertForColumn, toStringValue } from '../types/convert.js';
import {
  type FieldType,
  Flag,
  isBlobType,
  isIntegerType,
  isStringType,
  isTimeType,
  TypeCode,
} from '../types/field-type.js';
import { MyTime } from '../types/time.js';
import { bitValueBytes, type Value } from '../types/value.js';
import { checkIdentLength } from './context.js';
import { DDL_ER } from './errors.js';

/** A strict context: invalid defaults are errors whatever the sql_mode. */
const STRICT: TypeContext = {
  appendWarning() {},
  truncateAsWarning: false,
  noZeroDate: false,
  noZeroInDate: false,
  allowInvalidDates: false,
  timeZoneOffsetMinutes: 0,
  divPrecisionIncrement: 4,
};

export function checkColumnName(name: string): void {
  checkIdentLength(name);
  if (name === '' || name.endsWith(' ')) throw sqlError(ER.WRONG_COLUMN_NAME, name);
}

/** The FieldType of a column definition, with the column's COLLATE and the table's defaults applied. */
export function columnType(def: ColumnDef, tableDefaults: StringDefaults): FieldType {
  const spec = def.collate && !def.type.collate ? { ...def.type, collate: def.collate } : def.type;
  const ft = fieldTypeFromSpec(spec, tableDefaults, def.name);
  if (def.collate && isStringType(ft.tp) && ft.charset !== 'binary') {
    const coll = getCollation(def.collate);
    if (!coll) throw sqlError(ER.UNKNOWN_COLLATION, def.collate);
    ft.collate = coll.name;
    ft.charset = coll.charset;
  }
  return ft;
}

/** Builds a column (id and offset assigned by the caller). PRIMARY KEY / UNIQUE are added as indexes by the caller. */
export function buildColumn(def: ColumnDef, id: number, offset: number, tableDefaults: StringDefaults): ColumnInfo {
  checkColumnName(def.name);
  const type = columnType(def, tableDefaults);
  if (def.notNull === true || def.primaryKey) type.flag |= Flag.NotNull;
  if (def.primaryKey && def.notNull === false) throw sqlError(ER.PRIMARY_CANT_HAVE_NULL);
  const col: ColumnInfo = {
    id,
    name: def.name,
    offset,
    type,
    autoIncrement: def.autoIncrement,
    onUpdateNow: false,
    comment: def.comment ?? '',
    state: 'public',
  };
  if (def.autoRandom !== undefined) {
    col.autoRandomBits = def.autoRandom;
    type.flag |= Flag.NotNull;
  }
  if (def.autoIncrement) {
    if (!isIntegerType(type.tp) && type.tp !== TypeCode.Float && type.tp !== TypeCode.Double) {
      throw sqlError(ER.WRONG_FIELD_SPEC, def.name);
    }
    type.flag |= Flag.AutoIncrement | Flag.NotNull;
  }
  if (def.onUpdate) {
    const fsp = def.onUpdate.kind === 'func' ? nowFsp(def.onUpdate) : undefined;
    if (fsp === undefined || !isTimeType(type.tp) || type.tp === TypeCode.Date || fsp !== Math.max(type.decimal, 0)) {
      throw sqlError(DDL_ER.INVALID_ON_UPDATE, def.name);
    }
    col.onUpdateNow = true;
    type.flag |= Flag.OnUpdateNow;
  }
  if (def.generated) col.generated = { expr: def.generated.text, stored: def.generated.stored };
  if (def.default !== undefined) {
    if (def.autoIncrement) throw sqlError(ER.INVALID_DEFAULT, def.name);
    col.default = buildDefault(def.default, col);
  } else if ((type.flag & Flag.NotNull) !== 0 && !def.autoIncrement) {
    type.flag |= Flag.NoDefaultValue;
  }
  if (def.generated && def.default !== undefined) throw sqlError(ER.INVALID_DEFAULT, def.name);
  return col;
}

/** The fsp of CURRENT_TIMESTAMP/NOW()/LOCALTIME...(n), or undefined for another expression. */
function nowFsp(e: ExprNode): number | undefined {
  if (e.kind !== 'func') return undefined;
  if (!/^(current_timestamp|now|localtime|localtimestamp)$/.test(e.name)) return undefined;
  if (e.args.length === 0) return 0;
  const a = e.args[0]!;
  return a.kind === 'literal' && a.type === 'int' ? Number(a.text) : undefined;
}

/** The literal text of a constant default expression, or undefined when it is not a constant. */
function literalText(e: ExprNode): { text: string; isNull?: boolean } | undefined {
  if (e.kind === 'literal') {
    if (e.type === 'null') return { text: '', isNull: true };
    if (e.type === 'bool') return { text: e.text.toUpperCase() === 'TRUE' ? '1' : '0' };
    return { text: e.text };
  }
  if (e.kind === 'unary' && (e.op === '-' || e.op === '+') && e.operand.kind === 'literal') {
    const t = e.operand.type;
    if (t === 'int' || t === 'decimal' || t === 'float') return { text: (e.op === '-' ? '-' : '') + e.operand.text };
  }
  return undefined;
}

/** Validates a DEFAULT clause for the column (1067, 1101) and returns how the catalog stores it. */
export function buildDefault(e: ExprNode, col: ColumnInfo): DefaultValue {
  const ft = col.type;
  const lit = literalText(e);
  if (lit?.isNull) {
    if ((ft.flag & Flag.NotNull) !== 0) throw sqlError(ER.INVALID_DEFAULT, col.name);
    return { kind: 'null' };
  }
  const fsp = nowFsp(e);
  if (fsp !== undefined) {
    const timeCol = ft.tp === TypeCode.Datetime || ft.tp === TypeCode.Timestamp;
    if (!timeCol || fsp !== Math.max(ft.decimal, 0)) throw sqlError(ER.INVALID_DEFAULT, col.name);
    return { kind: 'expr', expr: fsp > 0 ? `CURRENT_TIMESTAMP(${fsp})` : 'CURRENT_TIMESTAMP' };
  }
  if (isBlobType(ft.tp) || ft.tp === TypeCode.JSON) {
    if (lit) throw sqlError(ER.BLOB_CANT_HAVE_DEFAULT, col.name);
    return { kind: 'expr', expr: exprToString(e) };
  }
  if (!lit) {
    // MySQL 8.0.13 expression defaults, written in parentheses: kept as text, evaluated per row.
    return { kind: 'expr', expr: exprToString(e) };
  }
  return { kind: 'literal', text: literalDefaultText(lit.text, ft, col.name) };
}

/** Converts a literal default to the column type; the stored text is the converted value's own text. */
function literalDefaultText(text: string, ft: FieldType, colName: string): string {
  let v: Value;
  try {
    v = convertForColumn(text, ft, STRICT, colName, 1);
  } catch (e) {
    if (isTiLiteError(e)) throw sqlError(ER.INVALID_DEFAULT, colName);
    throw e;
  }
  if (ft.tp === TypeCode.Bit) return bitValueBytes(v as number | bigint, ft.flen);
  return toStringValue(v, ft.tp === TypeCode.Float || ft.tp === TypeCode.Double);
}

/** The evaluated default of a new column for rows that already exist (ADD COLUMN's origin default). */
export function originDefaultOf(col: ColumnInfo, nowMicros: number, tzOffsetMinutes: number): DefaultValue | undefined {
  const d = col.default;
  if (!d) return undefined;
  // Origin defaults are read as stored values: a TIMESTAMP's is the UTC form of the session-zone default.
  const utc = col.type.tp === TypeCode.Timestamp;
  if (d.kind !== 'expr') {
    if (!utc || d.kind !== 'literal') return d;
    const v = literalDefault(d.text, col.type, col.name);
    return { kind: 'literal', text: toStringValue(timestampToStored(v, tzOffsetMinutes)) };
  }
  const fsp = currentTimestampFsp(d.expr);
  if (fsp === undefined) return undefined;
  const now = MyTime.now(nowMicros, utc ? 0 : tzOffsetMinutes, col.type.tp, fsp);
  return { kind: 'literal', text: now.toString() };
}
