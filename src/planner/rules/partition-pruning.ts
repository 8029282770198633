// Partition pruning (after predicate push-down, before access paths): each partitioned data
// source keeps only the partitions its conditions admit. Dynamic prune mode records the list on
// the data source (one reader over `partition:p0,p1`); static mode expands the data source into a
// PartitionUnion of one single-partition data source per remaining partition.
// Plans are rebuilt for every execution (prepared statements included), so pruning here already
// sees the statement's parameter values: no separate run-time pruning is needed.
import type { Column } from '../../expression/expression.js';
import { partitionRouterOf } from '../../table/partition.js';
import { hasCorrelated } from '../expr-util.js';
import { PartitionUnion } from '../partition/partition-union.js';
import { prunePartitions } from '../partition/prune.js';
import { DataSource, Dual, type Plan } from '../plans.js';

export function prunePartitionedSources(p: Plan): Plan {
  p.children = p.children.map(prunePartitionedSources);
  if (!(p instanceof DataSource) || !p.table.partition || p.table.id < 0) return p;
  const ids = prunedIds(p);
  if (p.pruneMode === 'dynamic') {
    // Dynamic mode estimates from the table's global statistics, as TiDB does.
    p.partitionIds = ids;
    return p;
  }
  if (ids.length === 0) return new Dual([], p.schema);
  const parts = ids.map((id) => singlePartition(p, id));
  if (parts.length === 1) return parts[0]!;
  const u = new PartitionUnion(parts, p.schema);
  u.estRows = parts.reduce((s, c) => s + c.estRows, 0);
  return u;
}

/** The physical ids a data source must read, in definition order. */
export function prunedIds(ds: DataSource): number[] {
  const info = ds.table;
  const defs = info.partition!.definitions;
  const selected = ds.explicitPartitions ? new Set(ds.explicitPartitions) : undefined;
  const conds = ds.conditions.filter((c) => !hasCorrelated(c));
  const cols: (Column | undefined)[] = info.columns.map((c) => {
    const i = ds.columnOffsets.indexOf(c.offset);
    return i < 0 ? undefined : ds.schema[i];
  });
  const kept = prunePartitions(partitionRouterOf(info), conds, cols);
  const indexes = kept ?? defs.map((_, i) => i);
  return indexes.map((i) => defs[i]!.id).filter((id) => !selected || selected.has(id));
}

function singlePartition(ds: DataSource, id: number): DataSource {
  const c = new DataSource(ds.db, ds.table, ds.alias, ds.columnOffsets, ds.handleColumn, [id]);
  c.schema = ds.schema;
  c.conditions = ds.conditions;
  c.estRows = ds.estRows;
  c.prune = ds.prune;
  c.stats = ds.stats;
  // Static mode: TiDB reads each partition's statistics; the global ones spread evenly stand in for them.
  c.statsFraction = 1 / ds.table.partition!.definitions.length;
  c.unionScan = ds.unionScan;
  c.pathHints = ds.pathHints;
  return c;
}
