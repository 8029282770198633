import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SqlWarning } from '../../../src/errors/index.js';
import { GlobalVariables } from '../../../src/variables/global-vars.js';
import { SessionVariables } from '../../../src/variables/session-vars.js';

function assertCode(fn: () => unknown, code: number): void {
  assert.throws(fn, (e: any) => e.code === code);
}

test('global values: defaults, set, all(), unknown names', () => {
  const g = new GlobalVariables();
  assert.equal(g.get('tidb_gc_life_time'), '10m0s');
  assert.equal(g.set('TIDB_GC_LIFE_TIME', '1h'), '1h0m0s');
  assert.equal(g.get('tidb_gc_life_time'), '1h0m0s');
  const all = g.all();
  assert.equal(all.get('tidb_gc_life_time'), '1h0m0s');
  assert.equal(all.get('version'), '8.0.11-TiDB-v7.5.0-tilite');
  assert.equal(all.has('last_insert_id'), false, 'session-only variables have no global value');
  assertCode(() => g.get('nope'), 1193);
  assertCode(() => g.set('nope', 1), 1193);
  assertCode(() => g.set('last_insert_id', 1), 1228);
  assertCode(() => g.set('port', 1), 1238);
});

test('onChange reports every stored value, including linked ones; unsubscribe works', () => {
  const g = new GlobalVariables();
  const seen: [string, string][] = [];
  const off = g.onChange((n, v) => seen.push([n, v]));
  g.set('autocommit', 0);
  g.set('collation_server', 'utf8mb4_general_ci');
  g.set('tx_isolation', 'read-committed');
  assert.deepEqual(seen, [
    ['autocommit', 'OFF'],
    ['collation_server', 'utf8mb4_general_ci'],
    ['character_set_server', 'utf8mb4'],
    ['tx_isolation', 'READ-COMMITTED'],
    ['transaction_isolation', 'READ-COMMITTED'],
  ]);
  off();
  g.set('autocommit', 1);
  assert.equal(seen.length, 5);
  assertCode(() => g.set('autocommit', 'maybe'), 1231);
  assert.equal(g.get('autocommit'), 'ON', 'a rejected value changes nothing');
});

test('load restores persisted values silently and skips stale rows', () => {
  const g = new GlobalVariables();
  let notified = 0;
  g.onChange(() => notified++);
  g.load([
    ['tidb_partition_prune_mode', 'static-only'],
    ['max_connections', '200'],
    ['no_longer_exists', 'x'],
    ['autocommit', 'garbage'],
    ['version', 'hacked'],
    ['last_insert_id', '5'],
  ]);
  assert.equal(notified, 0);
  assert.equal(g.get('tidb_partition_prune_mode'), 'static');
  assert.equal(g.get('max_connections'), '200');
  assert.equal(g.get('autocommit'), 'ON');
  assert.equal(g.get('version'), '8.0.11-TiDB-v7.5.0-tilite');
});

test('SET GLOBAL is seen by new sessions, not the current one', () => {
  const g = new GlobalVariables();
  const s1 = new SessionVariables(g);
  assert.equal(s1.partitionPruneMode, 'dynamic');
  s1.setGlobal('tidb_partition_prune_mode', 'static');
  assert.equal(s1.get('tidb_partition_prune_mode'), 'dynamic');
  assert.equal(s1.partitionPruneMode, 'dynamic');
  assert.equal(s1.getGlobal('tidb_partition_prune_mode'), 'static');
  const s2 = new SessionVariables(g);
  assert.equal(s2.get('tidb_partition_prune_mode'), 'static');
  assert.equal(s2.partitionPruneMode, 'static');
  assert.equal(s1.sessionDefault('tidb_partition_prune_mode'), 'static');
});

test('global-only variables are read live by every session', () => {
  const g = new GlobalVariables();
  const s = new SessionVariables(g);
  g.set('tidb_gc_life_time', '30m');
  assert.equal(s.get('tidb_gc_life_time'), '30m0s');
  assertCode(() => s.set('tidb_gc_life_time', '40m'), 1229);
});

test('SET SESSION stays in its session', () => {
  const g = new GlobalVariables();
  const a = new SessionVariables(g);
  const b = new SessionVariables(g);
  a.set('autocommit', 'OFF');
  assert.equal(a.autocommit, false);
  assert.equal(b.autocommit, true);
  assert.equal(g.get('autocommit'), 'ON');
  assertCode(() => a.set('version', 'x'), 1238);
  assertCode(() => a.set('tidb_current_ts', 5), 1238);
  a.setInternal('tidb_current_ts', '42');
  assert.equal(a.get('tidb_current_ts'), '42');
});

test('hot accessors follow SET and are parsed', () => {
  const s = new SessionVariables(new GlobalVariables());
  assert.equal(s.sqlMode.has('STRICT_TRANS_TABLES'), true);
  s.set('sql_mode', 'ansi');
  assert.equal(s.sqlMode.has('ANSI_QUOTES'), true);
  assert.equal(s.sqlMode.has('STRICT_TRANS_TABLES'), false);
  assert.equal(s.txnMode, 'pessimistic');
  s.set('tidb_txn_mode', 'optimistic');
  assert.equal(s.txnMode, 'optimistic');
  assert.equal(s.isolation, 'REPEATABLE-READ');
  s.set('tx_isolation', 'READ-COMMITTED');
  assert.equal(s.isolation, 'READ-COMMITTED');
  assert.equal(s.get('transaction_isolation'), 'READ-COMMITTED');
  assert.equal(s.divPrecisionIncrement, 4);
  s.set('div_precision_increment', 6);
  assert.equal(s.divPrecisionIncrement, 6);
  assert.equal(s.groupConcatMaxLen, 1024);
  assert.equal(s.maxExecutionTime, 0);
  assert.equal(s.memQuotaQuery, 1073741824);
  assert.equal(s.planCacheEnabled, true);
  s.set('tidb_enable_prepared_plan_cache', 0);
  assert.equal(s.planCacheEnabled, false);
  assert.equal(s.indexJoinBatchSize, 25000);
});

test('index lookup join concurrency resolves -1 to tidb_executor_concurrency', () => {
  const s = new SessionVariables(new GlobalVariables());
  assert.equal(s.executorConcurrency, 5);
  assert.equal(s.indexLookupJoinConcurrency, 5);
  s.set('tidb_executor_concurrency', 3);
  assert.equal(s.indexLookupJoinConcurrency, 3);
  assert.equal(s.getConcurrency('tidb_hash_join_concurrency'), 3);
  s.set('tidb_index_lookup_join_concurrency', 7);
  assert.equal(s.indexLookupJoinConcurrency, 7);
});

test('time zone offsets', () => {
  const s = new SessionVariables(new GlobalVariables());
  assert.equal(s.timeZoneOffsetMinutes, -new Date().getTimezoneOffset() || 0);
  s.set('time_zone', '+08:00');
  assert.equal(s.timeZoneOffsetMinutes, 480);
  s.set('time_zone', '-3:30');
  assert.equal(s.timeZoneOffsetMinutes, -210);
  s.set('time_zone', 'UTC');
  assert.equal(s.timeZoneOffsetMinutes, 0);
  s.set('time_zone', 'Asia/Kolkata');
  assert.equal(s.timeZoneOffsetMinutes, 330);
});

test('charset and collation stay consistent; clamping warnings reach the caller', () => {
  const s = new SessionVariables(new GlobalVariables());
  s.set('character_set_connection', 'latin1');
  assert.equal(s.get('collation_connection'), 'latin1_bin');
  s.set('collation_connection', 'utf8mb4_general_ci');
  assert.equal(s.get('character_set_connection'), 'utf8mb4');
  s.set('default_collation_for_utf8mb4', 'utf8mb4_0900_ai_ci');
  s.set('character_set_connection', 'utf8mb4');
  assert.equal(s.get('collation_connection'), 'utf8mb4_0900_ai_ci');
  const warnings: SqlWarning[] = [];
  assert.equal(s.set('tidb_executor_concurrency', 1000, warnings), '256');
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]?.code, 1292);
});

test('@@timestamp reads as now until set; getBool/getInt; all()', () => {
  const s = new SessionVariables(new GlobalVariables());
  const now = Date.now() / 1000;
  assert.ok(Math.abs(Number(s.get('timestamp')) - now) < 5);
  s.set('timestamp', 1000);
  assert.equal(s.get('timestamp'), '1000');
  assert.equal(s.getBool('foreign_key_checks'), true);
  assert.equal(s.getInt('max_allowed_packet'), 67108864);
  const all = s.all();
  assert.equal(all.get('autocommit'), 'ON');
  assert.equal(all.get('tidb_gc_life_time'), '10m0s');
  assert.equal(all.get('last_insert_id'), '0');
});
