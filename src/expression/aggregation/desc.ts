// Aggregate function descriptions: name, arguments, DISTINCT, ORDER BY/SEPARATOR and the result
// type MySQL/TiDB infer for them.
import { ER, sqlError } from '../../errors/index.js';
import {
  CHARSET_BIN,
  EvalType,
  evalTypeOf,
  type FieldType,
  Flag,
  MAX_DECIMAL_PRECISION,
  MAX_DECIMAL_SCALE,
  newFieldType,
  TypeCode,
  UNSPECIFIED,
} from '../../types/field-type.js';
import { castToEvalType } from '../builtin/cast.js';
import {
  decimalFromType,
  decimalType,
  doubleType,
  doubleTypeWithDecimals,
  intType,
  numericEvalType,
  realArgType,
} from '../builtin/impl-util.js';
import type { BuildContext } from '../eval-context.js';
import type { Expression } from '../expression.js';

export interface AggOrderItem {
  readonly expr: Expression;
  readonly desc: boolean;
}

export interface AggFuncDesc {
  readonly name: string;
  readonly args: readonly Expression[];
  readonly distinct: boolean;
  readonly type: FieldType;
  readonly separator?: string;
  readonly orderBy?: readonly AggOrderItem[];
  /**
   * Final mode: the arguments are partial states of the same function computed elsewhere (a reader's
   * partial aggregation) and are merged: COUNT sums counts, AVG takes (count, sum) pairs.
   */
  readonly final?: boolean;
  toString(): string;
}

const ARITY: Record<string, [number, number]> = {
  count: [1, Number.POSITIVE_INFINITY],
  sum: [1, 1],
  avg: [1, 1],
  min: [1, 1],
  max: [1, 1],
  group_concat: [1, Number.POSITIVE_INFINITY],
  bit_and: [1, 1],
  bit_or: [1, 1],
  bit_xor: [1, 1],
  std: [1, 1],
  stddev: [1, 1],
  stddev_pop: [1, 1],
  stddev_samp: [1, 1],
  variance: [1, 1],
  var_pop: [1, 1],
  var_samp: [1, 1],
  any_value: [1, 1],
  json_arrayagg: [1, 1],
  json_objectagg: [2, 2],
  approx_count_distinct: [1, Number.POSITIVE_INFINITY],
};

export function isAggregateName(name: string): boolean {
  return Object.hasOwn(ARITY, name.toLowerCase());
}

/** The names newAggFuncDesc accepts. */
export function aggregateNames(): string[] {
  return Object.keys(ARITY).sort();
}

class AggDesc implements AggFuncDesc {
  constructor(
    readonly name: string,
    readonly args: readonly Expression[],
    readonly distinct: boolean,
    readonly type: FieldType,
    readonly separator?: string,
    readonly orderBy?: readonly AggOrderItem[],
    readonly final?: boolean,
  ) {}

  /** TiDB's EXPLAIN form: count(1), sum(test.t.a), count(distinct test.t.a). */
  toString(): string {
    let s = `${this.name}(${this.distinct ? 'distinct ' : ''}${this.args.map((a) => a.toString()).join(', ')}`;
    if (this.orderBy && this.orderBy.length > 0) {
      s += ` order by ${this.orderBy.map((o) => `${o.expr.toString()}${o.desc ? ' desc' : ''}`).join(', ')}`;
    }
    if (this.name === 'group_concat') s += ` separator "${this.separator ?? ','}"`;
    return `${s})`;
  }
}

/** group_concat_max_len of the session building the plan (1024 by default). */
export function groupConcatMaxLen(bctx: BuildContext): number {
  const v = Number(bctx.evalCtx.session.getSysVar('group_concat_max_len', false) ?? 1024);
  return Number.isFinite(v) && v > 0 ? v : 1024;
}

const COUNT_TYPE = (): FieldType => ({ ...intType(), flen: 21, flag: Flag.NotNull | Flag.Binary });

function sumType(arg: FieldType): FieldType {
  const et = numericEvalType(arg);
  if (et === EvalType.Real) return realArgType(arg);
  const d = decimalFromType(arg);
  const scale = et === EvalType.Int ? 0 : Math.max(d.decimal, 0);
  return decimalType(Math.min(d.flen + (et === EvalType.Int ? 21 : 22), MAX_DECIMAL_PRECISION), scale);
}

function resultType(name: string, args: readonly Expression[], bctx: BuildContext): FieldType {
  const arg = args[0]!.type;
  switch (name) {
    case 'count':
    case 'approx_count_distinct':
      return COUNT_TYPE();
    case 'sum':
      return sumType(arg);
    case 'avg': {
      const et = numericEvalType(arg);
      const incr = bctx.evalCtx.divPrecisionIncrement;
      if (et === EvalType.Real) {
        const real = realArgType(arg);
        return real.decimal === UNSPECIFIED ? real : doubleTypeWithDecimals(real.decimal + incr);
      }
      const d = decimalFromType(arg);
      const scale = Math.min((et === EvalType.Int ? 0 : Math.max(d.decimal, 0)) + incr, MAX_DECIMAL_SCALE);
      return decimalType(Math.min(d.flen + incr, MAX_DECIMAL_PRECISION), scale);
    }
    case 'min':
    case 'max':
    case 'any_value':
      return {
        ...arg,
        flag: arg.flag & ~(Flag.NotNull | Flag.PriKey | Flag.UniqueKey | Flag.MultipleKey | Flag.AutoIncrement),
      };
    case 'group_concat': {
      const max = groupConcatMaxLen(bctx);
      const binary = args.some((a) => evalTypeOf(a.type) === EvalType.String && a.type.charset === CHARSET_BIN);
      const charset = binary ? CHARSET_BIN : 'utf8mb4';
      const collate = binary
        ? 'binary'
        : (args.find((a) => a.evalType === EvalType.String)?.type.collate ?? 'utf8mb4_bin');
      // MySQL gives VARCHAR up to 512 characters, a TEXT/BLOB type beyond.
      const tp =
        max <= 512
          ? TypeCode.VarString
          : max <= 65535
            ? TypeCode.Blob
            : max <= 16777215
              ? TypeCode.MediumBlob
              : TypeCode.LongBlob;
      return newFieldType(tp, { flen: max, decimal: UNSPECIFIED, charset, collate, flag: binary ? Flag.Binary : 0 });
    }
    case 'bit_and':
    case 'bit_or':
    case 'bit_xor':
      return { ...intType(true), flen: 21, flag: Flag.Unsigned | Flag.NotNull | Flag.Binary };
    case 'json_arrayagg':
    case 'json_objectagg':
      return newFieldType(TypeCode.JSON, { flen: 4294967295, decimal: 0, charset: 'utf8mb4', collate: 'utf8mb4_bin' });
    default:
      return doubleType();
  }
}

const NUMERIC_AGGS = new Set([
  'sum',
  'avg',
  'bit_and',
  'bit_or',
  'bit_xor',
  'var_pop',
  'var_samp',
  'variance',
  'std',
  'stddev',
  'stddev_pop',
  'stddev_samp',
]);

/** Describes name(args); errors with 1582 on a wrong argument count. */
export function newAggFuncDesc(
  name: string,
  args: Expression[],
  distinct: boolean,
  bctx: BuildContext,
  opts: { separator?: string; orderBy?: readonly AggOrderItem[] } = {},
): AggFuncDesc {
  const lower = name.toLowerCase();
  const arity = ARITY[lower];
  if (!arity) throw sqlError(ER.SP_DOES_NOT_EXIST, 'FUNCTION', name);
  if (args.length < arity[0] || args.length > arity[1]) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
  if (NUMERIC_AGGS.has(lower) && (args[0]!.type.tp === TypeCode.Enum || args[0]!.type.tp === TypeCode.Set)) {
    // ENUM/SET members are summed (and averaged, OR-ed, ...) by their numeric value, as in MySQL.
    args = [castToEvalType(args[0]!, lower.startsWith('bit_') ? EvalType.Int : EvalType.Real, bctx), ...args.slice(1)];
  }
  const type = resultType(lower, args, bctx);
  const separator = lower === 'group_concat' ? (opts.separator ?? ',') : undefined;
  return new AggDesc(lower, args, distinct, type, separator, opts.orderBy);
}

/** A plain COUNT or SUM of one argument (the partial states of AVG). */
export function countOrSumDesc(name: 'count' | 'sum', arg: Expression): AggFuncDesc {
  return new AggDesc(name, [arg], false, name === 'count' ? COUNT_TYPE() : sumType(arg.type));
}

/** `name` merging the partial states `args` into a result of `type` (see AggFuncDesc.final). */
export function finalAggDesc(name: string, args: readonly Expression[], type: FieldType): AggFuncDesc {
  return new AggDesc(name, args, false, type, undefined, undefined, true);
}
