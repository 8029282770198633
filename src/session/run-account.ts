// Account statements: CREATE/ALTER/DROP USER, SET PASSWORD, GRANT, REVOKE and SHOW GRANTS, over the domain's
// privilege store. Each statement changes the store synchronously, then waits for it to be persisted.
import type { QueryResult } from '../api-types.js';
import { ER, sqlError, warningFrom } from '../errors/index.js';
import type { AlterUserStmt, CreateUserStmt, DropUserStmt, GrantStmt, UserSpec } from '../parser/index.js';
import { GRANT_OPTION, type Level, normalizePrivilege, privilegesAt } from '../privilege/privileges.js';
import { accountName, CACHING_SHA2_PLUGIN, NATIVE_PASSWORD_PLUGIN } from '../privilege/store.js';
import { okResult } from './run-statement.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

const PLUGINS = new Set([NATIVE_PASSWORD_PLUGIN, CACHING_SHA2_PLUGIN]);

/** CURRENT_USER resolves to the session's account. */
function resolve(s: Session, u: UserSpec): UserSpec {
  return u.user === 'CURRENT_USER' && u.host === '' ? { user: s.account.user, host: s.account.host } : u;
}

function pluginOf(s: Session, plugin: string | undefined): string {
  const p = plugin ?? (s.vars.get('default_authentication_plugin') || NATIVE_PASSWORD_PLUGIN);
  if (!PLUGINS.has(p)) throw sqlError(ER.PLUGIN_IS_NOT_LOADED, p);
  return p;
}

export async function runCreateUser(s: Session, ctx: StmtContext, stmt: CreateUserStmt): Promise<QueryResult> {
  const store = s.domain.privileges;
  const entries = stmt.users.map((e) => ({ ...e, user: resolve(s, e.user), plugin: pluginOf(s, e.plugin) }));
  const existing = entries.filter((e) => store.account(e.user.user, e.user.host));
  if (existing.length > 0 && !stmt.ifNotExists) {
    const names = existing.map((e) => accountName(e.user.user, e.user.host)).join(',');
    throw sqlError(ER.CANNOT_USER, 'CREATE USER', names);
  }
  for (const e of entries) {
    if (store.account(e.user.user, e.user.host)) {
      ctx.appendWarning(noteFor(ER.USER_ALREADY_EXISTS, e.user));
      continue;
    }
    store.createUser(e.user.user, e.user.host, e.password ?? '', e.plugin);
  }
  await s.domain.persistPrivileges();
  return okResult();
}

export async function runAlterUser(s: Session, ctx: StmtContext, stmt: AlterUserStmt): Promise<QueryResult> {
  const store = s.domain.privileges;
  const entries = stmt.users.map((e) => ({ ...e, user: resolve(s, e.user) }));
  const missing = entries.filter((e) => !store.account(e.user.user, e.user.host));
  if (missing.length > 0 && !stmt.ifExists) {
    const names = missing.map((e) => accountName(e.user.user, e.user.host)).join(',');
    throw sqlError(ER.CANNOT_USER, 'ALTER USER', names);
  }
  for (const e of entries) {
    const plugin = e.plugin === undefined ? undefined : pluginOf(s, e.plugin);
    const a = store.account(e.user.user, e.user.host);
    if (!a) {
      ctx.appendWarning(noteFor(ER.USER_DOES_NOT_EXIST, e.user));
      continue;
    }
    if (e.password !== undefined) store.setPassword(e.user.user, e.user.host, e.password, plugin);
    else if (plugin) a.plugin = plugin;
  }
  await s.domain.persistPrivileges();
  return okResult();
}

export async function runDropUser(s: Session, ctx: StmtContext, stmt: DropUserStmt): Promise<QueryResult> {
  const store = s.domain.privileges;
  const users = stmt.users.map((u) => resolve(s, u));
  const missing = users.filter((u) => !store.account(u.user, u.host));
  if (missing.length > 0 && !stmt.ifExists) {
    throw sqlError(ER.CANNOT_USER, 'DROP USER', missing.map((u) => accountName(u.user, u.host)).join(','));
  }
  for (const u of users) {
    if (!store.dropUser(u.user, u.host)) ctx.appendWarning(noteFor(ER.USER_DOES_NOT_EXIST, u));
  }
  await s.domain.persistPrivileges();
  return okResult();
}

export async function runGrant(s: Session, stmt: GrantStmt): Promise<QueryResult> {
  const store = s.domain.privileges;
  const { level, db, table } = grantTarget(s, stmt);
  const privs = new Set<string>();
  for (const p of stmt.privileges) {
    if (p.columns) throw sqlError(ER.NOT_SUPPORTED_YET, 'column-level privileges');
    const name = normalizePrivilege(p.name);
    if (name === null) throw sqlError(ER.SYNTAX_ERROR);
    if (name === 'ALL') {
      for (const q of privilegesAt(level)) privs.add(q);
      if (stmt.kind === 'revoke') privs.add(GRANT_OPTION);
    } else if (name === GRANT_OPTION) privs.add(name);
    else if (name !== 'USAGE') {
      if (!privilegesAt(level).includes(name as never)) throw sqlError(ER.ILLEGAL_GRANT_FOR_TABLE);
      privs.add(name);
    }
  }
  if (stmt.withGrantOption) privs.add(GRANT_OPTION);
  const users = stmt.users.map((u) => resolve(s, u));
  if (stmt.kind === 'grant') {
    for (const u of users) if (!store.account(u.user, u.host)) throw sqlError(ER.CANT_CREATE_USER_WITH_GRANT);
    for (const u of users) store.grant(u.user, u.host, level, [...privs], db, table);
  } else {
    for (const u of users) {
      if (store.revoke(u.user, u.host, level, [...privs], db, table)) continue;
      if (level === 'table') throw sqlError(ER.NONEXISTING_TABLE_GRANT, u.user, u.host, table);
      throw sqlError(ER.NONEXISTING_GRANT, u.user, u.host);
    }
  }
  await s.domain.persistPrivileges();
  return okResult();
}

/** The level of `ON *.*`, `ON db.*`, `ON *` (current db), `ON db.t` or `ON t`; table grants need the table. */
function grantTarget(s: Session, stmt: GrantStmt): { level: Level; db: string; table: string } {
  const { db, table } = stmt.on;
  if (db === '*') {
    if (table !== '*') throw sqlError(ER.ILLEGAL_GRANT_FOR_TABLE);
    return { level: 'global', db: '', table: '' };
  }
  const dbName = db ?? s.currentDbName;
  if (dbName === null) throw sqlError(ER.NO_DB);
  if (table === '*') return { level: 'db', db: dbName, table: '' };
  const info = s.domain.infoSchema().table(dbName, table);
  if (!info) throw sqlError(ER.NO_SUCH_TABLE, dbName, table);
  return { level: 'table', db: s.domain.infoSchema().database(dbName)?.name ?? dbName, table: info.name };
}

/** SHOW GRANTS [FOR u]: header and rows. */
export function showGrants(s: Session, spec: UserSpec | undefined): { names: string[]; rows: string[][] } {
  const u = spec ? resolve(s, spec) : { user: s.account.user, host: s.account.host };
  const lines = s.domain.privileges.grantsFor(u.user, u.host);
  if (!lines) throw sqlError(ER.NONEXISTING_GRANT, u.user, u.host);
  return { names: [`Grants for ${u.user}@${u.host}`], rows: lines.map((l) => [l]) };
}

function noteFor(spec: typeof ER.USER_DOES_NOT_EXIST, u: UserSpec) {
  return { ...warningFrom(spec, accountName(u.user, u.host)), level: 'Note' as const };
}
