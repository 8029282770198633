// Arithmetic operators: + - * / DIV % and unary minus, with MySQL's result types, exact 64-bit
// signed/unsigned integer overflow checks (error 1690) and division-by-zero handling (1365).
import { ER, sqlError, warningFrom } from '../../errors/index.js';
import type { Decimal } from '../../types/decimal.js';
import {
  EvalType,
  type FieldType,
  MAX_DECIMAL_PRECISION,
  MAX_DECIMAL_SCALE,
  UNSPECIFIED,
} from '../../types/field-type.js';
import { normalizeInt, type Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { BinaryLiteralConstant, Constant, type Expression } from '../expression.js';
import { defineFunction, type FunctionClass } from '../function.js';
import { castToEvalType } from './cast.js';
import {
  binary,
  checkedInt,
  decimalFromType,
  decimalType,
  doubleType,
  doubleTypeWithDecimals,
  INT64_MAX,
  intType,
  isUnsignedType,
  makeImpl,
  numericEvalType,
  realArgType,
  sigSuffix,
  unary,
  withNotNullFrom,
} from './impl-util.js';
import { decimalArithKernel, intArithKernel, realArithKernel } from './kernels.js';

/** Division by zero: NULL with warning 1365, or error 1365 in strict data-changing statements. */
export function divisionByZero(ctx: EvalContext): null {
  if (ctx.divByZeroIsError) throw sqlError(ER.DIVISION_BY_ZERO);
  ctx.appendWarning(warningFrom(ER.DIVISION_BY_ZERO));
  return null;
}

/** The evaluation type of a binary arithmetic operation: REAL wins, then DECIMAL, else INT. */
function arithmeticEvalType(a: Expression, b: Expression): EvalType {
  const x = operandEvalType(a);
  const y = operandEvalType(b);
  if (x === EvalType.Real || y === EvalType.Real) return EvalType.Real;
  if (x === EvalType.Decimal || y === EvalType.Decimal) return EvalType.Decimal;
  return EvalType.Int;
}

/** A hex/bit literal is a BIGINT UNSIGNED in arithmetic (0xFF + 1 = 256), not a string converted to REAL. */
function operandEvalType(e: Expression): EvalType {
  return e instanceof BinaryLiteralConstant ? EvalType.Int : numericEvalType(e.type);
}

function realResultType(a: FieldType, b: FieldType): FieldType {
  const t = doubleType();
  if (a.decimal !== UNSPECIFIED && b.decimal !== UNSPECIFIED && a.decimal <= MAX_DECIMAL_SCALE) {
    t.decimal = Math.max(a.decimal, b.decimal);
  }
  return t;
}

/** Real division shows div_precision_increment more decimals than its arguments, as MySQL's does. */
function realQuotientType(a: FieldType, b: FieldType, incr: number): FieldType {
  const t = realResultType(a, b);
  return t.decimal === UNSPECIFIED ? t : doubleTypeWithDecimals(t.decimal + incr);
}

type Op = '+' | '-' | '*';

function decimalResultType(op: Op, a: FieldType, b: FieldType): FieldType {
  const x = decimalFromType(a);
  const y = decimalFromType(b);
  const dx = Math.max(x.decimal, 0);
  const dy = Math.max(y.decimal, 0);
  if (op === '*')
    return decimalType(Math.min(x.flen + y.flen, MAX_DECIMAL_PRECISION), Math.min(dx + dy, MAX_DECIMAL_SCALE));
  const scale = Math.max(dx, dy);
  return decimalType(Math.min(Math.max(x.flen - dx, y.flen - dy) + scale + 1, MAX_DECIMAL_PRECISION), scale);
}

function opLabel(args: readonly Expression[], op: string): () => string {
  return () => `(${args[0]!.toString()} ${op} ${args[1]!.toString()})`;
}

/** Fails with 1690 when a DECIMAL result needs more than 65 digits. */
function checkDecimal(d: Decimal, label: () => string): Decimal {
  // A safe-integer coefficient has at most 16 digits: always within the 65-digit limit.
  if (d.smallCoef !== null) return d;
  if (d.intDigits > MAX_DECIMAL_PRECISION - Math.min(d.scale, MAX_DECIMAL_SCALE)) {
    throw sqlError(ER.DATA_OUT_OF_RANGE, 'DECIMAL', label());
  }
  return d;
}

function checkReal(x: number, label: () => string): number {
  if (!Number.isFinite(x)) throw sqlError(ER.DATA_OUT_OF_RANGE, 'DOUBLE', label());
  return x;
}

const INT_OPS: Record<Op, (a: bigint, b: bigint) => bigint> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
};

function arithmeticClass(op: Op, sigName: string): FunctionClass {
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args, bctx) {
      const et = arithmeticEvalType(args[0]!, args[1]!);
      const cargs = args.map((a) => castToEvalType(a, et, bctx));
      const label = opLabel(args, op);
      const sig = `${sigName}${sigSuffix(et)}`;
      if (et === EvalType.Int) {
        const unsigned = isUnsignedType(cargs[0]!.type) || isUnsignedType(cargs[1]!.type);
        const bigOp = INT_OPS[op];
        const exact = (a: Value, b: Value) =>
          checkedInt(bigOp(BigInt(a as number), BigInt(b as number)), unsigned, label);
        return {
          type: withNotNullFrom(intType(unsigned), args),
          args: cargs,
          impl: makeImpl(sig, intArithKernel(op, unsigned, exact)),
        };
      }
      if (et === EvalType.Real) {
        return {
          type: withNotNullFrom(realResultType(args[0]!.type, args[1]!.type), args),
          args: cargs,
          impl: makeImpl(
            sig,
            realArithKernel(op, (x) => checkReal(x, label)),
          ),
        };
      }
      return {
        type: withNotNullFrom(decimalResultType(op, args[0]!.type, args[1]!.type), args),
        args: cargs,
        impl: makeImpl(
          sig,
          decimalArithKernel(op, (d) => checkDecimal(d, label)),
        ),
      };
    },
  };
}

defineFunction('plus', arithmeticClass('+', 'Plus'));
defineFunction('minus', arithmeticClass('-', 'Minus'));
defineFunction('mul', arithmeticClass('*', 'Multiply'));

/** `/`: DECIMAL unless an operand is REAL; scale grows by div_precision_increment. */
defineFunction('div', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    const et = arithmeticEvalType(args[0]!, args[1]!) === EvalType.Real ? EvalType.Real : EvalType.Decimal;
    const cargs = args.map((a) => castToEvalType(a, et, bctx));
    const label = opLabel(args, '/');
    if (et === EvalType.Real) {
      return {
        type: realQuotientType(args[0]!.type, args[1]!.type, bctx.evalCtx.divPrecisionIncrement),
        args: cargs,
        impl: makeImpl(
          'DivideReal',
          binary((a, b, ctx) =>
            (b as number) === 0 ? divisionByZero(ctx) : checkReal((a as number) / (b as number), label),
          ),
        ),
      };
    }
    const incr = bctx.evalCtx.divPrecisionIncrement;
    const x = decimalFromType(args[0]!.type);
    const y = decimalFromType(args[1]!.type);
    const scale = Math.min(Math.max(x.decimal, 0) + incr, MAX_DECIMAL_SCALE);
    return {
      type: decimalType(Math.min(x.flen + Math.max(y.decimal, 0) + incr, MAX_DECIMAL_PRECISION), scale),
      args: cargs,
      impl: makeImpl(
        'DivideDecimal',
        binary((a, b, ctx) => {
          const q = (a as Decimal).div(b as Decimal, ctx.divPrecisionIncrement);
          return q === null ? divisionByZero(ctx) : checkDecimal(q, label);
        }),
      ),
    };
  },
});

function alignedCoefs(a: Decimal, b: Decimal): [bigint, bigint] {
  if (a.scale === b.scale) return [a.coef, b.coef];
  if (a.scale > b.scale) return [a.coef, b.coef * 10n ** BigInt(a.scale - b.scale)];
  return [a.coef * 10n ** BigInt(b.scale - a.scale), b.coef];
}

/** DIV: integer division truncating toward zero; non-integer operands divide exactly as DECIMAL. */
defineFunction('intdiv', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    const intOnly = arithmeticEvalType(args[0]!, args[1]!) === EvalType.Int;
    const et = intOnly ? EvalType.Int : EvalType.Decimal;
    const unsigned = isUnsignedType(args[0]!.type) || isUnsignedType(args[1]!.type);
    const label = opLabel(args, 'DIV');
    const cargs = args.map((a) => castToEvalType(a, et, bctx));
    const type = intType(unsigned);
    if (intOnly) {
      return {
        type,
        args: cargs,
        impl: makeImpl(
          'IntDivideInt',
          binary((a, b, ctx) => {
            if (b === 0) return divisionByZero(ctx);
            // Below 2^51 the double quotient cannot round across an integer, so trunc is exact.
            if (typeof a === 'number' && typeof b === 'number' && Math.abs(a) < 2 ** 51) {
              const q = Math.trunc(a / b);
              if (!unsigned || q >= 0) return q === 0 ? 0 : q;
            }
            return checkedInt(BigInt(a as number) / BigInt(b as number), unsigned, label);
          }),
        ),
      };
    }
    return {
      type,
      args: cargs,
      impl: makeImpl(
        'IntDivideDecimal',
        binary((a, b, ctx) => {
          const [x, y] = alignedCoefs(a as Decimal, b as Decimal);
          if (y === 0n) return divisionByZero(ctx);
          return checkedInt(x / y, unsigned, label);
        }),
      ),
    };
  },
});

/** `%` and MOD(): the remainder takes the dividend's sign. */
defineFunction('mod', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    const et = arithmeticEvalType(args[0]!, args[1]!);
    const cargs = args.map((a) => castToEvalType(a, et, bctx));
    if (et === EvalType.Int) {
      const unsigned = isUnsignedType(args[0]!.type);
      return {
        type: intType(unsigned),
        args: cargs,
        impl: makeImpl(
          'ModInt',
          binary((a, b, ctx) => {
            if (b === 0) return divisionByZero(ctx);
            if (typeof a === 'number' && typeof b === 'number') {
              const r = a % b;
              return r === 0 ? 0 : r;
            }
            return normalizeInt(BigInt(a as number) % BigInt(b as number));
          }),
        ),
      };
    }
    if (et === EvalType.Real) {
      return {
        type: realResultType(args[0]!.type, args[1]!.type),
        args: cargs,
        impl: makeImpl(
          'ModReal',
          binary((a, b, ctx) => ((b as number) === 0 ? divisionByZero(ctx) : (a as number) % (b as number))),
        ),
      };
    }
    const x = decimalFromType(args[0]!.type);
    const y = decimalFromType(args[1]!.type);
    const scale = Math.max(x.decimal, y.decimal, 0);
    return {
      type: decimalType(Math.max(x.flen, y.flen), scale),
      args: cargs,
      impl: makeImpl(
        'ModDecimal',
        binary((a, b, ctx) => (a as Decimal).mod(b as Decimal) ?? divisionByZero(ctx)),
      ),
    };
  },
});

const TWO_63 = 9223372036854775808n;

defineFunction('unaryminus', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const arg = args[0]!;
    let et = numericEvalType(arg.type);
    // -18446744073709551615 does not fit BIGINT: such unsigned literals negate as DECIMAL.
    if (et === EvalType.Int && arg instanceof Constant && typeof arg.value === 'bigint' && arg.value > TWO_63) {
      et = EvalType.Decimal;
    }
    const carg = castToEvalType(arg, et, bctx);
    const label = () => `-${arg.toString()}`;
    if (et === EvalType.Int) {
      return {
        type: withNotNullFrom(intType(), args),
        args: [carg],
        impl: makeImpl(
          'UnaryMinusInt',
          unary((v) => {
            if (typeof v === 'number') return v === 0 ? 0 : -v;
            const r = -(v as bigint);
            if (r > INT64_MAX) throw sqlError(ER.DATA_OUT_OF_RANGE, 'BIGINT', label());
            return checkedInt(r, false, label);
          }),
        ),
      };
    }
    if (et === EvalType.Real) {
      return {
        type: withNotNullFrom(realArgType(arg.type), args),
        args: [carg],
        impl: makeImpl(
          'UnaryMinusReal',
          unary((v) => -(v as number)),
        ),
      };
    }
    const dt = decimalFromType(arg.type);
    return {
      type: withNotNullFrom(decimalType(dt.flen, dt.decimal), args),
      args: [carg],
      impl: makeImpl(
        'UnaryMinusDecimal',
        unary((v) => (v as Decimal).neg()),
      ),
    };
  },
});
