// Which privileges a statement needs, and the check against the account a session logged in as: MySQL's
// errors 1142 (table), 1044 (database) and 1227 (global-only operations), naming the account as TiDB
// does ('u'@'%', where MySQL names the client's host).
import { ER, sqlError } from '../errors/index.js';
import type { GrantStmt, Statement, TableName } from '../parser/index.js';
import { ALL_PRIVILEGES, GRANT_OPTION } from './privileges.js';
import type { PrivilegeStore } from './store.js';

/** Who is asking: the account's user and host pattern (also what denial messages name, as in TiDB). */
export interface Principal {
  user: string;
  host: string;
}

type Need =
  | { level: 'table'; priv: string; db: string; table: string; command?: string }
  | { level: 'db'; priv: string; db: string }
  | { level: 'anyDb'; db: string }
  | { level: 'anyTable'; db: string; table: string; command: string }
  | { level: 'global'; privs: string[] };

/** Schemas of virtual tables everyone may read (their rows are not filtered by privilege here). */
const OPEN_SCHEMAS = new Set(['information_schema', 'performance_schema', 'metrics_schema', 'sys']);

export class PrivilegeChecker {
  constructor(private readonly store: PrivilegeStore) {}

  /** Throws the MySQL access error for the first privilege `stmt` needs that `who` lacks. */
  check(who: Principal, stmt: Statement, currentDb: string | null): void {
    if (this.isAllPowerful(who)) return;
    for (const need of statementNeeds(stmt, currentDb, who)) this.checkNeed(who, need);
  }

  /** Holds every static privilege globally (root): no statement needs a closer look. */
  isAllPowerful(who: { user: string; host: string }): boolean {
    const a = this.store.account(who.user, who.host);
    return a !== undefined && a.privs.length > ALL_PRIVILEGES.length;
  }

  hasGlobal(who: { user: string; host: string }, priv: string): boolean {
    return this.store.has(who, priv);
  }

  private checkNeed(who: Principal, need: Need): void {
    const s = this.store;
    switch (need.level) {
      case 'table':
        if (OPEN_SCHEMAS.has(need.db.toLowerCase())) return;
        if (!s.has(who, need.priv, need.db, need.table)) {
          throw sqlError(ER.TABLEACCESS_DENIED, need.command ?? need.priv, who.user, who.host, need.table);
        }
        return;
      case 'db':
        if (!s.has(who, need.priv, need.db)) throw sqlError(ER.DBACCESS_DENIED, who.user, who.host, need.db);
        return;
      case 'anyDb':
        if (OPEN_SCHEMAS.has(need.db.toLowerCase())) return;
        if (!s.hasAnyOnDb(who, need.db)) throw sqlError(ER.DBACCESS_DENIED, who.user, who.host, need.db);
        return;
      case 'anyTable':
        if (OPEN_SCHEMAS.has(need.db.toLowerCase())) return;
        if (!s.hasAnyOnTable(who, need.db, need.table)) {
          throw sqlError(ER.TABLEACCESS_DENIED, need.command, who.user, who.host, need.table);
        }
        return;
      case 'global':
        if (!need.privs.some((p) => s.has(who, p))) throw sqlError(ER.SPECIFIC_ACCESS_DENIED, need.privs.join(' or '));
        return;
    }
  }
}

function dbOf(t: TableName, currentDb: string | null): string {
  const db = t.db ?? currentDb;
  if (db === null) throw sqlError(ER.NO_DB);
  return db;
}

function onTable(priv: string, t: TableName, currentDb: string | null, command?: string): Need {
  return { level: 'table', priv, db: dbOf(t, currentDb), table: t.name, command };
}

/** What `stmt` needs. Tables it reads (FROM, subqueries, INSERT ... SELECT sources) need SELECT. */
function statementNeeds(stmt: Statement, currentDb: string | null, who: Principal): Need[] {
  const select = (node: unknown, skip: ReadonlySet<TableName> = new Set()) =>
    readTables(node)
      .filter((t) => !skip.has(t))
      .map((t) => onTable('SELECT', t, currentDb));
  switch (stmt.kind) {
    case 'insert': {
      const needs = [onTable('INSERT', stmt.table, currentDb)];
      if (stmt.replace) needs.push(onTable('DELETE', stmt.table, currentDb));
      if (stmt.onDuplicate) needs.push(onTable('UPDATE', stmt.table, currentDb));
      return [...needs, ...select([stmt.query, stmt.values, stmt.set, stmt.onDuplicate])];
    }
    case 'update': {
      const targets = updateTargets(stmt.table, stmt.set);
      return [...targets.map((t) => onTable('UPDATE', t, currentDb)), ...select(stmt, new Set(targets))];
    }
    case 'delete': {
      const targets = deleteTargets(stmt.from, stmt.targets);
      return [...targets.map((t) => onTable('DELETE', t, currentDb)), ...select(stmt, new Set(targets))];
    }
    case 'createTable': {
      const needs = [onTable('CREATE', stmt.table, currentDb)];
      if (stmt.like) needs.push(onTable('SELECT', stmt.like, currentDb));
      return [...needs, ...select(stmt.query)];
    }
    case 'alterTable': {
      const needs = [onTable('ALTER', stmt.table, currentDb)];
      for (const spec of stmt.specs) {
        if (spec.type !== 'renameTable') continue;
        needs.push(onTable('DROP', stmt.table, currentDb), onTable('CREATE', spec.to, currentDb));
        needs.push(onTable('INSERT', spec.to, currentDb));
      }
      return needs;
    }
    case 'createIndex':
    case 'dropIndex':
      return [onTable('INDEX', stmt.table, currentDb)];
    case 'createDatabase':
      return [{ level: 'db', priv: 'CREATE', db: stmt.name }];
    case 'dropDatabase':
      return [{ level: 'db', priv: 'DROP', db: stmt.name }];
    case 'dropTable':
      return stmt.tables.map((t) => onTable('DROP', t, currentDb));
    case 'truncateTable':
      return [onTable('DROP', stmt.table, currentDb)];
    case 'renameTable':
      return stmt.pairs.flatMap((p) => [
        onTable('ALTER', p.from, currentDb),
        onTable('DROP', p.from, currentDb),
        onTable('CREATE', p.to, currentDb),
        onTable('INSERT', p.to, currentDb),
      ]);
    case 'createView': {
      const needs = [onTable('CREATE VIEW', stmt.name, currentDb)];
      if (stmt.orReplace) needs.push(onTable('DROP', stmt.name, currentDb));
      return [...needs, ...select(stmt.query)];
    }
    case 'dropView':
      return stmt.names.map((t) => onTable('DROP', t, currentDb));
    case 'use':
      return [{ level: 'anyDb', db: stmt.db }];
    case 'show':
      return showNeeds(stmt, currentDb, who);
    case 'set': {
      const global = stmt.assignments.some((a) => a.target.kind === 'system' && a.target.scope === 'global');
      return [...(global ? [{ level: 'global', privs: ['SUPER'] } as Need] : []), ...select(stmt)];
    }
    case 'createUser':
    case 'dropUser':
      return [{ level: 'global', privs: ['CREATE USER'] }];
    case 'alterUser': {
      const self = stmt.users.every(
        (u) => u.user.user === 'CURRENT_USER' || (u.user.user === who.user && u.user.host === who.host),
      );
      return self ? [] : [{ level: 'global', privs: ['CREATE USER'] }];
    }
    case 'grant':
      return grantNeeds(stmt, currentDb);
    case 'admin':
    // TiDB also accepts the dynamic PLACEMENT_ADMIN privilege, which is not modelled here.
    case 'createPlacementPolicy':
    case 'alterPlacementPolicy':
    case 'dropPlacementPolicy':
      return [{ level: 'global', privs: ['SUPER'] }];
    case 'alterDatabase': {
      const db = stmt.name ?? currentDb;
      return db ? [{ level: 'db', priv: 'ALTER', db }] : [];
    }
    case 'flush':
      return [{ level: 'global', privs: ['RELOAD'] }];
    case 'lockTables':
      return stmt.tables.flatMap((t) => [
        onTable('LOCK TABLES', t.table, currentDb),
        onTable('SELECT', t.table, currentDb),
      ]);
    case 'analyzeTable':
      return stmt.tables.flatMap((t) => [onTable('SELECT', t, currentDb), onTable('INSERT', t, currentDb)]);
    case 'explain':
      return statementNeeds(stmt.stmt, currentDb, who);
    case 'prepare':
    case 'execute':
    case 'deallocate':
    case 'kill':
      return [];
    default:
      return select(stmt);
  }
}

function showNeeds(stmt: Extract<Statement, { kind: 'show' }>, currentDb: string | null, who: Principal): Need[] {
  switch (stmt.target) {
    case 'columns':
    case 'index':
    case 'createTable':
    case 'createView':
      return stmt.table ? [{ level: 'anyTable', ...tableIn(stmt.table, stmt.db, currentDb), command: 'SHOW' }] : [];
    case 'tables':
    case 'tableStatus': {
      const db = stmt.db ?? currentDb;
      return db ? [{ level: 'anyDb', db }] : [];
    }
    case 'grants': {
      const u = stmt.user;
      const self = !u || u.user === 'CURRENT_USER' || (u.user === who.user && u.host === who.host);
      return self ? [] : [{ level: 'db', priv: 'SELECT', db: 'mysql' }];
    }
    case 'createUser':
      return [{ level: 'db', priv: 'SELECT', db: 'mysql' }];
    default:
      return [];
  }
}

function tableIn(t: TableName, fromDb: string | undefined, currentDb: string | null): { db: string; table: string } {
  return { db: fromDb ?? dbOf(t, currentDb), table: t.name };
}

/** GRANT/REVOKE need GRANT OPTION at the level granted (global grants: 1227). */
function grantNeeds(stmt: GrantStmt, currentDb: string | null): Need[] {
  const { db, table } = stmt.on;
  const cmd = stmt.kind === 'grant' ? 'GRANT' : 'REVOKE';
  if (db === '*') return [{ level: 'global', privs: [GRANT_OPTION] }];
  const dbName = db ?? currentDb;
  if (dbName === null) throw sqlError(ER.NO_DB);
  if (table === '*') return [{ level: 'db', priv: GRANT_OPTION, db: dbName }];
  return [{ level: 'table', priv: GRANT_OPTION, db: dbName, table, command: cmd }];
}

/** The single-table UPDATE's table, or in a multi-table UPDATE the tables whose columns are assigned. */
function updateTargets(ref: Extract<Statement, { kind: 'update' }>['table'], set: { column: { table?: string } }[]) {
  const all = readTables(ref);
  if (ref.kind === 'table') return [ref];
  const named = new Set(set.map((a) => a.column.table?.toLowerCase()).filter((n) => n !== undefined));
  return all.filter((t) => named.has((t.alias ?? t.name).toLowerCase()));
}

function deleteTargets(from: Extract<Statement, { kind: 'delete' }>['from'], targets: TableName[] | undefined) {
  if (!targets) return from.kind === 'table' ? [from] : [];
  const all = readTables(from);
  return targets.map((t) => all.find((a) => (a.alias ?? a.name).toLowerCase() === t.name.toLowerCase() && !t.db) ?? t);
}

/**
 * Every base-table reference in an AST fragment (FROM clauses, joins, subqueries anywhere), without
 * references to the fragment's common table expressions.
 */
export function readTables(node: unknown): TableName[] {
  const tables: TableName[] = [];
  const cteNames = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (n === null || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.kind === 'table' && typeof o.name === 'string') tables.push(o as unknown as TableName);
    const w = o.with as { ctes?: { name: string }[] } | undefined;
    if (w?.ctes) for (const c of w.ctes) cteNames.add(c.name.toLowerCase());
    for (const k in o) visit(o[k]);
  };
  visit(node);
  return tables.filter((t) => t.db !== undefined || !cteNames.has(t.name.toLowerCase()));
}
