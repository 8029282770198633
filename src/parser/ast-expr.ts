// The AST: expressions (the node types every other part of the AST uses).
import type { OrderItem, QueryNode } from './ast-query.js';

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
}

export interface ParamMarker {
  kind: 'param';
  /** 0-based position among the statement's `?` markers. */
  index: number;
}

export interface ColumnRef {
  kind: 'column';
  db?: string;
  table?: string;
  column: string;
}

export type UnaryOp = '-' | '+' | '!' | '~' | 'not' | 'binary';
export interface UnaryExpr {
  kind: 'unary';
  op: UnaryOp;
  operand: ExprNode;
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
}

export interface IsExpr {
  kind: 'is';
  expr: ExprNode;
  not: boolean;
  value: 'null' | 'true' | 'false' | 'unknown';
}

export interface InExpr {
  kind: 'in';
  expr: ExprNode;
  not: boolean;
  /** Exactly one of list / query. */
  list?: ExprNode[];
  query?: QueryNode;
}

export interface BetweenExpr {
  kind: 'between';
  expr: ExprNode;
  low: ExprNode;
  high: ExprNode;
  not: boolean;
}

export interface LikeExpr {
  kind: 'like';
  expr: ExprNode;
  pattern: ExprNode;
  escape?: ExprNode;
  not: boolean;
}

export interface RegexpExpr {
  kind: 'regexp';
  expr: ExprNode;
  pattern: ExprNode;
  not: boolean;
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
}

export interface CaseExpr {
  kind: 'case';
  /** CASE operand WHEN ... (simple form). */
  operand?: ExprNode;
  whens: { when: ExprNode; then: ExprNode }[];
  else?: ExprNode;
}

export interface SubqueryExpr {
  kind: 'subquery';
  query: QueryNode;
}

export interface ExistsExpr {
  kind: 'exists';
  query: QueryNode;
  not: boolean;
}

/** `x > ANY (SELECT ...)`, `x = ALL (...)`, `x = SOME (...)`. */
export interface QuantifiedCompare {
  kind: 'quantified';
  op: '=' | '!=' | '<' | '<=' | '>' | '>=';
  quantifier: 'any' | 'all';
  left: ExprNode;
  query: QueryNode;
}

export interface RowExpr {
  kind: 'row';
  items: ExprNode[];
}

/** `@x` (user) or `@@[global.|session.|local.]x` (system). */
export interface VariableExpr {
  kind: 'variable';
  name: string;
  system: boolean;
  scope?: 'global' | 'session';
}

/** `@x := expr`. */
export interface AssignExpr {
  kind: 'assign';
  name: string;
  value: ExprNode;
}

/** `DEFAULT` in VALUES / SET, or `DEFAULT(col)`. */
export interface DefaultExpr {
  kind: 'default';
  column?: ColumnRef;
}

/** `VALUES(col)` inside ON DUPLICATE KEY UPDATE. */
export interface ValuesFuncExpr {
  kind: 'values';
  column: ColumnRef;
}

export interface CollateExpr {
  kind: 'collate';
  expr: ExprNode;
  collation: string;
}

/** `MATCH (cols) AGAINST (...)`: parsed so the planner can report it as unsupported. */
export interface MatchExpr {
  kind: 'match';
  columns: ColumnRef[];
  against: ExprNode;
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
