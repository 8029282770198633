// The account and grant tables (TiDB's mysql.user / mysql.db / mysql.tables_priv) as one in-memory store owned
// by the domain: every method is synchronous, so a read-modify-write never interleaves with another session.
// The domain persists `toJSON()` after each change.
import { ER, sqlError } from '../errors/index.js';
import { lazyCrypto } from '../util/lazy-builtin.js';
import { GRANT_OPTION, type Level, privilegesAt } from './privileges.js';

export const NATIVE_PASSWORD_PLUGIN = 'mysql_native_password';
export const CACHING_SHA2_PLUGIN = 'caching_sha2_password';

export interface AccountRecord {
  user: string;
  host: string;
  plugin: string;
  /** mysql.user.authentication_string for mysql_native_password: '*' + hex(SHA1(SHA1(pw))), '' without password. */
  authString: string;
  /** hex(SHA256(SHA256(pw))): what caching_sha2_password's fast authentication verifies against ('' without). */
  sha2Digest: string;
  /** Global privileges (and GRANT OPTION). */
  privs: string[];
}

export interface DbGrant {
  user: string;
  host: string;
  db: string;
  privs: string[];
}

export interface TableGrant extends DbGrant {
  table: string;
}

export interface PrivilegeTables {
  users: AccountRecord[];
  dbs: DbGrant[];
  tables: TableGrant[];
}

/** An account name as MySQL quotes it in messages: 'u'@'h'. */
export function accountName(user: string, host: string): string {
  return `'${user}'@'${host}'`;
}

export function nativeAuthString(password: string): string {
  if (password === '') return '';
  const stage1 = lazyCrypto().createHash('sha1').update(password, 'utf8').digest();
  return `*${lazyCrypto().createHash('sha1').update(stage1).digest('hex').toUpperCase()}`;
}

export function sha2Digest(password: string): string {
  if (password === '') return '';
  const stage1 = lazyCrypto().createHash('sha256').update(password, 'utf8').digest();
  return lazyCrypto().createHash('sha256').update(stage1).digest('hex');
}

/** Host patterns use LIKE wildcards; 'localhost' also stands for the loopback addresses (TCP-only server). */
export function hostMatches(pattern: string, clientHost: string): boolean {
  const p = pattern.toLowerCase();
  const h = clientHost.toLowerCase();
  if (p === 'localhost' && (h === '127.0.0.1' || h === '::1' || h === 'localhost')) return true;
  if (p === '%' || p === '') return true;
  if (!/[%_]/.test(p)) return p === h;
  const re = new RegExp(
    `^${p
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*')
      .replace(/_/g, '.')}$`,
  );
  return re.test(h);
}

/** Lower rank is more specific: literal hosts, then patterns (longer first), then '%'. */
function hostRank(host: string): number {
  if (host === '%' || host === '') return 2000;
  return /[%_]/.test(host) ? 1000 - host.length : 0;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isAccount = (r: { user: string; host: string }, user: string, host: string) =>
  r.user === user && same(r.host, host);

export class PrivilegeStore {
  private users: AccountRecord[];
  private dbs: DbGrant[];
  private tables: TableGrant[];

  constructor(tables?: PrivilegeTables) {
    this.users = tables?.users ?? [rootAccount()];
    this.dbs = tables?.dbs ?? [];
    this.tables = tables?.tables ?? [];
  }

  toJSON(): PrivilegeTables {
    return { users: this.users, dbs: this.dbs, tables: this.tables };
  }

  /** The account a login as `user` from `clientHost` uses: the most specific matching host. */
  match(user: string, clientHost: string): AccountRecord | undefined {
    let best: AccountRecord | undefined;
    for (const u of this.users) {
      if (u.user !== user || !hostMatches(u.host, clientHost)) continue;
      if (!best || hostRank(u.host) < hostRank(best.host)) best = u;
    }
    return best;
  }

  account(user: string, host: string): AccountRecord | undefined {
    return this.users.find((u) => isAccount(u, user, host));
  }

  /** Whether any account of this name has a password (the handshake asks before it knows the host). */
  hasPassword(user: string): boolean {
    return this.users.some((u) => u.user === user && u.authString !== '');
  }

  // ---- accounts

  createUser(user: string, host: string, password: string, plugin: string): void {
    this.users.push({
      user,
      host,
      plugin,
      authString: nativeAuthString(password),
      sha2Digest: sha2Digest(password),
      privs: [],
    });
  }

  setPassword(user: string, host: string, password: string, plugin?: string): boolean {
    const a = this.account(user, host);
    if (!a) return false;
    a.authString = nativeAuthString(password);
    a.sha2Digest = sha2Digest(password);
    if (plugin) a.plugin = plugin;
    return true;
  }

  dropUser(user: string, host: string): boolean {
    const before = this.users.length;
    this.users = this.users.filter((u) => !isAccount(u, user, host));
    this.dbs = this.dbs.filter((g) => !isAccount(g, user, host));
    this.tables = this.tables.filter((g) => !isAccount(g, user, host));
    return this.users.length < before;
  }

  // ---- grants

  /** Adds privileges (already validated for the level; ALL expanded) at a level. */
  grant(user: string, host: string, level: Level, privs: readonly string[], db = '', table = ''): void {
    const a = this.account(user, host);
    if (!a) throw sqlError(ER.CANT_CREATE_USER_WITH_GRANT);
    const target = level === 'global' ? a : this.grantRow(user, host, level, db, table, true)!;
    target.privs = [...new Set([...target.privs, ...privs])];
  }

  /** Removes privileges; false when the account holds no grant row at that level (MySQL's 1141/1147). */
  revoke(user: string, host: string, level: Level, privs: readonly string[], db = '', table = ''): boolean {
    const a = this.account(user, host);
    if (!a) return false;
    const target = level === 'global' ? a : this.grantRow(user, host, level, db, table, false);
    if (!target) return false;
    const drop = new Set(privs);
    target.privs = target.privs.filter((p) => !drop.has(p));
    if (level === 'db') this.dbs = this.dbs.filter((g) => g.privs.length > 0);
    if (level === 'table') this.tables = this.tables.filter((g) => g.privs.length > 0);
    return true;
  }

  private grantRow(
    user: string,
    host: string,
    level: Level,
    db: string,
    table: string,
    create: boolean,
  ): DbGrant | undefined {
    if (level === 'db') {
      let row = this.dbs.find((g) => isAccount(g, user, host) && same(g.db, db));
      if (!row && create) this.dbs.push((row = { user, host, db, privs: [] }));
      return row;
    }
    let row = this.tables.find((g) => isAccount(g, user, host) && same(g.db, db) && same(g.table, table));
    if (!row && create) this.tables.push((row = { user, host, db, table, privs: [] }));
    return row;
  }

  // ---- checks (for the account a session logged in as)

  /** Whether `priv` is held globally, on `db`, or on `db`.`table`. */
  has(account: { user: string; host: string }, priv: string, db?: string, table?: string): boolean {
    const a = this.account(account.user, account.host);
    if (!a) return false;
    if (a.privs.includes(priv)) return true;
    if (db === undefined) return false;
    if (this.dbs.some((g) => isAccount(g, a.user, a.host) && same(g.db, db) && g.privs.includes(priv))) return true;
    if (table === undefined) return false;
    return this.tables.some(
      (g) => isAccount(g, a.user, a.host) && same(g.db, db) && same(g.table, table) && g.privs.includes(priv),
    );
  }

  /** Any privilege that lets the account see `db` (USE, SHOW DATABASES): global, on the db, or on one of its tables. */
  hasAnyOnDb(account: { user: string; host: string }, db: string): boolean {
    const a = this.account(account.user, account.host);
    if (!a) return false;
    if (a.privs.some((p) => p !== GRANT_OPTION)) return true;
    const mine = (g: DbGrant) => isAccount(g, a.user, a.host) && same(g.db, db);
    return this.dbs.some(mine) || this.tables.some(mine);
  }

  /** Any privilege on the table (SHOW COLUMNS, SHOW CREATE TABLE). */
  hasAnyOnTable(account: { user: string; host: string }, db: string, table: string): boolean {
    const a = this.account(account.user, account.host);
    if (!a) return false;
    if (a.privs.some((p) => p !== GRANT_OPTION)) return true;
    if (this.dbs.some((g) => isAccount(g, a.user, a.host) && same(g.db, db))) return true;
    return this.tables.some((g) => isAccount(g, a.user, a.host) && same(g.db, db) && same(g.table, table));
  }

  /** SHOW GRANTS lines for an account, in MySQL 8's form. */
  grantsFor(user: string, host: string): string[] | null {
    const a = this.account(user, host);
    if (!a) return null;
    const who = `\`${a.user}\`@\`${a.host}\``;
    const line = (privs: readonly string[], on: string, level: Level) => {
      const withGrant = privs.includes(GRANT_OPTION) ? ' WITH GRANT OPTION' : '';
      const list = privilegesAt(level).filter((p) => privs.includes(p));
      const text = list.length === privilegesAt(level).length ? 'ALL PRIVILEGES' : list.join(', ') || 'USAGE';
      return `GRANT ${text} ON ${on} TO ${who}${withGrant}`;
    };
    const out = [line(a.privs, '*.*', 'global')];
    for (const g of this.dbs) if (isAccount(g, a.user, a.host)) out.push(line(g.privs, `\`${g.db}\`.*`, 'db'));
    for (const g of this.tables) {
      if (isAccount(g, a.user, a.host)) out.push(line(g.privs, `\`${g.db}\`.\`${g.table}\``, 'table'));
    }
    return out;
  }
}

/** A fresh store's root@'%': every privilege, no password (as a new TiDB). */
function rootAccount(): AccountRecord {
  return {
    user: 'root',
    host: '%',
    plugin: NATIVE_PASSWORD_PLUGIN,
    authString: '',
    sha2Digest: '',
    privs: [...privilegesAt('global'), GRANT_OPTION],
  };
}
