// Where a persistent store keeps table statistics (TiDB's mysql.stats_meta and stats_histograms):
// one meta key per analyzed table for what ANALYZE found, and one for the row counts since, which
// the domain rewrites lazily as DML commits change them.
import type { InfoSchema } from '../catalog/infoschema.js';
import type { Bytes, Snapshot, Transaction } from '../kv/kv.js';
import { decodeStatsCounts, decodeTableStats, encodeStatsCounts, encodeTableStats } from '../statistics/stats-codec.js';
import type { StatsView, TableStats } from '../statistics/table-stats.js';
import type { TableInfo } from '../catalog/model.js';

/** A table's ANALYZE result: row count, column histograms, index distinct counts. */
const STATS_PREFIX = 'mStats:';
/** A table's realtime and modify counts since its ANALYZE. */
const COUNTS_PREFIX = 'mStatsCount:';

function statsKey(tableId: number): Bytes {
  return STATS_PREFIX + tableId;
}

function countsKey(tableId: number): Bytes {
  return COUNTS_PREFIX + tableId;
}

function prefixEnd(prefix: Bytes): Bytes {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Writes a table's new statistics, with counts starting afresh from them. */
export function putTableStats(txn: Transaction, table: TableInfo, stats: TableStats): void {
  txn.set(statsKey(table.id), encodeTableStats(stats, table.columns));
  txn.set(
    countsKey(table.id),
    encodeStatsCounts({ analyzedAt: stats.analyzedAt, realtimeCount: stats.count, modifyCount: 0 }),
  );
}

export function putStatsCounts(txn: Transaction, tableId: number, v: StatsView): void {
  txn.set(countsKey(tableId), encodeStatsCounts({ analyzedAt: v.stats.analyzedAt, ...v }));
}

export function deleteTableStats(txn: Transaction, tableId: number): void {
  txn.delete(statsKey(tableId));
  txn.delete(countsKey(tableId));
}

/**
 * Every saved table's statistics, read against the current schema, and the ids of saved entries
 * whose table no longer exists or that cannot be read (the caller deletes them).
 */
export async function loadTableStats(
  snap: Snapshot,
  schema: InfoSchema,
): Promise<{ views: Map<number, StatsView>; stale: number[] }> {
  const views = new Map<number, StatsView>();
  const stale = new Set<number>();
  const counts = new Map<number, Bytes>();
  for await (const batch of snap.scan(COUNTS_PREFIX, prefixEnd(COUNTS_PREFIX))) {
    for (const p of batch) counts.set(Number(p.key.slice(COUNTS_PREFIX.length)), p.value);
  }
  for await (const batch of snap.scan(STATS_PREFIX, prefixEnd(STATS_PREFIX))) {
    for (const p of batch) {
      const id = Number(p.key.slice(STATS_PREFIX.length));
      const table = schema.tableById(id)?.table;
      if (!table || table.id !== id) {
        stale.add(id);
        continue;
      }
      try {
        const publicIndexes = table.indices.filter((i) => i.state === 'public');
        const stats = decodeTableStats(p.value, table.columns, publicIndexes);
        views.set(id, withCounts(stats, counts.get(id)));
      } catch {
        // Unreadable statistics are as good as none: the planner falls back to pseudo estimates.
        stale.add(id);
      }
    }
  }
  for (const id of counts.keys()) if (!views.has(id)) stale.add(id);
  return { views, stale: [...stale] };
}

/** The statistics with their saved counts, when those belong to this ANALYZE. */
function withCounts(stats: TableStats, saved: Bytes | undefined): StatsView {
  const fresh = { stats, realtimeCount: stats.count, modifyCount: 0 };
  if (saved === undefined) return fresh;
  try {
    const c = decodeStatsCounts(saved);
    if (c.analyzedAt !== stats.analyzedAt) return fresh;
    return { stats, realtimeCount: c.realtimeCount, modifyCount: c.modifyCount };
  } catch {
    return fresh;
  }
}
