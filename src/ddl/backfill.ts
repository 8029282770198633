// Data work of ALTER TABLE inside the DDL transaction: filling a new index from the existing rows,
// deleting a dropped index's entries, and rewriting every row when column types or layouts change.
import type { IndexInfo, TableInfo } from '../catalog/model.js';
import { physicalIds } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Bytes, Transaction } from '../kv/kv.js';
import { entryText, type Handle, tableOf } from '../table/table.js';
import type { Value } from '../types/value.js';
import { deleteRange } from './context.js';

async function readRows(txn: Transaction, info: TableInfo, pid: number): Promise<{ handle: Handle; row: Value[] }[]> {
  const t = tableOf(info);
  const out: { handle: Handle; row: Value[] }[] = [];
  const [start, end] = t.recordRange(pid);
  for await (const batch of txn.scan(start, end)) for (const p of batch) out.push(t.decodeRecord(p.key, p.value));
  return out;
}

/**
 * Writes the entries of new indexes of `info` for every existing row. A unique index that two rows
 * would share fails with 1062 (and the whole ALTER with it: nothing is committed).
 */
export async function backfillIndexes(txn: Transaction, info: TableInfo, indexes: readonly IndexInfo[]): Promise<void> {
  if (indexes.length === 0) return;
  const t = tableOf(info);
  const layouts = indexes.map((i) => t.layout(i));
  // One set per index across partitions: a global index's keys meet across them (a local one's never do).
  const seen = layouts.map(() => new Set<Bytes>());
  for (const pid of physicalIds(info)) {
    const [start, end] = t.recordRange(pid);
    for await (const batch of txn.scan(start, end)) {
      for (const p of batch) {
        const { handle, row } = t.decodeRecord(p.key, p.value);
        layouts.forEach((l, i) => {
          const [k, v] = t.indexEntry(l, row, handle, pid);
          if (t.isUniqueEntry(l, row)) {
            if (seen[i]!.has(k)) {
              throw sqlError(ER.DUP_ENTRY, entryText(l, row), `${info.name}.${l.info.name}`);
            }
            seen[i]!.add(k);
          }
          txn.set(k, v);
        });
      }
    }
  }
}

/** Deletes every entry of dropped indexes. */
export async function deleteIndexes(txn: Transaction, info: TableInfo, indexes: readonly IndexInfo[]): Promise<void> {
  const t = tableOf(info);
  for (const idx of indexes) {
    const pids = idx.global ? [info.id] : physicalIds(info);
    for (const pid of pids) await deleteRange(txn, ...t.indexRange(idx, pid));
  }
}

/**
 * Rewrites every row from the old definition to the new one: `transform` maps an old row to a new
 * row (converting values; it may throw). All old index entries go and all new ones are written,
 * with unique checks against the rows already rewritten.
 */
export async function rewriteRows(
  txn: Transaction,
  oldInfo: TableInfo,
  newInfo: TableInfo,
  transform: (row: Value[], rowNo: number) => Value[],
): Promise<void> {
  const oldT = tableOf(oldInfo);
  const newT = tableOf(newInfo);
  // Every partition's old entries go before any new one is written: a global index's new entries are
  // checked against the whole table.
  const converted: { pid: number; handle: Handle; old: Value[]; row: Value[] }[] = [];
  for (const pid of physicalIds(oldInfo)) {
    const rows = await readRows(txn, oldInfo, pid);
    rows.forEach((r, i) => {
      converted.push({ pid, handle: r.handle, old: r.row, row: transform(r.row, i + 1) });
    });
  }
  for (const r of converted) await oldT.removeRecord(txn, r.handle, r.old, r.pid);
  for (const r of converted) {
    const handle = newT.handleOf(r.row) ?? r.handle;
    await newT.addRecord(txn, r.row, { physicalId: r.pid, handle });
  }
}
