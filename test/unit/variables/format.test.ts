import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoDuration, parseGoDuration } from '../../../src/variables/duration.js';
import { formatForSelect, formatForShow } from '../../../src/variables/show.js';

test('SELECT @@x gives numbers for booleans and numbers', () => {
  assert.equal(formatForSelect('autocommit', 'ON'), 1);
  assert.equal(formatForSelect('autocommit', 'OFF'), 0);
  assert.equal(formatForSelect('tx_read_only', 'OFF'), 0);
  assert.equal(formatForSelect('max_allowed_packet', '67108864'), 67108864);
  assert.equal(formatForSelect('tidb_index_lookup_join_concurrency', '-1'), -1);
  assert.equal(formatForSelect('sql_select_limit', '18446744073709551615'), '18446744073709551615');
  assert.equal(formatForSelect('tidb_auto_analyze_ratio', '0.5'), 0.5);
  assert.equal(formatForSelect('transaction_isolation', 'REPEATABLE-READ'), 'REPEATABLE-READ');
  assert.equal(formatForSelect('tidb_gc_life_time', '10m0s'), '10m0s');
  assert.equal(formatForSelect('unknown_thing', 'x'), 'x');
});

test('SHOW VARIABLES prints the stored text, booleans as ON/OFF', () => {
  assert.equal(formatForShow('autocommit', 'ON'), 'ON');
  assert.equal(formatForShow('autocommit', '1'), 'ON');
  assert.equal(formatForShow('autocommit', 'OFF'), 'OFF');
  assert.equal(formatForShow('max_allowed_packet', '67108864'), '67108864');
  assert.equal(formatForShow('sql_mode', 'ANSI_QUOTES'), 'ANSI_QUOTES');
});

test('Go durations parse and print as Go does', () => {
  const cases: [string, string][] = [
    ['0', '0s'],
    ['10m', '10m0s'],
    ['1h', '1h0m0s'],
    ['90s', '1m30s'],
    ['1.5h', '1h30m0s'],
    ['1h2m3.5s', '1h2m3.5s'],
    ['500ms', '500ms'],
    ['1500us', '1.5ms'],
    ['2µs', '2µs'],
    ['100ns', '100ns'],
    ['-5s', '-5s'],
  ];
  for (const [text, printed] of cases) {
    const ns = parseGoDuration(text);
    assert.notEqual(ns, undefined, text);
    assert.equal(formatGoDuration(ns!), printed, text);
  }
  for (const bad of ['', '10', 'm', '1x', '1h-2m', 'abc']) assert.equal(parseGoDuration(bad), undefined, bad);
});
