// Bit operators on 64-bit unsigned integers: & | ^ ~ << >> and BIT_COUNT. Signed operands are read
// as their two's-complement bits, as MySQL does.
import { EvalType } from '../../types/field-type.js';
import { normalizeInt, type Value } from '../../types/value.js';
import type { Expression } from '../expression.js';
import { defineFunction, type FunctionClass } from '../function.js';
import { castToEvalType } from './cast.js';
import { binary, intType, makeImpl, unary, withNotNullFrom } from './impl-util.js';

function bits(v: Value): bigint {
  return BigInt.asUintN(64, BigInt(v as number | bigint));
}

function small(v: Value): v is number {
  return typeof v === 'number' && v >= 0 && v <= 0x7fffffff;
}

function bitClass(
  sig: string,
  fast: (a: number, b: number) => number,
  big: (a: bigint, b: bigint) => bigint,
): FunctionClass {
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args, bctx) {
      return {
        type: withNotNullFrom(intType(true), args),
        args: args.map((a: Expression) => castToEvalType(a, EvalType.Int, bctx)),
        impl: makeImpl(
          sig,
          binary((a, b) => (small(a) && small(b) ? fast(a, b) >>> 0 : normalizeInt(big(bits(a), bits(b))))),
        ),
      };
    },
  };
}

defineFunction(
  'bitand',
  bitClass(
    'BitAndSig',
    (a, b) => a & b,
    (a, b) => a & b,
  ),
);
defineFunction(
  'bitor',
  bitClass(
    'BitOrSig',
    (a, b) => a | b,
    (a, b) => a | b,
  ),
);
defineFunction(
  'bitxor',
  bitClass(
    'BitXorSig',
    (a, b) => a ^ b,
    (a, b) => a ^ b,
  ),
);

/** Shifts by 64 or more give 0. */
function shiftClass(sig: string, left: boolean): FunctionClass {
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args, bctx) {
      return {
        type: withNotNullFrom(intType(true), args),
        args: args.map((a) => castToEvalType(a, EvalType.Int, bctx)),
        impl: makeImpl(
          sig,
          binary((a, b) => {
            const n = bits(b);
            if (n >= 64n) return 0;
            const x = bits(a);
            return normalizeInt(left ? BigInt.asUintN(64, x << n) : x >> n);
          }),
        ),
      };
    },
  };
}

defineFunction('leftshift', shiftClass('LeftShift', true));
defineFunction('rightshift', shiftClass('RightShift', false));

defineFunction('bitneg', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    return {
      type: withNotNullFrom(intType(true), args),
      args: [castToEvalType(args[0]!, EvalType.Int, bctx)],
      impl: makeImpl(
        'BitNegSig',
        unary((v) => normalizeInt(BigInt.asUintN(64, ~bits(v)))),
      ),
    };
  },
});

function popcount(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    x &= x - 1n;
    n++;
  }
  return n;
}

defineFunction('bit_count', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const type = intType();
    type.flen = 2;
    return {
      type: withNotNullFrom(type, args),
      args: [castToEvalType(args[0]!, EvalType.Int, bctx)],
      impl: makeImpl(
        'BitCount',
        unary((v) => popcount(bits(v))),
      ),
    };
  },
});
