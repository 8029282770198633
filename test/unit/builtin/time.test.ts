import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/time.js';
import '../../../src/expression/builtin/time-arith.js';
import '../../../src/expression/builtin/time-days.js';
import '../../../src/expression/builtin/time-formatting.js';
import { TypeCode } from '../../../src/types/field-type.js';
import { build, c, date, dec, dt, newEvalContext, run, show, time } from './ctx-strings.js';

test('now() and friends are the statement time in the session zone', () => {
  assert.equal(show('now', []), '2024-03-15 10:20:30');
  assert.equal(show('now', [3]), '2024-03-15 10:20:30.123');
  assert.equal(show('current_timestamp', [6]), '2024-03-15 10:20:30.123456');
  const ctx = newEvalContext({ timeZoneOffsetMinutes: 480 });
  assert.equal(show('localtime', [], ctx), '2024-03-15 18:20:30');
  assert.equal(show('utc_timestamp', [], ctx), '2024-03-15 10:20:30');
  assert.equal(show('curdate', [], ctx), '2024-03-15');
  assert.equal(show('curtime', [], ctx), '18:20:30');
  assert.equal(show('utc_time', [2], ctx), '10:20:30.12');
  assert.equal(show('utc_date', []), '2024-03-15');
  assert.equal(build('now', []).impl.sig, 'NowWithoutArg');
  assert.equal(build('now', [c(3)]).type.decimal, 3);
  assert.equal(build('now', []).impl.deterministic, false);
  assert.throws(() => build('now', [c(7)]), /Too-big precision 7/);
  assert.ok(run('sysdate', []) !== null);
});

test('date, time and timestamp constructors', () => {
  assert.equal(show('date', ['2003-12-31 01:02:03']), '2003-12-31');
  assert.equal(show('date', [dt('2003-12-31 01:02:03')]), '2003-12-31');
  assert.equal(show('time', ['2003-12-31 01:02:03']), '01:02:03');
  assert.equal(show('time', [time('12:00:00.25', 2)]), '12:00:00.25');
  assert.equal(show('timestamp', ['2003-12-31']), '2003-12-31 00:00:00');
  assert.equal(show('timestamp', ['2003-12-31 12:00:00', '12:00:00']), '2004-01-01 00:00:00');
  const ctx = newEvalContext();
  assert.equal(run('date', ['not a date'], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1292);
});

test('field extractors', () => {
  const d = dt('2008-02-03 10:05:03.000123', 6);
  assert.equal(run('year', [d]), 2008);
  assert.equal(run('month', [d]), 2);
  assert.equal(run('day', [d]), 3);
  assert.equal(run('dayofmonth', ['2008-02-03']), 3);
  assert.equal(run('dayofweek', ['2007-02-03']), 7);
  assert.equal(run('weekday', ['2008-02-03 22:23:00']), 6);
  assert.equal(run('dayofyear', ['2007-02-03']), 34);
  assert.equal(run('quarter', ['2008-04-01']), 2);
  assert.equal(run('hour', ['10:05:03']), 10);
  assert.equal(run('hour', ['272:59:59']), 272);
  assert.equal(run('minute', ['2008-02-03 10:05:03']), 5);
  assert.equal(run('second', ['10:05:03']), 3);
  assert.equal(run('microsecond', [d]), 123);
  assert.equal(run('week', ['2008-02-20']), 7);
  assert.equal(run('week', ['2008-02-20', 1]), 8);
  assert.equal(run('week', ['2008-12-31', 1]), 53);
  assert.equal(run('weekofyear', ['2008-02-20']), 8);
  assert.equal(run('yearweek', ['1987-01-01']), 198652);
  assert.equal(run('monthname', ['2008-02-03']), 'February');
  assert.equal(run('dayname', ['2007-02-03']), 'Saturday');
  assert.equal(run('to_days', [950501]), 728779);
  assert.equal(run('to_days', ['2007-10-07']), 733321);
  assert.equal(run('to_seconds', ['2009-11-29 13:43:32']), 63426721412);
  assert.equal(run('dayofweek', ['0000-00-00']), null);
  assert.equal(run('year', ['0000-00-00']), 0);
});

test('date_add / date_sub / adddate / subdate', () => {
  assert.equal(show('date_add', ['2018-05-01', 1, 'DAY']), '2018-05-02');
  assert.equal(show('date_sub', ['2018-05-01', 1, 'YEAR']), '2017-05-01');
  assert.equal(show('date_add', ['2020-12-31 23:59:59', 1, 'SECOND']), '2021-01-01 00:00:00');
  assert.equal(show('date_add', ['2018-12-31 23:59:59', '1:1', 'MINUTE_SECOND']), '2019-01-01 00:01:00');
  assert.equal(show('date_sub', ['2025-01-01 00:00:00', '1 1:1:1', 'DAY_SECOND']), '2024-12-30 22:58:59');
  assert.equal(show('date_add', ['1900-01-01 00:00:00', '-1 10', 'DAY_HOUR']), '1899-12-30 14:00:00');
  assert.equal(show('date_sub', ['1998-01-02', 31, 'DAY']), '1997-12-02');
  assert.equal(
    show('date_add', ['1992-12-31 23:59:59.000002', '1.999999', 'SECOND_MICROSECOND']),
    '1993-01-01 00:00:01.000001',
  );
  assert.equal(show('date_add', ['2024-01-31', 1, 'MONTH']), '2024-02-29');
  assert.equal(show('date_add', ['2024-01-01', 1, 'HOUR']), '2024-01-01 01:00:00');
  assert.equal(show('adddate', ['2008-01-02', 31]), '2008-02-02');
  assert.equal(show('subdate', [dt('2008-01-02 12:00:00'), 31, 'DAY']), '2007-12-02 12:00:00');
  const onDate = build('date_add', [date('2024-01-01'), c(1), c('DAY')]);
  assert.equal(onDate.type.tp, TypeCode.Date);
  assert.equal(onDate.impl.sig, 'AddDateDatetimeInt');
  assert.equal(build('date_add', [date('2024-01-01'), c(1), c('HOUR')]).type.tp, TypeCode.Datetime);
  assert.equal(show('date_add', [date('2024-01-01'), 1, 'HOUR']), '2024-01-01 01:00:00');
  assert.equal(show('date_add', [time('10:00:00'), 90, 'MINUTE']), '11:30:00');
  const ctx = newEvalContext();
  assert.equal(run('date_add', ['9999-12-31', 1, 'DAY'], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1441);
  assert.equal(run('date_add', ['2024-01-01', null, 'DAY']), null);
  assert.throws(() => build('date_add', [c('2024-01-01'), c(1), c('FORTNIGHT')]));
});

test('addtime, subtime, datediff, timediff, timestampdiff, timestampadd', () => {
  assert.equal(show('addtime', [dt('2007-12-31 23:59:59.999999', 6), '1 1:1:1.000002']), '2008-01-02 01:01:01.000001');
  assert.equal(show('addtime', [time('01:00:00.999999', 6), '02:00:00.999998']), '03:00:01.999997');
  assert.equal(show('addtime', ['01:00:00', '02:00:00']), '03:00:00');
  assert.equal(show('subtime', ['2007-12-31 23:59:59', '1:1:1']), '2007-12-31 22:58:58');
  assert.equal(run('datediff', ['2007-12-31 23:59:59', '2007-12-30']), 1);
  assert.equal(run('datediff', ['2010-11-30 23:59:59', '2010-12-31']), -31);
  assert.equal(show('timediff', ['2000:01:01 00:00:00', '2000:01:01 00:00:00.000001']), '-00:00:00.000001');
  assert.equal(show('timediff', [dt('2008-12-31 23:59:59'), dt('2008-12-30 01:01:01')]), '46:58:58');
  assert.equal(show('timediff', ['10:00:00', '2008-12-30 01:01:01']), 'NULL');
  assert.equal(run('timestampdiff', ['MONTH', '2003-02-01', '2003-05-01']), 3);
  assert.equal(run('timestampdiff', ['YEAR', '2002-05-01', '2001-01-01']), -1);
  assert.equal(run('timestampdiff', ['MINUTE', '2003-02-01', '2003-05-01 12:05:55']), 128885);
  assert.equal(run('timestampdiff', ['MONTH', '2024-01-31', '2024-02-29']), 0);
  assert.equal(show('timestampadd', ['MINUTE', 1, '2003-01-02']), '2003-01-02 00:01:00');
  assert.equal(show('timestampadd', ['WEEK', 1, '2003-01-02']), '2003-01-09');
  assert.equal(show('timestampadd', ['DAY', 1, date('2003-01-02')]), '2003-01-03');
});

test('extract', () => {
  assert.equal(run('extract', ['YEAR', '2019-07-02']), 2019);
  assert.equal(run('extract', ['YEAR_MONTH', '2019-07-02 01:02:03']), 201907);
  assert.equal(run('extract', ['DAY_MINUTE', '2019-07-02 01:02:03']), 20102);
  assert.equal(run('extract', ['MICROSECOND', '2003-01-02 10:30:00.000123']), 123);
  assert.equal(run('extract', ['HOUR', time('-12:30:00')]), -12);
  assert.equal(run('extract', ['HOUR_MINUTE', time('100:30:00')]), 10030);
});

test('days, periods and seconds', () => {
  assert.equal(show('from_days', [730669]), '2000-07-03');
  assert.equal(show('from_days', [10]), '0000-00-00');
  assert.equal(show('last_day', ['2003-02-05']), '2003-02-28');
  assert.equal(show('last_day', ['2004-02-05']), '2004-02-29');
  assert.equal(show('last_day', ['2003-03-32']), 'NULL');
  assert.equal(show('makedate', [2011, 31]), '2011-01-31');
  assert.equal(show('makedate', [2011, 365]), '2011-12-31');
  assert.equal(show('makedate', [2014, 366]), '2015-01-01');
  assert.equal(show('makedate', [2011, 0]), 'NULL');
  assert.equal(show('maketime', [12, 15, 30]), '12:15:30');
  assert.equal(show('maketime', [12, 60, 30]), 'NULL');
  assert.equal(show('maketime', [-1, 15, dec('30.5')]), '-01:15:30.5');
  assert.equal(show('sec_to_time', [2378]), '00:39:38');
  assert.equal(show('sec_to_time', [-2378]), '-00:39:38');
  const ctx = newEvalContext();
  assert.equal(show('sec_to_time', [99999999], ctx), '838:59:59');
  assert.equal(ctx.warnings.length, 1);
  assert.equal(run('time_to_sec', ['22:23:00']), 80580);
  assert.equal(run('time_to_sec', ['00:39:38']), 2378);
  assert.equal(run('period_add', [200801, 2]), 200803);
  assert.equal(run('period_add', [9912, 1]), 200001);
  assert.equal(run('period_diff', [200802, 200703]), 11);
  assert.throws(() => run('period_add', [200813, 1]));
});

test('date_format, time_format, str_to_date, get_format', () => {
  assert.equal(run('date_format', ['2009-10-04 22:23:00', '%W %M %Y']), 'Sunday October 2009');
  assert.equal(run('date_format', ['2007-10-04 22:23:00', '%H:%i:%s']), '22:23:00');
  assert.equal(run('date_format', ['1900-10-04 22:23:00', '%D %y %a %d %m %b %j']), '4th 00 Thu 04 10 Oct 277');
  assert.equal(run('time_format', ['100:00:00', '%H %k %h %I %l']), '100 100 04 04 4');
  assert.equal(show('str_to_date', ['01,5,2013', '%d,%m,%Y']), '2013-05-01');
  assert.equal(show('str_to_date', ['May 1, 2013', '%M %d,%Y']), '2013-05-01');
  assert.equal(show('str_to_date', ['a09:30:17', 'a%h:%i:%s']), '09:30:17');
  assert.equal(show('str_to_date', ['2013-05-01 10:11:12', '%Y-%m-%d %H:%i:%s']), '2013-05-01 10:11:12');
  assert.equal(build('str_to_date', [c('x'), c('%Y-%m-%d')]).type.tp, TypeCode.Date);
  const ctx = newEvalContext();
  assert.equal(run('str_to_date', ['2013-13-01', '%Y-%m-%d'], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1411);
  assert.equal(run('get_format', ['DATE', 'USA']), '%m.%d.%Y');
  assert.equal(run('get_format', ['DATETIME', 'ISO']), '%Y-%m-%d %H:%i:%s');
  assert.equal(run('get_format', ['TIME', 'nope']), null);
});

test('unix_timestamp, from_unixtime, convert_tz', () => {
  assert.equal(run('unix_timestamp', []), 1710498030);
  assert.equal(run('unix_timestamp', ['2015-11-13 10:20:19']), 1447410019);
  assert.equal(show('unix_timestamp', ['2015-11-13 10:20:19.012']), '1447410019.012');
  assert.equal(build('unix_timestamp', [c('2015-11-13 10:20:19.012')]).type.tp, TypeCode.NewDecimal);
  assert.equal(run('unix_timestamp', ['1960-01-01']), 0);
  const east = newEvalContext({ timeZoneOffsetMinutes: 480 });
  assert.equal(run('unix_timestamp', ['2015-11-13 18:20:19'], east), 1447410019);
  assert.equal(show('from_unixtime', [1447430881]), '2015-11-13 16:08:01');
  assert.equal(show('from_unixtime', [1447430881], east), '2015-11-14 00:08:01');
  assert.equal(show('from_unixtime', [dec('1447430881.123')]), '2015-11-13 16:08:01.123');
  assert.equal(show('from_unixtime', [1447430881, '%Y %D %M %h:%i:%s %x']), '2015 13th November 04:08:01 2015');
  assert.equal(show('from_unixtime', [-1]), 'NULL');
  assert.equal(show('convert_tz', ['2004-01-01 12:00:00', '+00:00', '+10:00']), '2004-01-01 22:00:00');
  assert.equal(show('convert_tz', ['2004-01-01 12:00:00', 'GMT', 'MET']), 'NULL');
  assert.equal(show('convert_tz', ['2004-01-01 12:00:00', '+01:00', '-05:30']), '2004-01-01 05:30:00');
});
