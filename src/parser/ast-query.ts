// The AST: queries (SELECT, set operations, VALUES) and table references.
import type { ExprNode, WindowSpec } from './ast-expr.js';

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
}

/** `VALUES ROW(1, 2), ROW(3, 4)` or `TABLE t` as a query. */
export interface ValuesStmt {
  kind: 'valuesQuery';
  rows: ExprNode[][];
  orderBy?: OrderItem[];
  limit?: Limit;
}

export type QueryNode = SelectStmt | SetOpStmt | ValuesStmt;
