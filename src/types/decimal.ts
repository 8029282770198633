// Exact decimal numbers with MySQL DECIMAL semantics: value = coef / 10^scale, held in a bigint so
// that 65-digit precision needs no word arrays. Instances are immutable.

export const MAX_PRECISION = 65;
export const MAX_SCALE = 30;

const POW10: bigint[] = [1n];
function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** Below this, digits are counted on a double (exact under 2**53) instead of printing the bigint. */
const SMALL_COEF = 10n ** 15n;

function digitCount(v: bigint): number {
  const a = absBig(v);
  if (a >= SMALL_COEF) return a.toString().length;
  let n = Number(a);
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** num / den rounded half away from zero (den != 0). */
function divRound(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  if (absBig(r) * 2n >= den) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/** Exponents beyond this are clamped while parsing: the value overflows or vanishes anyway. */
const MAX_PARSE_EXPONENT = 200;

const LITERAL_RE = /^[ \t\n\r]*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[ \t\n\r]*$/;

export class Decimal {
  static readonly ZERO = new Decimal(0n, 0);
  static readonly ONE = new Decimal(1n, 0);

  constructor(
    readonly coef: bigint,
    readonly scale: number,
  ) {}

  static fromInt(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** The shortest decimal that round-trips to x (what String(x) prints); NaN and infinities give 0. */
  static fromNumber(x: number): Decimal {
    if (!Number.isFinite(x)) return Decimal.ZERO;
    return Decimal.parse(String(x)) ?? Decimal.ZERO;
  }

  /** Parses a complete numeric literal ('-1.50', '.5', '1.5e3'); null when the text is not one. */
  static parse(s: string): Decimal | null {
    const m = LITERAL_RE.exec(s);
    if (!m) return null;
    const intPart = m[2] ?? '';
    const fracPart = m[3] ?? '';
    if (intPart === '' && fracPart === '') return null;
    let exp = m[4] === undefined ? 0 : Number.parseInt(m[4], 10);
    if (exp > MAX_PARSE_EXPONENT) exp = MAX_PARSE_EXPONENT;
    let coef = BigInt((intPart + fracPart).replace(/^0+(?=\d)/, '') || '0');
    if (m[1] === '-') coef = -coef;
    let scale = fracPart.length - exp;
    if (scale < 0) {
      coef *= pow10(-scale);
      scale = 0;
    }
    if (scale > MAX_PARSE_EXPONENT + 100) return coef === 0n ? Decimal.ZERO : new Decimal(0n, MAX_SCALE);
    return new Decimal(coef, scale);
  }

  private aligned(o: Decimal): [bigint, bigint, number] {
    if (this.scale === o.scale) return [this.coef, o.coef, this.scale];
    if (this.scale > o.scale) return [this.coef, o.coef * pow10(this.scale - o.scale), this.scale];
    return [this.coef * pow10(o.scale - this.scale), o.coef, o.scale];
  }

  add(o: Decimal): Decimal {
    if (this.scale === o.scale) return new Decimal(this.coef + o.coef, this.scale);
    const [a, b, s] = this.aligned(o);
    return new Decimal(a + b, s);
  }

  sub(o: Decimal): Decimal {
    if (this.scale === o.scale) return new Decimal(this.coef - o.coef, this.scale);
    const [a, b, s] = this.aligned(o);
    return new Decimal(a - b, s);
  }

  /** Exact product; digits beyond MAX_SCALE fractional places are cut off as MySQL does. */
  mul(o: Decimal): Decimal {
    const scale = this.scale + o.scale;
    const r = new Decimal(this.coef * o.coef, scale);
    return scale > MAX_SCALE ? r.truncate(MAX_SCALE) : r;
  }

  /** Quotient with scale this.scale + incr (at most 30), rounded half away from zero; null for x/0. */
  div(o: Decimal, incr = 4): Decimal | null {
    if (o.coef === 0n) return null;
    const rs = Math.min(this.scale + incr, MAX_SCALE);
    const num = this.coef * pow10(o.scale + rs);
    const den = o.coef * pow10(this.scale);
    return new Decimal(divRound(num, den), rs);
  }

  /** Remainder with the dividend's sign (MySQL MOD); null for x % 0. */
  mod(o: Decimal): Decimal | null {
    if (o.coef === 0n) return null;
    const [a, b, s] = this.aligned(o);
    return new Decimal(a % b, s);
  }

  neg(): Decimal {
    return new Decimal(-this.coef, this.scale);
  }

  abs(): Decimal {
    return this.coef < 0n ? this.neg() : this;
  }

  sign(): -1 | 0 | 1 {
    return this.coef < 0n ? -1 : this.coef > 0n ? 1 : 0;
  }

  isZero(): boolean {
    return this.coef === 0n;
  }

  compare(o: Decimal): -1 | 0 | 1 {
    if (this.scale === o.scale) return this.coef < o.coef ? -1 : this.coef > o.coef ? 1 : 0;
    const [a, b] = this.aligned(o);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Rounds half away from zero to frac fractional digits (negative frac rounds left of the point). */
  round(frac: number): Decimal {
    return this.toScale(frac, true);
  }

  truncate(frac: number): Decimal {
    return this.toScale(frac, false);
  }

  private toScale(frac: number, round: boolean): Decimal {
    frac = Math.min(frac, MAX_SCALE);
    const target = Math.max(frac, 0);
    if (frac >= this.scale) return new Decimal(this.coef * pow10(target - this.scale), target);
    const drop = pow10(this.scale - frac);
    let q = round ? divRound(this.coef, drop) : this.coef / drop;
    if (frac < 0) q *= pow10(-frac);
    return new Decimal(q, target);
  }

  floor(): Decimal {
    const d = pow10(this.scale);
    let q = this.coef / d;
    if (this.coef < 0n && q * d !== this.coef) q -= 1n;
    return new Decimal(q, 0);
  }

  ceil(): Decimal {
    const d = pow10(this.scale);
    let q = this.coef / d;
    if (this.coef > 0n && q * d !== this.coef) q += 1n;
    return new Decimal(q, 0);
  }

  /** The same value with exactly `scale` fractional digits, rounding when digits are dropped. */
  rescale(scale: number): Decimal {
    return scale === this.scale ? this : this.round(scale);
  }

  toString(): string {
    const neg = this.coef < 0n;
    let digits = absBig(this.coef).toString();
    if (this.scale > 0) {
      if (digits.length <= this.scale) digits = '0'.repeat(this.scale - digits.length + 1) + digits;
      const p = digits.length - this.scale;
      digits = `${digits.slice(0, p)}.${digits.slice(p)}`;
    }
    return neg ? `-${digits}` : digits;
  }

  toNumber(): number {
    return Number.parseFloat(this.toString());
  }

  /** The nearest integer, halves rounded away from zero. */
  toBigInt(): bigint {
    return this.scale === 0 ? this.coef : divRound(this.coef, pow10(this.scale));
  }

  /** Number of significant digit positions: integer digits plus scale. */
  get precision(): number {
    return this.intDigits + this.scale;
  }

  /** Digits left of the decimal point (0 for pure fractions such as 0.05). */
  get intDigits(): number {
    if (this.coef === 0n) return this.scale === 0 ? 1 : 0;
    return Math.max(digitCount(this.coef) - this.scale, 0);
  }

  /**
   * Fits the value into a DECIMAL(flen, decimal) column: rounds to `decimal` places (truncated when
   * non-zero digits were dropped) and clamps to the column's largest magnitude on overflow.
   */
  convertTo(flen: number, decimal: number): { value: Decimal; overflow: boolean; truncated: boolean } {
    const rounded = this.round(decimal);
    const truncated = rounded.compare(this) !== 0;
    const maxCoef = pow10(flen) - 1n;
    if (absBig(rounded.coef) > maxCoef) {
      return { value: new Decimal(this.coef < 0n ? -maxCoef : maxCoef, decimal), overflow: true, truncated: false };
    }
    return { value: rounded, overflow: false, truncated };
  }

  /** Equal values (1.5 and 1.50) give equal keys. */
  hashKey(): string {
    let c = this.coef;
    let s = this.scale;
    while (s > 0 && c % 10n === 0n) {
      c /= 10n;
      s--;
    }
    return s === 0 ? c.toString() : `${c}e-${s}`;
  }
}
