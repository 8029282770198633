import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/bit.js';
import '../../../src/expression/builtin/info.js';
import '../../../src/expression/builtin/like-regexp.js';
import '../../../src/expression/builtin/math.js';
import { buildCast } from '../../../src/expression/builtin/cast.js';
import { Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import { typeToString } from '../../../src/types/type-name.js';
import {
  col,
  dec,
  ev,
  evalFn,
  int,
  newBuildContext,
  newEvalContext,
  nul,
  real,
  show,
  str,
  T,
  uint,
} from './context.js';
import type { Expression } from '../../../src/expression/expression.js';

function cast(e: Expression, target: ReturnType<typeof newFieldType>) {
  const ctx = newEvalContext();
  const x = buildCast(e, target, newBuildContext(ctx));
  const v = x.compile({ indexOf: () => -1 })([], ctx);
  return { value: show(v), warnings: ctx.warnings, expr: x };
}

test('cast between numeric types with MySQL rounding and wrapping', () => {
  const signed = newFieldType(TypeCode.LongLong, { flen: 20 });
  const unsigned = newFieldType(TypeCode.LongLong, { flen: 20, flag: Flag.Unsigned });
  assert.equal(cast(int(-1), unsigned).value, 18446744073709551615n);
  assert.equal(cast(uint(18446744073709551615n), signed).value, -1);
  assert.equal(cast(real(1.5), signed).value, 2);
  assert.equal(cast(dec('-2.5'), signed).value, -3);
  const r = cast(str('12abc'), signed);
  assert.equal(r.value, 12);
  assert.equal(r.warnings[0]?.code, 1292);
  assert.equal(cast(dec('1.25'), newFieldType(TypeCode.NewDecimal, { flen: 3, decimal: 1 })).value, '1.3');
  const o = cast(int(1000), newFieldType(TypeCode.NewDecimal, { flen: 3, decimal: 1 }));
  assert.equal(o.value, '99.9');
  assert.equal(o.warnings[0]?.code, 1264);
  assert.equal(cast(str('1e2'), newFieldType(TypeCode.Double, { flen: 22 })).value, 100);
  assert.equal(cast(int(5), newFieldType(TypeCode.Double)).expr.toString(), '5');
});

test('cast to strings, temporal types, JSON and YEAR', () => {
  const c = cast(str('abcdef'), newFieldType(TypeCode.VarString, { flen: 3 }));
  assert.equal(c.value, 'abc');
  assert.equal(c.warnings[0]?.message, "Truncated incorrect CHAR(3) value: 'abcdef'");
  assert.equal(
    cast(str('ab'), newFieldType(TypeCode.String, { flen: 4, charset: 'binary', collate: 'binary' })).value,
    'ab\0\0',
  );
  assert.equal(cast(real(1.5), newFieldType(TypeCode.VarString)).value, '1.5');
  assert.equal(cast(str('2024-02-03 04:05:06'), newFieldType(TypeCode.Date, { decimal: 0 })).value, '2024-02-03');
  assert.equal(cast(int(20240203), newFieldType(TypeCode.Datetime, { decimal: 0 })).value, '2024-02-03 00:00:00');
  const bad = cast(str('nope'), newFieldType(TypeCode.Date, { decimal: 0 }));
  assert.equal(bad.value, null);
  assert.equal(bad.warnings[0]?.code, 1292);
  assert.equal(cast(str('12:34:56.7'), newFieldType(TypeCode.Duration, { decimal: 1 })).value, '12:34:56.7');
  assert.equal(cast(str('{"a": [1, 2]}'), newFieldType(TypeCode.JSON)).value, '{"a": [1, 2]}');
  assert.equal(cast(int(5), newFieldType(TypeCode.JSON)).value, '5');
  assert.equal(cast(int(69), newFieldType(TypeCode.Year)).value, 2069);
  assert.equal(cast(int(70), newFieldType(TypeCode.Year)).value, 1970);
  const y = cast(int(3000), newFieldType(TypeCode.Year));
  assert.equal(y.value, null);
  assert.throws(() => cast(str('abc'), newFieldType(TypeCode.JSON)), /Invalid JSON text/);
});

test('math functions', () => {
  assert.equal(ev('abs', int(-5)), 5);
  assert.throws(() => evalFn('abs', [int(-9223372036854775808n)]), /BIGINT value is out of range/);
  assert.equal(ev('abs', dec('-1.5')), '1.5');
  assert.equal(ev('ceil', dec('1.2')), 2);
  assert.equal(ev('floor', dec('-1.2')), -2);
  assert.equal(ev('floor', real(-1.5)), -2);
  assert.equal(ev('round', dec('2.5')), '3');
  assert.equal(ev('round', real(2.5)), 2);
  assert.equal(ev('round', dec('1.2345'), int(2)), '1.23');
  assert.equal(ev('round', int(1555), int(-2)), 1600);
  assert.equal(ev('round', real(1.25), int(1)), 1.2);
  assert.equal(ev('truncate', dec('1.999'), int(1)), '1.9');
  assert.equal(ev('truncate', int(1999), int(-2)), 1900);
  assert.equal(ev('sign', real(-3)), -1);
  assert.equal(ev('sqrt', int(-1)), null);
  assert.equal(ev('pow', int(2), int(10)), 1024);
  const ctx = newEvalContext();
  assert.equal(evalFn('ln', [int(0)], [], ctx).value, null);
  assert.equal(ctx.warnings[0]?.code, 3020);
  assert.equal(ev('log', int(2), int(8)), 3);
  assert.equal(ev('log2', int(8)), 3);
  assert.equal(ev('log10', int(100)), 2);
  assert.equal(ev('pi'), Math.PI);
  assert.equal(typeToString(evalFn('pi', []).type), 'double(8,6)');
  assert.equal(ev('degrees', real(Math.PI)), 180);
  assert.throws(() => evalFn('cot', [int(0)]), /DOUBLE value is out of range/);
  assert.equal(ev('atan', int(1), int(1)), Math.PI / 4);
  assert.equal(ev('rand', int(3)), 0.9057697559760601);
  assert.equal(ev('crc32', str('MySQL')), 3259397556);
  assert.equal(ev('conv', str('a'), int(16), int(2)), '1010');
  assert.equal(ev('conv', str('-1'), int(10), int(16)), 'FFFFFFFFFFFFFFFF');
  assert.equal(ev('conv', str('-17'), int(10), int(-18)), '-H');
});

test('bit operators', () => {
  assert.equal(ev('bitand', int(12), int(10)), 8);
  assert.equal(ev('bitor', int(12), int(10)), 14);
  assert.equal(ev('bitxor', int(12), int(10)), 6);
  assert.equal(ev('bitneg', int(0)), 18446744073709551615n);
  assert.equal(ev('bitand', int(-1), int(255)), 255);
  assert.equal(ev('leftshift', int(1), int(63)), 9223372036854775808n);
  assert.equal(ev('leftshift', int(1), int(64)), 0);
  assert.equal(ev('rightshift', int(-1), int(60)), 15);
  assert.equal(ev('bit_count', int(-1)), 64);
  assert.equal(ev('bit_count', nul()), null);
});

test('information functions', () => {
  assert.equal(ev('database'), 'test');
  assert.equal(ev('connection_id'), 7);
  assert.equal(ev('version'), '8.0.11-TiDB-v7.5.0-tilite');
  assert.match(ev('tidb_version') as string, /^Release Version: v7\.5\.0-tilite\nEdition: Community\n/);
  assert.equal(ev('found_rows'), 3);
  assert.equal(ev('charset', str('a')), 'utf8mb4');
  assert.equal(ev('collation', int(1)), 'binary');
  assert.equal(ev('coercibility', str('a')), 4);
  assert.equal(ev('coercibility', nul()), 6);
  assert.equal(ev('sleep', real(0.01)), 0);
  assert.equal(ev('last_insert_id', int(42)), 42);
});

test('like with escape and collations', () => {
  assert.equal(ev('like', str('abc'), str('a%')), 1);
  assert.equal(ev('like', str('abc'), str('a_c')), 1);
  assert.equal(ev('like', str('abc'), str('A%')), 0);
  assert.equal(ev('like', str('abc', 'utf8mb4_general_ci'), str('A%', 'utf8mb4_general_ci')), 1);
  assert.equal(ev('like', str('a%c'), str('a\\%c')), 1);
  assert.equal(ev('like', str('abc'), str('a\\%c')), 0);
  assert.equal(ev('like', str('a%c'), str('a|%c'), str('|')), 1);
  assert.equal(ev('like', str('a.c'), str('a.c')), 1);
  assert.equal(ev('like', str('abc'), str('a.c')), 0);
  assert.equal(ev('like', nul(), str('a')), null);
  assert.equal(ev('like', int(10), str('1%')), 1);
  assert.equal(evalFn('like', [col(T.varchar(10)), str('x%')], ['xyz']).value, 1);
});

test('regular expressions', () => {
  assert.equal(ev('regexp', str('abc'), str('^a.c$')), 1);
  assert.equal(ev('regexp_like', str('ABC'), str('abc')), 0);
  assert.equal(ev('regexp_like', str('ABC'), str('abc'), str('i')), 1);
  assert.equal(ev('rlike', str('ABC', 'utf8mb4_0900_ai_ci'), str('abc', 'utf8mb4_0900_ai_ci')), 1);
  assert.equal(ev('regexp_like', str('a1'), str('[[:digit:]]')), 1);
  assert.equal(ev('regexp_instr', str('dog cat dog'), str('dog')), 1);
  assert.equal(ev('regexp_instr', str('dog cat dog'), str('dog'), int(2)), 9);
  assert.equal(ev('regexp_instr', str('dog cat dog'), str('dog'), int(1), int(2), int(1)), 12);
  assert.equal(ev('regexp_substr', str('abc def ghi'), str('[a-z]+'), int(1), int(3)), 'ghi');
  assert.equal(ev('regexp_substr', str('abc'), str('x')), null);
  assert.equal(ev('regexp_replace', str('a b c'), str('b'), str('X')), 'a X c');
  assert.equal(ev('regexp_replace', str('abc def ghi'), str('[a-z]+'), str('X'), int(1), int(3)), 'abc def X');
  assert.equal(ev('regexp_replace', str('abc'), str('(b)'), str('[$1]')), 'a[b]c');
  assert.equal(ev('regexp_instr', str('héllo'), str('l')), 3);
  assert.throws(() => evalFn('regexp_like', [str('a'), str('(')]), /regular expression/);
});
