import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/arithmetic.js';
import '../../../src/expression/builtin/compare.js';
import '../../../src/expression/builtin/control.js';
import '../../../src/expression/builtin/logic.js';
import { LENIENT_CONTEXT } from '../../../src/types/context.js';
import { TypeCode } from '../../../src/types/field-type.js';
import { MyTime } from '../../../src/types/time.js';
import { typeToString } from '../../../src/types/type-name.js';
import { col, dec, ev, evalFn, int, newEvalContext, nul, real, show, str, T, uint } from './context.js';

test('comparison types and NULL', () => {
  assert.equal(ev('eq', int(1), int(1)), 1);
  assert.equal(ev('lt', int(1), str('2')), 1);
  assert.equal(ev('eq', str('abc'), int(0)), 1); // string vs number compares as double
  assert.equal(ev('eq', nul(), int(1)), null);
  assert.equal(ev('nulleq', nul(), nul()), 1);
  assert.equal(ev('nulleq', nul(), int(1)), 0);
  assert.equal(ev('eq', dec('1.50'), dec('1.5')), 1);
  assert.equal(ev('eq', int(1), dec('1.0')), 1);
  assert.equal(ev('gt', uint(18446744073709551615n), int(-1)), 1);
  assert.equal(ev('lt', int(9223372036854775807n), uint(9223372036854775808n)), 1);
  // An integer column against a plain-number string compares as integers (TiDB refines the constant).
  const r = evalFn('eq', [col(T.int()), str('1')], [1]);
  assert.equal(r.value, 1);
  assert.deepEqual(r.usage, ['EQInt']);
  const t = evalFn('eq', [col(T.int()), str('1x')], [1]);
  assert.equal(t.value, 1);
  assert.deepEqual(t.usage, ['EQReal']);
  assert.equal(evalFn('eq', [col(T.varchar(10)), str('A')], ['a']).value, 0);
  assert.equal(evalFn('eq', [col(T.varchar(10, 'utf8mb4_general_ci')), str('A')], ['a']).value, 1);
  assert.deepEqual(evalFn('ne', [int(1), int(2)]).usage, ['NEInt']);
});

test('in, isnull, greatest, least, interval', () => {
  assert.equal(ev('in', int(2), int(1), int(2)), 1);
  assert.equal(ev('in', int(3), int(1), nul()), null);
  assert.equal(ev('in', nul(), int(1)), null);
  assert.equal(ev('in', int(3), int(1), int(2)), 0);
  assert.equal(evalFn('in', [col(T.int()), int(1), col(T.int(), 'd')], [5, 5]).value, 1);
  assert.equal(ev('isnull', nul()), 1);
  assert.equal(ev('isnull', int(0)), 0);
  assert.equal(ev('greatest', int(1), int(3), int(2)), 3);
  assert.equal(ev('least', int(1), nul()), null);
  assert.equal(ev('greatest', str('b'), str('a')), 'b');
  assert.equal(ev('greatest', int(2), real(2.5)), 2.5);
  assert.equal(ev('interval', int(23), int(1), int(15), int(17), int(30)), 3);
  assert.equal(ev('interval', nul(), int(1)), -1);
});

test('integer arithmetic, overflow and unsigned', () => {
  assert.equal(ev('plus', int(1), int(2)), 3);
  assert.equal(ev('plus', int(9007199254740991), int(2)), 9007199254740993n);
  assert.throws(
    () => evalFn('plus', [int(9223372036854775807n), int(1)]),
    /BIGINT value is out of range in '\(9223372036854775807 \+ 1\)'/,
  );
  assert.throws(() => evalFn('minus', [uint(1), int(2)]), /BIGINT UNSIGNED value is out of range/);
  assert.equal(ev('plus', uint(18446744073709551614n), int(1)), 18446744073709551615n);
  assert.equal(ev('mul', int(3), int(-4)), -12);
  assert.equal(ev('unaryminus', int(5)), -5);
  assert.equal(ev('unaryminus', uint(18446744073709551615n)), '-18446744073709551615');
  const t = evalFn('plus', [int(1), int(2)]).type;
  assert.equal(typeToString(t), 'bigint(20)');
});

test('division and modulo', () => {
  const r = evalFn('div', [int(1), int(3)]);
  assert.equal(show(r.value), '0.3333');
  assert.equal(typeToString(r.type), 'decimal(5,4)');
  assert.equal(ev('div', int(7), int(2)), '3.5000');
  assert.equal(ev('div', real(1), real(4)), 0.25);
  const ctx = newEvalContext();
  assert.equal(evalFn('div', [int(1), int(0)], [], ctx).value, null);
  assert.equal(ctx.warnings[0]?.code, 1365);
  assert.throws(() => evalFn('div', [int(1), int(0)], [], newEvalContext({ divByZeroIsError: true })), /Division by 0/);
  assert.equal(ev('intdiv', int(7), int(2)), 3);
  assert.equal(ev('intdiv', int(-7), int(2)), -3);
  assert.equal(ev('intdiv', dec('7.5'), dec('2.5')), 3);
  assert.equal(ev('mod', int(-7), int(3)), -1);
  assert.equal(ev('mod', dec('7.5'), int(2)), '1.5');
  assert.equal(ev('mod', int(7), int(0)), null);
  assert.equal(ev('plus', dec('1.25'), dec('2.5')), '3.75');
  assert.equal(typeToString(evalFn('plus', [dec('1.25'), dec('2.5')]).type), 'decimal(4,2)');
  assert.equal(ev('plus', str('1.5'), int(1)), 2.5);
  assert.equal(ev('mul', dec('1.5'), dec('2.25')), '3.375');
});

test('logic with three-valued semantics', () => {
  assert.equal(ev('and', int(1), nul()), null);
  assert.equal(ev('and', int(0), nul()), 0);
  assert.equal(ev('or', int(1), nul()), 1);
  assert.equal(ev('or', int(0), nul()), null);
  assert.equal(ev('xor', int(1), int(1)), 0);
  assert.equal(ev('not', int(0)), 1);
  assert.equal(ev('not', nul()), null);
  assert.equal(ev('and', real(0.5), int(1)), 1);
  assert.equal(ev('istrue', nul()), 0);
  assert.equal(ev('isfalse', int(0)), 1);
  assert.equal(ev('istrue_with_null', nul()), null);
  assert.equal(ev('not', dec('0.0')), 1);
});

test('control functions and type unification', () => {
  assert.equal(ev('if', int(1), int(2), int(3)), 2);
  assert.equal(ev('if', nul(), int(2), int(3)), 3);
  const r = evalFn('if', [int(1), int(2), str('x')]);
  assert.equal(r.value, '2');
  assert.equal(typeToString(r.type), 'varchar(1)');
  assert.equal(ev('ifnull', nul(), int(5)), 5);
  assert.equal(ev('nullif', int(1), int(1)), null);
  assert.equal(ev('nullif', int(1), int(2)), 1);
  assert.equal(ev('case', int(0), int(1), int(1), int(2)), 2);
  assert.equal(ev('case', int(0), int(1)), null);
  assert.equal(ev('case', int(0), int(1), int(9)), 9);
  assert.equal(ev('coalesce', nul(), nul(), int(3)), 3);
  const c = evalFn('coalesce', [int(1), dec('2.5')]);
  assert.equal(typeToString(c.type), 'decimal(2,1)');
  assert.equal(show(c.value), '1.0');
  assert.deepEqual(evalFn('case', [int(1), real(2)]).usage, ['CaseWhenReal']);
});

test('temporal comparisons convert strings and numeric constants to the temporal type', () => {
  const day = MyTime.parse('2024-01-15', TypeCode.Date, 0, LENIENT_CONTEXT);
  const r = evalFn('eq', [col(T.date()), str('2024-01-15')], [day]);
  assert.equal(r.value, 1);
  assert.deepEqual(r.usage, ['EQTime']);
  assert.equal(evalFn('lt', [col(T.date()), int(20240116)], [day]).value, 1);
  assert.equal(evalFn('gt', [col(T.datetime()), str('2024-01-14 23:59:59')], [day]).value, 1);
});
