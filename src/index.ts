// The embedded API: `const db = await TiLite.open()`, `await db.query(sql, params)`.
import type { FieldInfo, OpenOptions, QueryOptions, QueryResult, SessionHandle } from './api-types.js';
import './expression/builtin/index.js';
import { ER, sqlError } from './errors/index.js';
import { Decimal } from './types/decimal.js';
import type { Value } from './types/value.js';
import { nativeAuthString } from './privilege/store.js';
import {
  type Authenticator,
  CACHING_SHA2_PASSWORD,
  CLEAR_PASSWORD,
  checkNativeToken,
  checkSha2Token,
  NATIVE_PASSWORD,
} from './server/auth.js';
import { Domain } from './session/domain.js';
import { cloneDatabase, type DatabaseSnapshot, restoreDatabase, snapshotDatabase } from './session/domain-snapshot.js';
import { Session, type SessionOptions } from './session/session.js';
import { guardStatement, guardSync } from './session/unexpected-error.js';

export type { FieldInfo, OpenOptions, QueryOptions, QueryResult, RowMode, SessionHandle } from './api-types.js';
export { ParseError } from './parser/index.js';
export { TiLiteError } from './errors/index.js';
export type { DatabaseSnapshot } from './session/domain-snapshot.js';

/** Turns a JS parameter into an SQL value. */
export function toSqlValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) || !Number.isFinite(v) ? v : v;
  if (typeof v === 'bigint') return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('latin1');
  if (v instanceof Date) return v.toISOString().slice(0, 23).replace('T', ' ');
  if (v instanceof Decimal) return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A session handle of the embedded API. */
export class TiLiteSession implements SessionHandle {
  constructor(readonly session: Session) {}

  get id(): number {
    return this.session.id;
  }

  async query<R = any>(
    sql: string,
    params: readonly unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<R>> {
    return (await guardStatement(() => this.session.query(sql, params.map(toSqlValue), options))) as QueryResult<R>;
  }

  exec(script: string, options: QueryOptions = {}): Promise<QueryResult[]> {
    return guardStatement(() => this.session.exec(script, options));
  }

  /** Parses a statement once for repeated execution with parameters (`?` markers). */
  prepare(sql: string): { id: number; paramCount: number; fields: FieldInfo[] | null } {
    const ps = guardSync(() => this.session.prepared.prepare(this.session, sql));
    return { id: ps.id, paramCount: ps.paramCount, fields: ps.fields };
  }

  execute<R = any>(id: number, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return guardStatement(() => {
      const ps = this.session.prepared.get(id);
      return this.session.execParsed(ps.parsed, params.map(toSqlValue), options.rowMode ?? 'object');
    }) as Promise<QueryResult<R>>;
  }

  closeStatement(id: number): void {
    this.session.prepared.close(id);
  }

  useDatabase(name: string): void {
    const s = this.session;
    s.domain.privilegeChecker.check(
      { user: s.account.user, host: s.account.host },
      { kind: 'use', db: name },
      s.currentDbName,
    );
    const db = this.session.domain.infoSchema().database(name);
    if (!db) throw sqlError(ER.BAD_DB, name);
    this.session.currentDbName = db.name;
  }

  get status(): { inTransaction: boolean; autocommit: boolean } {
    return { inTransaction: this.session.inTransaction, autocommit: this.session.vars.autocommit };
  }

  kill(query: boolean): void {
    this.session.kill(query);
  }

  close(): Promise<void> {
    return this.session.close();
  }
}

export class TiLite {
  private readonly main: TiLiteSession;

  private constructor(
    readonly domain: Domain,
    database: string | undefined,
  ) {
    this.main = new TiLiteSession(new Session(domain, { database: database ?? 'test' }));
  }

  static async open(options: OpenOptions = {}): Promise<TiLite> {
    const domain = await Domain.open({ dir: options.dir });
    return new TiLite(domain, options.database);
  }

  query<R = any>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return this.main.query<R>(sql, params, options);
  }

  exec(script: string, options: QueryOptions = {}): Promise<QueryResult[]> {
    return this.main.exec(script, options);
  }

  /** Prepares a statement on the default session (see TiLiteSession.prepare). */
  prepare(sql: string): { id: number; paramCount: number; fields: FieldInfo[] | null } {
    return this.main.prepare(sql);
  }

  execute<R = any>(id: number, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<QueryResult<R>> {
    return this.main.execute<R>(id, params, options);
  }

  closeStatement(id: number): void {
    this.main.closeStatement(id);
  }

  /** An independent session (its own current database, variables and transaction). */
  async session(opts: SessionOptions = {}): Promise<TiLiteSession> {
    return new TiLiteSession(new Session(this.domain, opts));
  }

  /** Connection ids are shared by embedded sessions and server connections. */
  allocConnectionId(): number {
    return this.domain.allocConnectionId();
  }

  /** The server's login check against the accounts (CREATE USER): 1045 for a wrong password or no account. */
  get authenticator(): Authenticator {
    const store = this.domain.privileges;
    return {
      async verify(user, host, plugin, scramble, response) {
        const a = store.match(user, host);
        if (!a) return false;
        if (a.authString === '') return response.length === 0 || (response.length === 1 && response[0] === 0);
        if (plugin === NATIVE_PASSWORD)
          return checkNativeToken(Buffer.from(a.authString.slice(1), 'hex'), scramble, response);
        if (plugin === CACHING_SHA2_PASSWORD)
          return checkSha2Token(Buffer.from(a.sha2Digest, 'hex'), scramble, response);
        if (plugin === CLEAR_PASSWORD) return nativeAuthString(response.toString('utf8')) === a.authString;
        return false;
      },
      hasPassword: (user) => store.hasPassword(user),
      accountPlugin: (user, host) => store.match(user, host)?.plugin,
    };
  }

  get serverVersion(): string {
    return this.domain.globals.get('version');
  }

  /**
   * O(1) capture of the committed data of an in-memory database (for test suites: take one after
   * setup, `restore` it before each test). Persistent databases refuse (error 1235).
   */
  snapshot(): DatabaseSnapshot {
    return snapshotDatabase(this.domain);
  }

  /** Returns the data, schema and AUTO_INCREMENT counters to a snapshot taken of this database. */
  restore(snapshot: DatabaseSnapshot): Promise<void> {
    return restoreDatabase(this.domain, snapshot);
  }

  /** A throwaway in-memory copy of this database's committed data, sharing nothing mutable with it. */
  async clone(): Promise<TiLite> {
    return new TiLite(await cloneDatabase(this.domain), this.main.session.currentDbName ?? undefined);
  }

  processList() {
    return [...this.domain.sessions.values()];
  }

  async close(): Promise<void> {
    for (const s of [...this.domain.sessions.keys()]) this.domain.sessions.get(s)?.kill(false);
    this.domain.sessions.clear();
    await this.domain.close();
  }
}

export default TiLite;
