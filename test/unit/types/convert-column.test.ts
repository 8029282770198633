import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTiLiteError, type SqlWarning } from '../../../src/errors/index.js';
import type { TypeContext } from '../../../src/types/context.js';
import { convertForColumn } from '../../../src/types/convert.js';
import { Decimal } from '../../../src/types/decimal.js';
import { type FieldType, Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import { JsonValue } from '../../../src/types/json.js';
import type { Value } from '../../../src/types/value.js';

function ctx(strict: boolean): TypeContext & { warnings: SqlWarning[] } {
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

function lenient(v: Value, ft: FieldType): { value: Value; warnings: string[] } {
  const c = ctx(false);
  const value = convertForColumn(v, ft, c, 'c', 1);
  return { value, warnings: c.warnings.map((w) => `${w.level} ${w.code} ${w.message}`) };
}

function strictError(v: Value, ft: FieldType): string {
  try {
    convertForColumn(v, ft, ctx(true), 'c', 1);
  } catch (e) {
    assert.ok(isTiLiteError(e));
    return `${e.code} ${e.message}`;
  }
  return 'no error';
}

const tiny = newFieldType(TypeCode.Tiny);
const utiny = newFieldType(TypeCode.Tiny, { flag: Flag.Unsigned });
const bigU = newFieldType(TypeCode.LongLong, { flag: Flag.Unsigned });

test('integer columns: range, rounding, strings', () => {
  assert.deepEqual(lenient(127, tiny), { value: 127, warnings: [] });
  assert.deepEqual(lenient(300, tiny), {
    value: 127,
    warnings: ["Warning 1264 Out of range value for column 'c' at row 1"],
  });
  assert.deepEqual(lenient(-1, utiny).value, 0);
  assert.equal(strictError(300, tiny), "1264 Out of range value for column 'c' at row 1");
  assert.equal(lenient(2.5, tiny).value, 3);
  assert.equal(lenient(Decimal.parse('-2.5')!, tiny).value, -3);
  assert.equal(lenient('1.6', tiny).value, 2);
  assert.equal(lenient('1e2', tiny).value, 100);
  assert.deepEqual(lenient('abc', tiny), {
    value: 0,
    warnings: ["Warning 1366 Incorrect integer value: 'abc' for column 'c' at row 1"],
  });
  assert.equal(strictError('abc', tiny), "1366 Incorrect integer value: 'abc' for column 'c' at row 1");
  assert.deepEqual(lenient('12x', tiny), {
    value: 12,
    warnings: ["Warning 1265 Data truncated for column 'c' at row 1"],
  });
  assert.equal(lenient(18446744073709551615n, bigU).value, 18446744073709551615n);
  assert.equal(lenient('18446744073709551616', bigU).value, 18446744073709551615n);
});

test('decimal columns', () => {
  const d52 = newFieldType(TypeCode.NewDecimal, { flen: 5, decimal: 2 });
  assert.equal(String(lenient('1.234', d52).value), '1.23');
  assert.deepEqual(lenient('1.235', d52).warnings, ["Note 1265 Data truncated for column 'c' at row 1"]);
  assert.equal(String(lenient(1.5, d52).value), '1.50');
  assert.equal(String(lenient(99999, d52).value), '999.99');
  assert.equal(strictError(1000, d52), "1264 Out of range value for column 'c' at row 1");
  assert.equal(strictError('abc', d52), "1366 Incorrect decimal value: 'abc' for column 'c' at row 1");
  assert.equal(String(lenient(12, newFieldType(TypeCode.NewDecimal)).value), '12');
});

test('float and double columns', () => {
  const f = newFieldType(TypeCode.Float);
  assert.equal(lenient(0.1, f).value, Math.fround(0.1));
  assert.equal(lenient(1e39, f).warnings.length, 1);
  const d = newFieldType(TypeCode.Double, { flen: 5, decimal: 2 });
  assert.equal(lenient(1.239, d).value, 1.24);
  assert.equal(lenient(12345, d).value, 999.99);
  assert.equal(strictError('abc', newFieldType(TypeCode.Double)), "1265 Data truncated for column 'c' at row 1");
});

test('string columns', () => {
  const v5 = newFieldType(TypeCode.Varchar, { flen: 5 });
  assert.deepEqual(lenient('héllo', v5), { value: 'héllo', warnings: [] });
  assert.deepEqual(lenient('abcdefg', v5), {
    value: 'abcde',
    warnings: ["Warning 1265 Data truncated for column 'c' at row 1"],
  });
  assert.equal(strictError('abcdefg', v5), "1406 Data too long for column 'c' at row 1");
  assert.equal(strictError('abcde   ', v5), 'no error');
  assert.equal(lenient('😀😀😀😀😀', v5).value, '😀😀😀😀😀');
  assert.equal(lenient(12, v5).value, '12');
  const c3 = newFieldType(TypeCode.String, { flen: 3 });
  assert.equal(lenient('a  ', c3).value, 'a');
  const b4 = newFieldType(TypeCode.String, { flen: 4, charset: 'binary', collate: 'binary' });
  assert.equal(lenient('ab', b4).value, 'ab\0\0');
});

test('enum and set columns', () => {
  const e = newFieldType(TypeCode.Enum, { elems: ['a', 'b', 'c'] });
  assert.equal(lenient('B', e).value, 'b');
  assert.equal(lenient(2, e).value, 'b');
  assert.equal(lenient('3', e).value, 'c');
  assert.deepEqual(lenient('x', e), { value: '', warnings: ["Warning 1265 Data truncated for column 'c' at row 1"] });
  assert.equal(strictError('x', e), "1265 Data truncated for column 'c' at row 1");
  const s = newFieldType(TypeCode.Set, { elems: ['a', 'b', 'c'] });
  assert.equal(lenient('c,a,a', s).value, 'a,c');
  assert.equal(lenient(5, s).value, 'a,c');
  assert.equal(lenient('', s).value, '');
  assert.equal(strictError('a,x', s), "1265 Data truncated for column 'c' at row 1");
});

test('year, bit, json columns', () => {
  const y = newFieldType(TypeCode.Year);
  assert.equal(lenient(69, y).value, 2069);
  assert.equal(lenient(70, y).value, 1970);
  assert.equal(lenient(0, y).value, 0);
  assert.equal(lenient('0', y).value, 2000);
  assert.equal(lenient('2024', y).value, 2024);
  assert.equal(strictError(1900, y), "1264 Out of range value for column 'c' at row 1");
  const bit = newFieldType(TypeCode.Bit, { flen: 8 });
  assert.equal(lenient(255, bit).value, 255);
  assert.equal(lenient('a', bit).value, 97);
  assert.equal(strictError(256, bit), "1406 Data too long for column 'c' at row 1");
  const j = newFieldType(TypeCode.JSON);
  assert.equal(String(lenient('{"b":1,"a":[true]}', j).value), '{"a": [true], "b": 1}');
  assert.ok(lenient(1.5, j).value instanceof JsonValue);
  assert.equal(
    strictError('{bad', j),
    `3140 Invalid JSON text: "Missing a name for object member." at position 1 in value for column 'c'.`,
  );
});

test('temporal columns', () => {
  const dt = newFieldType(TypeCode.Datetime, { decimal: 0 });
  assert.equal(String(lenient('2024-01-02 03:04:05', dt).value), '2024-01-02 03:04:05');
  assert.equal(String(lenient(20240102, newFieldType(TypeCode.Date)).value), '2024-01-02');
  assert.equal(strictError('abc', dt), "1292 Incorrect datetime value: 'abc' for column 'c' at row 1");
  assert.equal(String(lenient('abc', dt).value), '0000-00-00 00:00:00');
  const t = newFieldType(TypeCode.Duration, { decimal: 0 });
  assert.equal(String(lenient('12:34:56', t).value), '12:34:56');
  assert.equal(strictError('xx', t), "1292 Incorrect time value: 'xx' for column 'c' at row 1");
});
