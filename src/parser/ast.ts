// The abstract syntax tree the parser produces. Plain, JSON-like objects discriminated by `kind`;
// never mutated after parsing (the planner builds its own structures from it).

/** Source span of a node: offsets into the statement text (0-based, end exclusive) and the 1-based line. */
export interface Span {
  start: number;
  end: number;
  line: number;
}

// ---------------------------------------------------------------- expressions

export type LiteralType =
  | 'null'
  | 'int'
  | 'decimal'
  | 'float'
  | 'string'
  | 'hexString'
  | 'bitString'
  | 'bool'
  | 'date'
  | 'time'
  | 'timestamp';

/**
 * A literal. `text` is the source text for numbers (`12`, `1.50`, `1e3`), the decoded value for strings
 * (escapes resolved), the byte string (one char per byte) for hex/bit literals, `TRUE`/`FALSE` for bool and
 * the quoted text for DATE/TIME/TIMESTAMP literals.
 */
export interface Literal {
  kind: 'literal';
  type: LiteralType;
  text: string;
  /** Character set introducer, e.g. `_utf8mb4'x'`, `_binary'x'`. */
  charset?: string;
  span?: Span;
}

export interface ParamMarker {
  kind: 'param';
  /** 0-based position among the statement's `?` markers. */
  index: number;
  span?: Span;
}

export interface ColumnRef {
  kind: 'column';
  db?: string;
  table?: string;
  column: string;
  span?: Span;
}

export type UnaryOp = '-' | '+' | '!' | '~' | 'not' | 'binary';
export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: ExprNode;
  span?: Span;
}

export type BinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | 'div'
  | '%'
  | '='
  | '<=>'
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'and'
  | 'or'
  | 'xor'
  | '&'
  | '|'
  | '^'
  | '<<'
  | '>>'
  /** `||`: OR, or CONCAT under sql_mode PIPES_AS_CONCAT; `&&` arrives as 'and'. */
  | '||';
export interface BinaryExpr {
  kind: 'binary';
  op: BinaryOp;
  left: ExprNode;
  right: ExprNode;
  span?: Span;
}

export interface IsExpr {
  kind: 'is';
  expr: ExprNode;
  not: boolean;
  value: 'null' | 'true' | 'false' | 'unknown';
  span?: Span;
}

export interface InExpr {
  kind: 'in';
  expr: ExprNode;
  not: boolean;
  /** Exactly one of list / query. */
  list?: ExprNode[];
  query?: QueryNode;
  span?: Span;
}

export interface BetweenExpr {
  kind: 'between';
  expr: ExprNode;
  low: ExprNode;
  high: ExprNode;
  not: boolean;
  span?: Span;
}

export interface LikeExpr {
  kind: 'like';
  expr: ExprNode;
  pattern: ExprNode;
  escape?: ExprNode;
  not: boolean;
  span?: Span;
}

export interface RegexpExpr {
  kind: 'regexp';
  expr: ExprNode;
  pattern: ExprNode;
  not: boolean;
  span?: Span;
}

export interface WindowFrameBound {
  type: 'unboundedPreceding' | 'preceding' | 'currentRow' | 'following' | 'unboundedFollowing';
  /** For `N PRECEDING/FOLLOWING` and `INTERVAL n unit PRECEDING`. */
  value?: ExprNode;
  unit?: string;
}

export interface WindowSpec {
  /** `OVER w` or `OVER (w ORDER BY ...)`: the named window this one is based on. */
  ref?: string;
  partitionBy?: ExprNode[];
  orderBy?: OrderItem[];
  frame?: { unit: 'rows' | 'range'; start: WindowFrameBound; end?: WindowFrameBound };
}

/**
 * A function call, aggregate or window function. Special syntaxes are normalized by the parser:
 * `d + INTERVAL 1 DAY` / `DATE_ADD(d, INTERVAL 1 DAY)` → date_add(d, 1, 'DAY') (unit as a string literal),
 * `EXTRACT(YEAR FROM d)` → extract('YEAR', d), `TIMESTAMPDIFF(MONTH, a, b)` → timestampdiff('MONTH', a, b),
 * `TRIM(LEADING x FROM s)` → trim(s, x, 1) (0 both, 1 leading, 2 trailing), `POSITION(a IN b)` → locate(a, b),
 * `SUBSTRING(s FROM p FOR n)` → substring(s, p, n), `CHAR(... USING cs)` → char(..., 'cs'),
 * `CURRENT_TIMESTAMP` without parentheses → current_timestamp(), `x -> '$.a'` → json_extract(x, '$.a'),
 * `x ->> '$.a'` → json_unquote(json_extract(x, '$.a')), `CONVERT(x USING cs)` → convert_using(x, 'cs').
 */
export interface FuncCall {
  kind: 'func';
  /** Lower-case name. */
  name: string;
  /** Qualified calls `db.f()`. */
  db?: string;
  args: ExprNode[];
  /** COUNT(*). */
  star?: boolean;
  distinct?: boolean;
  /** GROUP_CONCAT(... ORDER BY ... SEPARATOR ...). */
  orderBy?: OrderItem[];
  separator?: string;
  /** Window functions and aggregates used as window functions. */
  over?: WindowSpec;
  /** LEAD/LAG/FIRST_VALUE... `IGNORE NULLS` / `RESPECT NULLS`, NTH_VALUE `FROM LAST`. */
  ignoreNulls?: boolean;
  fromLast?: boolean;
  span?: Span;
}

/** A type as written in DDL or CAST. */
export interface TypeSpec {
  /** Upper-case canonical name: INT, TINYINT, BIGINT, DECIMAL, FLOAT, DOUBLE, VARCHAR, CHAR, TEXT, BLOB, DATE,
   * DATETIME, TIMESTAMP, TIME, YEAR, ENUM, SET, JSON, BIT, BINARY, VARBINARY, BOOL → TINYINT(1),
   * INTEGER → INT, NUMERIC/DEC/FIXED → DECIMAL, REAL → DOUBLE, TINYTEXT/MEDIUMTEXT/LONGTEXT, TINYBLOB/..., SIGNED
   * and UNSIGNED (CAST targets, name SIGNED/UNSIGNED), NCHAR → CHAR, NVARCHAR → VARCHAR. */
  name: string;
  /** Display width / length / precision; fsp for DATETIME/TIME/TIMESTAMP. */
  length?: number;
  /** Scale for DECIMAL/FLOAT/DOUBLE. */
  decimals?: number;
  unsigned?: boolean;
  zerofill?: boolean;
  /** CHAR(10) BINARY / VARCHAR ... BINARY attribute (binary collation of the charset). */
  binaryAttr?: boolean;
  charset?: string;
  collate?: string;
  /** ENUM/SET members. */
  elems?: string[];
}

export interface CastExpr {
  kind: 'cast';
  expr: ExprNode;
  target: TypeSpec;
  /** CAST(x AS ... ARRAY) unsupported marker kept for errors. */
  array?: boolean;
  span?: Span;
}

export interface CaseExpr {
  kind: 'case';
  /** CASE operand WHEN ... (simple form). */
  operand?: ExprNode;
  whens: { when: ExprNode; then: ExprNode }[];
  else?: ExprNode;
  span?: Span;
}

export interface SubqueryExpr {
  kind: 'subquery';
  query: QueryNode;
  span?: Span;
}

export interface ExistsExpr {
  kind: 'exists';
  query: QueryNode;
  not: boolean;
  span?: Span;
}

/** `x > ANY (SELECT ...)`, `x = ALL (...)`, `x = SOME (...)`. */
export interface QuantifiedCompare {
  kind: 'quantified';
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  quantifier: 'any' | 'all';
  left: ExprNode;
  query: QueryNode;
  span?: Span;
}

export interface RowExpr {
  kind: 'row';
  items: ExprNode[];
  span?: Span;
}

/** `@x` (user) or `@@[global.|session.|local.]x` (system). */
export interface VariableExpr {
  kind: 'variable';
  name: string;
  system: boolean;
  scope?: 'global' | 'session';
  span?: Span;
}

/** `@x := expr`. */
export interface AssignExpr {
  kind: 'assign';
  name: string;
  value: ExprNode;
  span?: Span;
}

/** `DEFAULT` in VALUES / SET, or `DEFAULT(col)`. */
export interface DefaultExpr {
  kind: 'default';
  column?: ColumnRef;
  span?: Span;
}

/** `VALUES(col)` inside ON DUPLICATE KEY UPDATE. */
export interface ValuesFuncExpr {
  kind: 'values';
  column: ColumnRef;
  span?: Span;
}

export interface CollateExpr {
  kind: 'collate';
  expr: ExprNode;
  collation: string;
  span?: Span;
}

/** `MATCH (cols) AGAINST (...)`: parsed so the planner can report it as unsupported. */
export interface MatchExpr {
  kind: 'match';
  columns: ColumnRef[];
  against: ExprNode;
  span?: Span;
}

export type ExprNode =
  | Literal
  | ParamMarker
  | ColumnRef
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | InExpr
  | BetweenExpr
  | LikeExpr
  | RegexpExpr
  | FuncCall
  | CastExpr
  | CaseExpr
  | SubqueryExpr
  | ExistsExpr
  | QuantifiedCompare
  | RowExpr
  | VariableExpr
  | AssignExpr
  | DefaultExpr
  | ValuesFuncExpr
  | CollateExpr
  | MatchExpr;

// ---------------------------------------------------------------- queries

export interface OrderItem {
  expr: ExprNode;
  desc: boolean;
}

/** An optimizer hint from `/*+ ... *\/`, e.g. `INL_JOIN(t1, t2)` → { name: 'inl_join', args: ['t1', 't2'] }. */
export interface Hint {
  name: string;
  /** Raw argument tokens: table names (with optional `@qb` / `db.`), numbers, or a `var=value` for SET_VAR. */
  args: string[];
  /** Query block name given as `@qb` before the arguments. */
  queryBlock?: string;
}

export interface SelectField {
  /** Undefined for `*` / `t.*`. */
  expr?: ExprNode;
  /** `*` or `t.*`: the qualifier. */
  star?: { db?: string; table?: string };
  alias?: string;
  /** The field's source text, which MySQL uses as the column name when there is no alias. */
  text: string;
}

export interface TableName {
  kind: 'table';
  db?: string;
  name: string;
  alias?: string;
  /** `t PARTITION (p0, p1)`. */
  partitions?: string[];
  indexHints?: { type: 'use' | 'force' | 'ignore'; scope?: 'join' | 'order' | 'group'; indexes: string[] }[];
  /** `AS OF TIMESTAMP expr` (stale read). */
  asOf?: ExprNode;
  span?: Span;
}

export interface DerivedTable {
  kind: 'derived';
  query: QueryNode;
  alias: string;
  columns?: string[];
  lateral?: boolean;
}

export interface JoinNode {
  kind: 'join';
  type: 'inner' | 'left' | 'right' | 'cross';
  natural: boolean;
  /** STRAIGHT_JOIN. */
  straight: boolean;
  left: TableRef;
  right: TableRef;
  on?: ExprNode;
  using?: string[];
}

export type TableRef = TableName | DerivedTable | JoinNode;

export interface CommonTableExpr {
  name: string;
  columns?: string[];
  query: QueryNode;
}

export interface WithClause {
  recursive: boolean;
  ctes: CommonTableExpr[];
}

export interface Limit {
  count: ExprNode;
  offset?: ExprNode;
}

export interface SelectStmt {
  kind: 'select';
  with?: WithClause;
  hints: Hint[];
  distinct: boolean;
  /** SQL_CALC_FOUND_ROWS, STRAIGHT_JOIN, SQL_NO_CACHE, HIGH_PRIORITY... as lower-case words. */
  options: string[];
  fields: SelectField[];
  from?: TableRef;
  where?: ExprNode;
  groupBy?: { items: OrderItem[]; rollup: boolean };
  having?: ExprNode;
  windows?: { name: string; spec: WindowSpec }[];
  orderBy?: OrderItem[];
  limit?: Limit;
  lock?: { mode: 'update' | 'share'; noWait: boolean; skipLocked: boolean; tables?: TableName[] };
  /** `SELECT ... INTO @a, @b`. */
  into?: string[];
  span?: Span;
}

export interface SetOpStmt {
  kind: 'setop';
  with?: WithClause;
  op: 'union' | 'intersect' | 'except';
  /** UNION ALL vs UNION [DISTINCT]. */
  all: boolean;
  left: QueryNode;
  right: QueryNode;
  orderBy?: OrderItem[];
  limit?: Limit;
  span?: Span;
}

/** `VALUES ROW(1, 2), ROW(3, 4)` or `TABLE t` as a query. */
export interface ValuesStmt {
  kind: 'valuesQuery';
  rows: ExprNode[][];
  orderBy?: OrderItem[];
  limit?: Limit;
}

export type QueryNode = SelectStmt | SetOpStmt | ValuesStmt;

// ---------------------------------------------------------------- DML

export interface Assignment {
  column: ColumnRef;
  value: ExprNode;
}

export interface InsertStmt {
  kind: 'insert';
  /** REPLACE INTO. */
  replace: boolean;
  ignore: boolean;
  hints: Hint[];
  table: TableName;
  columns?: string[];
  /** VALUES rows (DEFAULT arrives as DefaultExpr); exactly one of values / query / set. */
  values?: ExprNode[][];
  query?: QueryNode;
  set?: Assignment[];
  onDuplicate?: Assignment[];
}

export interface UpdateStmt {
  kind: 'update';
  ignore: boolean;
  hints: Hint[];
  with?: WithClause;
  table: TableRef;
  set: Assignment[];
  where?: ExprNode;
  orderBy?: OrderItem[];
  limit?: Limit;
}

export interface DeleteStmt {
  kind: 'delete';
  ignore: boolean;
  quick: boolean;
  hints: Hint[];
  with?: WithClause;
  /** Single-table: a TableName; multi-table: the join in FROM/USING. */
  from: TableRef;
  /** Multi-table delete: the tables rows are deleted from (names or aliases). */
  targets?: TableName[];
  where?: ExprNode;
  orderBy?: OrderItem[];
  limit?: Limit;
}

// ---------------------------------------------------------------- DDL

export interface ColumnDef {
  name: string;
  type: TypeSpec;
  /** true: NOT NULL, false: NULL, undefined: not said. */
  notNull?: boolean;
  default?: ExprNode;
  onUpdate?: ExprNode;
  autoIncrement: boolean;
  autoRandom?: number;
  primaryKey: boolean;
  /** PRIMARY KEY CLUSTERED / NONCLUSTERED. */
  clustered?: boolean;
  unique: boolean;
  comment?: string;
  collate?: string;
  generated?: { expr: ExprNode; stored: boolean; text: string };
  check?: ExprNode;
  references?: { table: TableName; columns: string[] };
  /** The default's source text, for SHOW CREATE TABLE. */
  defaultText?: string;
}

export interface IndexPart {
  column?: string;
  /** Functional key part `((expr))`. */
  expr?: ExprNode;
  length?: number;
  desc: boolean;
}

export interface Constraint {
  type: 'primary' | 'unique' | 'index' | 'fulltext' | 'foreign' | 'check';
  name?: string;
  parts: IndexPart[];
  clustered?: boolean;
  indexType?: string;
  comment?: string;
  invisible?: boolean;
  references?: { table: TableName; columns: string[]; onDelete?: string; onUpdate?: string };
  check?: ExprNode;
}

export interface TableOption {
  /** Lower-case option name: engine, charset, collate, comment, auto_increment, shard_row_id_bits, ... */
  name: string;
  value: string;
}

export interface PartitionDef {
  name: string;
  /** VALUES LESS THAN (...): one entry per column; MAXVALUE as the string 'MAXVALUE'. */
  lessThan?: (ExprNode | 'MAXVALUE')[];
  /** VALUES IN (...): one tuple per value (single-column lists give 1-element tuples). */
  inValues?: ExprNode[][];
  /** VALUES IN (DEFAULT) / PARTITION p DEFAULT. */
  isDefault?: boolean;
  comment?: string;
  options: TableOption[];
  /** Source texts of lessThan / inValues items, for the catalog and SHOW CREATE TABLE. */
  lessThanText?: string[];
  inValuesText?: string[][];
}

export interface PartitionOptions {
  type: 'range' | 'list' | 'hash' | 'key';
  /** RANGE COLUMNS / LIST COLUMNS. */
  columnsForm: boolean;
  linear: boolean;
  /** The partition expression for RANGE/LIST/HASH, with its source text. */
  expr?: ExprNode;
  exprText?: string;
  /** RANGE COLUMNS/LIST COLUMNS/KEY columns. */
  columns?: string[];
  /** KEY ALGORITHM=n. */
  algorithm?: number;
  /** PARTITIONS n. */
  count?: number;
  definitions: PartitionDef[];
  /** TiDB's RANGE INTERVAL syntax. */
  interval?: {
    expr: ExprNode;
    unit?: string;
    first: ExprNode;
    last: ExprNode;
    nullPartition: boolean;
    maxValuePartition: boolean;
  };
  subpartition?: { type: 'hash' | 'key'; count?: number };
}

export interface CreateTableStmt {
  kind: 'createTable';
  table: TableName;
  ifNotExists: boolean;
  temporary: boolean;
  columns: ColumnDef[];
  constraints: Constraint[];
  options: TableOption[];
  partition?: PartitionOptions;
  like?: TableName;
  query?: QueryNode;
}

export type ColumnPosition = { first: true } | { after: string };

export type AlterSpec =
  | { type: 'addColumn'; columns: ColumnDef[]; position?: ColumnPosition; ifNotExists?: boolean }
  | { type: 'dropColumn'; name: string; ifExists?: boolean }
  | { type: 'modifyColumn'; column: ColumnDef; position?: ColumnPosition }
  | { type: 'changeColumn'; oldName: string; column: ColumnDef; position?: ColumnPosition }
  | { type: 'renameColumn'; oldName: string; newName: string }
  | { type: 'alterColumnDefault'; name: string; default?: ExprNode }
  | { type: 'addConstraint'; constraint: Constraint; ifNotExists?: boolean }
  | { type: 'dropIndex'; name: string; ifExists?: boolean }
  | { type: 'dropPrimaryKey' }
  | { type: 'dropForeignKey'; name: string }
  | { type: 'dropCheck'; name: string }
  | { type: 'renameIndex'; oldName: string; newName: string }
  | { type: 'renameTable'; to: TableName }
  | { type: 'options'; options: TableOption[] }
  /** `intervalLessThan`: TiDB's `LAST PARTITION LESS THAN (x)` (add) / `FIRST PARTITION LESS THAN (x)` (drop). */
  | { type: 'addPartition'; definitions: PartitionDef[]; count?: number; intervalLessThan?: ExprNode }
  | { type: 'dropPartition'; names: string[]; ifExists?: boolean; intervalLessThan?: ExprNode }
  | { type: 'truncatePartition'; names: string[]; all: boolean }
  | { type: 'coalescePartition'; count: number }
  | { type: 'reorganizePartition'; names: string[]; definitions: PartitionDef[] }
  | { type: 'exchangePartition'; name: string; table: TableName; validation: boolean }
  | { type: 'partitionBy'; partition: PartitionOptions }
  | { type: 'removePartitioning' }
  | { type: 'alterIndexVisibility'; name: string; visible: boolean }
  | { type: 'convertCharset'; charset: string; collate?: string };

export interface AlterTableStmt {
  kind: 'alterTable';
  table: TableName;
  specs: AlterSpec[];
}

export interface CreateIndexStmt {
  kind: 'createIndex';
  name: string;
  table: TableName;
  parts: IndexPart[];
  unique: boolean;
  ifNotExists: boolean;
  indexType?: string;
  comment?: string;
}

export interface DropIndexStmt {
  kind: 'dropIndex';
  name: string;
  table: TableName;
  ifExists: boolean;
}

export interface CreateDatabaseStmt {
  kind: 'createDatabase';
  name: string;
  ifNotExists: boolean;
  options: TableOption[];
}

export interface DropDatabaseStmt {
  kind: 'dropDatabase';
  name: string;
  ifExists: boolean;
}

export interface DropTableStmt {
  kind: 'dropTable';
  tables: TableName[];
  ifExists: boolean;
  temporary: boolean;
}

export interface TruncateTableStmt {
  kind: 'truncateTable';
  table: TableName;
}

export interface RenameTableStmt {
  kind: 'renameTable';
  pairs: { from: TableName; to: TableName }[];
}

export interface CreateViewStmt {
  kind: 'createView';
  name: TableName;
  orReplace: boolean;
  columns?: string[];
  query: QueryNode;
  /** The query's source text, stored in the catalog. */
  queryText: string;
  algorithm?: string;
  definer?: string;
  security?: string;
  checkOption?: string;
}

export interface DropViewStmt {
  kind: 'dropView';
  names: TableName[];
  ifExists: boolean;
}

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
  | 'config'
  | 'builtins'
  | 'placement';

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
