// Logical operators with three-valued logic: AND, OR, XOR, NOT, IS [NOT] TRUE/FALSE.
import type { Decimal } from '../../types/decimal.js';
import { EvalType, Flag } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { BuildContext } from '../eval-context.js';
import type { EvalFn, Expression } from '../expression.js';
import { defineFunction, type FunctionClass, newInternalFunction } from '../function.js';
import { castToEvalType } from './cast.js';
import { boolType, makeImpl, numericEvalType, sigSuffix, withNotNullFrom } from './impl-util.js';

/** The numeric type a truth test reads its argument as: INT, DECIMAL, or REAL for everything else. */
function truthEvalType(e: Expression): EvalType {
  const et = e.evalType;
  if (et === EvalType.Int || et === EvalType.Decimal || et === EvalType.Real) return et;
  const n = numericEvalType(e.type);
  return n === EvalType.Int || n === EvalType.Decimal ? n : EvalType.Real;
}

function truthTest(et: EvalType): (v: Value) => boolean {
  return et === EvalType.Decimal ? (v) => !(v as Decimal).isZero() : (v) => v !== 0;
}

/** An argument as an INT-valued condition (NULL kept): itself when it is INT, else istrue_with_null(arg). */
export function asCondition(arg: Expression, bctx: BuildContext): Expression {
  if (arg.evalType === EvalType.Int) return arg;
  return newInternalFunction('istrue_with_null', [arg], bctx);
}

/** AND / OR / XOR: two conditions (non-INT arguments tested for truth) combined by `kernel`. */
function logicClass(sig: string, kernel: (fa: EvalFn, fb: EvalFn) => EvalFn): FunctionClass {
  const impl = makeImpl(sig, ([fa, fb]) => kernel(fa!, fb!));
  return {
    minArgs: 2,
    maxArgs: 2,
    build(args, bctx) {
      return {
        type: withNotNullFrom(boolType(), args),
        args: args.map((a) => asCondition(a, bctx)),
        impl,
      };
    },
  };
}

// The second argument is evaluated only when the first does not decide the result.
defineFunction(
  'and',
  logicClass('LogicalAnd', (fa, fb) => (row, ctx) => {
    const a = fa(row, ctx);
    if (a === 0) return 0;
    const b = fb(row, ctx);
    if (b === 0) return 0;
    return a === null || b === null ? null : 1;
  }),
);

defineFunction(
  'or',
  logicClass('LogicalOr', (fa, fb) => (row, ctx) => {
    const a = fa(row, ctx);
    if (a !== null && a !== 0) return 1;
    const b = fb(row, ctx);
    if (b !== null && b !== 0) return 1;
    return a === null || b === null ? null : 0;
  }),
);

defineFunction(
  'xor',
  logicClass('LogicalXor', (fa, fb) => (row, ctx) => {
    const a = fa(row, ctx);
    if (a === null) return null;
    const b = fb(row, ctx);
    if (b === null) return null;
    return (a !== 0) !== (b !== 0) ? 1 : 0;
  }),
);

defineFunction('not', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const et = truthEvalType(args[0]!);
    const truthy = truthTest(et);
    return {
      type: withNotNullFrom(boolType(), args),
      args: [castToEvalType(args[0]!, et, bctx)],
      impl: makeImpl(`UnaryNot${sigSuffix(et)}`, ([f]) => (row, ctx) => {
        const v = f!(row, ctx);
        return v === null ? null : truthy(v) ? 0 : 1;
      }),
    };
  },
});

/** IS TRUE / IS FALSE (NULL → 0) and the _with_null variants (NULL stays NULL) used inside conditions. */
function truthClass(wantTrue: boolean, keepNull: boolean): FunctionClass {
  return {
    minArgs: 1,
    maxArgs: 1,
    build(args, bctx) {
      const et = truthEvalType(args[0]!);
      const truthy = truthTest(et);
      const type = boolType();
      if (!keepNull || (args[0]!.type.flag & Flag.NotNull) !== 0) type.flag |= Flag.NotNull;
      const sig = `${sigSuffix(et)}Is${wantTrue ? 'True' : 'False'}${keepNull ? 'WithNull' : ''}`;
      const nullResult = keepNull ? null : 0;
      return {
        type,
        args: [castToEvalType(args[0]!, et, bctx)],
        impl: makeImpl(sig, ([f]) => (row, ctx) => {
          const v = f!(row, ctx);
          if (v === null) return nullResult;
          return truthy(v) === wantTrue ? 1 : 0;
        }),
      };
    },
  };
}

defineFunction('istrue', truthClass(true, false));
defineFunction('isfalse', truthClass(false, false));
defineFunction('istrue_with_null', truthClass(true, true));
defineFunction('isfalse_with_null', truthClass(false, true));
