import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeKeyValues, encodeKeyValue, encodeKeyValues } from '../../../src/table/codec/memcomparable.js';
import { getCollation } from '../../../src/types/collation.js';
import { Decimal } from '../../../src/types/decimal.js';
import { Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import { Duration, MyTime } from '../../../src/types/time.js';
import { normalizeInt, type Value } from '../../../src/types/value.js';

const INT = newFieldType(TypeCode.LongLong);
const UINT = newFieldType(TypeCode.LongLong, { flag: Flag.Unsigned });
const DOUBLE = newFieldType(TypeCode.Double);
const DEC = newFieldType(TypeCode.NewDecimal, { flen: 65, decimal: 10 });
const VARBINARY = newFieldType(TypeCode.Varchar, { charset: 'binary', collate: 'binary' });
const CI = newFieldType(TypeCode.Varchar, { collate: 'utf8mb4_general_ci' });
const DATETIME = newFieldType(TypeCode.Datetime, { decimal: 6 });
const TIME = newFieldType(TypeCode.Duration, { decimal: 6 });

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
function cmpBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function cmpNum(a: number | bigint, b: number | bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
function decOf(coef: bigint, scale: number): Decimal {
  return new Decimal(coef, scale);
}
function cmpDec(a: Decimal, b: Decimal): number {
  const s = Math.max(a.scale, b.scale);
  return cmpNum(a.coef * 10n ** BigInt(s - a.scale), b.coef * 10n ** BigInt(s - b.scale));
}

const int64 = fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(normalizeInt);
const uint64 = fc.bigInt(0n, 2n ** 64n - 1n).map(normalizeInt);
const decimal = fc
  .tuple(fc.bigInt(-(10n ** 30n), 10n ** 30n), fc.integer({ min: 0, max: 20 }))
  .map(([c, s]) => decOf(c, s));

describe('memcomparable encoding', () => {
  it('orders signed and unsigned 64-bit integers and round-trips them', () => {
    fc.assert(
      fc.property(int64, int64, (a, b) => {
        assert.equal(sign(cmpBytes(encodeKeyValue(a, INT), encodeKeyValue(b, INT))), cmpNum(a, b));
        assert.equal(decodeKeyValues(encodeKeyValue(a, INT), [INT]).values[0], a);
      }),
    );
    fc.assert(
      fc.property(uint64, uint64, (a, b) => {
        assert.equal(sign(cmpBytes(encodeKeyValue(a, UINT), encodeKeyValue(b, UINT))), cmpNum(a, b));
        assert.equal(decodeKeyValues(encodeKeyValue(a, UINT), [UINT]).values[0], a);
      }),
    );
  });

  it('orders doubles and round-trips them', () => {
    const dbl = fc.double({ noNaN: true });
    fc.assert(
      fc.property(dbl, dbl, (a, b) => {
        const want = a === b || (a === 0 && b === 0) ? 0 : a < b ? -1 : 1;
        assert.equal(sign(cmpBytes(encodeKeyValue(a, DOUBLE), encodeKeyValue(b, DOUBLE))), want);
        const back = decodeKeyValues(encodeKeyValue(a, DOUBLE), [DOUBLE]).values[0];
        assert.equal(back, a === 0 ? 0 : a);
      }),
    );
  });

  it('orders decimals numerically regardless of scale and round-trips them', () => {
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        assert.equal(sign(cmpBytes(encodeKeyValue(a, DEC), encodeKeyValue(b, DEC))), cmpDec(a, b));
        const back = decodeKeyValues(encodeKeyValue(a, DEC), [DEC]).values[0] as Decimal;
        assert.equal(cmpDec(back, a), 0);
        if (a.scale <= 10) assert.equal(back.scale, 10);
      }),
    );
    assert.equal(encodeKeyValue(decOf(150n, 2), DEC), encodeKeyValue(decOf(15n, 1), DEC));
  });

  it('orders strings by collation, including prefixes, and decodes binary strings', () => {
    const bytes = fc.string({
      unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
      maxLength: 20,
    });
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        assert.equal(sign(cmpBytes(encodeKeyValue(a, VARBINARY), encodeKeyValue(b, VARBINARY))), sign(cmpBytes(a, b)));
        assert.equal(decodeKeyValues(encodeKeyValue(a, VARBINARY), [VARBINARY]).values[0], a);
      }),
    );
    const ci = getCollation('utf8mb4_general_ci')!;
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        assert.equal(sign(cmpBytes(encodeKeyValue(a, CI), encodeKeyValue(b, CI))), sign(ci.compare(a, b)));
      }),
    );
    assert.equal(encodeKeyValue('ABC', CI), encodeKeyValue('abc', CI));
    assert.equal(decodeKeyValues(encodeKeyValue('abc', CI), [CI]).values[0], undefined);
  });

  it('orders tuples lexicographically, NULL first', () => {
    const elem = fc.option(int64, { nil: null });
    const tuple = fc.tuple(elem, fc.option(fc.string({ maxLength: 10 }), { nil: null }), elem);
    const types = [INT, VARBINARY, INT];
    const cmpVal = (x: Value, y: Value): number => {
      if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
      return typeof x === 'string' ? cmpBytes(x, y as string) : cmpNum(x as number, y as number);
    };
    fc.assert(
      fc.property(tuple, tuple, (a, b) => {
        let want = 0;
        for (let i = 0; i < 3 && want === 0; i++) want = cmpVal(a[i], b[i]);
        assert.equal(sign(cmpBytes(encodeKeyValues(a, types), encodeKeyValues(b, types))), want);
        const { values, pos } = decodeKeyValues(encodeKeyValues(a, types), types);
        assert.deepEqual(values, a);
        assert.equal(pos, encodeKeyValues(a, types).length);
      }),
    );
  });

  it('orders and round-trips datetimes and durations', () => {
    const dt = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999999 }),
      )
      .map(([y, mo, d, h, mi, s, us]) => new MyTime(y, mo, d, h, mi, s, us, TypeCode.Datetime, 6));
    const key = (t: MyTime) => [t.year, t.month, t.day, t.hour, t.minute, t.second, t.microsecond];
    fc.assert(
      fc.property(dt, dt, (a, b) => {
        const ka = key(a);
        const kb = key(b);
        let want = 0;
        for (let i = 0; i < ka.length && want === 0; i++) want = sign(ka[i] - kb[i]);
        assert.equal(sign(cmpBytes(encodeKeyValue(a, DATETIME), encodeKeyValue(b, DATETIME))), want);
        assert.deepEqual(decodeKeyValues(encodeKeyValue(a, DATETIME), [DATETIME]).values[0], a);
      }),
    );
    const dur = fc.integer({ min: -3_020_399_000_000, max: 3_020_399_000_000 });
    fc.assert(
      fc.property(dur, dur, (a, b) => {
        const ea = encodeKeyValue(new Duration(a, 6), TIME);
        assert.equal(sign(cmpBytes(ea, encodeKeyValue(new Duration(b, 6), TIME))), sign(a - b));
        assert.deepEqual(decodeKeyValues(ea, [TIME]).values[0], new Duration(a, 6));
      }),
    );
  });

  it('orders ENUM by member number and round-trips ENUM and SET', () => {
    const en = newFieldType(TypeCode.Enum, { elems: ['z', 'a', 'm'] });
    assert.ok(encodeKeyValue('z', en) < encodeKeyValue('a', en));
    assert.equal(decodeKeyValues(encodeKeyValue('m', en), [en]).values[0], 'm');
    const set = newFieldType(TypeCode.Set, { elems: ['x', 'y', 'z'] });
    assert.equal(decodeKeyValues(encodeKeyValue('x,z', set), [set]).values[0], 'x,z');
  });
});
