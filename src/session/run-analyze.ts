// ANALYZE TABLE. TiLite keeps no column statistics (estimates are pseudo), but TiDB's planner only
// uses dynamic prune mode for a partitioned table once it has global statistics, which ANALYZE in
// dynamic mode produces: the domain records which tables have them.
import type { QueryResult } from '../api-types.js';
import { ER, sqlError } from '../errors/index.js';
import type { TableName } from '../parser/ast.js';
import type { Session } from './session.js';

export function analyzeTables(s: Session, tables: readonly TableName[]): QueryResult {
  const is = s.domain.infoSchema();
  const found = tables.map((t) => {
    const db = t.db ?? s.currentDbName;
    if (!db) throw sqlError(ER.NO_DB);
    const info = is.table(db, t.name);
    if (!info) throw sqlError(ER.NO_SUCH_TABLE, db, t.name);
    return info;
  });
  if (s.vars.partitionPruneMode === 'dynamic') for (const t of found) s.domain.recordGlobalStats(t.id);
  return { rows: [], fields: [], affectedRows: 0, insertId: 0, info: '', warnings: [] };
}
