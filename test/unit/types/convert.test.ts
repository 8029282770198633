import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTiLiteError, type SqlWarning } from '../../../src/errors/index.js';
import type { TypeContext } from '../../../src/types/context.js';
import {
  formatReal,
  parseNumericPrefix,
  toBool,
  toDecimal,
  toInt,
  toReal,
  toStringValue,
} from '../../../src/types/convert.js';
import { Decimal } from '../../../src/types/decimal.js';
import { JsonValue } from '../../../src/types/json.js';

function ctx(strict = false): TypeContext & { warnings: SqlWarning[] } {
  const warnings: SqlWarning[] = [];
  return {
    warnings,
    appendWarning: (w) => warnings.push(w),
    truncateAsWarning: !strict,
    noZeroDate: false,
    noZeroInDate: false,
    allowInvalidDates: false,
    timeZoneOffsetMinutes: 0,
    divPrecisionIncrement: 4,
  };
}

test('formatReal follows MySQL DOUBLE output', () => {
  const cases: [number, string][] = [
    [1e15, '1e15'],
    [1e14, '100000000000000'],
    [123456789012345, '123456789012345'],
    [2 ** 53, '9.007199254740992e15'],
    [1234567890123456.8, '1234567890123456.8'],
    [0.0001, '0.0001'],
    [0.00001, '0.00001'],
    [1e-7, '0.0000001'],
    [1e-15, '0.000000000000001'],
    [1e-16, '1e-16'],
    [1.5e-20, '1.5e-20'],
    [0.1 + 0.2, '0.30000000000000004'],
    [-2.5, '-2.5'],
    [1e100, '1e100'],
    [0, '0'],
    [100, '100'],
  ];
  for (const [x, s] of cases) assert.equal(formatReal(x), s, String(x));
  assert.equal(formatReal(Math.fround(1.23456789), true), '1.23457');
  assert.equal(formatReal(Math.fround(0.1), true), '0.1');
  assert.equal(formatReal(Math.fround(1234567), true), '1234570');
  assert.equal(formatReal(Math.fround(1e20), true), '1e20');
});

test('parseNumericPrefix', () => {
  assert.deepEqual(parseNumericPrefix(' 1.5e3xyz'), { text: '1.5e3', complete: false });
  assert.deepEqual(parseNumericPrefix('-.5 '), { text: '-.5', complete: true });
  assert.deepEqual(parseNumericPrefix('12e'), { text: '12', complete: false });
  assert.deepEqual(parseNumericPrefix('abc'), { text: '', complete: false });
  assert.deepEqual(parseNumericPrefix(''), { text: '', complete: false });
});

test('toInt: CAST(... AS SIGNED/UNSIGNED)', () => {
  const c = ctx();
  assert.equal(toInt('1.6', c), 1);
  assert.equal(c.warnings[0]?.message, "Truncated incorrect INTEGER value: '1.6'");
  assert.equal(toInt(' 42 ', c), 42);
  assert.equal(c.warnings.length, 1);
  assert.equal(toInt('abc', c), 0);
  assert.equal(c.warnings[1]?.code, 1292);
  assert.equal(toInt(1.5, c), 2);
  assert.equal(toInt(-1.5, c), -2);
  assert.equal(toInt(Decimal.parse('2.5')!, c), 3);
  assert.equal(toInt(-1, c, true), 18446744073709551615n);
  assert.equal(toInt(18446744073709551615n, c), -1);
  assert.equal(toInt('99999999999999999999', c), 9223372036854775807n);
  assert.equal(toInt('99999999999999999999', c, true), 18446744073709551615n);
  assert.equal(toInt(1e20, c), 9223372036854775807n);
  assert.equal(toInt(JsonValue.parse('true'), c), 1);
  assert.throws(
    () => toInt(1e20, ctx(true)),
    (e) => isTiLiteError(e) && e.code === 1690 && e.message === "BIGINT value is out of range in '1e20'",
  );
});

test('toReal, toDecimal, toStringValue, toBool', () => {
  const c = ctx();
  assert.equal(toReal('1.5abc', c), 1.5);
  assert.equal(c.warnings[0]?.message, "Truncated incorrect DOUBLE value: '1.5abc'");
  assert.equal(toReal(' -2e2 ', c), -200);
  assert.equal(c.warnings.length, 1);
  assert.equal(toReal(12n, c), 12);
  assert.equal(toReal(Decimal.parse('1.25')!, c), 1.25);
  assert.equal(toDecimal('1.50', c).toString(), '1.50');
  assert.equal(toDecimal(0.1, c).toString(), '0.1');
  assert.equal(toDecimal(7, c).toString(), '7');
  assert.equal(toDecimal('x', c).toString(), '0');
  assert.equal(c.warnings[1]?.message, "Truncated incorrect DECIMAL value: 'x'");
  assert.equal(toStringValue(5), '5');
  assert.equal(toStringValue(1e15, true), '1e15');
  assert.equal(toStringValue(1.5), '1.5');
  assert.equal(toStringValue(18446744073709551615n), '18446744073709551615');
  assert.equal(toStringValue(Decimal.parse('-0.50')!), '-0.50');
  assert.equal(toStringValue(JsonValue.parse('{"a":1}')), '{"a": 1}');
  assert.equal(toBool(null, c), null);
  assert.equal(toBool('0.0', c), false);
  assert.equal(toBool('1abc', c), true);
  assert.equal(toBool(Decimal.parse('0.00')!, c), false);
  assert.equal(toBool(-1n, c), true);
});
