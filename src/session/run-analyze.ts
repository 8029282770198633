// ANALYZE TABLE: reads every row of each table (all partitions) in one snapshot and publishes the
// table's statistics — row count, per-column distinct values, NULLs and histograms, per-index distinct
// keys — which the planner then uses instead of pseudo estimates. In dynamic prune mode this also gives
// a partitioned table TiDB's global statistics, without which dynamic mode falls back to static plans.
import type { QueryResult } from '../api-types.js';
import { physicalIds, type TableInfo } from '../catalog/model.js';
import type { Snapshot } from '../kv/kv.js';
import type { TableName } from '../parser/ast.js';
import { buildTableStats } from '../statistics/table-stats.js';
import { tableOf } from '../table/table.js';
import type { Value } from '../types/value.js';
import type { Session } from './session.js';

export async function analyzeTables(s: Session, tables: readonly TableName[]): Promise<QueryResult> {
  const found = tables.map((t) => s.tableNamed(t));
  for (const info of found) {
    if (info.view || info.id < 0) continue;
    const rows = await s.inTxn((txn) => readAllRows(txn, info));
    const publicIndexes = info.indices.filter((i) => i.state === 'public');
    await s.domain.setTableStats(info, buildTableStats(info.columns, publicIndexes, rows, Date.now()));
  }
  if (s.vars.partitionPruneMode === 'dynamic') for (const t of found) s.domain.recordGlobalStats(t.id);
  return { rows: [], fields: [], affectedRows: 0, insertId: 0, info: '', warnings: [] };
}

async function readAllRows(snap: Snapshot, info: TableInfo): Promise<Value[][]> {
  const t = tableOf(info);
  const rows: Value[][] = [];
  for (const pid of physicalIds(info)) {
    const [start, end] = t.recordRange(pid);
    for await (const batch of snap.scan(start, end)) {
      for (const { value } of batch) rows.push(t.decodeRowValue(value));
    }
  }
  return rows;
}
