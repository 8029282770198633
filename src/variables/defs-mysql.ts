// MySQL system variables that clients, ORMs and users read, with TiDB v7.5's defaults.
import { hostname } from 'node:os';
import { normalizeCharset, normalizeCollation } from './charsets.js';
import { boolVar, enumVar, floatVar, infoVar, intVar, strVar, uintVar } from './def-builders.js';
import { normalizeSqlMode, SQL_MODE_NAMES } from './sql-mode.js';
import type { SysVarDef } from './sysvar.js';
import { hostTimeZoneName, normalizeTimeZone } from './time-zone.js';

export const VERSION = '8.0.11-TiDB-v7.5.0-tilite';
export const VERSION_COMMENT = 'TiDB Server (Apache License 2.0) Community Edition, MySQL 8.0 compatible — TiLite';
export const DEFAULT_SQL_MODE =
  'ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,' +
  'NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION';

const UINT64_MAX = '18446744073709551615';
const YEAR_SECONDS = 31536000;
const ISOLATION_LEVELS = ['READ-UNCOMMITTED', 'READ-COMMITTED', 'REPEATABLE-READ', 'SERIALIZABLE'];
const AES_MODES = ['128', '192', '256'].flatMap((bits) => ['ecb', 'cbc', 'ofb', 'cfb'].map((m) => `aes-${bits}-${m}`));

function charsetVar(name: string, value: string, allowEmpty = false): SysVarDef {
  return strVar(name, 'both', value, { normalize: normalizeCharset, allowEmpty });
}

function collationVar(name: string): SysVarDef {
  return strVar(name, 'both', 'utf8mb4_bin', { normalize: normalizeCollation });
}

function machineName(): string {
  if (process.arch === 'x64') return 'x86_64';
  if (process.arch === 'arm64') return 'aarch64';
  return process.arch;
}

export const MYSQL_SYSVARS: readonly SysVarDef[] = [
  // Session behaviour.
  boolVar('autocommit', 'both', true),
  {
    name: 'sql_mode',
    scope: 'both',
    default: DEFAULT_SQL_MODE,
    type: 'set',
    values: [...SQL_MODE_NAMES],
    normalize: normalizeSqlMode,
  },
  strVar('time_zone', 'both', 'SYSTEM', { normalize: normalizeTimeZone }),
  infoVar('system_time_zone', hostTimeZoneName()),
  enumVar('transaction_isolation', 'both', 'REPEATABLE-READ', ISOLATION_LEVELS),
  enumVar('tx_isolation', 'both', 'REPEATABLE-READ', ISOLATION_LEVELS),
  boolVar('transaction_read_only', 'both', false),
  boolVar('tx_read_only', 'both', false),
  enumVar('completion_type', 'both', 'NO_CHAIN', ['NO_CHAIN', 'CHAIN', 'RELEASE'], { noop: true }),
  uintVar('auto_increment_increment', 'both', 1, { min: 1, max: 65535 }),
  uintVar('auto_increment_offset', 'both', 1, { min: 1, max: 65535 }),
  uintVar('last_insert_id', 'session', 0),
  uintVar('identity', 'session', 0),
  uintVar('insert_id', 'session', 0),
  boolVar('foreign_key_checks', 'both', true),
  boolVar('unique_checks', 'both', true, { noop: true }),
  boolVar('sql_safe_updates', 'both', false),
  uintVar('sql_select_limit', 'both', UINT64_MAX),
  uintVar('max_join_size', 'both', UINT64_MAX, { min: 1, noop: true }),
  uintVar('max_execution_time', 'both', 0, { max: 2147483647 }),
  uintVar('div_precision_increment', 'both', 4, { max: 30 }),
  uintVar('group_concat_max_len', 'both', 1024, { min: 4 }),
  uintVar('default_week_format', 'both', 0, { max: 7 }),
  enumVar('block_encryption_mode', 'both', 'aes-128-ecb', AES_MODES),
  strVar('default_storage_engine', 'both', 'InnoDB', { noop: true }),
  strVar('default_tmp_storage_engine', 'both', 'InnoDB', { noop: true }),
  uintVar('innodb_lock_wait_timeout', 'both', 50, { min: 1, max: 3600 }),
  uintVar('lock_wait_timeout', 'both', YEAR_SECONDS, { min: 1, max: YEAR_SECONDS }),
  uintVar('cte_max_recursion_depth', 'both', 1000, { max: 4294967295 }),
  boolVar('windowing_use_high_precision', 'both', true),
  boolVar('explicit_defaults_for_timestamp', 'none', true),
  enumVar('default_collation_for_utf8mb4', 'both', 'utf8mb4_bin', [
    'utf8mb4_bin',
    'utf8mb4_general_ci',
    'utf8mb4_0900_ai_ci',
  ]),
  boolVar('sql_auto_is_null', 'both', false, { noop: true }),
  boolVar('sql_big_selects', 'both', true, { noop: true }),
  boolVar('sql_buffer_result', 'both', false, { noop: true }),
  boolVar('sql_log_bin', 'both', true, { noop: true }),
  boolVar('sql_notes', 'both', true),
  boolVar('sql_warnings', 'both', false, { noop: true }),
  boolVar('sql_quote_show_create', 'both', true, { noop: true }),
  boolVar('sql_require_primary_key', 'both', false),
  boolVar('low_priority_updates', 'both', false, { noop: true }),
  boolVar('big_tables', 'both', false, { noop: true }),
  uintVar('max_sort_length', 'both', 1024, { min: 4, max: 8388608, noop: true }),
  uintVar('information_schema_stats_expiry', 'both', 86400, { max: YEAR_SECONDS }),
  strVar('lc_time_names', 'both', 'en_US', { noop: true }),
  strVar('lc_messages', 'both', 'en_US', { noop: true }),

  // Session state, written by the server.
  uintVar('warning_count', 'session', 0, { readOnly: true }),
  uintVar('error_count', 'session', 0, { readOnly: true }),
  // 0 means "now"; SessionVariables.get reports the current time for it, as MySQL does.
  floatVar('timestamp', 'session', 0, { min: 0, max: 32536771199 }),
  uintVar('rand_seed1', 'session', 0),
  uintVar('rand_seed2', 'session', 0),
  uintVar('pseudo_thread_id', 'session', 0),
  boolVar('profiling', 'both', false, { noop: true }),

  // Character sets and collations.
  charsetVar('character_set_client', 'utf8mb4'),
  charsetVar('character_set_connection', 'utf8mb4'),
  charsetVar('character_set_results', 'utf8mb4', true),
  charsetVar('character_set_server', 'utf8mb4'),
  charsetVar('character_set_database', 'utf8mb4'),
  charsetVar('character_set_filesystem', 'binary'),
  infoVar('character_set_system', 'utf8'),
  infoVar('character_sets_dir', ''),
  collationVar('collation_connection'),
  collationVar('collation_database'),
  collationVar('collation_server'),

  // Connection and network.
  uintVar('max_allowed_packet', 'both', 67108864, { min: 1024, max: 1073741824 }),
  uintVar('wait_timeout', 'both', 28800, { max: YEAR_SECONDS }),
  uintVar('interactive_timeout', 'both', 28800, { min: 1, max: YEAR_SECONDS }),
  uintVar('net_read_timeout', 'both', 30, { min: 1 }),
  uintVar('net_write_timeout', 'both', 60, { min: 1 }),
  uintVar('net_buffer_length', 'both', 16384, { min: 1024, max: 1048576 }),
  uintVar('max_connections', 'global', 0, { max: 100000 }),
  uintVar('max_user_connections', 'global', 0, { max: 100000 }),
  uintVar('max_connect_errors', 'global', 100, { min: 1, noop: true }),
  strVar('init_connect', 'global', '', { allowEmpty: true }),
  enumVar('default_authentication_plugin', 'global', 'mysql_native_password', [
    'mysql_native_password',
    'caching_sha2_password',
    'tidb_sm3_password',
  ]),
  infoVar('have_ssl', 'DISABLED'),
  infoVar('have_openssl', 'DISABLED'),
  infoVar('ssl_ca', ''),
  infoVar('ssl_cert', ''),
  infoVar('ssl_key', ''),
  infoVar('ssl_cipher', ''),
  infoVar('tls_version', 'TLSv1.2,TLSv1.3'),
  boolVar('require_secure_transport', 'global', false),
  enumVar('session_track_gtids', 'both', 'OFF', ['OFF', 'OWN_GTID', 'ALL_GTIDS'], { noop: true }),
  boolVar('session_track_schema', 'both', true, { noop: true }),
  boolVar('session_track_state_change', 'both', false, { noop: true }),
  strVar(
    'session_track_system_variables',
    'both',
    'time_zone,autocommit,character_set_client,character_set_results,character_set_connection',
    { allowEmpty: true, noop: true },
  ),
  enumVar('session_track_transaction_info', 'both', 'OFF', ['OFF', 'STATE', 'CHARACTERISTICS'], { noop: true }),
  boolVar('skip_name_resolve', 'none', false),

  // Server identity.
  infoVar('version', VERSION),
  infoVar('version_comment', VERSION_COMMENT),
  infoVar('version_compile_os', process.platform),
  infoVar('version_compile_machine', machineName()),
  infoVar('port', 4000),
  infoVar('socket', ''),
  infoVar('hostname', hostname()),
  infoVar('datadir', ''),
  infoVar('license', 'Apache License 2.0'),
  infoVar('protocol_version', 10),
  infoVar('secure_file_priv', ''),
  intVar('lower_case_table_names', 'none', 2),
  boolVar('performance_schema', 'none', false),
  infoVar('open_files_limit', 5000),

  // Caches and buffers: accepted for compatibility, TiLite sizes its own.
  uintVar('query_cache_size', 'both', 1048576, { noop: true }),
  enumVar('query_cache_type', 'both', 'OFF', ['OFF', 'ON', 'DEMAND'], { noop: true }),
  uintVar('table_open_cache', 'global', 2000, { min: 1, max: 524288, noop: true }),
  uintVar('thread_cache_size', 'global', 9, { max: 16384, noop: true }),
  uintVar('tmp_table_size', 'both', 16777216, { min: 1024, noop: true }),
  uintVar('max_heap_table_size', 'both', 16777216, { min: 16384, noop: true }),
  uintVar('sort_buffer_size', 'both', 262144, { min: 32768, noop: true }),
  uintVar('join_buffer_size', 'both', 262144, { min: 128, noop: true }),
  uintVar('read_buffer_size', 'both', 131072, { min: 8192, max: 2147479552, noop: true }),
  intVar('max_prepared_stmt_count', 'global', -1, { min: -1, max: 1048576 }),

  // Replication and server state.
  enumVar('binlog_format', 'both', 'STATEMENT', ['ROW', 'STATEMENT', 'MIXED'], { noop: true }),
  boolVar('log_bin', 'none', false),
  uintVar('server_id', 'global', 0, { max: 4294967295, noop: true }),
  enumVar('gtid_mode', 'global', 'OFF', ['OFF', 'OFF_PERMISSIVE', 'ON_PERMISSIVE', 'ON'], { noop: true }),
  enumVar('enforce_gtid_consistency', 'global', 'OFF', ['OFF', 'ON', 'WARN'], { noop: true }),
  uintVar('sync_binlog', 'global', 0, { max: 4294967295, noop: true }),
  boolVar('read_only', 'global', false),
  boolVar('super_read_only', 'global', false),
  boolVar('offline_mode', 'global', false, { noop: true }),
  enumVar('event_scheduler', 'global', 'OFF', ['ON', 'OFF', 'DISABLED'], { noop: true }),
  uintVar('default_password_lifetime', 'global', 0, { max: 65535 }),

  // InnoDB settings that tools query.
  uintVar('innodb_buffer_pool_size', 'global', 134217728, { min: 5242880, noop: true }),
  boolVar('innodb_file_per_table', 'global', true, { noop: true }),
  boolVar('innodb_strict_mode', 'both', true, { noop: true }),
  intVar('innodb_autoinc_lock_mode', 'none', 1),
  uintVar('innodb_flush_log_at_trx_commit', 'global', 1, { max: 2, noop: true }),
  enumVar('innodb_default_row_format', 'global', 'dynamic', ['redundant', 'compact', 'dynamic'], { noop: true }),
  infoVar('innodb_page_size', 16384),
  floatVar('innodb_max_dirty_pages_pct', 'global', 90, { min: 0, max: 99.99, noop: true }),
];
