// The part of the embedded engine (src/index.ts `class TiLite`) the server drives. Declared here so the
// protocol layer compiles and is testable on its own; the real engine satisfies it structurally.
import type { FieldInfo, QueryResult, RowMode } from '../api-types.js';
import type { Authenticator } from './auth.js';

export interface PreparedInfo {
  id: number;
  paramCount: number;
  /** Result columns, or null when the statement returns no rows. */
  fields: FieldInfo[] | null;
}

export interface SessionOptions {
  user: string;
  host: string;
  connectionId: number;
  /** A new connection starts without a current database (null) unless the client names one. */
  database?: string | null;
  /** Called when the session is killed from elsewhere (KILL CONNECTION): the server then closes the socket. */
  onKill?: () => void;
}

export interface EngineSession {
  query(sql: string, params?: readonly unknown[], options?: { rowMode?: RowMode }): Promise<QueryResult>;
  /** Runs a multi-statement script; on error throws with the results so far attached as `results`. */
  exec(script: string, options?: { rowMode?: RowMode }): Promise<QueryResult[]>;
  useDatabase(name: string): unknown;
  prepare(sql: string): PreparedInfo | Promise<PreparedInfo>;
  execute(id: number, params: readonly unknown[], options?: { rowMode?: RowMode }): Promise<QueryResult>;
  closeStatement(id: number): unknown;
  readonly status: { inTransaction: boolean; autocommit: boolean };
  kill(query: boolean): unknown;
  close(): Promise<void>;
}

export interface Engine {
  session(opts: SessionOptions): Promise<EngineSession>;
  close(): Promise<void>;
  /** Connection ids shared with the engine's own sessions; without it the server counts from 1. */
  allocConnectionId?(): number;
  /** Checks logins against the engine's accounts; used unless the server is given its own authenticator. */
  readonly authenticator?: Authenticator;
  /** The version string reported to clients, when the engine defines one. */
  readonly serverVersion?: string;
}

export interface EngineClass {
  open(opts: { dir?: string }): Promise<Engine>;
}
