// The safe-integer fast paths of Decimal and DecimalSum against a plain bigint reference, for
// coefficients on both sides of 2^53 and scales up to and beyond MAX_SCALE.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { Decimal, MAX_SCALE } from '../../../src/types/decimal.js';
import { DecimalSum } from '../../../src/types/decimal-sum.js';

interface Ref {
  c: bigint;
  s: number;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const p10 = (n: number): bigint => 10n ** BigInt(n);
const abs = (v: bigint): bigint => (v < 0n ? -v : v);

function refDivRound(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  return abs(r) * 2n >= den ? (num < 0n ? q - 1n : q + 1n) : q;
}
function align(a: Ref, b: Ref): [bigint, bigint, number] {
  const s = Math.max(a.s, b.s);
  return [a.c * p10(s - a.s), b.c * p10(s - b.s), s];
}
function refToScale(a: Ref, frac: number, round: boolean): Ref {
  frac = Math.min(frac, MAX_SCALE);
  const target = Math.max(frac, 0);
  if (frac >= a.s) return { c: a.c * p10(target - a.s), s: target };
  const drop = p10(a.s - frac);
  let q = round ? refDivRound(a.c, drop) : a.c / drop;
  if (frac < 0) q *= p10(-frac);
  return { c: q, s: target };
}
function refString(a: Ref): string {
  let digits = abs(a.c).toString();
  if (a.s > 0) {
    if (digits.length <= a.s) digits = '0'.repeat(a.s - digits.length + 1) + digits;
    digits = `${digits.slice(0, digits.length - a.s)}.${digits.slice(digits.length - a.s)}`;
  }
  return a.c < 0n ? `-${digits}` : digits;
}

/** Equal coefficient and scale, and the coefficient kept as a number exactly when it is a safe integer. */
function same(d: Decimal, r: Ref, what: string): void {
  assert.equal(d.coef, r.c, `${what}: coef`);
  assert.equal(d.scale, r.s, `${what}: scale`);
  assert.equal(d.smallCoef !== null, abs(r.c) <= SAFE, `${what}: representation`);
  if (d.smallCoef !== null) assert.ok(!Object.is(d.smallCoef, -0), `${what}: -0`);
}

/** Coefficients clustered around 0, 10^k and +-2^53, plus large ones. */
const coefArb = fc.oneof(
  fc.bigInt(-1000n, 1000n),
  fc.bigInt(-(2n ** 60n), 2n ** 60n),
  fc.bigInt(-5000n, 5000n).map((d) => SAFE + d),
  fc.bigInt(-5000n, 5000n).map((d) => -SAFE + d),
  fc.tuple(fc.integer({ min: 0, max: 20 }), fc.bigInt(-3n, 3n)).map(([k, d]) => p10(k) + d),
  fc.bigInt(-(10n ** 45n), 10n ** 45n),
  fc.bigInt(-(2n ** 27n), 2n ** 27n),
);
const refArb = fc.record({ c: coefArb, s: fc.integer({ min: 0, max: MAX_SCALE }) });
const smallScaleRef = fc.record({ c: coefArb, s: fc.integer({ min: 0, max: 8 }) });
const anyRef = fc.oneof(refArb, smallScaleRef);
const dec = (r: Ref): Decimal => new Decimal(r.c, r.s);
const RUNS = { numRuns: 2000 };

test('add, sub, compare and mod match the bigint reference', () => {
  fc.assert(
    fc.property(anyRef, anyRef, (a, b) => {
      const [x, y, s] = align(a, b);
      same(dec(a).add(dec(b)), { c: x + y, s }, 'add');
      same(dec(a).sub(dec(b)), { c: x - y, s }, 'sub');
      assert.equal(dec(a).compare(dec(b)), x < y ? -1 : x > y ? 1 : 0);
      const m = dec(a).mod(dec(b));
      if (y === 0n) assert.equal(m, null);
      else same(m!, { c: x % y, s }, 'mod');
    }),
    RUNS,
  );
});

test('mul keeps the exact product and cuts digits beyond 30 fractional places', () => {
  fc.assert(
    fc.property(anyRef, anyRef, (a, b) => {
      const s = a.s + b.s;
      const exact = { c: a.c * b.c, s };
      same(dec(a).mul(dec(b)), s > MAX_SCALE ? refToScale(exact, MAX_SCALE, false) : exact, 'mul');
    }),
    RUNS,
  );
});

test('div rounds half away from zero at scale + increment', () => {
  fc.assert(
    fc.property(anyRef, anyRef, fc.integer({ min: 0, max: 30 }), (a, b, incr) => {
      const q = dec(a).div(dec(b), incr);
      if (b.c === 0n) return assert.equal(q, null);
      const rs = Math.min(a.s + incr, MAX_SCALE);
      same(q!, { c: refDivRound(a.c * p10(b.s + rs), b.c * p10(a.s)), s: rs }, 'div');
    }),
    RUNS,
  );
});

test('round, truncate, floor, ceil and rescale match the reference', () => {
  fc.assert(
    fc.property(anyRef, fc.integer({ min: -40, max: 40 }), (a, frac) => {
      const d = dec(a);
      same(d.round(frac), refToScale(a, frac, true), 'round');
      same(d.truncate(frac), refToScale(a, frac, false), 'truncate');
      const t = a.c / p10(a.s);
      const cut = t * p10(a.s) !== a.c;
      same(d.floor(), { c: cut && a.c < 0n ? t - 1n : t, s: 0 }, 'floor');
      same(d.ceil(), { c: cut && a.c > 0n ? t + 1n : t, s: 0 }, 'ceil');
      if (frac >= 0) same(d.rescale(frac), frac === a.s ? a : refToScale(a, frac, true), 'rescale');
    }),
    RUNS,
  );
});

test('toString, toNumber, digit counts, sign, neg, hashKey and convertTo match the reference', () => {
  fc.assert(
    fc.property(anyRef, fc.integer({ min: 1, max: 65 }), fc.integer({ min: 0, max: 30 }), (a, flen, frac) => {
      const d = dec(a);
      const text = refString(a);
      assert.equal(d.toString(), text);
      assert.ok(Object.is(d.toNumber(), Number.parseFloat(text)), `toNumber ${text}`);
      const digits = abs(a.c).toString().length;
      assert.equal(d.intDigits, a.c === 0n ? (a.s === 0 ? 1 : 0) : Math.max(digits - a.s, 0));
      assert.equal(d.sign(), a.c < 0n ? -1 : a.c > 0n ? 1 : 0);
      assert.equal(d.isZero(), a.c === 0n);
      same(d.neg(), { c: -a.c, s: a.s }, 'neg');
      same(d.abs(), { c: abs(a.c), s: a.s }, 'abs');
      let c = a.c;
      let s = a.s;
      while (s > 0 && c % 10n === 0n) {
        c /= 10n;
        s--;
      }
      assert.equal(d.hashKey(), s === 0 ? c.toString() : `${c}e-${s}`);
      const dd = Math.min(frac, flen);
      const conv = d.convertTo(flen, dd);
      const rounded = refToScale(a, dd, true);
      const max = p10(flen) - 1n;
      if (abs(rounded.c) > max) {
        assert.equal(conv.overflow, true);
        same(conv.value, { c: a.c < 0n ? -max : max, s: dd }, 'convertTo clamp');
      } else {
        assert.equal(conv.overflow, false);
        same(conv.value, rounded, 'convertTo');
        const [x, y] = align(rounded, a);
        assert.equal(conv.truncated, x !== y);
      }
    }),
    RUNS,
  );
});

test('parse of literals across the 15-digit boundary', () => {
  fc.assert(
    fc.property(anyRef, fc.integer({ min: -5, max: 5 }), (a, exp) => {
      const text = refString(a);
      same(Decimal.parse(text)!, a, 'parse');
      const withExp = Decimal.parse(`${text}e${exp}`)!;
      same(withExp, a.s - exp < 0 ? { c: a.c * p10(exp - a.s), s: 0 } : { c: a.c, s: a.s - exp }, 'parse e');
    }),
    RUNS,
  );
});

test('fromInt takes numbers and bigints', () => {
  for (const v of [0, -0, 7, -7, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])
    same(Decimal.fromInt(v), { c: BigInt(v), s: 0 }, `${v}`);
  for (const v of [0n, SAFE + 1n, -SAFE - 1n, 10n ** 30n]) same(Decimal.fromInt(v), { c: v, s: 0 }, `${v}`);
  same(Decimal.fromInt(2 ** 60), { c: 2n ** 60n, s: 0 }, '2^60');
});

test('DecimalSum adds, merges and crosses the safe range in both directions', () => {
  const valueArb = fc.oneof(
    refArb.map((r) => ({ ...r, s: r.s % 6 })),
    smallScaleRef,
  );
  fc.assert(
    fc.property(fc.array(valueArb, { maxLength: 40 }), fc.nat(), (vals, cut) => {
      const whole = new DecimalSum();
      const left = new DecimalSum();
      const right = new DecimalSum();
      const at = vals.length === 0 ? 0 : cut % (vals.length + 1);
      let ref: Ref = { c: 0n, s: 0 };
      vals.forEach((v, i) => {
        whole.addDecimal(dec(v));
        (i < at ? left : right).addDecimal(dec(v));
        const [x, y, s] = align(ref, v);
        ref = { c: x + y, s };
      });
      left.merge(right);
      same(whole.toDecimal(), ref, 'sum');
      same(left.toDecimal(), ref, 'merged sum');
    }),
    RUNS,
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.integer(), coefArb), { maxLength: 40 }), (vals) => {
      const sum = new DecimalSum();
      let ref = 0n;
      for (const v of vals) {
        const n = typeof v === 'bigint' && abs(v) <= SAFE ? Number(v) : v;
        sum.addInt(n);
        ref += BigInt(v);
      }
      same(sum.toDecimal(), { c: ref, s: 0 }, 'int sum');
    }),
    RUNS,
  );
});

test('parse: plain texts (the no-regex path) and other forms give the coefficient and scale the digits say', () => {
  const textArb = fc
    .tuple(
      fc.boolean(),
      fc.stringMatching(/^[0-9]{0,18}$/),
      fc.option(fc.stringMatching(/^[0-9]{0,18}$/), { nil: undefined }),
    )
    .filter(([, i, f]) => i.length > 0 || (f !== undefined && f.length > 0));
  fc.assert(
    fc.property(textArb, ([neg, int, frac]) => {
      const text = `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`;
      const digits = `${int}${frac ?? ''}`;
      const c = BigInt(digits);
      same(Decimal.parse(text)!, { c: neg ? -c : c, s: frac?.length ?? 0 }, text);
    }),
    RUNS,
  );
  for (const bad of ['', '-', '.', '1.2.3', '1-2', '--1', '1a']) assert.equal(Decimal.parse(bad), null, bad);
});
