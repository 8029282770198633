// Statement dispatch: each statement kind to its planner/executor/DDL path, producing a result.
import type { QueryResult, RowMode } from '../api-types.js';
import type { DdlContext } from '../ddl/context.js';
import { executeDdl } from '../ddl/ddl.js';
import { ER, sqlError } from '../errors/index.js';
import type { Column } from '../expression/expression.js';
import type { ParsedStatement, QueryNode } from '../parser/index.js';
import type { OutputName } from '../planner/builder/select.js';
import { buildQuery } from '../planner/builder/select.js';
import { explainPlan } from '../planner/explain.js';
import { formatExplain } from '../planner/explain-format.js';
import { optimize } from '../planner/optimize.js';
import { queryHints } from '../planner/rules/index-join.js';
import type { Plan } from '../planner/plans.js';
import type { Row } from '../types/value.js';
import { runAlterUser, runCreateUser, runDropUser, runGrant } from './run-account.js';
import { adminCheckTables } from './admin-check.js';
import { showTelemetry } from './admin-telemetry.js';
import { fillCreatedTable } from './create-table-select.js';
import { runExplainAnalyze } from './explain-analyze.js';
import { analyzeTables } from './run-analyze.js';
import { runDelete, runInsert, runUpdate } from './run-dml.js';
import { executePlan } from './run-query.js';
import { cachedPlan, rememberPlan } from './plan-cache.js';
import { rememberPointGet, runCachedPointGet } from './point-get-cache.js';
import { fieldInfo, formatRows } from './result-format.js';
import type { Session } from './session.js';
import { runSet, runSetNames, runSetTransaction } from './set-stmt.js';
import { runShow } from './show.js';
import { runTemporaryDdl } from './run-temp-ddl.js';
import type { StmtContext } from './stmt-context.js';
import { simpleResult } from './simple-result.js';
import { evalReadTs, queryReadTs } from './txn-stale.js';

export function okResult(affectedRows = 0, info = '', insertId: number | bigint = 0): QueryResult {
  return { rows: [], fields: [], affectedRows, insertId, info, warnings: [] };
}

export function rowsResult(
  rows: Row[],
  schema: readonly Column[],
  names: readonly OutputName[],
  rowMode: RowMode,
): QueryResult {
  const fields = schema.map((c, i) => fieldInfo(c, names[i]!));
  return {
    rows: formatRows(
      rows,
      schema.map((c) => c.type),
      fields.map((f) => f.name),
      rowMode,
    ),
    fields,
    affectedRows: 0,
    insertId: 0,
    info: '',
    warnings: [],
  };
}

export function planQuery(s: Session, ctx: StmtContext, q: QueryNode): { plan: Plan; names: OutputName[] } {
  const env = s.planEnv(ctx);
  const built = buildQuery(env, q, undefined);
  for (const w of env.warnings) ctx.appendWarning({ level: 'Warning', ...w });
  const joins = {
    hints: queryHints(q),
    warnings: [] as { code: number; message: string }[],
    pruneMode: env.prune.mode,
  };
  const plan = optimize(built.plan, joins);
  for (const w of joins.warnings) ctx.appendWarning({ level: 'Warning', ...w });
  return { plan, names: built.names };
}

export async function runStatement(
  s: Session,
  ps: ParsedStatement,
  ctx: StmtContext,
  rowMode: RowMode,
): Promise<QueryResult> {
  const stmt = ps.stmt;
  s.domain.privilegeChecker.check({ user: s.account.user, host: s.account.host }, stmt, s.currentDbName);
  switch (stmt.kind) {
    case 'query': {
      const cached = runCachedPointGet(s, ps, ctx, rowMode);
      if (cached) {
        ctx.planFromCache = true;
        return cached;
      }
      const hit = cachedPlan(s, ps, ctx);
      const { plan, names } = hit ?? planQuery(s, ctx, stmt.query);
      if (hit) ctx.planFromCache = true;
      else {
        rememberPointGet(s, ps, ctx, plan, names);
        rememberPlan(s, ps, ctx, plan, names);
      }
      const lock = stmt.query.kind === 'select' ? stmt.query.lock : undefined;
      const staleTs = await queryReadTs(s, ctx, stmt.query);
      const rows = await s.inTxn((txn) => executePlan(s, ctx, txn, plan), {
        lock,
        staleTs,
        onRetry: () => ctx.clearWarnings(),
      });
      s.foundRowsValue = rows.length;
      s.rowCountValue = -1;
      if (stmt.query.kind === 'select' && stmt.query.into) return selectInto(s, stmt.query.into, rows, plan.schema);
      return rowsResult(rows, plan.schema, names, rowMode);
    }
    case 'insert':
      return runInsert(s, ctx, stmt);
    case 'update':
      return runUpdate(s, ctx, stmt);
    case 'delete':
      return runDelete(s, ctx, stmt);
    case 'explain':
      return runExplain(s, ctx, stmt, rowMode);
    case 'use': {
      if (!s.domain.infoSchema().database(stmt.db)) throw sqlError(ER.BAD_DB, stmt.db);
      s.currentDbName = s.domain.infoSchema().database(stmt.db)!.name;
      return okResult();
    }
    case 'set':
      return runSet(s, ctx, stmt);
    case 'setNames':
      return runSetNames(s, stmt);
    case 'setTransaction':
      return runSetTransaction(s, ctx, stmt);
    case 'show':
      return runShow(s, ctx, stmt, rowMode);
    case 'begin': {
      await s.commitTxn();
      const staleTs = stmt.asOf ? await evalReadTs(s, ctx, stmt.asOf) : undefined;
      s.beginTxn(true, { mode: stmt.mode, readOnly: stmt.readOnly, staleTs });
      return okResult();
    }
    case 'commit':
      await s.commitTxn();
      return okResult();
    case 'rollback':
      if (stmt.savepoint) return rollbackToSavepoint(s, stmt.savepoint);
      s.rollbackTxn();
      return okResult();
    case 'savepoint':
      return savepoint(s, stmt.name, stmt.release);
    case 'do': {
      const env = s.planEnv(ctx);
      const q: QueryNode = {
        kind: 'select',
        hints: [],
        distinct: false,
        options: [],
        fields: stmt.exprs.map((e) => ({ expr: e, text: '' })),
      };
      const built = buildQuery(env, q, undefined);
      await s.inTxn((txn) => executePlan(s, ctx, txn, optimize(built.plan)));
      return okResult();
    }
    case 'analyzeTable':
      return analyzeTables(s, stmt.tables);
    case 'flush':
    case 'lockTables':
    case 'unlockTables':
      return okResult();
    case 'admin':
      if (stmt.command === 'show telemetry') return showTelemetry(s, rowMode);
      if (stmt.command === 'check table' && stmt.tables) return adminCheckTables(s, stmt.tables);
      throw sqlError(ER.NOT_SUPPORTED_YET, `ADMIN ${stmt.command.toUpperCase()}`);
    case 'kill': {
      const target = s.domain.sessions.get(stmt.connectionId);
      if (!target) throw sqlError(ER.NO_SUCH_THREAD, stmt.connectionId);
      if (target.user !== s.user && !s.domain.privilegeChecker.hasGlobal(s.account, 'SUPER')) {
        throw sqlError(ER.KILL_DENIED, stmt.connectionId);
      }
      target.kill(stmt.query);
      return okResult();
    }
    case 'prepare': {
      let text = stmt.text;
      if (stmt.fromVariable !== undefined) {
        const v = s.getUserVar(stmt.fromVariable)?.value;
        text = v === null || v === undefined ? 'NULL' : String(v);
      }
      s.prepared.prepareNamed(s, stmt.name, text ?? '');
      return okResult(0, 'Statement prepared');
    }
    case 'execute': {
      const ps = s.prepared.named(stmt.name);
      if (stmt.using.length !== ps.paramCount) throw sqlError(ER.WRONG_ARGUMENTS, 'EXECUTE');
      const params = stmt.using.map((v) => s.getUserVar(v)?.value ?? null);
      const inner = s.newStmtContext(ps.parsed.stmt, params);
      const r = await runStatement(s, ps.parsed, inner, rowMode);
      for (const w of inner.warnings) ctx.appendWarning(w);
      return r;
    }
    case 'deallocate':
      s.prepared.deallocate(stmt.name);
      return okResult();
    case 'createUser':
      return runCreateUser(s, ctx, stmt);
    case 'alterUser':
      return runAlterUser(s, ctx, stmt);
    case 'dropUser':
      return runDropUser(s, ctx, stmt);
    case 'grant':
    case 'revoke':
      return runGrant(s, stmt);
    default: {
      const warnings: { level: 'Warning' | 'Note'; code: number; message: string }[] = [];
      const ddl = ddlContext(s, ctx, warnings);
      // Local temporary tables are the session's own (and their DDL does not commit).
      const temp = await runTemporaryDdl(s, stmt, { ...ddl, infoSchema: () => s.infoSchema() });
      if (temp.handled && !temp.rest) {
        for (const w of warnings) ctx.appendWarning(w);
        return okResult();
      }
      const ddlStmt = temp.handled ? temp.rest! : stmt;
      // DDL: implicitly commits the open transaction first, as MySQL does.
      await s.commitTxn();
      const r = await executeDdl(ddlStmt, ddl);
      for (const w of warnings) ctx.appendWarning(w);
      if (r.createdTable && stmt.kind === 'createTable') {
        return okResult(await fillCreatedTable(s, ctx, stmt, r.createdTable.db));
      }
      if (stmt.kind === 'dropDatabase' && s.currentDbName?.toLowerCase() === stmt.name.toLowerCase()) {
        s.currentDbName = null;
      }
      return okResult(r.affectedRows);
    }
  }
}

function ddlContext(
  s: Session,
  ctx: StmtContext,
  warnings: { level: 'Warning' | 'Note'; code: number; message: string }[],
): DdlContext {
  return {
    storage: s.domain.storage,
    infoSchema: () => s.domain.infoSchema(),
    publish: (v, c) => s.domain.publish(v, c),
    currentDb: s.currentDbName,
    sqlMode: s.vars.sqlMode,
    warnings,
    charset: s.vars.get('character_set_database') || 'utf8mb4',
    collation: s.vars.get('collation_database') || 'utf8mb4_bin',
    timeZoneOffsetMinutes: s.vars.timeZoneOffsetMinutes,
    enableTablePartition: s.vars.get('tidb_enable_table_partition'),
    enableListPartition: s.vars.getBool('tidb_enable_list_partition'),
    enableGlobalIndex: s.vars.getBool('tidb_enable_global_index'),
    enableCheckConstraint: s.vars.getBool('tidb_enable_check_constraint'),
    describeQuery: (q, db) => describeQuery(s, ctx, q, db),
  };
}

function describeQuery(s: Session, ctx: StmtContext, q: QueryNode, db: string | null) {
  const env = { ...s.planEnv(ctx), currentDb: db };
  const built = buildQuery(env, q, undefined);
  return built.plan.schema.map((c, i) => ({ name: built.names[i]!.name, type: c.type }));
}

async function runExplain(
  s: Session,
  ctx: StmtContext,
  stmt: Extract<ParsedStatement['stmt'], { kind: 'explain' }>,
  rowMode: RowMode,
) {
  if (stmt.connectionId !== undefined) throw sqlError(ER.NOT_SUPPORTED_YET, 'EXPLAIN FOR CONNECTION');
  const inner = stmt.stmt;
  if (inner.kind !== 'query') throw sqlError(ER.NOT_SUPPORTED_YET, `EXPLAIN ${inner.kind}`);
  formatExplain([], stmt.format);
  const { plan } = planQuery(s, ctx, inner.query);
  if (stmt.analyze) {
    // The statement runs as it would alone: SELECT ... FOR UPDATE locks the rows it reads.
    const lock = inner.query.kind === 'select' ? inner.query.lock : undefined;
    return runExplainAnalyze(s, ctx, plan, rowMode, stmt.format, lock);
  }
  const rows = formatExplain(explainPlan(plan), stmt.format).map((r) => [
    r.id,
    r.estRows,
    r.task,
    r.accessObject,
    r.operatorInfo,
  ]);
  return simpleResult(['id', 'estRows', 'task', 'access object', 'operator info'], rows, rowMode);
}

function selectInto(s: Session, vars: string[], rows: Row[], schema: readonly Column[]): QueryResult {
  if (vars.length !== schema.length) throw sqlError(ER.WRONG_NUMBER_OF_COLUMNS_IN_SELECT);
  if (rows.length > 1) throw sqlError(ER.TOO_MANY_ROWS);
  vars.forEach((v, i) => {
    s.setUserVar(v, { value: rows[0]?.[i] ?? null, type: schema[i]!.type });
  });
  return okResult();
}

/**
 * SAVEPOINT (replacing one of the same name), RELEASE SAVEPOINT (dropping it and every later one).
 * Outside a transaction SAVEPOINT does nothing, as in MySQL under autocommit.
 */
function savepoint(s: Session, name: string, release: boolean): QueryResult {
  const lower = name.toLowerCase();
  const points = s.savepoints;
  if (release) {
    if (!points.has(lower)) throw sqlError(ER.SP_DOES_NOT_EXIST, 'SAVEPOINT', name);
    dropFrom(points, lower, true);
    return okResult();
  }
  points.delete(lower);
  if (s.txn) points.set(lower, s.txn.savepoint());
  return okResult();
}

/**
 * ROLLBACK TO SAVEPOINT: undoes the writes made after it and drops later savepoints; the savepoint
 * stays. Row locks taken after it are kept until the transaction ends (as TiDB and InnoDB do).
 */
function rollbackToSavepoint(s: Session, name: string): QueryResult {
  const lower = name.toLowerCase();
  const sp = s.savepoints.get(lower);
  if (sp === undefined || !s.txn) throw sqlError(ER.SP_DOES_NOT_EXIST, 'SAVEPOINT', name);
  s.txn.rollbackTo(sp);
  dropFrom(s.savepoints, lower, false);
  return okResult();
}

/** Drops the savepoints set after `name` (and `name` itself when `inclusive`). */
function dropFrom(points: Map<string, number>, name: string, inclusive: boolean): void {
  let after = false;
  for (const key of [...points.keys()]) {
    if (key === name) {
      after = true;
      if (inclusive) points.delete(key);
    } else if (after) points.delete(key);
  }
}
