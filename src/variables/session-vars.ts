// One session's system variables. A session starts from the global values of the moment it
// connects: a later SET GLOBAL is seen by new sessions only, except for global-only variables,
// which every session reads live from the GlobalVariables owner (as TiDB does).
import type { SqlWarning } from '../errors/index.js';
import { assignmentsFor } from './assignments.js';
import type { GlobalVariables } from './global-vars.js';
import { sqlModeSet } from './sql-mode.js';
import {
  allSysVarDefs,
  isTrueValue,
  requireSysVarDef,
  type SysVarDef,
  type SysVarInput,
  validateSysVar,
} from './sysvar.js';
import { timeZoneOffsetMinutes } from './time-zone.js';

export type IsolationLevel = 'READ-UNCOMMITTED' | 'READ-COMMITTED' | 'REPEATABLE-READ' | 'SERIALIZABLE';

/** Parsed forms of the variables the planner and executors read for every statement. */
interface HotValues {
  sqlMode: ReadonlySet<string>;
  autocommit: boolean;
  partitionPruneMode: 'static' | 'dynamic';
  txnMode: 'pessimistic' | 'optimistic';
  isolation: IsolationLevel;
  divPrecisionIncrement: number;
  groupConcatMaxLen: number;
  timeZone: string;
  /** The offset of a fixed '+HH:MM' zone; undefined for SYSTEM and named zones, whose offset moves with DST. */
  fixedOffsetMinutes: number | undefined;
  maxExecutionTime: number;
  executorConcurrency: number;
  indexLookupJoinConcurrency: number;
  indexJoinBatchSize: number;
  memQuotaQuery: number;
  planCacheEnabled: boolean;
  snapshot: string;
  lockWaitTimeoutMs: number;
  retryLimit: number;
  noopFunctions: string;
  transactionReadOnly: boolean;
  cteMaxRecursionDepth: number;
  connectionCharset: string;
  connectionCollation: string;
  optFixControl: string;
  /** The variables a cached plan depends on, as one string (part of the plan cache's key). */
  planVars: string;
  autoIncrementIncrement: number;
  autoIncrementOffset: number;
  autoRandomExplicitInsert: boolean;
}

export class SessionVariables {
  private readonly globals: GlobalVariables;
  /** Global values when the session started. */
  private readonly inherited: ReadonlyMap<string, string>;
  /** Values set in this session. */
  private readonly local = new Map<string, string>();
  private hotValues: HotValues | undefined;

  constructor(globals: GlobalVariables) {
    this.globals = globals;
    this.inherited = globals.snapshot();
  }

  /** The value @@name (and SHOW SESSION VARIABLES) reports. Unknown names are error 1193. */
  get(name: string): string {
    return this.valueOf(requireSysVarDef(name));
  }

  /** The value @@global.name reports. */
  getGlobal(name: string): string {
    return this.globals.get(name);
  }

  /**
   * SET [SESSION] name = value: validates (errors 1193/1229/1231/1232/1238; clamping warnings go to
   * `warnings`) and stores for this session only. Returns the stored canonical value.
   */
  set(name: string, value: SysVarInput, warnings: SqlWarning[] = []): string {
    const def = requireSysVarDef(name);
    const normalized = validateSysVar(def, value, false, warnings);
    this.store(def.name, normalized);
    return normalized;
  }

  /** SET GLOBAL through the owner; this session keeps its own value of session-capable variables. */
  setGlobal(name: string, value: SysVarInput, warnings: SqlWarning[] = []): string {
    return this.globals.set(name, value, warnings);
  }

  /**
   * Writes a value the server maintains (last_insert_id, tidb_current_ts, tidb_last_query_info, ...)
   * without the read-only and scope checks a user's SET gets.
   */
  setInternal(name: string, value: string): void {
    this.store(requireSysVarDef(name).name, value);
  }

  /** The value SET SESSION name = DEFAULT assigns: the current global value. */
  sessionDefault(name: string): string {
    return this.globals.get(name);
  }

  getBool(name: string): boolean {
    return isTrueValue(this.get(name));
  }

  /** An integer variable as a number (values beyond 2^53 lose precision; use BigInt(get()) for those). */
  getInt(name: string): number {
    return Number(this.get(name));
  }

  /**
   * A TiDB *_concurrency variable, with -1 ("automatic") resolved to tidb_executor_concurrency.
   */
  getConcurrency(name: string): number {
    const n = this.getInt(name);
    return n === -1 ? this.getInt('tidb_executor_concurrency') : n;
  }

  /** Every variable and its value as this session sees it (SHOW SESSION VARIABLES). */
  all(): Map<string, string> {
    const out = new Map<string, string>();
    for (const def of allSysVarDefs()) out.set(def.name, this.valueOf(def));
    return out;
  }

  get sqlMode(): ReadonlySet<string> {
    return this.hot().sqlMode;
  }
  get autocommit(): boolean {
    return this.hot().autocommit;
  }
  get partitionPruneMode(): 'static' | 'dynamic' {
    return this.hot().partitionPruneMode;
  }
  get txnMode(): 'pessimistic' | 'optimistic' {
    return this.hot().txnMode;
  }
  get isolation(): IsolationLevel {
    return this.hot().isolation;
  }
  get divPrecisionIncrement(): number {
    return this.hot().divPrecisionIncrement;
  }
  get groupConcatMaxLen(): number {
    return this.hot().groupConcatMaxLen;
  }
  /** Minutes east of UTC of the session time zone, now (SYSTEM is the host's zone). */
  get timeZoneOffsetMinutes(): number {
    const hot = this.hot();
    return hot.fixedOffsetMinutes ?? timeZoneOffsetMinutes(hot.timeZone);
  }
  /** max_execution_time in milliseconds; 0 means no limit. */
  get maxExecutionTime(): number {
    return this.hot().maxExecutionTime;
  }
  get executorConcurrency(): number {
    return this.hot().executorConcurrency;
  }
  get indexLookupJoinConcurrency(): number {
    return this.hot().indexLookupJoinConcurrency;
  }
  get indexJoinBatchSize(): number {
    return this.hot().indexJoinBatchSize;
  }
  /** tidb_mem_quota_query in bytes; 0 or -1 mean no limit. */
  get memQuotaQuery(): number {
    return this.hot().memQuotaQuery;
  }
  get planCacheEnabled(): boolean {
    return this.hot().planCacheEnabled;
  }
  /** tidb_snapshot as set ('' when unset). */
  get snapshot(): string {
    return this.hot().snapshot;
  }
  /** innodb_lock_wait_timeout in milliseconds. */
  get lockWaitTimeoutMs(): number {
    return this.hot().lockWaitTimeoutMs;
  }
  get retryLimit(): number {
    return this.hot().retryLimit;
  }
  /** tidb_enable_noop_functions: OFF, ON or WARN. */
  get noopFunctions(): string {
    return this.hot().noopFunctions;
  }
  get transactionReadOnly(): boolean {
    return this.hot().transactionReadOnly;
  }
  get cteMaxRecursionDepth(): number {
    return this.hot().cteMaxRecursionDepth;
  }
  get connectionCharset(): string {
    return this.hot().connectionCharset;
  }
  get connectionCollation(): string {
    return this.hot().connectionCollation;
  }
  get optFixControl(): string {
    return this.hot().optFixControl;
  }
  get autoIncrementIncrement(): number {
    return this.hot().autoIncrementIncrement;
  }
  get autoIncrementOffset(): number {
    return this.hot().autoIncrementOffset;
  }
  get autoRandomExplicitInsert(): boolean {
    return this.hot().autoRandomExplicitInsert;
  }
  /** What a cached plan was built under (sql_mode, prune mode, time zone, ...), as one string. */
  get planVars(): string {
    return this.hot().planVars;
  }

  private valueOf(def: SysVarDef): string {
    if (def.scope === 'global' || def.scope === 'none') return this.globals.get(def.name);
    const value = this.local.get(def.name) ?? this.inherited.get(def.name) ?? def.default;
    // An unset @@timestamp reads as the current time, with microseconds.
    if (def.name === 'timestamp' && value === '0') return (Date.now() / 1000).toFixed(6);
    return value;
  }

  private store(name: string, value: string): void {
    for (const [n, v] of assignmentsFor(name, value, (other) => this.get(other))) this.local.set(n, v);
    this.hotValues = undefined;
  }

  private hot(): HotValues {
    if (this.hotValues) return this.hotValues;
    const timeZone = this.get('time_zone');
    const executorConcurrency = this.getInt('tidb_executor_concurrency');
    const joinConcurrency = this.getInt('tidb_index_lookup_join_concurrency');
    const fixed = /^[+-]\d{2}:\d{2}$/.test(timeZone) ? timeZoneOffsetMinutes(timeZone) : undefined;
    this.hotValues = {
      sqlMode: sqlModeSet(this.get('sql_mode')),
      autocommit: this.getBool('autocommit'),
      partitionPruneMode: this.get('tidb_partition_prune_mode') === 'static' ? 'static' : 'dynamic',
      txnMode: this.get('tidb_txn_mode') === 'pessimistic' ? 'pessimistic' : 'optimistic',
      isolation: this.get('transaction_isolation') as IsolationLevel,
      divPrecisionIncrement: this.getInt('div_precision_increment'),
      groupConcatMaxLen: this.getInt('group_concat_max_len'),
      timeZone,
      fixedOffsetMinutes: fixed,
      maxExecutionTime: this.getInt('max_execution_time'),
      executorConcurrency,
      indexLookupJoinConcurrency: joinConcurrency === -1 ? executorConcurrency : joinConcurrency,
      indexJoinBatchSize: this.getInt('tidb_index_join_batch_size'),
      memQuotaQuery: this.getInt('tidb_mem_quota_query'),
      planCacheEnabled: this.getBool('tidb_enable_prepared_plan_cache'),
      snapshot: this.get('tidb_snapshot'),
      lockWaitTimeoutMs: this.getInt('innodb_lock_wait_timeout') * 1000,
      retryLimit: this.getInt('tidb_retry_limit'),
      noopFunctions: this.get('tidb_enable_noop_functions'),
      transactionReadOnly: this.getBool('transaction_read_only'),
      cteMaxRecursionDepth: this.getInt('cte_max_recursion_depth'),
      connectionCharset: this.get('character_set_connection'),
      connectionCollation: this.get('collation_connection'),
      optFixControl: this.get('tidb_opt_fix_control'),
      planVars: [
        'sql_mode',
        'tidb_partition_prune_mode',
        'time_zone',
        'div_precision_increment',
        'collation_connection',
        'tidb_opt_fix_control',
      ]
        .map((n) => this.get(n))
        .join('\u0000'),
      autoIncrementIncrement: this.getInt('auto_increment_increment'),
      autoIncrementOffset: this.getInt('auto_increment_offset'),
      autoRandomExplicitInsert: this.getBool('allow_auto_random_explicit_insert'),
    };
    return this.hotValues;
  }
}
