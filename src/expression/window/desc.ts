// Window function descriptions: which functions exist, their arguments' rules and the result type
// MySQL 8 gives them. Aggregates used with OVER carry an aggregate description.
import { ER, sqlError } from '../../errors/index.js';
import { toInt } from '../../types/convert.js';
import { type FieldType, Flag, newFieldType, TypeCode, UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { AggFuncDesc } from '../aggregation/desc.js';
import { newAggFuncDesc } from '../aggregation/desc.js';
import { castToType } from '../builtin/cast.js';
import { unifyTypes } from '../builtin/unify-types.js';
import type { BuildContext } from '../eval-context.js';
import { Constant, type Expression } from '../expression.js';

/** Argument counts of the non-aggregate window functions. */
const ARITY: Record<string, [number, number]> = {
  row_number: [0, 0],
  rank: [0, 0],
  dense_rank: [0, 0],
  percent_rank: [0, 0],
  cume_dist: [0, 0],
  ntile: [1, 1],
  lead: [1, 3],
  lag: [1, 3],
  first_value: [1, 1],
  last_value: [1, 1],
  nth_value: [2, 2],
};

/** Aggregates MySQL accepts with OVER. */
const WINDOW_AGGREGATES = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'bit_and',
  'bit_or',
  'bit_xor',
  'std',
  'stddev',
  'stddev_pop',
  'stddev_samp',
  'variance',
  'var_pop',
  'var_samp',
  'json_arrayagg',
  'json_objectagg',
]);

/** Functions computed over the frame; the others see the whole partition and ignore any frame. */
const FRAMED = new Set(['first_value', 'last_value', 'nth_value']);

/** The window-only functions (ROW_NUMBER, RANK, LAG, ...), for SHOW BUILTINS. */
export function windowFunctionNames(): string[] {
  return Object.keys(ARITY).sort();
}

export function usesFrame(name: string): boolean {
  return FRAMED.has(name) || WINDOW_AGGREGATES.has(name);
}

export interface WindowFuncDesc {
  readonly name: string;
  /** Arguments evaluated per row (for LEAD/LAG: the value and, when given, the default cast to the result type). */
  readonly args: readonly Expression[];
  readonly type: FieldType;
  /** Aggregates used as window functions. */
  readonly agg?: AggFuncDesc;
  /** The constant integer argument: LEAD/LAG offset, NTILE bucket count, NTH_VALUE position. */
  readonly n?: number;
  /** TiDB's EXPLAIN form: `row_number()`, `sum(test.t.a)`. */
  toString(): string;
}

class Desc implements WindowFuncDesc {
  constructor(
    readonly name: string,
    readonly args: readonly Expression[],
    readonly type: FieldType,
    private readonly shown: readonly Expression[],
    readonly agg?: AggFuncDesc,
    readonly n?: number,
  ) {}
  toString(): string {
    if (this.agg) return this.agg.toString();
    return `${this.name}(${this.shown.map((a) => a.toString()).join(', ')})`;
  }
}

function bigintType(): FieldType {
  return newFieldType(TypeCode.LongLong, { flen: 21, decimal: 0, flag: Flag.NotNull | Flag.Binary });
}

function doubleType(): FieldType {
  return newFieldType(TypeCode.Double, { flen: 22, decimal: UNSPECIFIED, flag: Flag.NotNull | Flag.Binary });
}

function nullable(t: FieldType): FieldType {
  return {
    ...t,
    flag: t.flag & ~(Flag.NotNull | Flag.PriKey | Flag.UniqueKey | Flag.MultipleKey | Flag.AutoIncrement),
  };
}

/**
 * The integer a constant argument holds; 1210 ("Incorrect arguments to <name>") when it is not a
 * constant integer at least `min`.
 */
function constantInt(e: Expression, name: string, min: number, bctx: BuildContext): number {
  if (!(e instanceof Constant) || e.value === null) throw sqlError(ER.WRONG_ARGUMENTS, name);
  const v: Value = e.value;
  if (typeof v === 'string' && !/^\s*-?\d+\s*$/.test(v)) throw sqlError(ER.WRONG_ARGUMENTS, name);
  if (typeof v === 'number' && !Number.isInteger(v)) throw sqlError(ER.WRONG_ARGUMENTS, name);
  const i = Number(toInt(v, bctx.evalCtx));
  if (!Number.isFinite(i) || i < min) throw sqlError(ER.WRONG_ARGUMENTS, name);
  return i;
}

/**
 * Describes `name(args) OVER (...)`. Errors as MySQL: 1064 for a wrong argument count, 1210 for
 * bad constant arguments, 1235 for DISTINCT in a windowed aggregate.
 */
export function newWindowFuncDesc(
  name: string,
  args: Expression[],
  distinct: boolean,
  bctx: BuildContext,
): WindowFuncDesc {
  const lower = name.toLowerCase();
  if (WINDOW_AGGREGATES.has(lower)) {
    if (distinct) throw sqlError(ER.NOT_SUPPORTED_YET, '<window function>(DISTINCT ..)');
    const agg = newAggFuncDesc(lower, args, false, bctx);
    return new Desc(lower, args, lower === 'count' ? agg.type : nullable(agg.type), args, agg);
  }
  const arity = ARITY[lower];
  if (!arity) throw sqlError(ER.PARSE, `You have an error in your SQL syntax near '${name}(' (not a window function)`);
  if (args.length < arity[0] || args.length > arity[1] || distinct) {
    throw sqlError(ER.PARSE, `You have an error in your SQL syntax near '${name}(': wrong arguments`);
  }
  switch (lower) {
    case 'row_number':
    case 'rank':
    case 'dense_rank':
      return new Desc(lower, [], bigintType(), []);
    case 'percent_rank':
    case 'cume_dist':
      return new Desc(lower, [], doubleType(), []);
    case 'ntile':
      return new Desc(lower, [], bigintType(), args, undefined, constantInt(args[0]!, lower, 1, bctx));
    case 'lead':
    case 'lag': {
      const n = args.length > 1 ? constantInt(args[1]!, lower, 0, bctx) : 1;
      const dflt = args[2];
      const type = nullable(dflt ? unifyTypes([args[0]!.type, dflt.type]) : args[0]!.type);
      const evalArgs = [castToType(args[0]!, type, bctx)];
      if (dflt) evalArgs.push(castToType(dflt, type, bctx));
      return new Desc(lower, evalArgs, type, args, undefined, n);
    }
    case 'nth_value':
      return new Desc(
        lower,
        [args[0]!],
        nullable(args[0]!.type),
        args,
        undefined,
        constantInt(args[1]!, lower, 1, bctx),
      );
    default:
      return new Desc(lower, [args[0]!], nullable(args[0]!.type), args);
  }
}
