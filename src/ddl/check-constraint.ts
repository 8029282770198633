// CHECK constraints in DDL, with TiDB's semantics: stored only while tidb_enable_check_constraint is
// ON (otherwise ignored with warning 1105), named `<table>_chk_<n>` when unnamed, restricted to
// deterministic boolean conditions over the table's own columns, validated against existing rows
// when added or enforced, and guarding the columns they use from DROP/RENAME.
import type { CheckConstraintInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Transaction } from '../kv/kv.js';
import type { CheckDef, Constraint, CreateTableStmt, ExprNode } from '../parser/ast.js';
import { exprToString } from '../parser/restore.js';
import { compileCheck } from '../planner/check-constraints.js';
import { rowFromStoredTable } from '../table/stored-time.js';
import { toBool } from '../types/convert.js';
import { checkIdentLength, type DdlContext } from './context.js';
import { buildContext, partitionEvalContext } from './partition-eval.js';
import { readPhysical } from './partition-data.js';

/** TiDB's warning when a CHECK clause meets tidb_enable_check_constraint = OFF. */
export function warnSwitchOff(ctx: DdlContext): void {
  ctx.warnings.push({ level: 'Warning', code: ER.UNKNOWN.code, message: 'the switch of check constraint is off' });
}

/** Functions whose result is not a function of the row (MySQL/TiDB reject them with 3814). */
const DISALLOWED = new Set([
  'now',
  'current_timestamp',
  'curdate',
  'curtime',
  'current_date',
  'current_time',
  'localtime',
  'localtimestamp',
  'sysdate',
  'unix_timestamp',
  'utc_date',
  'utc_timestamp',
  'utc_time',
  'connection_id',
  'current_user',
  'current_role',
  'session_user',
  'system_user',
  'user',
  'version',
  'database',
  'schema',
  'found_rows',
  'last_insert_id',
  'rand',
  'row_count',
  'get_lock',
  'is_free_lock',
  'is_used_lock',
  'release_lock',
  'release_all_locks',
  'load_file',
  'uuid',
  'uuid_short',
  'sleep',
  'benchmark',
]);

const BOOLEAN_OPS = new Set(['=', '!=', '<>', '<', '<=', '>', '>=', '<=>', 'and', 'or', 'xor', '&&', '||']);
const BOOLEAN_FUNCS = new Set([
  'json_valid',
  'json_contains',
  'json_contains_path',
  'json_overlaps',
  'json_member_of',
  'regexp_like',
  'isnull',
  'istrue',
  'isfalse',
  'coalesce',
]);

/** Whether a condition is boolean-typed (3812 otherwise), judged from its form as TiDB does. */
function isBooleanExpr(e: ExprNode): boolean {
  switch (e.kind) {
    case 'binary':
      return BOOLEAN_OPS.has(e.op);
    case 'unary':
      return e.op === 'not' || e.op === '!';
    case 'is':
    case 'in':
    case 'between':
    case 'like':
    case 'regexp':
    case 'exists':
    case 'quantified':
      return true;
    case 'literal':
      return e.type === 'bool';
    case 'func':
      return BOOLEAN_FUNCS.has(e.name) && (e.name !== 'coalesce' || e.args.every(isBooleanExpr));
    default:
      return false;
  }
}

/** Visits every expression node below (and including) e. */
function walk(e: unknown, visit: (n: ExprNode) => void): void {
  if (Array.isArray(e)) {
    for (const x of e) walk(x, visit);
    return;
  }
  if (e === null || typeof e !== 'object') return;
  if ('kind' in e && typeof (e as { kind: unknown }).kind === 'string') visit(e as ExprNode);
  for (const v of Object.values(e)) if (v !== null && typeof v === 'object') walk(v, visit);
}

const WORD_OPS = new Set(['and', 'or', 'xor', 'div', 'mod']);

/** A copy of the condition in TiDB's stored form: bare back-quoted columns, `_utf8mb4'...'` strings. */
function storedForm(e: unknown): unknown {
  if (Array.isArray(e)) return e.map(storedForm);
  if (e === null || typeof e !== 'object') return e;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) out[k] = storedForm(v);
  const n = out as { kind?: string; type?: string; charset?: string; op?: string; db?: unknown; table?: unknown };
  if (n.kind === 'column') {
    delete n.db;
    delete n.table;
  } else if (n.kind === 'literal' && n.type === 'string' && !n.charset) {
    n.charset = 'utf8mb4';
  } else if (n.kind === 'binary' && n.op && WORD_OPS.has(n.op)) {
    n.op = n.op.toUpperCase();
  }
  return out;
}

/** The condition's text as stored and shown by SHOW CREATE TABLE (inside `CHECK ((...))`). */
export function restoreCheckExpr(e: ExprNode): string {
  return exprToString(storedForm(e) as ExprNode);
}

/**
 * Validates a condition for constraint `name` of table t and returns its stored form. `ownColumn`
 * is set for a column-level check, which may read only that column; `inAlter` reports an unknown
 * column as 1054 (ALTER TABLE ADD CHECK) rather than 3820.
 */
function analyze(
  t: TableInfo,
  name: string,
  e: ExprNode,
  enforced: boolean,
  ownColumn: string | undefined,
  inAlter: boolean,
): CheckConstraintInfo {
  const columns: string[] = [];
  walk(e, (n) => {
    switch (n.kind) {
      case 'subquery':
      case 'exists':
      case 'quantified':
        throw sqlError(ER.CHECK_CONSTRAINT_DISALLOWED, name);
      case 'in':
        if (!n.list) throw sqlError(ER.CHECK_CONSTRAINT_DISALLOWED, name);
        return;
      case 'variable':
      case 'assign':
        throw sqlError(ER.CHECK_CONSTRAINT_VARIABLE, name);
      case 'default':
        throw sqlError(ER.CHECK_CONSTRAINT_FUNCTION, name, 'default');
      case 'func':
        if (DISALLOWED.has(n.name)) throw sqlError(ER.CHECK_CONSTRAINT_FUNCTION, name, n.name);
        return;
      case 'column': {
        const lower = n.column.toLowerCase();
        if (ownColumn !== undefined && lower !== ownColumn.toLowerCase()) {
          throw sqlError(ER.COLUMN_CHECK_REFERENCES_OTHER, name);
        }
        const col = t.columns.find((c) => c.name.toLowerCase() === lower);
        if (!col) {
          if (inAlter) throw sqlError(ER.BAD_FIELD, n.column, `check constraint ${name} expression`);
          throw sqlError(ER.CHECK_CONSTRAINT_UNKNOWN_COLUMN, name, n.column);
        }
        if (col.autoIncrement) throw sqlError(ER.CHECK_CONSTRAINT_AUTO_INC, name);
        if (!columns.includes(lower)) columns.push(lower);
        return;
      }
      default:
        return;
    }
  });
  if (!isBooleanExpr(e)) throw sqlError(ER.CHECK_CONSTRAINT_NOT_BOOLEAN, name);
  return { name, expr: restoreCheckExpr(e), enforced, columns };
}

function checkNewName(taken: readonly CheckConstraintInfo[], name: string): void {
  checkIdentLength(name);
  if (taken.some((c) => c.name.toLowerCase() === name.toLowerCase())) {
    throw sqlError(ER.CHECK_CONSTRAINT_DUP_NAME, name.toLowerCase());
  }
}

/** The next `<table>_chk_<n>` after the highest n in use. */
function nextGeneratedName(t: TableInfo, taken: readonly CheckConstraintInfo[]): string {
  const prefix = `${t.name.toLowerCase()}_chk_`;
  let max = 0;
  for (const c of taken) {
    const lower = c.name.toLowerCase();
    if (!lower.startsWith(prefix)) continue;
    const n = Number(lower.slice(prefix.length));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${t.name}_chk_${max + 1}`;
}

/**
 * CREATE TABLE's check constraints, table-level first and then column-level, in definition order
 * (TiDB's order, which also numbers the unnamed ones). Without the switch they are dropped with a
 * warning each.
 */
export function buildCreateChecks(stmt: CreateTableStmt, t: TableInfo, ctx: DdlContext | undefined): void {
  const defs: { def: CheckDef; column?: string }[] = [];
  for (const c of stmt.constraints) {
    if (c.type === 'check' && c.check) defs.push({ def: checkDefOf(c) });
  }
  for (const col of stmt.columns) for (const def of col.checks ?? []) defs.push({ def, column: col.name });
  if (defs.length === 0) return;
  if (!ctx?.enableCheckConstraint) {
    for (let i = 0; i < defs.length; i++) if (ctx) warnSwitchOff(ctx);
    return;
  }
  const checks: CheckConstraintInfo[] = [];
  const named = defs.filter((d) => d.def.name !== undefined).map((d) => d.def.name!.toLowerCase());
  let n = 0;
  for (const { def, column } of defs) {
    let name = def.name;
    if (name === undefined) {
      do name = `${t.name}_chk_${++n}`;
      while (named.includes(name.toLowerCase()));
    }
    checkNewName(checks, name);
    checks.push(analyze(t, name, def.expr, def.enforced, column, false));
  }
  t.checks = checks;
}

function checkDefOf(c: Constraint): CheckDef {
  const def: CheckDef = { expr: c.check!, enforced: c.enforced ?? true };
  if (c.name !== undefined) def.name = c.name;
  return def;
}

/** ALTER TABLE ADD [CONSTRAINT [name]] CHECK (...): returns the added constraint (its rows are validated later). */
export function addCheck(t: TableInfo, c: Constraint): CheckConstraintInfo {
  const taken = t.checks ?? [];
  const name = c.name ?? nextGeneratedName(t, taken);
  checkNewName(taken, name);
  const info = analyze(t, name, c.check!, c.enforced ?? true, undefined, true);
  t.checks = [...taken, info];
  return info;
}

/** Column-level checks of ALTER TABLE ADD COLUMN ... CHECK (...), for a column already in the draft. */
export function addColumnChecks(t: TableInfo, column: string, defs: readonly CheckDef[]): CheckConstraintInfo[] {
  const added: CheckConstraintInfo[] = [];
  for (const def of defs) {
    const taken = t.checks ?? [];
    const name = def.name ?? nextGeneratedName(t, taken);
    checkNewName(taken, name);
    const info = analyze(t, name, def.expr, def.enforced, column, true);
    t.checks = [...taken, info];
    added.push(info);
  }
  return added;
}

function findCheck(t: TableInfo, name: string): CheckConstraintInfo {
  const c = t.checks?.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!c) throw sqlError(ER.CONSTRAINT_NOT_FOUND, name);
  return c;
}

/** ALTER TABLE DROP CHECK|CONSTRAINT name. */
export function dropCheck(t: TableInfo, name: string): void {
  const c = findCheck(t, name);
  t.checks = t.checks!.filter((x) => x !== c);
  if (t.checks.length === 0) delete t.checks;
}

/** ALTER TABLE ALTER CHECK|CONSTRAINT name [NOT] ENFORCED: returns the check when it becomes enforced. */
export function alterCheck(t: TableInfo, name: string, enforced: boolean): CheckConstraintInfo | undefined {
  const c = findCheck(t, name);
  const becomesEnforced = enforced && !c.enforced;
  c.enforced = enforced;
  return becomesEnforced ? c : undefined;
}

/**
 * Dropping a column: a check reading only that column goes with it; one reading others too
 * forbids the drop (3959).
 */
export function checksOnColumnDrop(t: TableInfo, column: string): void {
  if (!t.checks) return;
  const lower = column.toLowerCase();
  const kept: CheckConstraintInfo[] = [];
  for (const c of t.checks) {
    if (!c.columns.includes(lower)) kept.push(c);
    else if (c.columns.length > 1) throw sqlError(ER.CHECK_CONSTRAINT_DEPENDENCY, c.name, column);
  }
  if (kept.length > 0) t.checks = kept;
  else delete t.checks;
}

/** A column a check reads cannot be renamed (3959), as in TiDB. */
export function checksOnColumnRename(t: TableInfo, column: string): void {
  const lower = column.toLowerCase();
  const c = t.checks?.find((x) => x.columns.includes(lower));
  if (c) throw sqlError(ER.CHECK_CONSTRAINT_DEPENDENCY, c.name, column);
}

/** CREATE TABLE LIKE: the copied checks are renamed `<new table>_chk_<n>` in order, as TiDB does. */
export function renameChecksForLike(t: TableInfo): void {
  t.checks?.forEach((c, i) => {
    c.name = `${t.name}_chk_${i + 1}`;
  });
}

/** The first check (of `names`, enforced or not) a row of the physical table violates, or undefined. */
export async function firstViolation(
  txn: Transaction,
  ctx: DdlContext,
  t: TableInfo,
  pid: number,
  checks: readonly CheckConstraintInfo[],
  rows?: readonly (readonly unknown[])[],
): Promise<string | undefined> {
  if (checks.length === 0) return undefined;
  const evalCtx = partitionEvalContext(ctx, false);
  const bctx = buildContext(evalCtx);
  const compiled = checks.map((c) => ({ name: c.name, fn: compileCheck(t, c.expr, 'check constraint', bctx) }));
  const source = rows ?? (await readPhysical(txn, t, pid)).map((r) => r.row);
  const tz = evalCtx.timeZoneOffsetMinutes;
  for (const stored of source) {
    const row = tz === 0 ? [...stored] : rowFromStoredTable(t, [...(stored as never[])], tz);
    for (const c of compiled) {
      if (toBool(c.fn(row as never, evalCtx), evalCtx) === false) return c.name;
    }
  }
  return undefined;
}

/** Validates existing rows against checks being added or enforced: 3819 on the first violation. */
export async function validateExistingRows(
  txn: Transaction,
  ctx: DdlContext,
  t: TableInfo,
  checks: readonly CheckConstraintInfo[],
): Promise<void> {
  const enforced = checks.filter((c) => c.enforced);
  if (enforced.length === 0) return;
  const pids = t.partition ? t.partition.definitions.map((d) => d.id) : [t.id];
  for (const pid of pids) {
    const bad = await firstViolation(txn, ctx, t, pid, enforced);
    if (bad !== undefined) throw sqlError(ER.CHECK_CONSTRAINT_VIOLATED, bad);
  }
}
