// Column default values: the value a column takes when a statement does not give one (DEFAULT,
// omitted INSERT columns), and the origin default that rows written before ADD COLUMN read.
import type { ColumnInfo, DefaultValue } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import { LENIENT_CONTEXT, type TypeContext } from '../types/context.js';
import { convertForColumn } from '../types/convert.js';
import { Decimal } from '../types/decimal.js';
import { type FieldType, isNotNull, TypeCode } from '../types/field-type.js';
import { JsonValue } from '../types/json.js';
import { Duration, MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';

/** Returned by columnDefault for a NOT NULL column without a default: the caller decides (error 1364 or zero value). */
export const NO_DEFAULT: unique symbol = Symbol('NO_DEFAULT');
export type NoDefault = typeof NO_DEFAULT;

export interface DefaultContext {
  typeContext: TypeContext;
  /** The statement's start time, microseconds since the epoch: CURRENT_TIMESTAMP defaults read it. */
  nowMicros: number;
  /** Evaluates an expression default other than CURRENT_TIMESTAMP, e.g. (uuid()); unsupported when absent. */
  evalExpr?(text: string, col: ColumnInfo): Value;
}

const NOW_RE = /^(?:current_timestamp|now|localtime|localtimestamp)(?:\s*\(\s*(\d*)\s*\))?$/i;

/** The fsp of a CURRENT_TIMESTAMP-like default text, or undefined when the text is another expression. */
export function currentTimestampFsp(text: string): number | undefined {
  const m = NOW_RE.exec(text.trim());
  if (!m) return undefined;
  return m[1] ? Number(m[1]) : 0;
}

/** Converts a stored literal default to the column's value (literals were validated by DDL). */
export function literalDefault(text: string, ft: FieldType, colName: string): Value {
  return convertForColumn(text, ft, LENIENT_CONTEXT, colName, 0);
}

function evalDefault(d: DefaultValue, col: ColumnInfo, ctx: DefaultContext): Value {
  switch (d.kind) {
    case 'null':
      return null;
    case 'literal':
      return literalDefault(d.text, col.type, col.name);
    case 'expr': {
      const fsp = currentTimestampFsp(d.expr);
      if (fsp !== undefined) {
        const now = MyTime.now(ctx.nowMicros, ctx.typeContext.timeZoneOffsetMinutes, TypeCode.Datetime, fsp);
        return convertForColumn(now, col.type, ctx.typeContext, col.name, 0);
      }
      if (!ctx.evalExpr) throw sqlError(ER.UNSUPPORTED_TYPE, `default value expression ${d.expr}`);
      return convertForColumn(ctx.evalExpr(d.expr, col), col.type, ctx.typeContext, col.name, 0);
    }
  }
}

/**
 * The value of DEFAULT for a column: its literal or expression default, NULL for a nullable column
 * without one, NO_DEFAULT for a NOT NULL column without one (MySQL then fails with 1364 in strict
 * mode and stores the type's zero value otherwise; see zeroValue).
 */
export function columnDefault(col: ColumnInfo, ctx: DefaultContext): Value | NoDefault {
  if (col.default) return evalDefault(col.default, col, ctx);
  return isNotNull(col.type) ? NO_DEFAULT : null;
}

/** What rows stored before the column existed read: the default at ADD COLUMN time. */
export function originDefaultValue(col: ColumnInfo): Value {
  const d = col.originDefault;
  if (!d || d.kind === 'null') return null;
  if (d.kind === 'literal') return literalDefault(d.text, col.type, col.name);
  // DDL evaluates expression defaults into literal origin defaults; an expression here is taken as NULL.
  return null;
}

/** The implicit default of a NOT NULL column in non-strict mode: 0, '', the zero date, the first ENUM member. */
export function zeroValue(ft: FieldType): Value {
  switch (ft.tp) {
    case TypeCode.Tiny:
    case TypeCode.Short:
    case TypeCode.Int24:
    case TypeCode.Long:
    case TypeCode.LongLong:
    case TypeCode.Year:
    case TypeCode.Bit:
      return 0;
    case TypeCode.Float:
    case TypeCode.Double:
      return 0;
    case TypeCode.NewDecimal:
    case TypeCode.Decimal:
      return new Decimal(0n, Math.max(ft.decimal, 0));
    case TypeCode.Date:
    case TypeCode.NewDate:
      return MyTime.ZERO_DATE;
    case TypeCode.Datetime:
    case TypeCode.Timestamp:
      return new MyTime(0, 0, 0, 0, 0, 0, 0, ft.tp, Math.max(ft.decimal, 0));
    case TypeCode.Duration:
      return new Duration(0, Math.max(ft.decimal, 0));
    case TypeCode.Enum:
      return ft.elems?.[0] ?? '';
    case TypeCode.JSON:
      return JsonValue.parse('null');
    default:
      return '';
  }
}
