// Control-flow functions: IF, IFNULL, NULLIF, CASE WHEN, COALESCE. Their result type is MySQL's
// aggregation of the branch types; each branch is cast to it.
import { evalTypeOf, type FieldType, Flag } from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import type { BuildContext, EvalContext } from '../eval-context.js';
import type { EvalFn, Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import { castToType } from './cast.js';
import { castAll, compareFieldType, pairCompareType } from './compare-type.js';
import { makeImpl, sigSuffix } from './impl-util.js';
import { asCondition } from './logic.js';
import { unifyTypes } from './unify-types.js';
import { comparatorFor } from '../value-compare.js';

export { unifyTypes };

function castBranches(branches: Expression[], type: FieldType, bctx: BuildContext): Expression[] {
  return branches.map((b) => castToType(b, type, bctx));
}

defineFunction('if', {
  minArgs: 3,
  maxArgs: 3,
  build(args, bctx) {
    const type = unifyTypes([args[1]!.type, args[2]!.type]);
    const [t, e] = castBranches([args[1]!, args[2]!], type, bctx);
    return {
      type,
      args: [asCondition(args[0]!, bctx), t!, e!],
      impl: makeImpl(`If${sigSuffix(evalTypeOf(type))}`, ([fc, ft, fe]) => (row, ctx) => {
        const c = fc!(row, ctx);
        return c !== null && c !== 0 ? ft!(row, ctx) : fe!(row, ctx);
      }),
    };
  },
});

defineFunction('ifnull', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    const type = unifyTypes([args[0]!.type, args[1]!.type]);
    if ((args[0]!.type.flag & Flag.NotNull) !== 0 || (args[1]!.type.flag & Flag.NotNull) !== 0)
      type.flag |= Flag.NotNull;
    return {
      type,
      args: castBranches(args, type, bctx),
      impl: makeImpl(`IfNull${sigSuffix(evalTypeOf(type))}`, ([fa, fb]) => (row, ctx) => {
        const a = fa!(row, ctx);
        return a !== null ? a : fb!(row, ctx);
      }),
    };
  },
});

/** NULLIF(a, b): NULL when a = b, else a (with a's type, as MySQL). */
defineFunction('nullif', {
  minArgs: 2,
  maxArgs: 2,
  build(args, bctx) {
    const et = pairCompareType(args[0]!, args[1]!);
    const cmp = comparatorFor(compareFieldType(et, args));
    const [ca, cb] = castAll(args, et, bctx);
    const type: FieldType = { ...args[0]!.type, flag: args[0]!.type.flag & ~Flag.NotNull };
    return {
      type,
      // The original first argument is the value; its cast copy takes part in the comparison.
      args: [args[0]!, ca!, cb!],
      impl: makeImpl(`If${sigSuffix(evalTypeOf(type))}`, ([fv, fa, fb]) => (row, ctx) => {
        const v = fv!(row, ctx);
        if (v === null) return null;
        const a = fa!(row, ctx);
        const b = fb!(row, ctx);
        return a !== null && b !== null && cmp(a, b) === 0 ? null : v;
      }),
    };
  },
});

/** case(when1, then1, ..., [else]): the first true WHEN's THEN; ELSE or NULL otherwise. */
defineFunction('case', {
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  build(args, bctx) {
    const pairs = Math.floor(args.length / 2);
    const hasElse = args.length % 2 === 1;
    const results: Expression[] = [];
    for (let i = 0; i < pairs; i++) results.push(args[2 * i + 1]!);
    if (hasElse) results.push(args[args.length - 1]!);
    const type = unifyTypes(results.map((r) => r.type));
    if (!hasElse) type.flag &= ~Flag.NotNull;
    const out: Expression[] = [];
    for (let i = 0; i < pairs; i++) {
      out.push(asCondition(args[2 * i]!, bctx), castToType(args[2 * i + 1]!, type, bctx));
    }
    if (hasElse) out.push(castToType(args[args.length - 1]!, type, bctx));
    return {
      type,
      args: out,
      impl: makeImpl(`CaseWhen${sigSuffix(evalTypeOf(type))}`, (fns: EvalFn[]) => {
        const n = pairs * 2;
        const elseFn = hasElse ? fns[n]! : undefined;
        return (row: Row, ctx: EvalContext): Value => {
          for (let i = 0; i < n; i += 2) {
            const c = fns[i]!(row, ctx);
            if (c !== null && c !== 0) return fns[i + 1]!(row, ctx);
          }
          return elseFn ? elseFn(row, ctx) : null;
        };
      }),
    };
  },
});

defineFunction('coalesce', {
  minArgs: 1,
  maxArgs: Number.POSITIVE_INFINITY,
  build(args, bctx) {
    const type = unifyTypes(args.map((a) => a.type));
    if (args.some((a) => (a.type.flag & Flag.NotNull) !== 0)) type.flag |= Flag.NotNull;
    return {
      type,
      args: castBranches(args, type, bctx),
      impl: makeImpl(`Coalesce${sigSuffix(evalTypeOf(type))}`, (fns) => (row, ctx) => {
        for (let i = 0; i < fns.length; i++) {
          const v = fns[i]!(row, ctx);
          if (v !== null) return v;
        }
        return null;
      }),
    };
  },
});
