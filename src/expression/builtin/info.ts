// Information functions: DATABASE, USER, CONNECTION_ID, LAST_INSERT_ID, FOUND_ROWS, ROW_COUNT,
// VERSION, TIDB_VERSION, CURRENT_ROLE, SLEEP, BENCHMARK, CHARSET, COLLATION, COERCIBILITY.
import { EvalType, type FieldType, Flag, newFieldType, TypeCode, UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext, SessionInfo } from '../eval-context.js';
import { Column, Constant, type EvalFn, type Expression, ScalarFunction } from '../expression.js';
import { defineFunction, type FunctionClass } from '../function.js';
import { castToEvalType } from './cast.js';
import { intType, makeImpl } from './impl-util.js';

/** MySQL's server version string when the session does not report one. */
export const DEFAULT_VERSION = '8.0.11-TiDB-v7.5.0-tilite';

export const TIDB_VERSION_TEXT = [
  'Release Version: v7.5.0-tilite',
  'Edition: Community',
  'Git Commit Hash: None',
  'Git Branch: None',
  'UTC Build Time: None',
  'GoVersion: None',
  'Race Enabled: false',
  'Check Table Before Drop: false',
  'Store: tilite',
].join('\n');

function varchar(flen: number, notNull = false): FieldType {
  return newFieldType(TypeCode.VarString, { flen, decimal: UNSPECIFIED, flag: notNull ? Flag.NotNull : 0 });
}

/** A function of the session only: never folded, since a prepared plan may outlive the session state. */
function sessionFunction(
  sig: string,
  type: FieldType,
  read: (s: SessionInfo, ctx: EvalContext) => Value,
): FunctionClass {
  return {
    minArgs: 0,
    maxArgs: 0,
    build() {
      return {
        type,
        args: [],
        impl: makeImpl(sig, () => (_row, ctx) => read(ctx.session, ctx), { deterministic: false }),
      };
    },
  };
}

defineFunction(
  ['database', 'schema'],
  sessionFunction('Database', varchar(64), (s) => s.currentDb()),
);
defineFunction(
  ['user', 'session_user', 'system_user'],
  sessionFunction('User', varchar(64, true), (s) => s.sessionUser?.() ?? s.currentUser()),
);
defineFunction(
  'current_user',
  sessionFunction('CurrentUser', varchar(64, true), (s) => s.currentUser()),
);
defineFunction(
  'current_role',
  sessionFunction('CurrentRole', varchar(64, true), () => 'NONE'),
);
defineFunction(
  'connection_id',
  sessionFunction('ConnectionID', { ...intType(true), flag: Flag.Unsigned | Flag.NotNull }, (s) => s.connectionId()),
);
defineFunction(
  'found_rows',
  sessionFunction('FoundRows', { ...intType(true), flag: Flag.Unsigned | Flag.NotNull }, (s) => s.foundRows()),
);
defineFunction(
  'row_count',
  sessionFunction('RowCount', { ...intType(), flag: Flag.NotNull }, (s) => s.rowCount()),
);
defineFunction(
  'version',
  sessionFunction('Version', varchar(64, true), (s) => s.getSysVar('version', false) ?? DEFAULT_VERSION),
);
defineFunction(
  'tidb_version',
  sessionFunction('TiDBVersion', varchar(TIDB_VERSION_TEXT.length, true), () => TIDB_VERSION_TEXT),
);

/** A session that can also record LAST_INSERT_ID(expr). */
interface LastInsertIdSetter {
  setLastInsertId?(v: number | bigint): void;
}

defineFunction('last_insert_id', {
  minArgs: 0,
  maxArgs: 1,
  build(args, bctx) {
    const type: FieldType = { ...intType(true), flag: Flag.Unsigned };
    if (args.length === 0) {
      type.flag |= Flag.NotNull;
      return {
        type,
        args: [],
        impl: makeImpl('LastInsertID', () => (_row, ctx) => ctx.session.lastInsertId(), { deterministic: false }),
      };
    }
    return {
      type,
      args: [castToEvalType(args[0]!, EvalType.Int, bctx)],
      impl: makeImpl(
        'LastInsertIDWithID',
        ([f]) =>
          (row, ctx) => {
            const v = f!(row, ctx);
            if (v === null) return null;
            (ctx.session as SessionInfo & LastInsertIdSetter).setLastInsertId?.(v as number | bigint);
            return v;
          },
        { deterministic: false, sideEffects: true },
      ),
    };
  },
});

/** Blocks the thread without spinning (evaluation is synchronous, as a MySQL thread sleeping). */
function blockFor(ms: number): void {
  if (ms <= 0) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

defineFunction('sleep', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    return {
      type: { ...intType(), flag: Flag.NotNull },
      args: [castToEvalType(args[0]!, EvalType.Real, bctx)],
      impl: makeImpl(
        'Sleep',
        ([f]) =>
          (row, ctx) => {
            const v = f!(row, ctx);
            if (v !== null) blockFor((v as number) * 1000);
            return 0;
          },
        { deterministic: false, sideEffects: true },
      ),
    };
  },
});

defineFunction('benchmark', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    return {
      type: { ...intType(), flag: Flag.NotNull },
      args: [castToEvalType(args[0]!, EvalType.Int, bctx), args[1]!],
      impl: makeImpl(
        'Benchmark',
        ([count, expr]: EvalFn[]) =>
          (row, ctx) => {
            const n = Number(count!(row, ctx) ?? 0);
            for (let i = 0; i < n; i++) expr!(row, ctx);
            return 0;
          },
        { deterministic: false, sideEffects: true },
      ),
    };
  },
});

/** MySQL's coercibility of an expression (0 explicit .. 6 ignorable), as COERCIBILITY() reports it. */
export function coercibilityOf(e: Expression): number {
  if (e instanceof Constant) {
    if (e.value === null) return 6;
    return e.evalType === EvalType.String ? 4 : 5;
  }
  if (e instanceof Column) return e.evalType === EvalType.String ? 2 : 5;
  if (e instanceof ScalarFunction) {
    if (['user', 'current_user', 'database', 'schema', 'version', 'session_user', 'system_user'].includes(e.name)) {
      return 3;
    }
    return e.evalType === EvalType.String ? 2 : 5;
  }
  return 2;
}

/** CHARSET/COLLATION/COERCIBILITY read the argument's static type; the argument is not evaluated. */
function typeInfoClass(sig: string, type: FieldType, info: (e: Expression) => Value): FunctionClass {
  return {
    minArgs: 1,
    maxArgs: 1,
    build(args) {
      const v = info(args[0]!);
      return { type, args, impl: makeImpl(sig, () => () => v) };
    },
  };
}

defineFunction(
  'charset',
  typeInfoClass('Charset', varchar(64, true), (e) => e.type.charset),
);
defineFunction(
  'collation',
  typeInfoClass('Collation', varchar(64, true), (e) => e.type.collate),
);
defineFunction('coercibility', typeInfoClass('Coercibility', { ...intType(), flag: Flag.NotNull }, coercibilityOf));
