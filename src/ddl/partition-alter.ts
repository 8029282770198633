// ALTER TABLE partition management: ADD / DROP / TRUNCATE / COALESCE / REORGANIZE / EXCHANGE
// PARTITION, PARTITION BY (repartitioning) and REMOVE PARTITIONING. Each statement is one DDL
// transaction: the new TableInfo and all data moves commit together, or nothing does.
import type { InfoSchema } from '../catalog/infoschema.js';
import type { MetaWriter } from '../catalog/meta.js';
import { type PartitionDefinition, physicalIds, type TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Transaction } from '../kv/kv.js';
import type { AlterSpec, ExprNode, PartitionDef } from '../parser/ast.js';
import { allocatorFor } from '../table/auto-id.js';
import { type DdlContext, type DdlResult, draftOf, requireTable, runSchemaChange } from './context.js';
import { resolvePlacementRefs } from './placement.js';
import {
  assignIds,
  buildPartitionInfo,
  checkDefinitions,
  checkUniqueKeys,
  envOf,
  hashDefs,
  MAX_PARTITIONS,
  rangeListDefs,
} from './partition-build.js';
import { deletePartitionData, moveRows } from './partition-data.js';
import { exchangePartition } from './partition-exchange.js';
import { firstPartitionDrops, lastPartitionDefs } from './partition-interval.js';

export type PartitionSpec = Extract<
  AlterSpec,
  {
    type:
      | 'addPartition'
      | 'dropPartition'
      | 'truncatePartition'
      | 'coalescePartition'
      | 'reorganizePartition'
      | 'exchangePartition'
      | 'partitionBy'
      | 'removePartitioning';
  }
>;

const PARTITION_SPECS = new Set<string>([
  'addPartition',
  'dropPartition',
  'truncatePartition',
  'coalescePartition',
  'reorganizePartition',
  'exchangePartition',
  'partitionBy',
  'removePartitioning',
]);

export function isPartitionSpec(spec: AlterSpec): spec is PartitionSpec {
  return PARTITION_SPECS.has(spec.type);
}

interface OpState {
  ctx: DdlContext;
  txn: Transaction;
  meta: MetaWriter;
  is: InfoSchema;
  dbName: string;
  old: TableInfo;
  t: TableInfo;
  /** Extra tables changed by the statement (EXCHANGE PARTITION). */
  others: TableInfo[];
  afterCommit: (() => Promise<void>)[];
}

function partitioned(t: TableInfo): NonNullable<TableInfo['partition']> {
  if (!t.partition) throw sqlError(ER.PARTITION_MGMT_ON_NONPARTITIONED);
  return t.partition;
}

function defIndex(defs: readonly PartitionDefinition[], name: string): number {
  return defs.findIndex((d) => d.name.toLowerCase() === name.toLowerCase());
}

/** Runs one partition management spec on table dbName.tableName. */
export function alterPartition(
  ctx: DdlContext,
  dbName: string,
  tableName: string,
  spec: PartitionSpec,
): Promise<DdlResult> {
  return runSchemaChange(ctx, async (txn, meta, is) => {
    const { db, table } = requireTable(is, dbName, tableName);
    const s: OpState = {
      ctx,
      txn,
      meta,
      is,
      dbName: db.name,
      old: table,
      t: draftOf(table),
      others: [],
      afterCommit: [],
    };
    await applyPartitionSpec(s, spec);
    const notice = statisticsNotice(spec, s.old);
    if (notice) ctx.warnings.push({ level: 'Warning', code: ER.UNKNOWN.code, message: notice });
    s.t.updateTime = Date.now();
    resolvePlacementRefs(is, s.t);
    meta.putTable(db.id, s.t);
    for (const o of s.others) meta.putTable(db.id, o);
    const afterCommit = s.afterCommit;
    return {
      change: { putTables: [s.t, ...s.others].map((table) => ({ dbName: db.name, table })) },
      afterCommit: async () => {
        for (const f of afterCommit) await f();
      },
    };
  });
}

const RELATED_OUTDATED =
  "The statistics of related partitions will be outdated after reorganizing partitions. Please use 'ANALYZE TABLE' statement if you want to update it now";

/** TiDB's reminder that statistics no longer describe the moved rows, for the specs that move them. */
function statisticsNotice(spec: PartitionSpec, old: TableInfo): string | undefined {
  const hashLike = old.partition?.type === 'HASH' || old.partition?.type === 'KEY';
  switch (spec.type) {
    case 'reorganizePartition':
      return RELATED_OUTDATED;
    case 'addPartition':
    case 'coalescePartition':
      // HASH and KEY tables redistribute every row among the new number of partitions.
      return hashLike ? RELATED_OUTDATED : undefined;
    case 'partitionBy':
      return "The statistics of new partitions will be outdated after reorganizing partitions. Please use 'ANALYZE TABLE' statement if you want to update it now";
    case 'exchangePartition':
      return 'after the exchange, please analyze related table of the exchange to update statistics';
    default:
      return undefined;
  }
}

async function applyPartitionSpec(s: OpState, spec: PartitionSpec): Promise<void> {
  switch (spec.type) {
    case 'addPartition':
      return addPartition(s, spec.definitions, spec.count, spec.intervalLessThan);
    case 'dropPartition': {
      const pi = partitioned(s.t);
      const names = spec.intervalLessThan
        ? firstPartitionDrops(envOf(s.t, pi, s.ctx), spec.intervalLessThan)
        : spec.names;
      return dropPartitions(s, names);
    }
    case 'truncatePartition':
      return truncatePartitions(s, spec.all, spec.names);
    case 'coalescePartition':
      return coalesce(s, spec.count);
    case 'reorganizePartition':
      return reorganize(s, spec.names, spec.definitions);
    case 'exchangePartition':
      partitioned(s.t);
      return exchangePartition(s, spec.name, spec.table, spec.validation);
    case 'partitionBy': {
      const info = await buildPartitionInfo(spec.partition, s.t, s.ctx, s.meta);
      s.t.partition = info;
      await moveRows(s.txn, s.ctx, s.old, physicalIds(s.old), s.t);
      return;
    }
    case 'removePartitioning':
      partitioned(s.t);
      delete s.t.partition;
      // One table has no partitions to span: its global indexes become ordinary ones.
      for (const idx of s.t.indices) delete idx.global;
      await moveRows(s.txn, s.ctx, s.old, physicalIds(s.old), s.t);
      return;
  }
}

async function addPartition(
  s: OpState,
  defs: readonly PartitionDef[],
  count: number | undefined,
  intervalLessThan: ExprNode | undefined,
): Promise<void> {
  const pi = partitioned(s.t);
  const env = envOf(s.t, pi, s.ctx);
  if (pi.type === 'HASH' || pi.type === 'KEY') {
    if (intervalLessThan) throw sqlError(ER.UNSUPPORTED_TYPE, 'LAST PARTITION of HASH/KEY partitioned table');
    const added = count ?? defs.length;
    if (added === 0) throw sqlError(ER.ADD_PARTITION_NO_NEW_PARTITION);
    if (pi.definitions.length + added > MAX_PARTITIONS) throw sqlError(ER.TOO_MANY_PARTITIONS_ERROR);
    const all = hashDefs(pi.definitions, defs, pi.definitions.length + added);
    return rehash(s, all);
  }
  const newDefs = intervalLessThan
    ? rangeListDefs(env, lastPartitionDefs(env, intervalLessThan))
    : rangeListDefs(env, defs);
  if (newDefs.length === 0) throw sqlError(ER.PARTITIONS_MUST_BE_DEFINED_ERROR, pi.type);
  if (pi.type === 'LIST' && pi.definitions.some((d) => d.isDefault))
    throw sqlError(
      ER.UNSUPPORTED_TYPE,
      'ADD List partition, already contains DEFAULT partition. Please use REORGANIZE PARTITION instead',
    );
  const all = [...pi.definitions, ...newDefs];
  checkDefinitions(envOf(s.t, { ...pi, definitions: all }, s.ctx), all);
  await assignIds(newDefs, s.meta);
  pi.definitions = all;
  pi.num = all.length;
}

/** Replaces every partition of a HASH/KEY table by `defs` (new ids) and re-hashes all rows. */
async function rehash(s: OpState, defs: PartitionDefinition[]): Promise<void> {
  const pi = partitioned(s.t);
  checkDefinitions(envOf(s.t, { ...pi, definitions: defs }, s.ctx), defs);
  await assignIds(defs, s.meta);
  pi.definitions = defs;
  pi.num = defs.length;
  await moveRows(s.txn, s.ctx, s.old, physicalIds(s.old), s.t);
}

async function dropPartitions(s: OpState, names: readonly string[]): Promise<void> {
  const pi = partitioned(s.t);
  if (pi.type !== 'RANGE' && pi.type !== 'LIST') throw sqlError(ER.ONLY_ON_RANGE_LIST_PARTITION, 'DROP');
  if (pi.definitions.length <= names.length) throw sqlError(ER.DROP_LAST_PARTITION);
  const drop = new Set<number>();
  for (const n of names) {
    const i = defIndex(pi.definitions, n);
    if (i < 0 || drop.has(i)) throw sqlError(ER.DROP_PARTITION_NON_EXISTENT, 'DROP');
    drop.add(i);
  }
  for (const i of drop) await deletePartitionData(s.txn, s.old, pi.definitions[i]!.id);
  pi.definitions = pi.definitions.filter((_, i) => !drop.has(i));
  pi.num = pi.definitions.length;
}

async function truncatePartitions(s: OpState, all: boolean, names: readonly string[]): Promise<void> {
  const pi = partitioned(s.t);
  const targets = all
    ? pi.definitions
    : names.map((n) => {
        const i = defIndex(pi.definitions, n);
        if (i < 0) throw sqlError(ER.UNKNOWN_PARTITION, n, s.t.name);
        return pi.definitions[i]!;
      });
  const unique = [...new Set(targets)];
  for (const d of unique) await deletePartitionData(s.txn, s.old, d.id);
  const ids = await s.meta.allocGlobalIds(unique.length);
  unique.forEach((d, i) => {
    d.id = ids[i]!;
  });
}

async function coalesce(s: OpState, n: number): Promise<void> {
  const pi = partitioned(s.t);
  if (pi.type !== 'HASH' && pi.type !== 'KEY') throw sqlError(ER.COALESCE_ONLY_ON_HASH_PARTITION);
  if (n === 0) throw sqlError(ER.COALESCE_PARTITION_NO_PARTITION);
  if (n >= pi.definitions.length) throw sqlError(ER.DROP_LAST_PARTITION);
  const keep = pi.definitions.slice(0, pi.definitions.length - n).map((d) => ({ ...d, id: 0 }));
  await rehash(s, keep);
}

async function reorganize(s: OpState, names: readonly string[], defs: readonly PartitionDef[]): Promise<void> {
  const pi = partitioned(s.t);
  // HASH and KEY tables change their partitions by ADD / COALESCE PARTITION only, as in TiDB.
  if (pi.type === 'HASH' || pi.type === 'KEY') throw sqlError(ER.UNSUPPORTED_TYPE, 'reorganize partition');
  const idxs = names.map((n) => {
    const i = defIndex(pi.definitions, n);
    if (i < 0) throw sqlError(ER.DROP_PARTITION_NON_EXISTENT, 'REORGANIZE');
    return i;
  });
  if (new Set(idxs).size !== idxs.length) throw sqlError(ER.DROP_PARTITION_NON_EXISTENT, 'REORGANIZE');
  const sorted = [...idxs].sort((a, b) => a - b);
  const first = sorted[0]!;
  const last = sorted.at(-1)!;
  if (pi.type === 'RANGE' && last - first + 1 !== idxs.length) throw sqlError(ER.CONSECUTIVE_REORG_PARTITIONS);
  const env = envOf(s.t, pi, s.ctx);
  const newDefs = rangeListDefs(env, defs);
  const old = pi.definitions;
  const all =
    pi.type === 'RANGE'
      ? [...old.slice(0, first), ...newDefs, ...old.slice(last + 1)]
      : [
          ...old.slice(0, first).filter((_, i) => !idxs.includes(i)),
          ...newDefs,
          ...old.filter((_, i) => i > first && !idxs.includes(i)),
        ];
  checkDefinitions(envOf(s.t, { ...pi, definitions: all }, s.ctx), all);
  // Reorganized ranges before the last partition must end where the old ones did: TiDB reports the
  // gap or overlap as a bound that is not increasing (1493), where MySQL says 1520.
  if (pi.type === 'RANGE' && last < old.length - 1) {
    const same = old[last]!.lessThan!.join(',') === newDefs.at(-1)!.lessThan!.join(',');
    if (!same) throw sqlError(ER.RANGE_NOT_INCREASING_ERROR);
  }
  await assignIds(newDefs, s.meta);
  pi.definitions = all;
  pi.num = all.length;
  checkUniqueKeys(s.t, pi);
  const from = idxs.map((i) => old[i]!.id);
  await moveRows(s.txn, s.ctx, s.old, from, s.t, new Set(newDefs.map((d) => d.id)));
}

/** Rebases a table's row id allocator after rows with explicit handles were moved into it. */
export function rebaseAfter(s: OpState, tableId: number, maxHandle: bigint): void {
  if (maxHandle <= 0n) return;
  s.afterCommit.push(() => allocatorFor(s.ctx.storage, tableId).rebase(maxHandle));
}

export type { OpState };
