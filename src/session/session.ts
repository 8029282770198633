// A session: one client's connection state — current database, variables, user variables, the
// open transaction, the last statement's warnings — and the dispatch of each statement.
import type { QueryOptions, QueryResult, RowMode } from '../api-types.js';
import { ER, type SqlWarning, sqlError } from '../errors/index.js';
import type { BuildContext, SessionInfo, UserVariable } from '../expression/eval-context.js';
import type { Transaction } from '../kv/kv.js';
import { EmptyQueryError, type ParsedStatement, parse, type Statement } from '../parser/index.js';
import type { TableName } from '../parser/ast.js';
import type { TableInfo } from '../catalog/model.js';
import type { PlanEnv } from '../planner/builder/env.js';
import { restartPlanIds } from '../planner/plans.js';
import type { Value } from '../types/value.js';
import { formatForSelect } from '../variables/show.js';
import { SessionVariables } from '../variables/session-vars.js';
import type { RowChanges } from '../statistics/table-stats.js';
import type { Domain } from './domain.js';
import type { InfoSchema } from '../catalog/infoschema.js';
import { virtualTables } from './infoschema-tables.js';
import { TempTables } from './temp-tables.js';
import { ParseCache } from './parse-cache.js';
import { PreparedStore } from './prepared.js';
import { runPointGetNow } from './point-get-cache.js';
import { runStatement } from './run-statement.js';
import { StmtContext } from './stmt-context.js';
import {
  type BeginOptions,
  beginTxn,
  commitTxn,
  dirtyTableIds,
  rollbackTxn,
  runInTxn,
  type StmtTxnOptions,
  type TxnInfo,
} from './txn.js';

export interface SessionOptions {
  user?: string;
  host?: string;
  database?: string | null;
  connectionId?: number;
  /** Called when the session is killed (KILL CONNECTION) so its owner can close the connection. */
  onKill?: () => void;
}

const WRITE_KINDS = new Set(['insert', 'update', 'delete']);

/** Longest stretch of computing before a statement yields to the event loop. */
const PAUSE_MS = 10;
/** Process-wide: all sessions share the one event loop. */
let lastPause = 0;

export class Session implements SessionInfo {
  readonly id: number;
  readonly vars: SessionVariables;
  readonly user: string;
  /** The client's host (USER()); `account` is the account it logged in as (CURRENT_USER(), privileges). */
  readonly host: string;
  readonly account: { user: string; host: string };
  currentDbName: string | null;
  private readonly userVars = new Map<string, UserVariable>();
  txn: Transaction | null = null;
  /** BEGIN was issued (as opposed to a transaction opened implicitly under autocommit=0). */
  explicitTxn = false;
  /** How the open transaction was begun (read only, isolation, stale). */
  txnInfo: TxnInfo | null = null;
  /** SAVEPOINT name → write-buffer savepoint of the open transaction. */
  readonly savepoints = new Map<string, number>();
  /** @@last_plan_from_cache: whether the previous statement's plan came from the plan cache. */
  lastPlanFromCache = false;
  /** Row changes of the open transaction's statements, counted against statistics when it commits. */
  pendingRowChanges = new Map<number, RowChanges>();
  lastWarnings: SqlWarning[] = [];
  lastWarningCount = 0;
  lastInsertIdValue: number | bigint = 0;
  /** This session's local temporary tables. */
  readonly tempTables = new TempTables();
  foundRowsValue = 0;
  rowCountValue = -1;
  /** Builtin-function usage of this session's statements (telemetry), merged into the domain on close. */
  readonly usage = new Map<string, number>();
  private seed = 0x2545f491;
  private killed = false;
  private running: string | null = null;
  private startedAt = Date.now();
  closed = false;
  readonly prepared = new PreparedStore();
  private readonly parseCache = new ParseCache();
  private readonly onKill: (() => void) | undefined;
  /** One closure for every statement context's RAND(). */
  private readonly boundRandom = (): number => this.random();

  constructor(
    readonly domain: Domain,
    opts: SessionOptions = {},
  ) {
    this.id = opts.connectionId ?? domain.allocConnectionId();
    this.vars = new SessionVariables(domain.globals);
    this.user = opts.user ?? 'root';
    this.host = opts.host ?? 'localhost';
    const matched = domain.privileges.match(this.user, this.host);
    this.account = matched ? { user: matched.user, host: matched.host } : { user: this.user, host: this.host };
    this.currentDbName = opts.database === undefined ? 'test' : opts.database;
    this.onKill = opts.onKill;
    domain.sessions.set(this.id, {
      id: this.id,
      user: this.user,
      host: this.host,
      db: () => this.currentDbName,
      command: () => (this.running ? 'Query' : 'Sleep'),
      time: () => Math.floor((Date.now() - this.startedAt) / 1000),
      info: () => this.running,
      kill: (query) => this.kill(query),
    });
  }

  // ---- SessionInfo (read by builtins)
  currentDb(): string | null {
    return this.currentDbName;
  }
  currentUser(): string {
    return `${this.account.user}@${this.account.host}`;
  }
  sessionUser(): string {
    return `${this.user}@${this.host}`;
  }
  connectionId(): number {
    return this.id;
  }
  lastInsertId(): number | bigint {
    return this.lastInsertIdValue;
  }
  setLastInsertId(v: number | bigint): void {
    this.lastInsertIdValue = v;
  }
  foundRows(): number {
    return this.foundRowsValue;
  }
  rowCount(): number {
    return this.rowCountValue;
  }
  getSysVar(name: string, global: boolean): string | number | undefined {
    const lower = name.toLowerCase();
    if (lower === 'warning_count') return this.lastWarningCount;
    if (lower === 'last_plan_from_cache') return this.lastPlanFromCache ? 1 : 0;
    if (lower === 'error_count') return this.lastWarnings.filter((w) => w.level === 'Error').length;
    if (lower === 'last_insert_id' || lower === 'identity') {
      const v = this.lastInsertIdValue;
      return typeof v === 'bigint' ? v.toString() : v;
    }
    const v = global ? this.vars.getGlobal(lower) : this.vars.get(lower);
    return formatForSelect(lower, v);
  }
  getUserVar(name: string): UserVariable | undefined {
    return this.userVars.get(name.toLowerCase());
  }
  setUserVar(name: string, v: UserVariable | undefined): void {
    if (v === undefined || v.value === null) {
      if (v === undefined) this.userVars.delete(name.toLowerCase());
      else this.userVars.set(name.toLowerCase(), v);
      return;
    }
    this.userVars.set(name.toLowerCase(), v);
  }

  kill(query: boolean): void {
    this.killed = true;
    if (!query) {
      this.closed = true;
      this.flushUsage();
      this.onKill?.();
    }
  }

  private flushUsage(): void {
    flushUsageOf(this);
  }

  checkKilled(): void {
    if (this.killed) {
      this.killed = false;
      throw sqlError(ER.QUERY_INTERRUPTED);
    }
    if (this.deadline !== 0 && performance.now() > this.deadline) {
      this.deadline = 0;
      throw sqlError(ER.QUERY_TIMEOUT);
    }
  }

  /**
   * Node runs every session on one thread: a statement that computes for long must let the event
   * loop serve other connections, timers and KILL. Returns a promise every PAUSE_MS of computing.
   */
  pause(): Promise<void> | undefined {
    const now = performance.now();
    if (now - lastPause < PAUSE_MS) return undefined;
    lastPause = now;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.checkKilled());
  }

  /** max_execution_time (ms) of the running SELECT; 0 when unlimited. */
  private deadline = 0;

  setDeadline(stmtKind: string): void {
    const ms = stmtKind === 'query' ? this.vars.maxExecutionTime : 0;
    this.deadline = ms > 0 ? performance.now() + ms : 0;
  }

  random(): number {
    // xorshift32: a per-session generator so RAND() sequences do not interleave across sessions.
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }

  // ---- statements

  /** Runs every statement of `sql`; returns the last result. */
  async query(sql: string, params: readonly Value[] = [], opts: QueryOptions = {}): Promise<QueryResult> {
    const results = await this.exec(sql, opts, params);
    return results[results.length - 1]!;
  }

  async exec(sql: string, opts: QueryOptions = {}, params: readonly Value[] = []): Promise<QueryResult[]> {
    if (this.closed) throw sqlError(ER.QUERY_INTERRUPTED);
    let stmts: ParsedStatement[];
    try {
      stmts = params.length > 0 ? this.parseCache.parse(sql) : parse(sql);
    } catch (e) {
      this.recordError(e);
      throw e;
    }
    if (stmts.length === 0) {
      const e = new EmptyQueryError();
      this.recordError(e);
      throw e;
    }
    const results: QueryResult[] = [];
    for (const s of stmts) {
      try {
        results.push(await this.execParsed(s, params, opts.rowMode ?? 'object'));
      } catch (e) {
        (e as { results?: QueryResult[] }).results = results;
        throw e;
      }
    }
    return results;
  }

  execParsed(ps: ParsedStatement, params: readonly Value[], rowMode: RowMode): Promise<QueryResult> {
    if (ps.stmt.kind === 'query') {
      // A remembered point read that can run without waiting skips the statement machinery's promises.
      let now: QueryResult | undefined;
      try {
        now = runPointGetNow(this, ps, params, rowMode);
      } catch (e) {
        this.recordError(e);
        return Promise.reject(e);
      }
      if (now) {
        this.killed = false;
        this.lastPlanFromCache = true;
        this.lastWarnings = now.warnings;
        this.lastWarningCount = 0;
        return Promise.resolve(now);
      }
    }
    return this.runParsed(ps, params, rowMode);
  }

  private async runParsed(ps: ParsedStatement, params: readonly Value[], rowMode: RowMode): Promise<QueryResult> {
    const stmt = ps.stmt;
    const keepsWarnings = stmt.kind === 'show' && (stmt.target === 'warnings' || stmt.target === 'errors');
    const ctx = this.newStmtContext(stmt, params);
    this.running = ps.text;
    this.killed = false;
    this.setDeadline(stmt.kind);
    try {
      const r = await runStatement(this, ps, ctx, rowMode);
      this.lastPlanFromCache = ctx.planFromCache;
      if (!keepsWarnings) {
        this.lastWarnings = ctx.warnings;
        this.lastWarningCount = ctx.warningCount;
      }
      r.warnings = ctx.warnings;
      return r;
    } catch (e) {
      this.recordError(e, ctx.warnings);
      throw e;
    } finally {
      this.running = null;
    }
  }

  private recordError(e: unknown, before: SqlWarning[] = []): void {
    const err = e as { code?: number; message?: string };
    const code = typeof err.code === 'number' ? err.code : ER.UNKNOWN.code;
    this.lastWarnings = [...before, { level: 'Error', code, message: err.message ?? String(e) }];
    this.lastWarningCount = this.lastWarnings.length;
  }

  newStmtContext(stmt: Statement, params: readonly Value[]): StmtContext {
    const sqlMode = this.vars.sqlMode;
    const strictMode = sqlMode.has('STRICT_TRANS_TABLES') || sqlMode.has('STRICT_ALL_TABLES');
    const ignore = (stmt.kind === 'insert' || stmt.kind === 'update' || stmt.kind === 'delete') && stmt.ignore;
    return new StmtContext({
      params,
      session: this,
      sqlMode,
      strictWrite: strictMode && WRITE_KINDS.has(stmt.kind) && !ignore,
      timeZoneOffsetMinutes: this.vars.timeZoneOffsetMinutes,
      divPrecisionIncrement: this.vars.divPrecisionIncrement,
      random: this.boundRandom,
      nowMicros: Date.now() * 1000,
    });
  }

  buildContext(ctx: StmtContext): BuildContext {
    const usage = this.usage;
    return {
      countUsage(sig) {
        usage.set(sig, (usage.get(sig) ?? 0) + 1);
      },
      sqlMode: ctx.sqlMode,
      connectionCharset: this.vars.connectionCharset,
      connectionCollation: this.vars.connectionCollation,
      evalCtx: ctx,
    };
  }

  /** The schema this session's statements see: the published one, with its temporary tables over it. */
  infoSchema(): InfoSchema {
    return this.tempTables.infoSchema(this.domain.infoSchema());
  }

  planEnv(ctx: StmtContext): PlanEnv {
    restartPlanIds();
    return {
      is: this.infoSchema(),
      bctx: this.buildContext(ctx),
      currentDb: this.currentDbName,
      prune: { mode: this.vars.partitionPruneMode },
      dynamicPruneAllowed: (t) => this.domain.hasGlobalStats(t.id) || fixControlOn(this.vars.optFixControl, 44262),
      virtualTables: virtualTables(this.domain),
      statsOf: (id) => this.domain.statsOf(id),
      ctes: [],
      hints: [],
      warnings: [],
      forUpdate: false,
      dirtyTables: this.txn ? dirtyTableIds(this.txn) : undefined,
    };
  }

  // ---- transactions

  /** Runs one statement's work in the session's transaction (see txn.ts). */
  inTxn<T>(fn: (txn: Transaction) => Promise<T>, opts: StmtTxnOptions = {}): Promise<T> {
    return runInTxn(this, fn, opts);
  }

  beginTxn(explicit: boolean, opts: Omit<BeginOptions, 'explicit'> = {}): void {
    beginTxn(this, { explicit, ...opts });
  }

  commitTxn(): Promise<void> {
    return commitTxn(this);
  }

  rollbackTxn(): void {
    rollbackTxn(this);
  }

  get inTransaction(): boolean {
    return this.txn !== null;
  }

  async close(): Promise<void> {
    this.flushUsage();
    if (this.closed && !this.domain.sessions.has(this.id)) return;
    this.rollbackTxn();
    this.closed = true;
    this.domain.sessions.delete(this.id);
    await this.tempTables.dropAll(this.domain.storage);
  }

  /** The table a statement names (in the current database when it names none); 1046 / 1146 otherwise. */
  tableNamed(t: TableName): TableInfo {
    const db = t.db ?? this.currentDbName;
    if (!db) throw sqlError(ER.NO_DB);
    const info = this.infoSchema().table(db, t.name);
    if (!info) throw sqlError(ER.NO_SUCH_TABLE, db, t.name);
    return info;
  }

  /** Counts a successful statement's row changes: now under autocommit, else when the transaction commits. */
  noteRowChanges(tableId: number, c: RowChanges): void {
    if (!this.txn) {
      this.domain.noteRowChanges(tableId, c);
      return;
    }
    const p = this.pendingRowChanges.get(tableId);
    if (!p) this.pendingRowChanges.set(tableId, { ...c });
    else {
      p.inserted += c.inserted;
      p.deleted += c.deleted;
      p.updated += c.updated;
    }
  }
}

/** Hands this session's builtin-function usage to the domain's collector, once (telemetry enabled only). */
function flushUsageOf(s: Session): void {
  if (s.usage.size === 0) return;
  const v = s.vars.getGlobal('tidb_enable_telemetry').toUpperCase();
  if (v === 'ON' || v === '1') s.domain.telemetry.mergeUsage(s.usage);
  s.usage.clear();
}

/** Whether `tidb_opt_fix_control` (`44262:ON,45132:1000`) turns fix `id` on. */
function fixControlOn(value: string, id: number): boolean {
  for (const item of value.split(',')) {
    const [k, v] = item.split(':');
    if (Number(k?.trim()) === id) return ['on', 'true', '1'].includes((v ?? '').trim().toLowerCase());
  }
  return false;
}
