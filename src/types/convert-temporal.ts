// Storing values into DATE, DATETIME, TIMESTAMP and TIME columns.
import { ER, type ErrorSpec, sqlError, warningFrom } from '../errors/index.js';
import type { ColumnSite } from './convert-column.js';
import { Decimal } from './decimal.js';
import { type FieldType, TypeCode, UNSPECIFIED } from './field-type.js';
import { JsonValue } from './json.js';
import { MAX_DURATION_MICROS } from './duration.js';
import { Duration, MyTime } from './time.js';
import type { Value } from './value.js';

/** MySQL reports a bad temporal value for a column as 1292 with the column's wording. */
const INCORRECT_TEMPORAL: ErrorSpec = {
  code: 1292,
  state: '22007',
  format: "Incorrect %s value: '%s' for column '%s' at row %d",
};

function typeWord(tp: number): string {
  return tp === TypeCode.Date || tp === TypeCode.NewDate ? 'date' : tp === TypeCode.Duration ? 'time' : 'datetime';
}

/** Strict: error 1292; otherwise the zero value with a warning. */
function incorrect(v: Value, ft: FieldType, site: ColumnSite): Value {
  const text = v instanceof Decimal || typeof v !== 'object' || v === null ? String(v) : v.toString();
  if (!site.ctx.truncateAsWarning) throw sqlError(INCORRECT_TEMPORAL, typeWord(ft.tp), text, site.col, site.row);
  site.ctx.appendWarning(warningFrom(ER.WARN_DATA_TRUNCATED, site.col, site.row));
  if (ft.tp === TypeCode.Duration) return Duration.ZERO;
  return ft.tp === TypeCode.Date ? MyTime.ZERO_DATE : MyTime.ZERO_DATETIME.withType(ft.tp, fspOf(ft));
}

function fspOf(ft: FieldType): number {
  return ft.decimal === UNSPECIFIED ? 0 : ft.decimal;
}

function numericArg(v: Value): number | bigint | null {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (v instanceof Decimal) return v.scale === 0 ? v.coef : v.toNumber();
  return null;
}

function timeForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const fsp = fspOf(ft);
  let d: Duration | null = null;
  if (v instanceof Duration) d = v.withFsp(fsp);
  else if (v instanceof MyTime) d = Duration.fromMicros(v.microsOfDay(), fsp).value;
  else if (typeof v === 'string') {
    const r = Duration.parseWithStatus(v, fsp, site.ctx);
    // Past ±838:59:59 the value is clamped: an error in strict mode, a warning otherwise.
    if (r.value !== null && r.truncated && Math.abs(r.value.micros) === MAX_DURATION_MICROS) {
      if (!site.ctx.truncateAsWarning) return incorrect(v, ft, site);
      site.ctx.appendWarning(warningFrom(ER.WARN_DATA_TRUNCATED, site.col, site.row));
    }
    d = r.value;
  } else if (v instanceof JsonValue) d = Duration.parse(v.toString().replace(/^"|"$/g, ''), fsp, site.ctx);
  else {
    const n = numericArg(v);
    if (n !== null) d = Duration.fromNumber(n, fsp);
  }
  return d ?? incorrect(v, ft, site);
}

function datetimeForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  const tp = ft.tp === TypeCode.NewDate ? TypeCode.Date : ft.tp;
  const fsp = fspOf(ft);
  let t: MyTime | null = null;
  if (v instanceof MyTime) t = v.withType(tp, fsp);
  else if (typeof v === 'string') t = MyTime.parse(v, tp, fsp, site.ctx);
  else if (v instanceof JsonValue) t = MyTime.parse(v.toString().replace(/^"|"$/g, ''), tp, fsp, site.ctx);
  else if (!(v instanceof Duration)) {
    const n = numericArg(v);
    if (n !== null) t = MyTime.fromNumber(n, tp, fsp, site.ctx);
  }
  if (t === null) return incorrect(v, ft, site);
  if (tp === TypeCode.Timestamp && !t.isTimestampInRange(site.ctx.timeZoneOffsetMinutes)) return incorrect(v, ft, site);
  return t;
}

export function convertTemporalForColumn(v: Value, ft: FieldType, site: ColumnSite): Value {
  return ft.tp === TypeCode.Duration ? timeForColumn(v, ft, site) : datetimeForColumn(v, ft, site);
}
