// ADMIN CHECK TABLE t1, t2: every index of every (partition of the) table must hold exactly one
// entry per row, with the row's values and handle. Nothing is returned when consistent; otherwise
// TiDB's data-inconsistency errors.
import type { QueryResult } from '../api-types.js';
import type { TableInfo } from '../catalog/model.js';
import { type ErrorSpec, sqlError } from '../errors/index.js';
import type { Snapshot } from '../kv/kv.js';
import type { TableName } from '../parser/ast.js';
import { type IndexLayout, tableOf } from '../table/table.js';
import type { Session } from './session.js';

/** TiDB's ErrDataInconsistentMismatchCount. */
const MISMATCH_COUNT: ErrorSpec = {
  code: 8134,
  state: 'HY000',
  format: 'data inconsistency in table: %s, index: %s, index-count:%s != record-count:%s',
};
/** TiDB's ErrAdminCheckTable. */
const CHECK_FAILED: ErrorSpec = { code: 8003, state: 'HY000', format: '%s err:[admin:8223]index:%s is inconsistent' };

export async function adminCheckTables(s: Session, tables: readonly TableName[]): Promise<QueryResult> {
  const infos = tables.map((t) => s.tableNamed(t));
  await s.inTxn(async (txn) => {
    for (const info of infos) await checkTable(txn, info);
  });
  return { rows: [], fields: [], affectedRows: 0, insertId: 0, info: '', warnings: [] };
}

async function checkTable(snap: Snapshot, info: TableInfo): Promise<void> {
  if (info.view || info.id < 0) return;
  const t = tableOf(info);
  const indexes = t.indexes.filter((l) => l.info.state === 'public');
  if (indexes.length === 0) return;
  const physicalIds = info.partition ? info.partition.definitions.map((d) => d.id) : [info.id];
  // A global index holds every partition's entries: it is checked once, against all the rows.
  const globalExpected = indexes.map(() => new Map<string, string>());
  let allRows = 0;
  for (const pid of physicalIds) {
    // The entries the rows imply, per index: key → value.
    const expected = indexes.map((l, i) => (l.info.global ? globalExpected[i]! : new Map<string, string>()));
    let rows = 0;
    const [rs, re] = t.recordRange(pid);
    for await (const batch of snap.scan(rs, re)) {
      for (const { key, value } of batch) {
        const { handle, row } = t.decodeRecord(key, value);
        rows++;
        indexes.forEach((l, i) => {
          const [k, v] = t.indexEntry(l, row, handle, pid);
          expected[i]!.set(k, v);
        });
      }
    }
    allRows += rows;
    for (let i = 0; i < indexes.length; i++) {
      if (!indexes[i]!.info.global) await checkIndex(snap, info, indexes[i]!, pid, expected[i]!, rows);
    }
  }
  for (let i = 0; i < indexes.length; i++) {
    if (indexes[i]!.info.global) await checkIndex(snap, info, indexes[i]!, info.id, globalExpected[i]!, allRows);
  }
}

async function checkIndex(
  snap: Snapshot,
  info: TableInfo,
  l: IndexLayout,
  pid: number,
  expected: Map<string, string>,
  rows: number,
): Promise<void> {
  const t = tableOf(info);
  const [is, ie] = t.indexRange(l.info, pid);
  let entries = 0;
  let mismatch = false;
  for await (const batch of snap.scan(is, ie)) {
    for (const { key, value } of batch) {
      entries++;
      if (expected.get(key) !== value) mismatch = true;
    }
  }
  if (entries !== rows) throw sqlError(MISMATCH_COUNT, info.name, l.info.name, entries, rows);
  if (mismatch) throw sqlError(CHECK_FAILED, info.name, l.info.name);
}
