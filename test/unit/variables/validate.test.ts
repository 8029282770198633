import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SqlWarning } from '../../../src/errors/index.js';
import {
  allSysVarDefs,
  checkReadScope,
  getSysVarDef,
  requireSysVarDef,
  type SysVarInput,
  validateSysVar,
} from '../../../src/variables/sysvar.js';

function check(name: string, value: SysVarInput, isGlobal = false, warnings: SqlWarning[] = []): string {
  return validateSysVar(requireSysVarDef(name), value, isGlobal, warnings);
}

function assertSqlError(fn: () => unknown, code: number, message: string): void {
  assert.throws(fn, (e: any) => {
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

test('definitions are unique, lower-case and their defaults validate', () => {
  let count = 0;
  for (const def of allSysVarDefs()) {
    count++;
    assert.equal(def.name, def.name.toLowerCase());
    const warnings: SqlWarning[] = [];
    if (def.scope === 'none' || def.readOnly) continue;
    const isGlobal = def.scope !== 'session';
    assert.equal(validateSysVar(def, def.default, isGlobal, warnings), def.default, def.name);
    assert.deepEqual(warnings, [], def.name);
  }
  assert.ok(count >= 150, `only ${count} variables`);
});

test('lookup is case-insensitive; unknown names are error 1193', () => {
  assert.equal(getSysVarDef('AutoCommit')?.name, 'autocommit');
  assert.equal(getSysVarDef('no_such_var'), undefined);
  assertSqlError(() => requireSysVarDef('No_Such_Var'), 1193, "Unknown system variable 'no_such_var'");
});

test('TiDB v7.5 defaults', () => {
  const d = (n: string) => requireSysVarDef(n).default;
  assert.equal(d('tidb_partition_prune_mode'), 'dynamic');
  assert.equal(d('tidb_enable_telemetry'), 'OFF');
  assert.equal(d('tidb_gc_life_time'), '10m0s');
  assert.equal(d('tidb_index_join_batch_size'), '25000');
  assert.equal(d('tidb_index_lookup_join_concurrency'), '-1');
  assert.equal(d('tidb_executor_concurrency'), '5');
  assert.equal(d('tidb_txn_mode'), 'pessimistic');
  assert.equal(d('tidb_mem_quota_query'), '1073741824');
  assert.equal(d('max_allowed_packet'), '67108864');
  assert.equal(d('lower_case_table_names'), '2');
  assert.equal(d('transaction_isolation'), 'REPEATABLE-READ');
  assert.equal(d('version'), '8.0.11-TiDB-v7.5.0-tilite');
  assert.equal(d('collation_connection'), 'utf8mb4_bin');
  assert.equal(
    d('sql_mode'),
    'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION',
  );
});

test('booleans normalize to ON/OFF', () => {
  for (const v of ['ON', 'on', '1', 1, 1n, 'TRUE', 'true']) assert.equal(check('autocommit', v), 'ON');
  for (const v of ['OFF', 'off', '0', 0, 'FALSE', 'False']) assert.equal(check('autocommit', v), 'OFF');
  assert.equal(check('tidb_enable_index_merge', 'off'), 'OFF');
  assertSqlError(() => check('autocommit', 2), 1231, "Variable 'autocommit' can't be set to the value of '2'");
  assertSqlError(() => check('autocommit', 'yes'), 1231, "Variable 'autocommit' can't be set to the value of 'yes'");
  assertSqlError(() => check('autocommit', 1.5), 1232, "Incorrect argument type to variable 'autocommit'");
  assertSqlError(() => check('autocommit', null), 1231, "Variable 'autocommit' can't be set to the value of 'NULL'");
});

test('integers are range-checked and clamped with warning 1292', () => {
  const warnings: SqlWarning[] = [];
  assert.equal(check('div_precision_increment', 8, false, warnings), '8');
  assert.equal(check('div_precision_increment', '007', false, warnings), '7');
  assert.deepEqual(warnings, []);
  assert.equal(check('div_precision_increment', 31, false, warnings), '30');
  assert.deepEqual(warnings, [
    { level: 'Warning', code: 1292, message: "Truncated incorrect div_precision_increment value: '31'" },
  ]);
  const more: SqlWarning[] = [];
  assert.equal(check('tidb_executor_concurrency', 0, false, more), '1');
  assert.equal(more[0]?.message, "Truncated incorrect tidb_executor_concurrency value: '0'");
  assert.equal(check('auto_increment_increment', -5, false, more), '1');
  assert.equal(more.length, 2);
  assert.equal(check('sql_select_limit', '18446744073709551615'), '18446744073709551615');
  assert.equal(check('sql_select_limit', 10n), '10');
  assertSqlError(
    () => check('max_execution_time', 'abc'),
    1232,
    "Incorrect argument type to variable 'max_execution_time'",
  );
  assertSqlError(
    () => check('max_execution_time', 1.5),
    1232,
    "Incorrect argument type to variable 'max_execution_time'",
  );
});

test('-1 means automatic for concurrency knobs', () => {
  const warnings: SqlWarning[] = [];
  assert.equal(check('tidb_index_lookup_join_concurrency', -1, false, warnings), '-1');
  assert.equal(check('tidb_index_lookup_join_concurrency', 8, false, warnings), '8');
  assert.deepEqual(warnings, []);
  assert.equal(check('tidb_index_lookup_join_concurrency', 0, false, warnings), '1');
  assert.equal(warnings.length, 1);
});

test('floats are rejected outside their range', () => {
  assert.equal(check('tidb_auto_analyze_ratio', '0.25', true), '0.25');
  assert.equal(check('tidb_auto_analyze_ratio', 0.75, true), '0.75');
  assertSqlError(
    () => check('tidb_auto_analyze_ratio', '1.5', true),
    1231,
    "Variable 'tidb_auto_analyze_ratio' can't be set to the value of '1.5'",
  );
  assertSqlError(
    () => check('tidb_auto_analyze_ratio', 'x', true),
    1232,
    "Incorrect argument type to variable 'tidb_auto_analyze_ratio'",
  );
});

test('enums match any case, by position, and through aliases', () => {
  assert.equal(check('tidb_partition_prune_mode', 'STATIC'), 'static');
  assert.equal(check('tidb_partition_prune_mode', 'static-only'), 'static');
  assert.equal(check('tidb_partition_prune_mode', 'Dynamic-Only'), 'dynamic');
  assert.equal(check('tidb_partition_prune_mode', 'dynamic'), 'dynamic');
  assert.equal(check('transaction_isolation', 'read-committed'), 'READ-COMMITTED');
  assert.equal(check('tidb_enable_clustered_index', 'int_only'), 'INT_ONLY');
  assert.equal(check('tidb_enable_clustered_index', 1), 'ON');
  assert.equal(check('query_cache_type', '2'), 'DEMAND');
  assertSqlError(
    () => check('tidb_partition_prune_mode', 'auto'),
    1231,
    "Variable 'tidb_partition_prune_mode' can't be set to the value of 'auto'",
  );
  assertSqlError(
    () => check('query_cache_type', 3),
    1231,
    "Variable 'query_cache_type' can't be set to the value of '3'",
  );
});

test('sets: tidb_isolation_read_engines', () => {
  assert.equal(check('tidb_isolation_read_engines', 'TiDB, tikv'), 'tikv,tidb');
  assertSqlError(
    () => check('tidb_isolation_read_engines', 'tikv,foo'),
    1231,
    "Variable 'tidb_isolation_read_engines' can't be set to the value of 'foo'",
  );
});

test('sql_mode: members in any case, combinations expanded, bit order', () => {
  assert.equal(check('sql_mode', ''), '');
  assert.equal(check('sql_mode', 'no_zero_date, strict_trans_tables'), 'STRICT_TRANS_TABLES,NO_ZERO_DATE');
  assert.equal(
    check('sql_mode', 'ANSI'),
    'REAL_AS_FLOAT,PIPES_AS_CONCAT,ANSI_QUOTES,IGNORE_SPACE,ONLY_FULL_GROUP_BY,ANSI',
  );
  assert.equal(
    check('sql_mode', 'traditional'),
    'STRICT_TRANS_TABLES,STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,TRADITIONAL,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION',
  );
  assert.equal(check('sql_mode', 'PIPES_AS_CONCAT,,PIPES_AS_CONCAT'), 'PIPES_AS_CONCAT');
  assert.equal(check('sql_mode', 0), '');
  assert.equal(check('sql_mode', 2 + 4), 'PIPES_AS_CONCAT,ANSI_QUOTES');
  assertSqlError(() => check('sql_mode', 'ANSI,FOO'), 1231, "Variable 'sql_mode' can't be set to the value of 'FOO'");
  assertSqlError(() => check('sql_mode', null), 1231, "Variable 'sql_mode' can't be set to the value of 'NULL'");
});

test('time_zone: SYSTEM, offsets and named zones', () => {
  assert.equal(check('time_zone', 'system'), 'SYSTEM');
  assert.equal(check('time_zone', '+8:00'), '+08:00');
  assert.equal(check('time_zone', '-05:30'), '-05:30');
  assert.equal(check('time_zone', '+14:00'), '+14:00');
  assert.equal(check('time_zone', 'UTC'), 'UTC');
  assert.equal(check('time_zone', 'Asia/Shanghai'), 'Asia/Shanghai');
  assertSqlError(() => check('time_zone', '+14:01'), 1298, "Unknown or incorrect time zone: '+14:01'");
  assertSqlError(() => check('time_zone', 'Mars/Olympus'), 1298, "Unknown or incorrect time zone: 'Mars/Olympus'");
});

test('character sets and collations', () => {
  assert.equal(check('character_set_client', 'UTF8MB4'), 'utf8mb4');
  assert.equal(check('character_set_client', 'utf8mb3'), 'utf8');
  assert.equal(check('character_set_results', null), '');
  assert.equal(check('collation_connection', 'UTF8MB4_GENERAL_CI'), 'utf8mb4_general_ci');
  assertSqlError(() => check('character_set_client', 'klingon'), 1115, "Unknown character set: 'klingon'");
  assertSqlError(() => check('collation_server', 'nope_ci', true), 1273, "Unknown collation: 'nope_ci'");
  assertSqlError(
    () => check('character_set_client', null),
    1231,
    "Variable 'character_set_client' can't be set to the value of 'NULL'",
  );
});

test('durations use Go syntax and range', () => {
  assert.equal(check('tidb_gc_life_time', '24h', true), '24h0m0s');
  assert.equal(check('tidb_gc_life_time', '90m', true), '1h30m0s');
  assert.equal(check('tidb_gc_life_time', '10m0s', true), '10m0s');
  assert.equal(check('tidb_load_based_replica_read_threshold', '500ms'), '500ms');
  assert.equal(check('tidb_load_based_replica_read_threshold', '1.5s'), '1.5s');
  assertSqlError(
    () => check('tidb_gc_life_time', '1m', true),
    1232,
    "Incorrect argument type to variable 'tidb_gc_life_time'",
  );
  assertSqlError(
    () => check('tidb_gc_life_time', '10', true),
    1232,
    "Incorrect argument type to variable 'tidb_gc_life_time'",
  );
});

test('scope errors for SET', () => {
  assertSqlError(
    () => check('tidb_gc_life_time', '20m', false),
    1229,
    "Variable 'tidb_gc_life_time' is a GLOBAL variable and should be set with SET GLOBAL",
  );
  assertSqlError(
    () => check('tidb_snapshot', '', true),
    1228,
    "Variable 'tidb_snapshot' is a SESSION variable and can't be used with SET GLOBAL",
  );
  assertSqlError(() => check('version', 'x', true), 1238, "Variable 'version' is a read only variable");
  assertSqlError(() => check('warning_count', 3), 1238, "Variable 'warning_count' is a read only variable");
  assert.equal(check('autocommit', 0, true), 'OFF');
  assert.equal(check('autocommit', 0, false), 'OFF');
});

test('scope errors for reading @@global / @@session', () => {
  assertSqlError(
    () => checkReadScope(requireSysVarDef('last_insert_id'), 'global'),
    1238,
    "Variable 'last_insert_id' is a SESSION variable",
  );
  assertSqlError(
    () => checkReadScope(requireSysVarDef('tidb_gc_life_time'), 'session'),
    1238,
    "Variable 'tidb_gc_life_time' is a GLOBAL variable",
  );
  checkReadScope(requireSysVarDef('version'), 'session');
  checkReadScope(requireSysVarDef('tidb_gc_life_time'), 'default');
  checkReadScope(requireSysVarDef('autocommit'), 'global');
});
