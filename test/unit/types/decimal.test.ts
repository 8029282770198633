import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Decimal } from '../../../src/types/decimal.js';

const d = (s: string): Decimal => {
  const v = Decimal.parse(s);
  assert.ok(v, `parse ${s}`);
  return v;
};

test('parse and format keep the scale', () => {
  assert.equal(d('1.50').toString(), '1.50');
  assert.equal(d('-0.5').toString(), '-0.5');
  assert.equal(d('  .5 ').toString(), '0.5');
  assert.equal(d('007').toString(), '7');
  assert.equal(d('1.5e3').toString(), '1500');
  assert.equal(d('1.5e-3').toString(), '0.0015');
  assert.equal(d('-0').toString(), '0');
  assert.equal(d('0.00').toString(), '0.00');
  assert.equal(Decimal.parse('abc'), null);
  assert.equal(Decimal.parse('1.2.3'), null);
  assert.equal(Decimal.parse('.'), null);
  assert.equal(Decimal.parse('1e'), null);
  assert.equal(Decimal.parse(''), null);
});

test('fromNumber and fromInt', () => {
  assert.equal(Decimal.fromNumber(0.1).toString(), '0.1');
  assert.equal(Decimal.fromNumber(1e21).toString(), '1000000000000000000000');
  assert.equal(Decimal.fromNumber(1.5e-7).toString(), '0.00000015');
  assert.equal(Decimal.fromInt(18446744073709551615n).toString(), '18446744073709551615');
  assert.equal(Decimal.fromInt(-3).toString(), '-3');
});

test('arithmetic', () => {
  assert.equal(d('1.5').add(d('2.25')).toString(), '3.75');
  assert.equal(d('1.5').sub(d('2.25')).toString(), '-0.75');
  assert.equal(d('1.5').mul(d('2.25')).toString(), '3.375');
  assert.equal(d('1').div(d('3'))!.toString(), '0.3333');
  assert.equal(d('2').div(d('3'))!.toString(), '0.6667');
  assert.equal(d('1.0').div(d('3'))!.toString(), '0.33333');
  assert.equal(d('-2').div(d('3'))!.toString(), '-0.6667');
  assert.equal(d('10').div(d('4'), 0)!.toString(), '3');
  assert.equal(d('1').div(d('0')), null);
  assert.equal(d('7.5').mod(d('2'))!.toString(), '1.5');
  assert.equal(d('-7').mod(d('3'))!.toString(), '-1');
  assert.equal(d('1').mod(d('0')), null);
});

test('rounding', () => {
  assert.equal(d('2.5').round(0).toString(), '3');
  assert.equal(d('-2.5').round(0).toString(), '-3');
  assert.equal(d('1.245').round(2).toString(), '1.25');
  assert.equal(d('1.5').round(3).toString(), '1.500');
  assert.equal(d('155').round(-1).toString(), '160');
  assert.equal(d('-155.5').round(-2).toString(), '-200');
  assert.equal(d('1.999').truncate(2).toString(), '1.99');
  assert.equal(d('-1.999').truncate(0).toString(), '-1');
  assert.equal(d('199').truncate(-2).toString(), '100');
  assert.equal(d('-1.2').floor().toString(), '-2');
  assert.equal(d('-1.2').ceil().toString(), '-1');
  assert.equal(d('1.2').ceil().toString(), '2');
  assert.equal(d('3.00').floor().toString(), '3');
  assert.equal(d('1.25').rescale(1).toString(), '1.3');
  assert.equal(d('2.5').toBigInt(), 3n);
  assert.equal(d('-2.5').toBigInt(), -3n);
  assert.equal(d('2.4').toNumber(), 2.4);
});

test('compare, sign, hashKey', () => {
  assert.equal(d('1.50').compare(d('1.5')), 0);
  assert.equal(d('-1').compare(d('0.5')), -1);
  assert.equal(d('10').compare(d('9.999')), 1);
  assert.equal(d('1.50').hashKey(), d('1.5').hashKey());
  assert.equal(d('0.00').hashKey(), d('0').hashKey());
  assert.notEqual(d('15').hashKey(), d('1.5').hashKey());
  assert.equal(d('-3').sign(), -1);
  assert.equal(d('0.0').isZero(), true);
  assert.equal(d('-1.5').abs().toString(), '1.5');
});

test('precision and convertTo', () => {
  assert.equal(d('123.45').precision, 5);
  assert.equal(d('123.45').intDigits, 3);
  assert.equal(d('0.05').intDigits, 0);
  let r = d('999.995').convertTo(5, 2);
  assert.deepEqual([r.value.toString(), r.overflow], ['999.99', true]);
  r = d('-1234').convertTo(5, 2);
  assert.deepEqual([r.value.toString(), r.overflow], ['-999.99', true]);
  r = d('1.234').convertTo(5, 2);
  assert.deepEqual([r.value.toString(), r.overflow, r.truncated], ['1.23', false, true]);
  r = d('1.2').convertTo(5, 2);
  assert.deepEqual([r.value.toString(), r.overflow, r.truncated], ['1.20', false, false]);
});

test('intDigits and precision count digits exactly on both sides of the small-coefficient path', () => {
  for (const text of [
    '9',
    '10',
    '99.5',
    '-100.25',
    '999999999999999',
    '1000000000000000',
    '-9999999999999999.9',
    '0.001',
  ]) {
    const v = d(text);
    const intPart = text.replace('-', '').split('.')[0]!.replace(/^0+/, '');
    assert.equal(v.intDigits, intPart.length, text);
  }
  assert.equal(d('0').intDigits, 1);
  assert.equal(d('12345678901234567890.12').precision, 22);
  assert.equal(d('1.5').add(d('2.25')).toString(), '3.75');
  assert.equal(d('1.50').sub(d('2.25')).toString(), '-0.75');
  assert.equal(d('1.50').compare(d('1.5')), 0);
  assert.equal(d('-1.51').compare(d('-1.50')), -1);
});
