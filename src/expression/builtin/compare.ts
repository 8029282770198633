// Comparison operators and functions: = <> < <= > >= <=>, IN, IS NULL, GREATEST, LEAST, INTERVAL.
import { EvalType, type FieldType, Flag, TypeCode } from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { type BuiltinImpl, Constant, type EvalFn, type Expression } from '../expression.js';
import { defineFunction, type FunctionClass } from '../function.js';
import { comparatorFor, keyFnFor } from '../value-compare.js';
import { refineIntComparison, refineIntInList } from './compare-refine.js';
import { castAll, compareFieldType, listCompareType, pairCompareType } from './compare-type.js';
import { unifyTypes } from './unify-types.js';
import { boolType, intType, makeImpl, sigSuffix, withNotNullFrom } from './impl-util.js';
import { type CmpOp, comparatorKernel, numericCompareKernel } from './kernels.js';

function comparisonClass(op: CmpOp): FunctionClass {
  // Numeric comparisons need nothing of their arguments' types: one implementation each, built once.
  const kernel = numericCompareKernel(op);
  const intImpl = makeImpl(op + sigSuffix(EvalType.Int), kernel);
  const realImpl = makeImpl(op + sigSuffix(EvalType.Real), kernel);
  return {
    minArgs: 2,
    maxArgs: 2,
    build(given, bctx) {
      const args = refineIntComparison(op, given[0]!, given[1]!) ?? given;
      const et = pairCompareType(args[0]!, args[1]!);
      const cargs = castAll(args, et, bctx);
      const type = withNotNullFrom(boolType(), args);
      let impl: BuiltinImpl;
      if (et === EvalType.Int) impl = intImpl;
      else if (et === EvalType.Real) impl = realImpl;
      else impl = makeImpl(op + sigSuffix(et), comparatorKernel(op, comparatorFor(compareFieldType(et, args))));
      return { type, args: cargs, impl };
    },
  };
}

defineFunction('eq', comparisonClass('EQ'));
defineFunction('ne', comparisonClass('NE'));
defineFunction('lt', comparisonClass('LT'));
defineFunction('le', comparisonClass('LE'));
defineFunction('gt', comparisonClass('GT'));
defineFunction('ge', comparisonClass('GE'));

defineFunction('nulleq', {
  minArgs: 2,
  maxArgs: 2,
  build(given, bctx) {
    const args = refineIntComparison('NullEQ', given[0]!, given[1]!) ?? given;
    const et = pairCompareType(args[0]!, args[1]!);
    const cmp = comparatorFor(compareFieldType(et, args));
    const type = boolType();
    type.flag |= Flag.NotNull;
    return {
      type,
      args: castAll(args, et, bctx),
      impl: makeImpl(`NullEQ${sigSuffix(et)}`, ([fa, fb]) => (row, ctx) => {
        const a = fa!(row, ctx);
        const b = fb!(row, ctx);
        if (a === null || b === null) return a === b ? 1 : 0;
        return cmp(a, b) === 0 ? 1 : 0;
      }),
    };
  },
});

/** `x IN (v1, ...)`: 1 on a match, NULL when x is NULL or no match but some vi is NULL, else 0. */
defineFunction('in', {
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  build(given, bctx) {
    const args = refineIntInList(given) ?? given;
    const et = listCompareType(args);
    const ft = compareFieldType(et, args);
    const cargs = castAll(args, et, bctx);
    const sig = `In${sigSuffix(et)}`;
    const list = cargs.slice(1);
    if (list.every((e) => e instanceof Constant && e.paramIndex === undefined)) {
      // All-constant lists become a hash set probed once per row.
      const key = keyFnFor(ft);
      const set = new Set<string | number>();
      let hasNull = false;
      for (const e of list) {
        const v = (e as Constant).value;
        if (v === null) hasNull = true;
        else set.add(key(v));
      }
      return {
        type: boolType(),
        args: cargs,
        impl: makeImpl(sig, ([fx]) => (row, ctx) => {
          const x = fx!(row, ctx);
          if (x === null) return null;
          if (set.has(key(x))) return 1;
          return hasNull ? null : 0;
        }),
      };
    }
    const cmp = comparatorFor(ft);
    return {
      type: boolType(),
      args: cargs,
      impl: makeImpl(sig, (fns) => (row, ctx) => {
        const x = fns[0]!(row, ctx);
        if (x === null) return null;
        let hasNull = false;
        for (let i = 1; i < fns.length; i++) {
          const v = fns[i]!(row, ctx);
          if (v === null) hasNull = true;
          else if (cmp(x, v) === 0) return 1;
        }
        return hasNull ? null : 0;
      }),
    };
  },
});

defineFunction('isnull', {
  minArgs: 1,
  maxArgs: 1,
  build(args) {
    const type = boolType();
    type.flag |= Flag.NotNull;
    return {
      type,
      args,
      impl: makeImpl(
        `${sigSuffix(args[0]!.evalType)}IsNull`,
        ([f]) =>
          (row, ctx) =>
            f!(row, ctx) === null ? 1 : 0,
      ),
    };
  },
});

/** GREATEST/LEAST compare as TiDB's getCmpTp4MinMax: all strings with a date among them compare as dates. */
function minMaxCompareType(args: readonly Expression[]): EvalType {
  const et = listCompareType(args);
  const allStringLike = args.every((a) => a.evalType === EvalType.String || a.evalType === EvalType.Datetime);
  const anyDate = args.some((a) => a.evalType === EvalType.Datetime);
  if (allStringLike && anyDate) return EvalType.Datetime;
  if (et === EvalType.Datetime && !args.every((a) => a.evalType === EvalType.Datetime)) return EvalType.String;
  return et;
}

function minMaxClass(sigPrefix: string, wantGreater: boolean): FunctionClass {
  return {
    minArgs: 2,
    maxArgs: Number.POSITIVE_INFINITY,
    build(args, bctx) {
      const et = minMaxCompareType(args);
      const ft = compareFieldType(et, args);
      const cargs = castAll(args, et, bctx);
      const type = resultTypeForMinMax(et, args, ft);
      const cmp = comparatorFor(ft);
      return {
        type,
        args: cargs,
        impl: makeImpl(sigPrefix + sigSuffix(et), (fns) => (row: Row, ctx: EvalContext) => {
          let best: Value = null;
          for (let i = 0; i < fns.length; i++) {
            const v = fns[i]!(row, ctx);
            if (v === null) return null;
            if (i === 0 || (wantGreater ? cmp(v, best) > 0 : cmp(v, best) < 0)) best = v;
          }
          return best;
        }),
      };
    },
  };
}

function resultTypeForMinMax(et: EvalType, args: readonly Expression[], ft: FieldType): FieldType {
  if (et === EvalType.String) {
    const t = unifyTypes(args.map((a) => a.type));
    if (t.tp !== TypeCode.VarString && t.tp !== TypeCode.String && t.tp !== TypeCode.Varchar) t.tp = TypeCode.VarString;
    t.collate = ft.collate;
    t.charset = ft.charset;
    return withNotNullFrom(t, args);
  }
  if (et === EvalType.Datetime && args.every((a) => a.evalType === EvalType.Datetime)) {
    return withNotNullFrom(unifyTypes(args.map((a) => a.type)), args);
  }
  if (et === EvalType.Int || et === EvalType.Decimal || et === EvalType.Real || et === EvalType.Duration) {
    const t = unifyTypes(args.map((a) => a.type));
    if (t.tp === TypeCode.VarString) return withNotNullFrom(ft, args);
    return withNotNullFrom(t, args);
  }
  return withNotNullFrom(ft, args);
}

defineFunction('greatest', minMaxClass('Greatest', true));
defineFunction('least', minMaxClass('Least', false));

/** INTERVAL(N, N1, N2, ...): how many Ni are <= N (the Ni ascending); -1 when N is NULL. */
defineFunction('interval', {
  minArgs: 2,
  maxArgs: Number.POSITIVE_INFINITY,
  build(args, bctx) {
    const et = args.every((a) => a.evalType === EvalType.Int || a.type.tp === TypeCode.Null)
      ? EvalType.Int
      : EvalType.Real;
    const type = intType();
    type.flag |= Flag.NotNull;
    return {
      type,
      args: castAll(args, et, bctx),
      impl: makeImpl(et === EvalType.Int ? 'IntervalInt' : 'IntervalReal', (fns: EvalFn[]) => (row, ctx) => {
        const n = fns[0]!(row, ctx);
        if (n === null) return -1;
        let lo = 1;
        let hi = fns.length;
        // Binary search as MySQL does: NULL bounds count as smaller than anything.
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          const v = fns[mid]!(row, ctx);
          if (v === null || (v as number) <= (n as number)) lo = mid + 1;
          else hi = mid;
        }
        return lo - 1;
      }),
    };
  },
});
