import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LENIENT_CONTEXT } from '../../../src/types/context.js';
import { TypeCode } from '../../../src/types/field-type.js';
import { Duration, MyTime } from '../../../src/types/time.js';
import {
  addInterval,
  dateFormat,
  parseInterval,
  strToDate,
  strToDateType,
  timeFormat,
} from '../../../src/types/time-format.js';

const ctx = LENIENT_CONTEXT;
const dt = (s: string, fsp = 0) => MyTime.parse(s, TypeCode.Datetime, fsp, ctx)!;
const date = (s: string) => MyTime.parse(s, TypeCode.Date, 0, ctx)!;

describe('dateFormat', () => {
  it('matches the MySQL manual examples', () => {
    assert.equal(dateFormat(dt('2009-10-04 22:23:00'), '%W %M %Y'), 'Sunday October 2009');
    assert.equal(dateFormat(dt('2007-10-04 22:23:00'), '%H:%i:%s'), '22:23:00');
    assert.equal(dateFormat(dt('1900-10-04 22:23:00'), '%D %y %a %d %m %b %j'), '4th 00 Thu 04 10 Oct 277');
    assert.equal(dateFormat(dt('1997-10-04 22:23:00'), '%H %k %I %r %T %S %w'), '22 22 10 10:23:00 PM 22:23:00 00 6');
    assert.equal(dateFormat(date('1999-01-01'), '%X %V'), '1998 52');
    assert.equal(dateFormat(date('2006-06-00'), '%d'), '00');
  });
  it('expands every specifier', () => {
    const t = dt('2008-02-03 09:05:07.012345', 6);
    const out = (f: string) => dateFormat(t, f);
    assert.equal(out('%a|%b|%c|%D|%d|%e'), 'Sun|Feb|2|3rd|03|3');
    assert.equal(out('%f|%H|%h|%I|%i|%j|%k|%l'), '012345|09|09|09|05|034|9|9');
    assert.equal(out('%M|%m|%p|%r|%S|%s|%T'), 'February|02|AM|09:05:07 AM|07|07|09:05:07');
    assert.equal(out('%U|%u|%V|%v|%W|%w|%X|%x'), '05|05|05|05|Sunday|0|2008|2008');
    assert.equal(out('%Y|%y|%%|%q|100%'), '2008|08|%|q|100%');
    assert.equal(dateFormat(dt('2023-01-01 00:30:00'), '%h %l %p'), '12 12 AM');
    assert.equal(dateFormat(dt('2023-01-01 12:30:00'), '%h %l %p %r'), '12 12 PM 12:30:00 PM');
    assert.equal(dateFormat(date('2023-01-11'), '%D %D'), '11th 11th');
    for (const [d, s] of [
      [1, '1st'],
      [2, '2nd'],
      [12, '12th'],
      [21, '21st'],
      [22, '22nd'],
      [23, '23rd'],
      [31, '31st'],
    ] as const) {
      assert.equal(dateFormat(new MyTime(2023, 1, d, 0, 0, 0, 0, TypeCode.Date, 0), '%D'), s);
    }
    assert.equal(dateFormat(date('0005-03-04'), '%Y %y'), '0005 05');
  });
  it('gives NULL for names of zero parts', () => {
    assert.equal(dateFormat(MyTime.ZERO_DATE, '%M'), null);
    assert.equal(dateFormat(MyTime.ZERO_DATE, '%W'), null);
    assert.equal(dateFormat(MyTime.ZERO_DATE, '%Y-%m-%d'), '0000-00-00');
  });
});

describe('timeFormat', () => {
  it('formats TIME values', () => {
    assert.equal(timeFormat(Duration.parse('100:00:00', 0, ctx)!, '%H %k %h %I %l'), '100 100 04 04 4');
    assert.equal(timeFormat(Duration.parse('13:05:09.5', 1, ctx)!, '%T.%f %p %r'), '13:05:09.500000 PM 01:05:09 PM');
    assert.equal(timeFormat(Duration.parse('-01:02:03', 0, ctx)!, '%H:%i:%s'), '-01:02:03');
    assert.equal(timeFormat(Duration.parse('01:02:03', 0, ctx)!, '%W'), null);
    assert.equal(timeFormat(Duration.parse('01:02:03', 0, ctx)!, '%j'), null);
  });
});

describe('strToDate', () => {
  const s2d = (s: string, f: string) => {
    const r = strToDate(s, f);
    if (r === null) return null;
    const t = new MyTime(r.year, r.month, r.day, r.hour, r.minute, r.second, r.microsecond, TypeCode.Datetime, 6);
    return t.toString();
  };
  it('matches the MySQL manual examples', () => {
    assert.equal(s2d('01,5,2013', '%d,%m,%Y'), '2013-05-01 00:00:00.000000');
    assert.equal(s2d('May 1, 2013', '%M %d,%Y'), '2013-05-01 00:00:00.000000');
    assert.equal(s2d('a09:30:17', 'a%h:%i:%s'), '0000-00-00 09:30:17.000000');
    assert.equal(s2d('a09:30:17', '%h:%i:%s'), null);
    assert.equal(s2d('09:30:17a', '%h:%i:%s'), '0000-00-00 09:30:17.000000');
    assert.equal(strToDate('09:30:17a', '%h:%i:%s')!.truncated, true);
    assert.equal(s2d('abc', 'abc'), '0000-00-00 00:00:00.000000');
    assert.equal(s2d('9', '%m'), '0000-09-00 00:00:00.000000');
    assert.equal(s2d('9', '%s'), '0000-00-00 00:00:09.000000');
    assert.equal(s2d('200442 Monday', '%X%V %W'), '2004-10-18 00:00:00.000000');
  });
  it('reads 12-hour times, fractions, names and day of year', () => {
    assert.equal(s2d('January 15, 2008 1:30 PM', '%M %d, %Y %h:%i %p'), '2008-01-15 13:30:00.000000');
    assert.equal(s2d('12:00:00 AM', '%r'), '0000-00-00 00:00:00.000000');
    assert.equal(s2d('13:00:00 PM', '%r'), null);
    assert.equal(s2d('2023-01-02 03:04:05.12', '%Y-%m-%d %T.%f'), '2023-01-02 03:04:05.120000');
    assert.equal(s2d('Fri 3 Feb 23', '%a %e %b %y'), '2023-02-03 00:00:00.000000');
    assert.equal(s2d('2023 060', '%Y %j'), '2023-03-01 00:00:00.000000');
    assert.equal(s2d('  2023-01-02', '%Y-%m-%d'), '2023-01-02 00:00:00.000000');
    assert.equal(s2d('2023 - 01 - 02', '%Y-%m-%d'), '2023-01-02 00:00:00.000000');
    assert.equal(s2d('3rd March 2023', '%D %M %Y'), '2023-03-03 00:00:00.000000');
    assert.equal(s2d('20230102', '%Y%m%d'), '2023-01-02 00:00:00.000000');
  });
  it('rejects impossible values and mismatches', () => {
    assert.equal(s2d('2023-02-30', '%Y-%m-%d'), null);
    assert.equal(s2d('2023-13-01', '%Y-%m-%d'), null);
    assert.equal(s2d('25:00', '%H:%i'), null);
    assert.equal(s2d('2023/01/02', '%Y-%m-%d'), null);
    assert.equal(s2d('Foo 1 2023', '%M %d %Y'), null);
  });
  it('reports the result type of a format', () => {
    assert.deepEqual(strToDateType('%Y-%m-%d'), { tp: TypeCode.Date, fsp: 0 });
    assert.deepEqual(strToDateType('%H:%i:%s'), { tp: TypeCode.Duration, fsp: 0 });
    assert.deepEqual(strToDateType('%Y-%m-%d %H:%i:%s.%f'), { tp: TypeCode.Datetime, fsp: 6 });
    assert.deepEqual(strToDateType('%T.%f'), { tp: TypeCode.Duration, fsp: 6 });
  });
});

describe('parseInterval and addInterval', () => {
  const add = (t: MyTime, unit: string, v: string | number, sign: 1 | -1 = 1) =>
    addInterval(t, parseInterval(unit, v)!, sign)?.toString() ?? null;
  it('adds single units', () => {
    const t = dt('2018-05-01 00:00:00');
    assert.equal(add(date('2018-05-01'), 'DAY', 1), '2018-05-02');
    assert.equal(add(dt('2020-12-31 23:59:59'), 'SECOND', 1), '2021-01-01 00:00:00');
    assert.equal(add(date('2018-12-31'), 'DAY', 1), '2019-01-01');
    assert.equal(add(t, 'HOUR', -3), '2018-04-30 21:00:00');
    assert.equal(add(t, 'MINUTE', 90), '2018-05-01 01:30:00');
    assert.equal(add(t, 'WEEK', 2), '2018-05-15 00:00:00');
    assert.equal(add(t, 'MONTH', 1, -1), '2018-04-01 00:00:00');
    assert.equal(add(t, 'QUARTER', 1), '2018-08-01 00:00:00');
    assert.equal(add(t, 'YEAR', 2), '2020-05-01 00:00:00');
    assert.equal(add(date('2024-02-29'), 'YEAR', 1), '2025-02-28');
    assert.equal(add(date('2023-01-31'), 'month', 1), '2023-02-28');
    assert.equal(add(t, 'MICROSECOND', 5), '2018-05-01 00:00:00.000005');
    assert.equal(add(t, 'SECOND', 1.5), '2018-05-01 00:00:01.500000');
    assert.equal(add(t, 'SECOND', '1.25'), '2018-05-01 00:00:01.250000');
    assert.equal(add(date('2018-05-01'), 'DAY', 1.5), '2018-05-03');
    assert.equal(add(date('2018-05-01'), 'DAY', '1.9'), '2018-05-02');
    assert.equal(add(date('2018-05-01'), 'HOUR', 1), '2018-05-01 01:00:00');
  });
  it('adds compound units, right-aligning short values', () => {
    assert.equal(add(dt('2100-12-31 23:59:59'), 'MINUTE_SECOND', '1:1'), '2101-01-01 00:01:00');
    assert.equal(add(dt('1900-01-01 00:00:00'), 'DAY_HOUR', '-1 10'), '1899-12-30 14:00:00');
    assert.equal(add(dt('1900-01-01 00:00:00'), 'DAY_SECOND', '-1 10'), '1899-12-31 23:58:50');
    assert.equal(
      add(dt('1992-12-31 23:59:59.000002', 6), 'SECOND_MICROSECOND', '1.999999'),
      '1993-01-01 00:00:01.000001',
    );
    assert.equal(add(dt('2000-01-01 00:00:00'), 'DAY_HOUR', '1 1', -1), '1999-12-30 23:00:00');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'YEAR_MONTH', '1-2'), '2001-03-01 00:00:00');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'HOUR_MINUTE', '1:30'), '2000-01-01 01:30:00');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'HOUR_SECOND', '1:10'), '2000-01-01 00:01:10');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'DAY_MINUTE', '1 1:1'), '2000-01-02 01:01:00');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'DAY_MICROSECOND', '1 01:01:01.5'), '2000-01-02 01:01:01.500000');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'HOUR_MICROSECOND', '1:1:1.000002'), '2000-01-01 01:01:01.000002');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'MINUTE_MICROSECOND', '1:1.5'), '2000-01-01 00:01:01.500000');
    assert.equal(add(dt('2000-01-01 00:00:00'), 'DAY_HOUR', 1.5), '2000-01-02 05:00:00');
  });
  it('parses values into months and microseconds', () => {
    assert.deepEqual(parseInterval('YEAR_MONTH', '2-3'), { months: 27, micros: 0, negative: false });
    assert.deepEqual(parseInterval('DAY', -2), { months: 0, micros: 2 * 86_400_000_000, negative: true });
    assert.deepEqual(parseInterval('SECOND_MICROSECOND', '-1.5'), { months: 0, micros: 1_500_000, negative: true });
    assert.equal(parseInterval('FORTNIGHT', 1), null);
    assert.equal(parseInterval('HOUR_MINUTE', '1:2:3'), null);
  });
  it('returns NULL past the date range or for incomplete dates', () => {
    assert.equal(add(date('9999-12-31'), 'DAY', 1), null);
    assert.equal(add(date('0000-01-01'), 'DAY', -1), null);
    assert.equal(add(date('9999-12-01'), 'MONTH', 1), null);
    assert.equal(add(date('2023-00-01'), 'DAY', 1), null);
    assert.equal(parseInterval('YEAR', 1e9), null);
  });
});
