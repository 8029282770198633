import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LENIENT_CONTEXT, type TypeContext } from '../../../src/types/context.js';
import { TypeCode } from '../../../src/types/field-type.js';
import { daysInMonth, isLeapYear, MyTime } from '../../../src/types/time.js';

const ctx = LENIENT_CONTEXT;
const strict: TypeContext = { ...LENIENT_CONTEXT, noZeroDate: true, noZeroInDate: true };
const D = TypeCode.Date;
const DT = TypeCode.Datetime;

const dt = (s: string, fsp = 0) => MyTime.parse(s, DT, fsp, ctx)?.toString() ?? null;
const date = (s: string) => MyTime.parse(s, D, 0, ctx)?.toString() ?? null;
const day = (s: string) => MyTime.parse(s, D, 0, ctx)!;

describe('MyTime.parse', () => {
  it('reads delimited dates and datetimes', () => {
    assert.equal(date('2023-01-02'), '2023-01-02');
    assert.equal(date('2023/1/2'), '2023-01-02');
    assert.equal(date('2012^12^31'), '2012-12-31');
    assert.equal(dt('2012-12-31 11:30:45'), '2012-12-31 11:30:45');
    assert.equal(dt('2012-12-31T11:30:45'), '2012-12-31 11:30:45');
    assert.equal(dt('2012@12@31 11^30^45'), '2012-12-31 11:30:45');
    assert.equal(dt('  2023-01-02 03:04  '), '2023-01-02 03:04:00');
    assert.equal(dt('2023-01-02'), '2023-01-02 00:00:00');
    assert.equal(date('2023-01-02 03:04:05'), '2023-01-02');
  });

  it('applies the two-digit year rule', () => {
    assert.equal(date('69-12-31'), '2069-12-31');
    assert.equal(date('70-01-01'), '1970-01-01');
    assert.equal(date('99-1-1'), '1999-01-01');
    assert.equal(date('00-01-01'), '2000-01-01');
    assert.equal(date('1-01-01'), '0001-01-01');
    assert.equal(date('00-00-00'), '0000-00-00');
  });

  it('reads whole-number strings', () => {
    assert.equal(date('20231231'), '2023-12-31');
    assert.equal(date('231231'), '2023-12-31');
    assert.equal(date('991231'), '1999-12-31');
    assert.equal(dt('20231231235959'), '2023-12-31 23:59:59');
    assert.equal(dt('231231235959'), '2023-12-31 23:59:59');
    assert.equal(dt('20231231235959.123456', 6), '2023-12-31 23:59:59.123456');
    assert.equal(dt('20231231235959.5', 0), '2024-01-01 00:00:00');
    assert.equal(date('2023'), null);
  });

  it('rounds fractions half up to fsp, carrying', () => {
    assert.equal(dt('2023-01-02 03:04:05.123456', 3), '2023-01-02 03:04:05.123');
    assert.equal(dt('2023-01-02 03:04:05.1235', 3), '2023-01-02 03:04:05.124');
    assert.equal(dt('2023-01-02 03:04:05.5', 0), '2023-01-02 03:04:06');
    assert.equal(dt('2023-01-02 03:04:05.4999', 0), '2023-01-02 03:04:05');
    assert.equal(dt('2023-12-31 23:59:59.9999995', 6), '2024-01-01 00:00:00.000000');
    assert.equal(dt('2023-12-31 23:59:59.9999994', 6), '2023-12-31 23:59:59.999999');
    assert.equal(dt('2024-02-28 23:59:59.7', 0), '2024-02-29 00:00:00');
    assert.equal(dt('2023-01-02 03:04:05.1', 2), '2023-01-02 03:04:05.10');
    assert.equal(dt('2023-01-02 03:04:05.123456789', 6), '2023-01-02 03:04:05.123457');
    assert.equal(dt('2023-01-02 03:04:05.', 0), '2023-01-02 03:04:05');
    assert.equal(dt('9999-12-31 23:59:59.9', 0), null);
    assert.equal(date('1999-12-31 23:59:59.500'), '2000-01-01');
    assert.equal(date('1999-12-31 23:59:59.499'), '1999-12-31');
  });

  it('validates ranges and days in month', () => {
    assert.equal(date('2023-02-29'), null);
    assert.equal(date('2024-02-29'), '2024-02-29');
    assert.equal(date('1900-02-29'), null);
    assert.equal(date('2000-02-29'), '2000-02-29');
    assert.equal(date('2023-13-01'), null);
    assert.equal(date('2023-04-31'), null);
    assert.equal(dt('2023-01-01 24:00:00'), null);
    assert.equal(dt('2023-01-01 23:60:00'), null);
    assert.equal(date('10000-01-01'), null);
    assert.equal(date('abc'), null);
    assert.equal(date(''), null);
    assert.equal(date('2023-01'), null);
    const allow: TypeContext = { ...LENIENT_CONTEXT, allowInvalidDates: true };
    assert.equal(MyTime.parse('2023-02-31', D, 0, allow)?.toString(), '2023-02-31');
    assert.equal(MyTime.parse('2023-02-32', D, 0, allow), null);
  });

  it('honours NO_ZERO_DATE and NO_ZERO_IN_DATE', () => {
    assert.equal(date('0000-00-00'), '0000-00-00');
    assert.equal(date('2023-00-10'), '2023-00-10');
    assert.equal(date('2023-05-00'), '2023-05-00');
    assert.equal(MyTime.parse('0000-00-00', D, 0, strict), null);
    assert.equal(MyTime.parse('2023-00-10', D, 0, strict), null);
    assert.equal(MyTime.parse('0000-01-01', D, 0, strict)?.toString(), '0000-01-01');
  });

  it('converts values with a zone offset to the session zone', () => {
    const east8: TypeContext = { ...LENIENT_CONTEXT, timeZoneOffsetMinutes: 480 };
    assert.equal(MyTime.parse('2023-01-02 10:11:12+00:00', DT, 0, east8)?.toString(), '2023-01-02 18:11:12');
    assert.equal(MyTime.parse('2023-01-02 10:11:12.5-05:00', DT, 1, ctx)?.toString(), '2023-01-02 15:11:12.5');
    assert.equal(MyTime.parse('2023-01-02 23:00:00-02:00', D, 0, ctx)?.toString(), '2023-01-03');
    assert.equal(MyTime.parse('2023-01-02 10:11:12-00:00', DT, 0, ctx), null);
    assert.equal(MyTime.parse('2023-01-02 10:11:12+15:00', DT, 0, ctx), null);
  });

  it('reports trailing garbage as truncated', () => {
    const r = MyTime.parseWithStatus('2023-01-02 10:11:12xyz', DT, 0, ctx);
    assert.equal(r.value?.toString(), '2023-01-02 10:11:12');
    assert.equal(r.truncated, true);
    const ok = MyTime.parseWithStatus('2023-01-02 10:11:12', DT, 0, ctx);
    assert.equal(ok.truncated, false);
    assert.equal(MyTime.parseWithStatus('2023-01-02abc', D, 0, ctx).truncated, true);
  });
});

describe('MyTime.fromNumber', () => {
  const num = (n: number | bigint, tp: number = DT, fsp = 0) => MyTime.fromNumber(n, tp, fsp, ctx)?.toString() ?? null;
  it('reads MySQL numeric forms', () => {
    assert.equal(num(20231231, D), '2023-12-31');
    assert.equal(num(231231, D), '2023-12-31');
    assert.equal(num(700101, D), '1970-01-01');
    assert.equal(num(691231, D), '2069-12-31');
    assert.equal(num(101, D), '2000-01-01');
    assert.equal(num(20231231235959), '2023-12-31 23:59:59');
    assert.equal(num(231231235959), '2023-12-31 23:59:59');
    assert.equal(num(20231231235959.5, DT, 1), '2023-12-31 23:59:59.5');
    assert.equal(num(20231231235959.5, DT, 0), '2024-01-01 00:00:00');
    assert.equal(num(20231231235959n), '2023-12-31 23:59:59');
    assert.equal(num(0, D), '0000-00-00');
  });
  it('rejects numbers outside the forms', () => {
    assert.equal(num(100, D), null);
    assert.equal(num(691232, D), null);
    assert.equal(num(-20231231, D), null);
    assert.equal(num(20231232, D), null);
    assert.equal(num(999999999999999), null);
  });
});

describe('MyTime formatting and numbers', () => {
  it('prints per type and fsp', () => {
    const t = new MyTime(2023, 1, 2, 3, 4, 5, 123456, DT, 3);
    assert.equal(t.toString(), '2023-01-02 03:04:05.123');
    assert.equal(new MyTime(2023, 1, 2, 3, 4, 5, 0, TypeCode.Timestamp, 0).toString(), '2023-01-02 03:04:05');
    assert.equal(new MyTime(5, 1, 2, 0, 0, 0, 0, D, 0).toString(), '0005-01-02');
    assert.equal(MyTime.ZERO_DATETIME.toString(), '0000-00-00 00:00:00');
  });
  it('converts to numbers', () => {
    assert.equal(day('2023-12-31').toNumber(), 20231231);
    assert.equal(MyTime.parse('2023-12-31 23:59:59', DT, 0, ctx)!.toNumber(), 20231231235959);
    const f = MyTime.parse('2023-12-31 23:59:59.5', DT, 1, ctx)!;
    assert.equal(f.toNumber(), 20231231235959.5);
    assert.equal(f.toNumberString(), '20231231235959.5');
    assert.equal(MyTime.ZERO_DATE.toNumber(), 0);
  });
  it('changes type and precision with rounding', () => {
    const t = MyTime.parse('2023-12-31 23:59:59.999999', DT, 6, ctx)!;
    assert.equal(t.withType(DT, 0).toString(), '2024-01-01 00:00:00');
    assert.equal(t.withType(DT, 3).toString(), '2024-01-01 00:00:00.000');
    assert.equal(t.withType(D, 0).toString(), '2024-01-01');
    assert.equal(MyTime.parse('9999-12-31 23:59:59.9', DT, 1, ctx)!.withType(DT, 0).toString(), '9999-12-31 23:59:59');
    assert.equal(day('2023-05-06').withType(DT, 2).toString(), '2023-05-06 00:00:00.00');
  });
  it('compares and hashes regardless of type', () => {
    const a = day('2023-05-06');
    const b = MyTime.parse('2023-05-06 00:00:00', DT, 0, ctx)!;
    assert.equal(a.compare(b), 0);
    assert.equal(a.hashKey(), b.hashKey());
    assert.ok(a.compare(MyTime.parse('2023-05-06 00:00:01', DT, 0, ctx)!) < 0);
    assert.ok(day('2024-01-01').compare(a) > 0);
    assert.ok(MyTime.ZERO_DATE.isZero());
    assert.ok(!a.isZero());
  });
});

describe('MyTime calendar', () => {
  it('computes TO_DAYS, FROM_DAYS and TO_SECONDS', () => {
    assert.equal(day('2007-10-07').toDays(), 733321);
    assert.equal(day('1970-01-01').toDays(), 719528);
    assert.equal(day('0000-01-01').toDays(), 1);
    assert.equal(day('0001-01-01').toDays(), 366);
    assert.equal(day('9999-12-31').toDays(), 3652424);
    assert.equal(day('2008-10-07').toDays(), 733687);
    assert.equal(MyTime.parse('2009-11-29 13:43:32', DT, 0, ctx)!.toSeconds(), 63426721412);
    assert.equal(MyTime.fromDays(730669).toString(), '2000-07-03');
    assert.equal(MyTime.fromDays(733321).toString(), '2007-10-07');
    assert.equal(MyTime.fromDays(366).toString(), '0001-01-01');
    assert.equal(MyTime.fromDays(365).toString(), '0000-00-00');
    assert.equal(MyTime.fromDays(3652424).toString(), '9999-12-31');
    // Round trip over leap boundaries.
    for (const s of [
      '1600-02-29',
      '1700-03-01',
      '1900-02-28',
      '2000-02-29',
      '2000-12-31',
      '2100-03-01',
      '4000-02-29',
    ]) {
      assert.equal(MyTime.fromDays(day(s).toDays()).toString(), s);
    }
  });
  it('round-trips day numbers and steps one day at a time', () => {
    let prev = MyTime.fromDays(366);
    for (let n = 367; n <= 3652424; n += 1) {
      const t = MyTime.fromDays(n);
      if (n % 97 === 0) assert.equal(t.toDays(), n);
      // Consecutive days differ by one calendar day.
      const next = prev.day < daysInMonth(prev.year, prev.month) ? prev.day + 1 : 1;
      assert.equal(t.day, next);
      prev = t;
    }
  });
  it('knows leap years and month lengths', () => {
    assert.ok(isLeapYear(2000));
    assert.ok(isLeapYear(2024));
    assert.ok(!isLeapYear(1900));
    assert.ok(!isLeapYear(0));
    assert.equal(daysInMonth(2024, 2), 29);
    assert.equal(daysInMonth(2023, 2), 28);
    assert.equal(daysInMonth(2023, 4), 30);
    assert.equal(daysInMonth(2023, 12), 31);
  });
  it('computes weekday, day of year', () => {
    assert.equal(day('2008-02-03').weekday(), 6);
    assert.equal(day('2007-11-06').weekday(), 1);
    assert.equal(day('2007-02-03').dayOfYear(), 34);
    assert.equal(day('2024-12-31').dayOfYear(), 366);
  });
  it('computes WEEK in every mode', () => {
    assert.equal(day('2008-02-20').week(0), 7);
    assert.equal(day('2008-02-20').week(1), 8);
    assert.equal(day('2008-12-31').week(1), 53);
    assert.equal(day('2000-01-01').week(0), 0);
    assert.equal(day('2000-01-01').week(2), 52);
    const expect: Record<string, number[]> = {
      // date: WEEK modes 0..7 (MySQL 8)
      '2000-01-01': [0, 0, 52, 52, 0, 0, 52, 52],
      '2000-01-02': [1, 0, 1, 52, 1, 0, 1, 52],
      '2000-01-03': [1, 1, 1, 1, 1, 1, 1, 1],
      '2008-12-31': [52, 53, 52, 1, 53, 52, 53, 52],
      '2017-01-01': [1, 0, 1, 52, 1, 0, 1, 52],
      '2021-01-03': [1, 0, 1, 53, 1, 0, 1, 52],
    };
    for (const [s, weeks] of Object.entries(expect)) {
      assert.deepEqual(
        weeks.map((_, mode) => day(s).week(mode)),
        weeks,
        s,
      );
    }
  });
  it('computes YEARWEEK', () => {
    assert.equal(day('1987-01-01').yearWeek(0), 198652);
    assert.equal(day('2000-01-01').yearWeek(0), 199952);
    assert.equal(day('2008-12-31').yearWeek(3), 200901);
    assert.equal(day('2021-01-03').yearWeek(1), 202053);
  });
});

describe('MyTime arithmetic and zones', () => {
  it('adds microseconds across days and years', () => {
    const t = MyTime.parse('2023-12-31 23:59:59', DT, 0, ctx)!;
    assert.equal(t.addMicros(1_000_000)!.toString(), '2024-01-01 00:00:00');
    assert.equal(t.addMicros(-86_400_000_000)!.toString(), '2023-12-30 23:59:59');
    assert.equal(day('2023-03-01').addMicros(-86_400_000_000)!.toString(), '2023-02-28');
    assert.equal(day('2023-03-01').addMicros(3_600_000_000)!.toString(), '2023-03-01 01:00:00');
    assert.equal(day('9999-12-31').addMicros(86_400_000_000), null);
    assert.equal(day('0000-01-01').addMicros(-86_400_000_000), null);
    assert.equal(day('2023-00-01').addMicros(1), null);
  });
  it('adds months clipping the day', () => {
    assert.equal(day('2023-01-31').addMonths(1)!.toString(), '2023-02-28');
    assert.equal(day('2024-01-31').addMonths(1)!.toString(), '2024-02-29');
    assert.equal(day('2023-03-31').addMonths(-1)!.toString(), '2023-02-28');
    assert.equal(day('2023-11-15').addMonths(14)!.toString(), '2025-01-15');
    assert.equal(day('9999-12-01').addMonths(1), null);
    assert.equal(day('0000-01-01').addMonths(-1), null);
  });
  it('gives date part and last day', () => {
    const t = MyTime.parse('2024-02-10 10:00:00', DT, 0, ctx)!;
    assert.equal(t.toDate().toString(), '2024-02-10');
    assert.equal(t.lastDay()!.toString(), '2024-02-29');
    assert.equal(day('2003-00-05').lastDay(), null);
  });
  it('converts to and from Unix time', () => {
    assert.equal(MyTime.parse('1970-01-01 00:00:00', DT, 0, ctx)!.toUnix(0), 0);
    assert.equal(MyTime.parse('2015-11-13 10:20:19', DT, 0, ctx)!.toUnix(0), 1447410019);
    assert.equal(MyTime.parse('2015-11-13 18:20:19.5', DT, 1, ctx)!.toUnix(480), 1447410019.5);
    assert.equal(MyTime.fromUnix(1447430881, 0, 0, 0).toString(), '2015-11-13 16:08:01');
    assert.equal(MyTime.fromUnix(1447430881, 0, 480, 0).toString(), '2015-11-14 00:08:01');
    assert.equal(MyTime.fromUnix(0, 123456, -60, 3).toString(), '1969-12-31 23:00:00.123');
    assert.equal(MyTime.fromUnix(0, 999999, 0, 0).toString(), '1970-01-01 00:00:01');
    assert.equal(MyTime.fromUnix(-1, 0, 0, 0).toString(), '1969-12-31 23:59:59');
    assert.equal(MyTime.fromUnix(1.25, 0, 0, 2).toString(), '1970-01-01 00:00:01.25');
  });
  it('gives now in a zone with fsp', () => {
    const us = 1447430881_123456;
    assert.equal(MyTime.now(us, 0, DT, 0).toString(), '2015-11-13 16:08:01');
    assert.equal(MyTime.now(us, 0, DT, 6).toString(), '2015-11-13 16:08:01.123456');
    assert.equal(MyTime.now(us, -300, TypeCode.Timestamp, 2).toString(), '2015-11-13 11:08:01.12');
    assert.equal(MyTime.now(us, 0, D, 0).toString(), '2015-11-13');
  });
  it('checks TIMESTAMP range and converts zones', () => {
    const t = MyTime.parse('2038-01-19 03:14:07', TypeCode.Timestamp, 0, ctx)!;
    assert.ok(t.isTimestampInRange(0));
    assert.ok(!t.isTimestampInRange(-60));
    assert.ok(!MyTime.parse('1970-01-01 00:00:00', TypeCode.Timestamp, 0, ctx)!.isTimestampInRange(0));
    assert.ok(MyTime.parse('1970-01-01 08:00:01', TypeCode.Timestamp, 0, ctx)!.isTimestampInRange(480));
    assert.equal(t.convertTz(0, 480)!.toString(), '2038-01-19 11:14:07');
    assert.equal(MyTime.ZERO_DATETIME.convertTz(0, 480), MyTime.ZERO_DATETIME);
  });
});
