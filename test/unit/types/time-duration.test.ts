import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LENIENT_CONTEXT } from '../../../src/types/context.js';
import { Duration } from '../../../src/types/time.js';

const ctx = LENIENT_CONTEXT;
const t = (s: string, fsp = 0) => Duration.parse(s, fsp, ctx)?.toString() ?? null;

describe('Duration.parse', () => {
  it('reads colon formats', () => {
    assert.equal(t('10:11:12'), '10:11:12');
    assert.equal(t('1:2:3'), '01:02:03');
    assert.equal(t('12:34'), '12:34:00');
    assert.equal(t('-10:11:12'), '-10:11:12');
    assert.equal(t('100:00:00'), '100:00:00');
    assert.equal(t('10:11:12.5', 1), '10:11:12.5');
    assert.equal(t('10:11:12.123456', 6), '10:11:12.123456');
    assert.equal(t('10:11:12.5', 3), '10:11:12.500');
  });
  it('reads day formats', () => {
    assert.equal(t('1 10:11:12'), '34:11:12');
    assert.equal(t('2 3'), '51:00:00');
    assert.equal(t('1 02:03'), '26:03:00');
    assert.equal(t('-1 10:00:00'), '-34:00:00');
    assert.equal(t('34 22:59:59'), '838:59:59');
  });
  it('reads compact formats', () => {
    assert.equal(t('101112'), '10:11:12');
    assert.equal(t('1112'), '00:11:12');
    assert.equal(t('12'), '00:00:12');
    assert.equal(t('8385959'), '838:59:59');
    assert.equal(t('101112.25', 2), '10:11:12.25');
    assert.equal(t('-0.5', 1), '-00:00:00.5');
    assert.equal(t('-00:00:00'), '00:00:00');
    assert.ok(Object.is(Duration.parse('-0', 0, ctx)!.micros, 0));
  });
  it('takes the time of a datetime string', () => {
    assert.equal(t('2023-01-02 03:04:05'), '03:04:05');
    assert.equal(t('2023-01-02 03:04:05.678', 3), '03:04:05.678');
    assert.equal(t('20230102030405'), '03:04:05');
  });
  it('rounds fractions, carrying', () => {
    assert.equal(t('10:11:12.5'), '10:11:13');
    assert.equal(t('10:59:59.9999995', 6), '11:00:00.000000');
    assert.equal(t('-10:11:12.5'), '-10:11:13');
  });
  it('rejects invalid minutes and seconds and junk', () => {
    assert.equal(t('10:60:00'), null);
    assert.equal(t('10:00:60'), null);
    assert.equal(t('1060'), null);
    assert.equal(t('abc'), null);
    assert.equal(t(''), null);
  });
  it('clamps out-of-range values with a truncated flag', () => {
    const r = Duration.parseWithStatus('900:00:00', 0, ctx);
    assert.equal(r.value?.toString(), '838:59:59');
    assert.equal(r.truncated, true);
    const n = Duration.parseWithStatus('-1000:00:00', 0, ctx);
    assert.equal(n.value?.toString(), '-838:59:59');
    assert.equal(n.truncated, true);
    const edge = Duration.parseWithStatus('838:59:59.5', 0, ctx);
    assert.equal(edge.value?.toString(), '838:59:59');
    assert.equal(edge.truncated, true);
    assert.equal(Duration.parseWithStatus('838:59:59', 0, ctx).truncated, false);
    assert.equal(Duration.parseWithStatus('10:11:12 xyz', 0, ctx).truncated, true);
  });
});

describe('Duration numbers', () => {
  it('converts from numbers', () => {
    assert.equal(Duration.fromNumber(101112, 0)?.toString(), '10:11:12');
    assert.equal(Duration.fromNumber(-101112, 0)?.toString(), '-10:11:12');
    assert.equal(Duration.fromNumber(1112.5, 1)?.toString(), '00:11:12.5');
    assert.equal(Duration.fromNumber(12, 0)?.toString(), '00:00:12');
    assert.equal(Duration.fromNumber(106000, 0), null);
    assert.equal(Duration.fromNumber(20231231235959, 0)?.toString(), '23:59:59');
    assert.equal(Duration.fromNumber(8395959n, 0)?.toString(), '838:59:59');
    assert.equal(Duration.fromNumberWithStatus(8395959, 0).truncated, true);
  });
  it('converts to numbers and strings', () => {
    const d = Duration.parse('-01:02:03.5', 1, ctx)!;
    assert.equal(d.toNumber(), -10203.5);
    assert.equal(d.toNumberString(), '-10203.5');
    assert.equal(d.toString(), '-01:02:03.5');
    assert.equal(Duration.MAX.toString(), '838:59:59');
    assert.equal(Duration.MIN.toString(), '-838:59:59');
    assert.equal(new Duration(1_500_000, 3).toString(), '00:00:01.500');
    assert.equal(d.hours, 1);
    assert.equal(d.minutes, 2);
    assert.equal(d.seconds, 3);
    assert.equal(d.microsecond, 500000);
    assert.ok(d.negative);
  });
  it('compares, hashes and changes precision', () => {
    const a = Duration.parse('01:00:00', 0, ctx)!;
    const b = Duration.parse('01:00:00.000', 3, ctx)!;
    assert.equal(a.compare(b), 0);
    assert.equal(a.hashKey(), b.hashKey());
    assert.ok(Duration.parse('-01:00:00', 0, ctx)!.compare(a) < 0);
    assert.equal(Duration.parse('01:00:00.45', 2, ctx)!.withFsp(1).toString(), '01:00:00.5');
    assert.equal(Duration.parse('-01:00:00.5', 1, ctx)!.withFsp(0).toString(), '-01:00:01');
    assert.equal(Duration.parse('838:59:59.5', 1, ctx)!.withFsp(0).toString(), '838:59:59');
  });
});
