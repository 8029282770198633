// The AST: DDL statements (tables, indexes, databases, views, partitioning).
import type { ExprNode, TypeSpec } from './ast-expr.js';
import type { QueryNode, TableName } from './ast-query.js';

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
  /** Column-level CHECK constraints, in definition order. */
  checks?: CheckDef[];
  references?: { table: TableName; columns: string[] };
  /** The default's source text, for SHOW CREATE TABLE. */
  defaultText?: string;
}

/** `[CONSTRAINT [name]] CHECK (expr) [[NOT] ENFORCED]`. */
export interface CheckDef {
  name?: string;
  expr: ExprNode;
  enforced: boolean;
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
  /** GLOBAL (true) or LOCAL (false) index option. */
  global?: boolean;
  references?: { table: TableName; columns: string[]; onDelete?: string; onUpdate?: string };
  check?: ExprNode;
  /** CHECK: false for NOT ENFORCED. */
  enforced?: boolean;
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
  /** `PARTITION p HISTORY | CURRENT`: system-versioning values (MariaDB's SYSTEM_TIME partitioning). */
  systemTime?: 'HISTORY' | 'CURRENT';
  /** Where DEFAULT stands among the IN values: the number of tuples before it. */
  defaultAt?: number;
  comment?: string;
  options: TableOption[];
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
  /** TiDB's GLOBAL TEMPORARY: a shared definition, rows private to each transaction. */
  globalTemporary?: boolean;
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
  | { type: 'alterCheck'; name: string; enforced: boolean }
  | { type: 'renameIndex'; oldName: string; newName: string }
  | { type: 'renameTable'; to: TableName }
  | { type: 'options'; options: TableOption[] }
  /** `PARTITION p options`: a partition's placement policy. */
  | { type: 'partitionOptions'; name: string; options: TableOption[] }
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
  | { type: 'convertCharset'; charset: string; collate?: string }
  /** A specification TiDB parses and refuses: 8200 `Unsupported <what>`. */
  | { type: 'unsupported'; what: string };

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
  global?: boolean;
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

/** ALTER DATABASE [name] options; no name: the current database. */
export interface AlterDatabaseStmt {
  kind: 'alterDatabase';
  name?: string;
  options: TableOption[];
}

/** A placement option: `FOLLOWERS=3` (a count) or `PRIMARY_REGION="r1"` (a string); name in upper case. */
export interface PlacementOption {
  name: string;
  value: string | number;
}

export interface CreatePlacementPolicyStmt {
  kind: 'createPlacementPolicy';
  name: string;
  ifNotExists: boolean;
  orReplace: boolean;
  options: PlacementOption[];
}

/** ALTER PLACEMENT POLICY: the options replace all the policy's options. */
export interface AlterPlacementPolicyStmt {
  kind: 'alterPlacementPolicy';
  name: string;
  ifExists: boolean;
  options: PlacementOption[];
}

export interface DropPlacementPolicyStmt {
  kind: 'dropPlacementPolicy';
  name: string;
  ifExists: boolean;
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
