// Test harness for the string/time/JSON/misc/encryption builtin families: a minimal build and
// evaluation context, typed constants and a one-call evaluator.
import type { SqlWarning } from '../../../src/errors/index.js';
import type { BuildContext, EvalContext, SessionInfo } from '../../../src/expression/eval-context.js';
import { Column, Constant, type Expression, ScalarFunction } from '../../../src/expression/expression.js';
import { lookupFunction } from '../../../src/expression/function.js';
import { Decimal } from '../../../src/types/decimal.js';
import {
  CHARSET_BIN,
  COLLATE_BIN,
  DOUBLE_TYPE,
  type FieldType,
  INT_TYPE,
  JSON_TYPE,
  NULL_TYPE,
  newFieldType,
  TypeCode,
} from '../../../src/types/field-type.js';
import { JsonValue } from '../../../src/types/json.js';
import { Duration, MyTime } from '../../../src/types/time.js';
import type { Value } from '../../../src/types/value.js';

/** 2024-03-15 10:20:30.123456 UTC. */
export const STMT_TIME_MICROS = Date.UTC(2024, 2, 15, 10, 20, 30) * 1000 + 123456;

export interface TestContext extends EvalContext {
  warnings: SqlWarning[];
}

const session: SessionInfo = {
  currentDb: () => 'test',
  currentUser: () => 'root@%',
  connectionId: () => 7,
  lastInsertId: () => 0,
  foundRows: () => 0,
  rowCount: () => 0,
  getSysVar: () => undefined,
  getUserVar: () => undefined,
  setUserVar: () => {},
};

export function newEvalContext(over: Partial<EvalContext> = {}): TestContext {
  const warnings: SqlWarning[] = [];
  return {
    warnings,
    appendWarning: (w: SqlWarning) => warnings.push(w),
    truncateAsWarning: true,
    noZeroDate: false,
    noZeroInDate: false,
    allowInvalidDates: false,
    timeZoneOffsetMinutes: 0,
    divPrecisionIncrement: 4,
    params: [],
    session,
    stmtTimeMicros: STMT_TIME_MICROS,
    divByZeroIsError: false,
    sqlMode: new Set<string>(),
    random: Math.random,
    ...over,
  };
}

export function newBuildContext(ctx: EvalContext = newEvalContext()): BuildContext {
  return {
    sqlMode: new Set<string>(),
    connectionCharset: 'utf8mb4',
    connectionCollation: 'utf8mb4_0900_ai_ci',
    evalCtx: ctx,
  };
}

export const VARCHAR = (collate = 'utf8mb4_bin'): FieldType =>
  newFieldType(TypeCode.VarString, { flen: 255, charset: collate.split('_')[0], collate });
export const VARBINARY: FieldType = newFieldType(TypeCode.VarString, {
  flen: 255,
  charset: CHARSET_BIN,
  collate: COLLATE_BIN,
  flag: 128,
});
export const DECIMAL = (flen: number, dec: number): FieldType =>
  newFieldType(TypeCode.NewDecimal, { flen, decimal: dec });
export const DATETIME = (fsp = 0): FieldType =>
  newFieldType(TypeCode.Datetime, { flen: 19 + (fsp ? fsp + 1 : 0), decimal: fsp });
export const DATE: FieldType = newFieldType(TypeCode.Date, { flen: 10, decimal: 0 });
export const TIME = (fsp = 0): FieldType => newFieldType(TypeCode.Duration, { flen: 10, decimal: fsp });

/** A constant typed from a JS value: strings are utf8mb4_bin VARCHAR, integers BIGINT, other numbers DOUBLE. */
export function c(v: Value | boolean, type?: FieldType): Constant {
  if (type) return new Constant(v as Value, type);
  if (v === null) return new Constant(null, NULL_TYPE);
  if (typeof v === 'string') return new Constant(v, VARCHAR());
  if (typeof v === 'bigint') return new Constant(v, INT_TYPE);
  if (typeof v === 'number') return new Constant(v, Number.isInteger(v) ? INT_TYPE : DOUBLE_TYPE);
  if (v instanceof Decimal) return new Constant(v, DECIMAL(v.precision, v.scale));
  if (v instanceof JsonValue) return new Constant(v, JSON_TYPE);
  throw new Error(`no default type for ${String(v)}`);
}

export const bin = (s: string): Constant => new Constant(s, VARBINARY);
export const dec = (s: string): Constant => c(Decimal.parse(s)!);
export const json = (s: string): Constant => new Constant(JsonValue.parse(s), JSON_TYPE);
export const dt = (s: string, fsp = 0): Constant =>
  new Constant(MyTime.parse(s, TypeCode.Datetime, fsp, newEvalContext()), DATETIME(fsp));
export const date = (s: string): Constant => new Constant(MyTime.parse(s, TypeCode.Date, 0, newEvalContext()), DATE);
export const time = (s: string, fsp = 0): Constant => new Constant(Duration.parse(s, fsp, newEvalContext()), TIME(fsp));
export const col = (type: FieldType): Column => new Column(type);

/** Builds name(args) without folding. */
export function build(name: string, args: Expression[], ctx: EvalContext = newEvalContext()): ScalarFunction {
  const fc = lookupFunction(name);
  if (!fc) throw new Error(`function ${name} is not registered`);
  if (args.length < fc.minArgs || args.length > fc.maxArgs) throw new Error(`bad arg count for ${name}`);
  const built = fc.build(args, newBuildContext(ctx), name);
  return new ScalarFunction(name, built.args, built.type, built.impl);
}

/** Evaluates name(args) over constants. */
export function run(name: string, args: (Expression | Value)[], ctx: TestContext = newEvalContext()): Value {
  const exprs = args.map((a) => (a instanceof Constant || a instanceof Column ? a : c(a as Value)));
  const f = build(name, exprs as Expression[], ctx);
  return f.compile({ indexOf: () => -1 })([], ctx);
}

/** Evaluates and renders the result as a MySQL client would print it (NULL, strings, numbers). */
export function show(name: string, args: (Expression | Value)[], ctx: TestContext = newEvalContext()): string {
  const v = run(name, args, ctx);
  return v === null ? 'NULL' : String(v);
}

/** Evaluates name(args) with one Column argument bound to a row value. */
export function runOnRow(name: string, type: FieldType, value: Value, ctx: TestContext = newEvalContext()): Value {
  const column = col(type);
  const f = build(name, [column], ctx);
  return f.compile({ indexOf: (uid) => (uid === column.uid ? 0 : -1) })([value], ctx);
}
