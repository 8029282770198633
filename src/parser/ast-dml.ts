// The AST: INSERT, UPDATE, DELETE.
import type { ColumnRef, ExprNode } from './ast-expr.js';
import type { Hint, Limit, OrderItem, QueryNode, TableName, TableRef, WithClause } from './ast-query.js';

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
