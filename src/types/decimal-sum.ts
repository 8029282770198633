// An exact running sum of DECIMAL or integer values for SUM and AVG. The coefficient is added as a
// double while it stays a safe integer and moves to a bigint only when it leaves that range (and
// back when it returns), so the common aggregation does no bigint work per row.
import { Decimal, mulPow10Num, pow10 } from './decimal.js';

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

export class DecimalSum {
  /** The sum's coefficient at `scale` while `big` is null. */
  private n = 0;
  /** The coefficient once it is beyond the safe range. */
  private big: bigint | null = null;
  private scale = 0;

  /** Adds an integer value (number or bigint). */
  addInt(v: number | bigint): void {
    if (typeof v === 'number' && Number.isSafeInteger(v)) this.addNum(v, 0);
    else this.addBig(BigInt(v), 0);
  }

  addDecimal(d: Decimal): void {
    const c = d.smallCoef;
    if (c !== null) this.addNum(c, d.scale);
    else this.addBig(d.coef, d.scale);
  }

  merge(o: DecimalSum): void {
    if (o.big === null) this.addNum(o.n, o.scale);
    else this.addBig(o.big, o.scale);
  }

  toDecimal(): Decimal {
    return new Decimal(this.big ?? this.n, this.scale);
  }

  private addNum(c: number, s: number): void {
    if (this.big === null) {
      if (s === this.scale) {
        const r = this.n + c;
        if (Number.isSafeInteger(r)) {
          this.n = r;
          return;
        }
      } else if (s < this.scale) {
        const r = this.n + mulPow10Num(c, this.scale - s);
        if (Number.isSafeInteger(r)) {
          this.n = r;
          return;
        }
      } else {
        const r = mulPow10Num(this.n, s - this.scale) + c;
        if (Number.isSafeInteger(r)) {
          this.n = r;
          this.scale = s;
          return;
        }
      }
    }
    this.addBig(BigInt(c), s);
  }

  private addBig(c: bigint, s: number): void {
    let acc = this.big ?? BigInt(this.n);
    if (s < this.scale) c *= pow10(this.scale - s);
    else if (s > this.scale) {
      acc *= pow10(s - this.scale);
      this.scale = s;
    }
    acc += c;
    if (acc <= MAX_SAFE_BIG && acc >= -MAX_SAFE_BIG) {
      this.n = Number(acc);
      this.big = null;
    } else this.big = acc;
  }
}
