// A test harness for builtin functions: a statement context collecting warnings, a session stub,
// and helpers to build a function over constants/columns and evaluate it on one row.
import type { SqlWarning } from '../../../src/errors/index.js';
import type { BuildContext, EvalContext, SessionInfo, UserVariable } from '../../../src/expression/eval-context.js';
import { Column, Constant, type Expression } from '../../../src/expression/expression.js';
import { newFunction } from '../../../src/expression/function.js';
import { Decimal } from '../../../src/types/decimal.js';
import {
  DOUBLE_TYPE,
  type FieldType,
  Flag,
  INT_TYPE,
  NULL_TYPE,
  newFieldType,
  TypeCode,
  UINT_TYPE,
} from '../../../src/types/field-type.js';
import type { Row, Value } from '../../../src/types/value.js';

export interface TestContext extends EvalContext {
  warnings: SqlWarning[];
  userVars: Map<string, UserVariable>;
  lastId: number | bigint;
}

export function newSession(
  overrides: Partial<SessionInfo> = {},
): SessionInfo & { userVars: Map<string, UserVariable> } {
  const userVars = new Map<string, UserVariable>();
  return {
    userVars,
    currentDb: () => 'test',
    currentUser: () => 'root@%',
    connectionId: () => 7,
    lastInsertId: () => 0,
    foundRows: () => 3,
    rowCount: () => -1,
    getSysVar: (name) =>
      name === 'version' ? '8.0.11-TiDB-v7.5.0-tilite' : name === 'group_concat_max_len' ? '1024' : undefined,
    getUserVar: (n) => userVars.get(n),
    setUserVar: (n, v) => {
      if (v === undefined) userVars.delete(n);
      else userVars.set(n, v);
    },
    ...overrides,
  };
}

export function newEvalContext(overrides: Partial<EvalContext> = {}): TestContext {
  const warnings: SqlWarning[] = [];
  const session = newSession();
  let seed = 1;
  return {
    warnings,
    userVars: session.userVars,
    lastId: 0,
    appendWarning: (w: SqlWarning) => warnings.push(w),
    truncateAsWarning: true,
    noZeroDate: false,
    noZeroInDate: false,
    allowInvalidDates: false,
    timeZoneOffsetMinutes: 0,
    divPrecisionIncrement: 4,
    params: [],
    session,
    stmtTimeMicros: Date.UTC(2024, 0, 15, 10, 30, 0) * 1000,
    divByZeroIsError: false,
    sqlMode: new Set<string>(),
    random: () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    },
    ...overrides,
  } as TestContext;
}

export function newBuildContext(evalCtx: EvalContext = newEvalContext()): BuildContext & { usage: string[] } {
  const usage: string[] = [];
  return {
    usage,
    countUsage: (sig: string) => usage.push(sig),
    sqlMode: new Set<string>(),
    connectionCharset: 'utf8mb4',
    connectionCollation: 'utf8mb4_bin',
    evalCtx,
  };
}

// Constants typed as the parser/binder would type literals.
export const int = (v: number | bigint): Constant =>
  new Constant(v, { ...INT_TYPE, flen: String(v).length, flag: Flag.NotNull | Flag.Binary });
export const uint = (v: number | bigint): Constant =>
  new Constant(v, { ...UINT_TYPE, flag: UINT_TYPE.flag | Flag.NotNull });
export const real = (v: number): Constant => new Constant(v, { ...DOUBLE_TYPE, flag: Flag.NotNull });
export const dec = (s: string): Constant => {
  const d = Decimal.parse(s)!;
  return new Constant(
    d,
    newFieldType(TypeCode.NewDecimal, { flen: Math.max(d.precision, 1), decimal: d.scale, flag: Flag.NotNull }),
  );
};
export const str = (s: string, collate = 'utf8mb4_bin'): Constant =>
  new Constant(
    s,
    newFieldType(TypeCode.VarString, { flen: s.length, collate, charset: 'utf8mb4', flag: Flag.NotNull }),
  );
export const nul = (): Constant => new Constant(null, { ...NULL_TYPE });

/** A column at position `index` of the evaluated row. */
export function col(ft: FieldType, name = 'c'): Column {
  return new Column(ft, { db: 'test', table: 't', column: name }, 1);
}

export const T = {
  int: (): FieldType => ({ ...INT_TYPE }),
  uint: (): FieldType => ({ ...UINT_TYPE }),
  double: (): FieldType => ({ ...DOUBLE_TYPE }),
  decimal: (flen: number, d: number): FieldType => newFieldType(TypeCode.NewDecimal, { flen, decimal: d }),
  varchar: (n: number, collate = 'utf8mb4_bin'): FieldType =>
    newFieldType(TypeCode.Varchar, { flen: n, collate, charset: collate === 'binary' ? 'binary' : 'utf8mb4' }),
  date: (): FieldType => newFieldType(TypeCode.Date, { flen: 10, decimal: 0 }),
  datetime: (fsp = 0): FieldType => newFieldType(TypeCode.Datetime, { flen: 19, decimal: fsp }),
  time: (fsp = 0): FieldType => newFieldType(TypeCode.Duration, { flen: 10, decimal: fsp }),
};

export interface EvalResult {
  value: Value;
  type: FieldType;
  expr: Expression;
  warnings: SqlWarning[];
  usage: string[];
}

/**
 * Builds name(args) (unfolded) and evaluates it on `row`, where each Column argument reads the row
 * position given by its order of first appearance among the arguments.
 */
export function evalFn(
  name: string,
  args: Expression[],
  row: Row = [],
  ctx: TestContext = newEvalContext(),
): EvalResult {
  const bctx = newBuildContext(ctx);
  const expr = newFunction(name, args, bctx, { noFold: true });
  const uids: number[] = [];
  expr.visit((e) => {
    if (e instanceof Column && !uids.includes(e.uid)) uids.push(e.uid);
  });
  const fn = expr.compile({ indexOf: (uid) => uids.indexOf(uid) });
  const value = fn(row, ctx);
  return { value, type: expr.type, expr, warnings: ctx.warnings, usage: bctx.usage };
}

/** Evaluates name(args) and returns just the value, rendered to a comparable string for Decimal/time/JSON. */
export function ev(name: string, ...args: Expression[]): Value | string {
  const v = evalFn(name, args).value;
  return show(v);
}

export function show(v: Value): Value | string {
  if (v !== null && typeof v === 'object') return v.toString();
  return v;
}
