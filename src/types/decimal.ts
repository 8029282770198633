// Exact decimal numbers with MySQL DECIMAL semantics: value = coef / 10^scale. The coefficient is a
// JS number while it is a safe integer (the common case: no bigint allocation or arithmetic) and a
// bigint beyond that, so 65-digit precision needs no word arrays. Instances are immutable.

export const MAX_PRECISION = 65;
export const MAX_SCALE = 30;

const POW10: bigint[] = [1n];
/** 10^n as a bigint. */
export function pow10(n: number): bigint {
  while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
  return POW10[n]!;
}

/** 10^0 .. 10^22 as doubles: every one is exact (10^22 is the largest power of ten a double holds). */
export const POW10_NUM: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(10n ** BigInt(i)));

const MAX_SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

function absBig(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/** The canonical coefficient: a number when the value is a safe integer, else the bigint. */
function normCoef(v: bigint): number | bigint {
  return v <= MAX_SAFE_BIG && v >= -MAX_SAFE_BIG ? Number(v) : v;
}

/**
 * c * 10^k as a safe integer, or NaN when the product leaves the safe range. Checking the rounded
 * product is exact: a true product within +-(2^53 - 1) is representable, so it is computed without
 * rounding, and one of magnitude >= 2^53 cannot round below 2^53 (rounding is monotonic).
 */
export function mulPow10Num(c: number, k: number): number {
  if (k === 0 || c === 0) return c;
  if (k > 22) return Number.NaN;
  const r = c * POW10_NUM[k]!;
  return Number.isSafeInteger(r) ? r : Number.NaN;
}

/** c * 10^k for either coefficient form. */
function scaleUp(c: number | bigint, k: number): number | bigint {
  if (typeof c === 'number') {
    const r = mulPow10Num(c, k);
    return Number.isNaN(r) ? BigInt(c) * pow10(k) : r;
  }
  return k === 0 ? c : c * pow10(k);
}

/** Digits of a safe integer's magnitude (at most 16). */
function digitCountNum(c: number): number {
  const a = Math.abs(c);
  let d = 1;
  while (a >= POW10_NUM[d]!) d++;
  return d;
}

function digitCount(v: bigint): number {
  return absBig(v).toString().length;
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

/** divRound on safe integers: % is exact on doubles and so is the division of num - r by den. */
function divRoundNum(num: number, den: number): number {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const r = num % den;
  const q = (num - r) / den;
  if (Math.abs(r) * 2 >= den) return num < 0 ? q - 1 : q + 1;
  return q;
}

/** num / den truncated toward zero, on safe integers. */
function truncDivNum(num: number, den: number): number {
  return (num - (num % den)) / den;
}

/** Exponents beyond this are clamped while parsing: the value overflows or vanishes anyway. */
const MAX_PARSE_EXPONENT = 200;

const LITERAL_RE = /^[ \t\n\r]*([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?[ \t\n\r]*$/;

/**
 * Decimal.parse for the common plain form, [-]digits[.digits] with at most 15 digits (an exact double):
 * no regular expression, no string building. Null for anything else, which the general parser handles.
 */
function parsePlainDecimal(s: string): Decimal | null {
  const n = s.length;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (n - i > 16) return null;
  let coef = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      coef = coef * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else return null;
  }
  if (digits === 0 || digits > 15 || scale === 0) return null;
  return new Decimal(s.charCodeAt(0) === 45 ? -coef : coef, Math.max(scale, 0));
}

/** The reused result of Decimal.alignedNum (JS is single-threaded; callers read it at once). */
const PAIR: [number, number] = [0, 0];

export class Decimal {
  static readonly ZERO = new Decimal(0, 0);
  static readonly ONE = new Decimal(1, 0);

  /** The coefficient: a number when it is a safe integer, otherwise a bigint (never a safe one). */
  private readonly c: number | bigint;
  readonly scale: number;

  /** `coef` is a bigint or a number that must be a safe integer. */
  constructor(coef: bigint | number, scale: number) {
    // `+ 0` turns a -0 (0 * -5) into 0.
    this.c = typeof coef === 'number' ? coef + 0 : normCoef(coef);
    this.scale = scale;
  }

  /** The coefficient as a bigint. */
  get coef(): bigint {
    const c = this.c;
    return typeof c === 'number' ? BigInt(c) : c;
  }

  /** The coefficient when it is a safe integer, else null: lets hot paths stay off bigint. */
  get smallCoef(): number | null {
    const c = this.c;
    return typeof c === 'number' ? c : null;
  }

  static fromInt(n: number | bigint): Decimal {
    return new Decimal(typeof n === 'number' && Number.isSafeInteger(n) ? n : BigInt(n), 0);
  }

  /** The shortest decimal that round-trips to x (what String(x) prints); NaN and infinities give 0. */
  static fromNumber(x: number): Decimal {
    if (!Number.isFinite(x)) return Decimal.ZERO;
    return Decimal.parse(String(x)) ?? Decimal.ZERO;
  }

  /** Parses a complete numeric literal ('-1.50', '.5', '1.5e3'); null when the text is not one. */
  static parse(s: string): Decimal | null {
    return parsePlainDecimal(s) ?? Decimal.parseLiteral(s);
  }

  private static parseLiteral(s: string): Decimal | null {
    const m = LITERAL_RE.exec(s);
    if (!m) return null;
    const intPart = m[2] ?? '';
    const fracPart = m[3] ?? '';
    if (intPart === '' && fracPart === '') return null;
    let exp = m[4] === undefined ? 0 : Number.parseInt(m[4], 10);
    if (exp > MAX_PARSE_EXPONENT) exp = MAX_PARSE_EXPONENT;
    const digits = (intPart + fracPart).replace(/^0+(?=\d)/, '') || '0';
    // Up to 15 digits are below 2^53, so the double parse is exact.
    let coef: number | bigint = digits.length <= 15 ? Number(digits) : BigInt(digits);
    if (m[1] === '-') coef = -coef;
    let scale = fracPart.length - exp;
    if (scale < 0) {
      coef = scaleUp(coef, -scale);
      scale = 0;
    }
    if (scale > MAX_PARSE_EXPONENT + 100) return coef === 0 ? Decimal.ZERO : new Decimal(0, MAX_SCALE);
    return new Decimal(coef, scale);
  }

  private aligned(o: Decimal): [bigint, bigint, number] {
    if (this.scale === o.scale) return [this.coef, o.coef, this.scale];
    if (this.scale > o.scale) return [this.coef, o.coef * pow10(this.scale - o.scale), this.scale];
    return [this.coef * pow10(o.scale - this.scale), o.coef, o.scale];
  }

  /**
   * Both coefficients at the larger scale as safe integers, or null when either is a bigint or
   * aligning leaves the safe range. Returns [a, b] packed into a reused pair to avoid allocation.
   */
  private alignedNum(o: Decimal): readonly [number, number] | null {
    const a = this.c;
    const b = o.c;
    if (typeof a !== 'number' || typeof b !== 'number') return null;
    if (this.scale === o.scale) {
      PAIR[0] = a;
      PAIR[1] = b;
    } else if (this.scale > o.scale) {
      PAIR[0] = a;
      PAIR[1] = mulPow10Num(b, this.scale - o.scale);
    } else {
      PAIR[0] = mulPow10Num(a, o.scale - this.scale);
      PAIR[1] = b;
    }
    return Number.isNaN(PAIR[0]) || Number.isNaN(PAIR[1]) ? null : PAIR;
  }

  add(o: Decimal): Decimal {
    const a = this.c;
    const b = o.c;
    if (typeof a === 'number' && typeof b === 'number' && this.scale === o.scale) {
      const r = a + b;
      if (Number.isSafeInteger(r)) return new Decimal(r, this.scale);
    }
    const s = Math.max(this.scale, o.scale);
    const p = this.alignedNum(o);
    if (p !== null) {
      const r = p[0] + p[1];
      if (Number.isSafeInteger(r)) return new Decimal(r, s);
    }
    const [x, y] = this.aligned(o);
    return new Decimal(x + y, s);
  }

  sub(o: Decimal): Decimal {
    const a = this.c;
    const b = o.c;
    if (typeof a === 'number' && typeof b === 'number' && this.scale === o.scale) {
      const r = a - b;
      if (Number.isSafeInteger(r)) return new Decimal(r, this.scale);
    }
    const s = Math.max(this.scale, o.scale);
    const p = this.alignedNum(o);
    if (p !== null) {
      const r = p[0] - p[1];
      if (Number.isSafeInteger(r)) return new Decimal(r, s);
    }
    const [x, y] = this.aligned(o);
    return new Decimal(x - y, s);
  }

  /** Exact product; digits beyond MAX_SCALE fractional places are cut off as MySQL does. */
  mul(o: Decimal): Decimal {
    const scale = this.scale + o.scale;
    const a = this.c;
    const b = o.c;
    if (typeof a === 'number' && typeof b === 'number' && scale <= MAX_SCALE) {
      // Exact when safe: see mulPow10Num.
      const r = a * b;
      if (Number.isSafeInteger(r)) return new Decimal(r, scale);
    }
    const r = new Decimal(this.coef * o.coef, scale);
    return scale > MAX_SCALE ? r.truncate(MAX_SCALE) : r;
  }

  /** Quotient with scale this.scale + incr (at most 30), rounded half away from zero; null for x/0. */
  div(o: Decimal, incr = 4): Decimal | null {
    if (o.c === 0) return null;
    const rs = Math.min(this.scale + incr, MAX_SCALE);
    const a = this.c;
    const b = o.c;
    if (typeof a === 'number' && typeof b === 'number') {
      const num = mulPow10Num(a, o.scale + rs);
      const den = mulPow10Num(b, this.scale);
      if (!Number.isNaN(num) && !Number.isNaN(den)) return new Decimal(divRoundNum(num, den), rs);
    }
    const num = this.coef * pow10(o.scale + rs);
    const den = o.coef * pow10(this.scale);
    return new Decimal(divRound(num, den), rs);
  }

  /** Remainder with the dividend's sign (MySQL MOD); null for x % 0. */
  mod(o: Decimal): Decimal | null {
    if (o.c === 0) return null;
    const s = Math.max(this.scale, o.scale);
    const p = this.alignedNum(o);
    if (p !== null) return new Decimal(p[0] % p[1], s);
    const [a, b] = this.aligned(o);
    return new Decimal(a % b, s);
  }

  neg(): Decimal {
    return new Decimal(-this.c, this.scale);
  }

  abs(): Decimal {
    return this.c < 0 ? this.neg() : this;
  }

  sign(): -1 | 0 | 1 {
    const c = this.c;
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }

  isZero(): boolean {
    return this.c === 0;
  }

  compare(o: Decimal): -1 | 0 | 1 {
    const p = this.alignedNum(o);
    if (p !== null) return p[0] < p[1] ? -1 : p[0] > p[1] ? 1 : 0;
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
    if (frac >= this.scale) return new Decimal(scaleUp(this.c, target - this.scale), target);
    const k = this.scale - frac;
    const c = this.c;
    if (typeof c === 'number' && k <= 22) {
      const drop = POW10_NUM[k]!;
      const q = round ? divRoundNum(c, drop) : truncDivNum(c, drop);
      return new Decimal(frac < 0 ? scaleUp(q, -frac) : q, target);
    }
    const drop = pow10(k);
    let q = round ? divRound(this.coef, drop) : this.coef / drop;
    if (frac < 0) q *= pow10(-frac);
    return new Decimal(q, target);
  }

  floor(): Decimal {
    return this.toInteger(-1);
  }

  ceil(): Decimal {
    return this.toInteger(1);
  }

  /** FLOOR (dir -1) or CEIL (dir 1): moves a cut-off remainder toward dir. */
  private toInteger(dir: -1 | 1): Decimal {
    const c = this.c;
    if (typeof c === 'number' && this.scale <= 22) {
      const d = POW10_NUM[this.scale]!;
      const q = truncDivNum(c, d);
      return new Decimal(q * d !== c && Math.sign(c) === dir ? q + dir : q, 0);
    }
    const d = pow10(this.scale);
    const coef = this.coef;
    const q = coef / d;
    const cut = q * d !== coef;
    if (dir < 0) return new Decimal(cut && coef < 0n ? q - 1n : q, 0);
    return new Decimal(cut && coef > 0n ? q + 1n : q, 0);
  }

  /** The same value with exactly `scale` fractional digits, rounding when digits are dropped. */
  rescale(scale: number): Decimal {
    return scale === this.scale ? this : this.round(scale);
  }

  toString(): string {
    const c = this.c;
    const neg = c < 0;
    let digits = typeof c === 'number' ? String(neg ? -c : c) : absBig(c).toString();
    if (this.scale > 0) {
      if (digits.length <= this.scale) digits = '0'.repeat(this.scale - digits.length + 1) + digits;
      const p = digits.length - this.scale;
      digits = `${digits.slice(0, p)}.${digits.slice(p)}`;
    }
    return neg ? `-${digits}` : digits;
  }

  toNumber(): number {
    const c = this.c;
    // An exact coefficient over an exact power of ten: IEEE division rounds the true quotient
    // correctly, as parsing the printed digits does.
    if (typeof c === 'number' && this.scale <= 22) return c / POW10_NUM[this.scale]!;
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
    const c = this.c;
    if (c === 0) return this.scale === 0 ? 1 : 0;
    const digits = typeof c === 'number' ? digitCountNum(c) : digitCount(c);
    return Math.max(digits - this.scale, 0);
  }

  /**
   * Fits the value into a DECIMAL(flen, decimal) column: rounds to `decimal` places (truncated when
   * non-zero digits were dropped) and clamps to the column's largest magnitude on overflow.
   */
  convertTo(flen: number, decimal: number): { value: Decimal; overflow: boolean; truncated: boolean } {
    const rounded = this.round(decimal);
    const truncated = rounded.compare(this) !== 0;
    const rc = rounded.c;
    // A safe integer has at most 16 digits, so it only overflows a narrower column.
    const overflow =
      typeof rc === 'number' ? flen < 16 && Math.abs(rc) >= POW10_NUM[flen]! : absBig(rc) > pow10(flen) - 1n;
    if (overflow) {
      const maxCoef = pow10(flen) - 1n;
      return { value: new Decimal(this.c < 0 ? -maxCoef : maxCoef, decimal), overflow: true, truncated: false };
    }
    return { value: rounded, overflow: false, truncated };
  }

  /** Equal values (1.5 and 1.50) give equal keys. */
  hashKey(): string {
    let c = this.c;
    let s = this.scale;
    if (typeof c === 'number') {
      while (s > 0 && c % 10 === 0) {
        c /= 10;
        s--;
      }
    } else {
      while (s > 0 && c % 10n === 0n) {
        c /= 10n;
        s--;
      }
    }
    return s === 0 ? String(c) : `${c}e-${s}`;
  }
}
