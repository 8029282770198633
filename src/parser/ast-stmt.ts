// The AST: session, transaction, account and utility statements, and the Statement union.
import type { ExprNode } from './ast-expr.js';
import type { Limit, QueryNode, TableName } from './ast-query.js';
import type { DeleteStmt, InsertStmt, UpdateStmt } from './ast-dml.js';
import type {
  AlterDatabaseStmt,
  AlterPlacementPolicyStmt,
  AlterTableStmt,
  CreateDatabaseStmt,
  CreatePlacementPolicyStmt,
  CreateIndexStmt,
  CreateTableStmt,
  CreateViewStmt,
  DropDatabaseStmt,
  DropIndexStmt,
  DropPlacementPolicyStmt,
  DropTableStmt,
  DropViewStmt,
  RenameTableStmt,
  TruncateTableStmt,
} from './ast-ddl.js';

// ---------------------------------------------------------------- session, admin, utility

export type SetTarget =
  | { kind: 'user'; name: string }
  | { kind: 'system'; name: string; scope: 'global' | 'session' | 'default' };

export interface SetStmt {
  kind: 'set';
  /** A value of undefined means `= DEFAULT`. A bare identifier value (`SET x = ON`) arrives as a string literal. */
  assignments: { target: SetTarget; value?: ExprNode }[];
}

export interface SetNamesStmt {
  kind: 'setNames';
  /** undefined for SET NAMES DEFAULT. */
  charset?: string;
  collate?: string;
  /** SET CHARACTER SET / SET CHARSET. */
  characterSet: boolean;
}

export interface SetTransactionStmt {
  kind: 'setTransaction';
  scope: 'global' | 'session' | 'next';
  isolation?: string;
  readOnly?: boolean;
}

export type ShowTarget =
  | 'databases'
  | 'tables'
  | 'tableStatus'
  | 'columns'
  | 'index'
  | 'createTable'
  | 'createView'
  | 'createDatabase'
  | 'variables'
  | 'status'
  | 'warnings'
  | 'errors'
  | 'processlist'
  | 'engines'
  | 'charset'
  | 'collation'
  | 'grants'
  | 'privileges'
  | 'plugins'
  | 'triggers'
  | 'events'
  | 'procedureStatus'
  | 'functionStatus'
  | 'createUser'
  | 'masterStatus'
  | 'tableRegions'
  | 'statsMeta'
  | 'statsHealthy'
  | 'config'
  | 'builtins'
  | 'placement'
  | 'createPlacementPolicy';

export interface ShowStmt {
  kind: 'show';
  target: ShowTarget;
  full: boolean;
  /** SHOW GLOBAL/SESSION VARIABLES|STATUS. */
  global: boolean;
  /** FROM/IN db, or the database of SHOW CREATE DATABASE. */
  db?: string;
  table?: TableName;
  like?: string;
  where?: ExprNode;
  /** SHOW COUNT(*) WARNINGS|ERRORS. */
  count: boolean;
  limit?: Limit;
  /** SHOW GRANTS FOR user. */
  user?: UserSpec;
  ifNotExists?: boolean;
  /** SHOW CREATE PLACEMENT POLICY name. */
  policy?: string;
}

export interface ExplainStmt {
  kind: 'explain';
  analyze: boolean;
  /** Lower-case: 'row' (default), 'brief', 'dot', 'tidb_json', 'verbose'. */
  format: string;
  stmt: Statement;
  /** EXPLAIN FOR CONNECTION n. */
  connectionId?: number;
}

export interface BeginStmt {
  kind: 'begin';
  readOnly: boolean;
  consistentSnapshot: boolean;
  /** BEGIN PESSIMISTIC / BEGIN OPTIMISTIC. */
  mode?: 'pessimistic' | 'optimistic';
  asOf?: ExprNode;
}

export interface CommitStmt {
  kind: 'commit';
}

export interface RollbackStmt {
  kind: 'rollback';
  savepoint?: string;
}

export interface SavepointStmt {
  kind: 'savepoint';
  name: string;
  release: boolean;
}

export interface PrepareStmt {
  kind: 'prepare';
  name: string;
  /** FROM 'text' or FROM @var. */
  text?: string;
  fromVariable?: string;
}

export interface ExecuteStmt {
  kind: 'execute';
  name: string;
  using: string[];
}

export interface DeallocateStmt {
  kind: 'deallocate';
  name: string;
}

export interface UserSpec {
  user: string;
  host: string;
}

export interface CreateUserStmt {
  kind: 'createUser';
  ifNotExists: boolean;
  users: { user: UserSpec; password?: string; plugin?: string }[];
}

export interface AlterUserStmt {
  kind: 'alterUser';
  ifExists: boolean;
  users: { user: UserSpec; password?: string; plugin?: string }[];
}

export interface DropUserStmt {
  kind: 'dropUser';
  ifExists: boolean;
  users: UserSpec[];
}

export interface GrantStmt {
  kind: 'grant' | 'revoke';
  /** Upper-case privilege names: SELECT, INSERT, ALL PRIVILEGES → ALL, ... */
  privileges: { name: string; columns?: string[] }[];
  /** `*.*` → { db: '*', table: '*' }; `db.*`; `db.t`; `t` (current db). */
  on: { db?: string; table: string };
  users: UserSpec[];
  withGrantOption: boolean;
}

export interface KillStmt {
  kind: 'kill';
  connectionId: number;
  query: boolean;
  tidb: boolean;
}

export interface AdminStmt {
  kind: 'admin';
  /** Lower-case words after ADMIN joined by spaces: 'show telemetry', 'check table', 'show ddl jobs', ... */
  command: string;
  tables?: TableName[];
}

export interface AnalyzeTableStmt {
  kind: 'analyzeTable';
  tables: TableName[];
}

export interface DoStmt {
  kind: 'do';
  exprs: ExprNode[];
}

export interface FlushStmt {
  kind: 'flush';
  what: string;
}

export interface LockTablesStmt {
  kind: 'lockTables' | 'unlockTables';
  tables: { table: TableName; write: boolean }[];
}

export interface QueryStmt {
  kind: 'query';
  query: QueryNode;
}

export type Statement =
  | QueryStmt
  | InsertStmt
  | UpdateStmt
  | DeleteStmt
  | CreateTableStmt
  | AlterTableStmt
  | CreateIndexStmt
  | DropIndexStmt
  | CreateDatabaseStmt
  | DropDatabaseStmt
  | AlterDatabaseStmt
  | CreatePlacementPolicyStmt
  | AlterPlacementPolicyStmt
  | DropPlacementPolicyStmt
  | DropTableStmt
  | TruncateTableStmt
  | RenameTableStmt
  | CreateViewStmt
  | DropViewStmt
  | SetStmt
  | SetNamesStmt
  | SetTransactionStmt
  | ShowStmt
  | ExplainStmt
  | BeginStmt
  | CommitStmt
  | RollbackStmt
  | SavepointStmt
  | PrepareStmt
  | ExecuteStmt
  | DeallocateStmt
  | CreateUserStmt
  | AlterUserStmt
  | DropUserStmt
  | GrantStmt
  | KillStmt
  | AdminStmt
  | AnalyzeTableStmt
  | DoStmt
  | FlushStmt
  | LockTablesStmt
  /** `USE db`. */
  | { kind: 'use'; db: string };

/** One statement of a parsed script with its source text. */
export interface ParsedStatement {
  stmt: Statement;
  /** The statement's own text (without the terminating `;`). */
  text: string;
  /** Offset of the text in the script. */
  offset: number;
  /** Number of `?` markers. */
  paramCount: number;
}
