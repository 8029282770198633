// Running state of one aggregate function over one group. The executor calls add() with the
// argument values of each row (for GROUP_CONCAT followed by its ORDER BY values), merge() to
// combine partial states from parallel workers, and result() once at the end.
import { Decimal } from '../../types/decimal.js';
import { DecimalSum } from '../../types/decimal-sum.js';
import { toDecimal, toInt, toReal } from '../../types/convert.js';
import { EvalType, evalTypeOf } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import { normalizeInt } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { comparatorFor, type HashKey, rowKeyFn } from '../value-compare.js';
import { GroupConcatAccumulator, JsonArrayAggAccumulator, JsonObjectAggAccumulator } from './concat-json.js';
import type { AggFuncDesc } from './desc.js';
import { FinalAvgAccumulator, FinalCountAccumulator } from './final.js';
import { VarianceAccumulator } from './variance.js';

export interface Accumulator {
  add(args: readonly Value[], ctx: EvalContext): void;
  merge(other: Accumulator): void;
  result(ctx: EvalContext): Value;
}

function hasNull(args: readonly Value[], n: number): boolean {
  for (let i = 0; i < n; i++) if (args[i] === null) return true;
  return false;
}

class CountAccumulator implements Accumulator {
  count = 0;
  constructor(private readonly nargs: number) {}
  add(args: readonly Value[]): void {
    if (!hasNull(args, this.nargs)) this.count++;
  }
  merge(other: Accumulator): void {
    this.count += (other as CountAccumulator).count;
  }
  result(): Value {
    return this.count;
  }
}

/** SUM and AVG: exact for INT and DECIMAL arguments (see DecimalSum), IEEE for everything else. */
class SumAccumulator implements Accumulator {
  private count = 0;
  private readonly sum = new DecimalSum();
  private realSum = 0;

  constructor(
    private readonly mode: 'int' | 'decimal' | 'real',
    private readonly avg: boolean,
    private readonly resultScale: number,
  ) {}

  add(args: readonly Value[], ctx: EvalContext): void {
    const v = args[0];
    if (v === null || v === undefined) return;
    this.count++;
    if (this.mode === 'int') this.sum.addInt(typeof v === 'number' || typeof v === 'bigint' ? v : toInt(v, ctx));
    else if (this.mode === 'decimal') this.sum.addDecimal(v instanceof Decimal ? v : toDecimal(v, ctx));
    else this.realSum += toReal(v, ctx);
  }

  merge(other: Accumulator): void {
    const o = other as SumAccumulator;
    this.count += o.count;
    this.sum.merge(o.sum);
    this.realSum += o.realSum;
  }

  result(ctx: EvalContext): Value {
    if (this.count === 0) return null;
    if (this.mode === 'real') return this.avg ? this.realSum / this.count : this.realSum;
    const sum = this.sum.toDecimal();
    if (!this.avg) return sum;
    const q = sum.div(Decimal.fromInt(this.count), ctx.divPrecisionIncrement)!;
    return this.resultScale >= 0 ? q.rescale(this.resultScale) : q;
  }
}

class MinMaxAccumulator implements Accumulator {
  best: Value = null;
  constructor(
    private readonly cmp: (a: Value, b: Value) => number,
    private readonly max: boolean,
  ) {}
  add(args: readonly Value[]): void {
    const v = args[0] ?? null;
    if (v === null) return;
    if (this.best === null || (this.max ? this.cmp(v, this.best) > 0 : this.cmp(v, this.best) < 0)) this.best = v;
  }
  merge(other: Accumulator): void {
    this.add([(other as MinMaxAccumulator).best]);
  }
  result(): Value {
    return this.best;
  }
}

const ALL_ONES = 18446744073709551615n;

class BitAccumulator implements Accumulator {
  acc: bigint;
  constructor(private readonly op: 'and' | 'or' | 'xor') {
    this.acc = op === 'and' ? ALL_ONES : 0n;
  }
  add(args: readonly Value[], ctx: EvalContext): void {
    const v = args[0];
    if (v === null || v === undefined) return;
    this.combine(BigInt.asUintN(64, BigInt(typeof v === 'number' || typeof v === 'bigint' ? v : toInt(v, ctx))));
  }
  private combine(x: bigint): void {
    this.acc = this.op === 'and' ? this.acc & x : this.op === 'or' ? this.acc | x : this.acc ^ x;
  }
  merge(other: Accumulator): void {
    this.combine((other as BitAccumulator).acc);
  }
  result(): Value {
    return normalizeInt(this.acc);
  }
}

class AnyValueAccumulator implements Accumulator {
  private seen = false;
  private value: Value = null;
  add(args: readonly Value[]): void {
    if (this.seen) return;
    this.seen = true;
    this.value = args[0] ?? null;
  }
  merge(other: Accumulator): void {
    const o = other as AnyValueAccumulator;
    if (!this.seen && o.seen) this.add([o.value]);
  }
  result(): Value {
    return this.value;
  }
}

/**
 * DISTINCT: keeps each distinct tuple of the first `nargs` values (rows with a NULL among them are
 * skipped) and feeds them to a fresh inner accumulator when the result is asked for.
 */
class DistinctAccumulator implements Accumulator {
  readonly rows = new Map<HashKey, readonly Value[]>();
  constructor(
    private readonly key: (vals: readonly Value[]) => HashKey,
    private readonly nargs: number,
    private readonly inner: () => Accumulator,
  ) {}
  add(args: readonly Value[]): void {
    if (hasNull(args, this.nargs)) return;
    const k = this.key(args.slice(0, this.nargs));
    if (!this.rows.has(k)) this.rows.set(k, args.slice());
  }
  merge(other: Accumulator): void {
    for (const [k, v] of (other as DistinctAccumulator).rows) if (!this.rows.has(k)) this.rows.set(k, v);
  }
  result(ctx: EvalContext): Value {
    const acc = this.inner();
    for (const r of this.rows.values()) acc.add(r, ctx);
    return acc.result(ctx);
  }
}

function sumMode(desc: AggFuncDesc): 'int' | 'decimal' | 'real' {
  const et = evalTypeOf(desc.type);
  if (et === EvalType.Real) return 'real';
  return evalTypeOf(desc.args[0]!.type) === EvalType.Int ? 'int' : 'decimal';
}

function plainAccumulator(desc: AggFuncDesc, ctx: EvalContext): Accumulator {
  switch (desc.name) {
    case 'count':
    case 'approx_count_distinct':
      return new CountAccumulator(desc.args.length);
    case 'sum':
      return new SumAccumulator(sumMode(desc), false, -1);
    case 'avg':
      return new SumAccumulator(sumMode(desc), true, desc.type.decimal);
    case 'min':
    case 'max':
      return new MinMaxAccumulator(comparatorFor(desc.args[0]!.type), desc.name === 'max');
    case 'bit_and':
    case 'bit_or':
    case 'bit_xor':
      return new BitAccumulator(desc.name.slice(4) as 'and' | 'or' | 'xor');
    case 'any_value':
      return new AnyValueAccumulator();
    case 'group_concat':
      return new GroupConcatAccumulator(desc, ctx);
    case 'json_arrayagg':
      return new JsonArrayAggAccumulator(desc.args[0]!.type);
    case 'json_objectagg':
      return new JsonObjectAggAccumulator(desc.args[1]!.type);
    case 'var_pop':
    case 'variance':
      return new VarianceAccumulator(false, false);
    case 'var_samp':
      return new VarianceAccumulator(true, false);
    case 'std':
    case 'stddev':
    case 'stddev_pop':
      return new VarianceAccumulator(false, true);
    case 'stddev_samp':
      return new VarianceAccumulator(true, true);
  }
  throw new Error(`unknown aggregate ${desc.name}`);
}

export function newAccumulator(desc: AggFuncDesc, ctx: EvalContext): Accumulator {
  if (desc.final) {
    if (desc.name === 'count') return new FinalCountAccumulator();
    if (desc.name === 'avg') return new FinalAvgAccumulator(desc);
    return plainAccumulator(desc, ctx);
  }
  const distinct = desc.distinct || desc.name === 'approx_count_distinct';
  if (!distinct || desc.name === 'min' || desc.name === 'max') return plainAccumulator(desc, ctx);
  const types = desc.args.map((a) => a.type);
  return new DistinctAccumulator(rowKeyFn(types), desc.args.length, () => plainAccumulator(desc, ctx));
}
