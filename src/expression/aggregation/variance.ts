// VARIANCE/STDDEV family: Welford's running mean and sum of squares, mergeable across partial
// aggregates (Chan et al.'s parallel formula).
import { toReal } from '../../types/convert.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { Accumulator } from './accumulator.js';

export class VarianceAccumulator implements Accumulator {
  private n = 0;
  private mean = 0;
  private m2 = 0;

  constructor(
    private readonly sample: boolean,
    private readonly sqrt: boolean,
  ) {}

  add(args: readonly Value[], ctx: EvalContext): void {
    const v = args[0];
    if (v === null || v === undefined) return;
    const x = toReal(v, ctx);
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
  }

  merge(other: Accumulator): void {
    const o = other as VarianceAccumulator;
    if (o.n === 0) return;
    if (this.n === 0) {
      this.n = o.n;
      this.mean = o.mean;
      this.m2 = o.m2;
      return;
    }
    const n = this.n + o.n;
    const d = o.mean - this.mean;
    this.m2 += o.m2 + (d * d * this.n * o.n) / n;
    this.mean += (d * o.n) / n;
    this.n = n;
  }

  result(): Value {
    if (this.n === 0 || (this.sample && this.n < 2)) return null;
    const v = Math.max(this.m2, 0) / (this.sample ? this.n - 1 : this.n);
    return this.sqrt ? Math.sqrt(v) : v;
  }
}
