// Final-mode accumulators for the aggregates whose partial state is not their own result: COUNT
// merges counts by adding them, AVG merges (count, sum) pairs and divides at the end. The other
// splittable aggregates (SUM, MIN, MAX, BIT_*) merge partial results with their plain accumulator.
import { toDecimal, toInt, toReal } from '../../types/convert.js';
import { Decimal } from '../../types/decimal.js';
import { EvalType, evalTypeOf } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { Accumulator } from './accumulator.js';
import type { AggFuncDesc } from './desc.js';

function countOf(v: Value | undefined, ctx: EvalContext): bigint {
  if (v === null || v === undefined) return 0n;
  return BigInt(typeof v === 'number' || typeof v === 'bigint' ? v : toInt(v, ctx));
}

export class FinalCountAccumulator implements Accumulator {
  private count = 0n;
  add(args: readonly Value[], ctx: EvalContext): void {
    this.count += countOf(args[0], ctx);
  }
  merge(other: Accumulator): void {
    this.count += (other as FinalCountAccumulator).count;
  }
  result(): Value {
    return Number.isSafeInteger(Number(this.count)) ? Number(this.count) : this.count;
  }
}

/** AVG from partial (count, sum) pairs: exact DECIMAL division (INT and DECIMAL arguments) or IEEE. */
export class FinalAvgAccumulator implements Accumulator {
  private count = 0n;
  private decSum = Decimal.ZERO;
  private realSum = 0;
  private readonly real: boolean;
  constructor(private readonly desc: AggFuncDesc) {
    this.real = evalTypeOf(desc.type) === EvalType.Real;
  }
  add(args: readonly Value[], ctx: EvalContext): void {
    const n = countOf(args[0], ctx);
    const s = args[1];
    if (n === 0n || s === null || s === undefined) return;
    this.count += n;
    if (this.real) this.realSum += toReal(s, ctx);
    else this.decSum = this.decSum.add(s instanceof Decimal ? s : toDecimal(s, ctx));
  }
  merge(other: Accumulator): void {
    const o = other as FinalAvgAccumulator;
    this.count += o.count;
    this.realSum += o.realSum;
    this.decSum = this.decSum.add(o.decSum);
  }
  result(ctx: EvalContext): Value {
    if (this.count === 0n) return null;
    if (this.real) return this.realSum / Number(this.count);
    const q = this.decSum.div(Decimal.fromInt(this.count), ctx.divPrecisionIncrement)!;
    const scale = this.desc.type.decimal;
    return scale >= 0 ? q.rescale(scale) : q;
  }
}
