// Schema objects as stored in the catalog (TiDB's model package). Plain data, JSON-serializable,
// and never mutated once published in a schema version: DDL builds new objects.
import type { FieldType } from '../types/field-type.js';

export type SchemaState = 'public' | 'writeOnly' | 'deleteOnly' | 'none';

/** A column default as written in DDL: a literal (kept as the text SHOW CREATE TABLE prints) or an expression. */
export type DefaultValue =
  | { kind: 'null' }
  | { kind: 'literal'; text: string }
  /** CURRENT_TIMESTAMP[(fsp)] and other expression defaults, e.g. (uuid()). */
  | { kind: 'expr'; expr: string };

export interface ColumnInfo {
  id: number;
  name: string;
  offset: number;
  type: FieldType;
  default?: DefaultValue;
  /** The default used to fill rows written before the column existed (ADD COLUMN). */
  originDefault?: DefaultValue;
  autoIncrement: boolean;
  autoRandomBits?: number;
  /** ON UPDATE CURRENT_TIMESTAMP. */
  onUpdateNow: boolean;
  generated?: { expr: string; stored: boolean };
  comment: string;
  state: SchemaState;
  hidden?: boolean;
}

export interface IndexColumnInfo {
  name: string;
  offset: number;
  /** Prefix length in characters; -1 for the whole value. */
  length: number;
  desc?: boolean;
}

export interface IndexInfo {
  id: number;
  name: string;
  columns: IndexColumnInfo[];
  unique: boolean;
  primary: boolean;
  comment: string;
  visible: boolean;
  indexType: string;
  state: SchemaState;
  /**
   * A global index of a partitioned table: one index over every partition, its entries under the
   * table's own id with each row's partition id in the value (uniqueness across partitions).
   */
  global?: boolean;
  /**
   * Entries carry what their key cannot give back of string columns (trailing spaces under a PAD SPACE
   * binary collation, the original under a case-insensitive one), so the index covers them. Set on
   * indexes created since; older entries have no such data.
   */
  restoreData?: boolean;
}

export interface PartitionDefinition {
  /** Physical table id: each partition has its own key range. */
  id: number;
  name: string;
  /** RANGE: one bound per partitioning column, as expression text, or 'MAXVALUE'. */
  lessThan?: string[];
  /** LIST: the tuples (one value per column) as expression text; `DEFAULT` partitions have isDefault. */
  inValues?: string[][];
  isDefault?: boolean;
  /** Where DEFAULT was written among the IN values (the number of tuples before it); absent: last. */
  defaultAt?: number;
  comment?: string;
  placementPolicy?: string;
}

export type PartitionType = 'RANGE' | 'LIST' | 'HASH' | 'KEY';

export interface PartitionInfo {
  type: PartitionType;
  /** Partition expression text (RANGE/LIST/HASH), restored in TiDB's form. */
  expr?: string;
  /** RANGE COLUMNS / LIST COLUMNS / KEY column names. */
  columns?: string[];
  linear?: boolean;
  keyAlgorithm?: number;
  num: number;
  definitions: PartitionDefinition[];
}

export interface ViewInfo {
  select: string;
  columns: string[];
  algorithm: string;
  definer: string;
  security: string;
  checkOption: string;
}

/** A CHECK constraint as stored with its table (tidb_enable_check_constraint = ON). */
export interface CheckConstraintInfo {
  name: string;
  /** The condition restored in TiDB's form, without the outer parentheses SHOW CREATE TABLE adds. */
  expr: string;
  enforced: boolean;
  /** Lower-case names of the columns the condition reads. */
  columns: string[];
}

export interface TableInfo {
  id: number;
  name: string;
  /** A local temporary table (CREATE TEMPORARY TABLE): one session's, never in the catalog. */
  temporary?: boolean;
  charset: string;
  collate: string;
  comment: string;
  columns: ColumnInfo[];
  indices: IndexInfo[];
  /** The integer primary key is the row handle (clustered). */
  pkIsHandle: boolean;
  /** A non-integer or composite primary key is the row handle (clustered index). */
  isCommonHandle: boolean;
  /** AUTO_INCREMENT=N table option: the first value handed out. */
  autoIncrementStart?: number;
  autoIdCache?: number;
  shardRowIdBits?: number;
  preSplitRegions?: number;
  partition?: PartitionInfo;
  view?: ViewInfo;
  maxColumnId: number;
  maxIndexId: number;
  /** Milliseconds since the epoch. */
  createTime: number;
  updateTime: number;
  /** Other table options kept verbatim for SHOW CREATE TABLE (ROW_FORMAT, ...). */
  options?: Record<string, string>;
  /** CHECK constraints in definition order (table-level first, then column-level, then added ones). */
  checks?: CheckConstraintInfo[];
  /** PLACEMENT POLICY=p: stored and shown only (one node places nothing). */
  placementPolicy?: string;
}

export interface DBInfo {
  id: number;
  name: string;
  charset: string;
  collate: string;
  /** The database's default placement policy: tables created in it without one take it. */
  placementPolicy?: string;
}

/** A placement policy's options as given (TiDB's PlacementSettings): strings, or counts for the replica numbers. */
export interface PlacementSettings {
  primaryRegion?: string;
  regions?: string;
  schedule?: string;
  constraints?: string;
  leaderConstraints?: string;
  voters?: number;
  voterConstraints?: string;
  followers?: number;
  followerConstraints?: string;
  learners?: number;
  learnerConstraints?: string;
  survivalPreferences?: string;
}

/** CREATE PLACEMENT POLICY: a named set of placement options, kept as metadata. */
export interface PolicyInfo {
  id: number;
  name: string;
  settings: PlacementSettings;
}

export function publicColumns(t: TableInfo): ColumnInfo[] {
  return t.columns.filter((c) => c.state === 'public' && !c.hidden);
}

export function primaryIndex(t: TableInfo): IndexInfo | undefined {
  return t.indices.find((i) => i.primary);
}

/** Columns of the clustered integer primary key, when the PK is the row handle. */
export function pkHandleColumn(t: TableInfo): ColumnInfo | undefined {
  if (!t.pkIsHandle) return undefined;
  const pk = primaryIndex(t);
  if (pk) return t.columns[pk.columns[0]!.offset];
  return undefined;
}

export function findIndex(t: TableInfo, name: string): IndexInfo | undefined {
  const lower = name.toLowerCase();
  return t.indices.find((i) => i.name.toLowerCase() === lower);
}

export function findPartition(t: TableInfo, name: string): PartitionDefinition | undefined {
  const lower = name.toLowerCase();
  return t.partition?.definitions.find((p) => p.name.toLowerCase() === lower);
}

/** Physical ids of a table: its partitions' ids, or its own id. */
export function physicalIds(t: TableInfo): number[] {
  return t.partition ? t.partition.definitions.map((d) => d.id) : [t.id];
}

/** Every id whose key range holds data of the table: its physical tables, and a partitioned table's global indexes. */
export function storedIds(t: TableInfo): number[] {
  return t.partition ? [t.id, ...physicalIds(t)] : [t.id];
}
