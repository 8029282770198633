// ALTER TABLE pt EXCHANGE PARTITION p WITH TABLE nt [WITH|WITHOUT VALIDATION]: the partition's rows
// and the table's rows trade places. Both tables keep their ids; the rows are rewritten into the
// other key range with that table's index layout, in the DDL transaction.
import type { ColumnInfo, IndexInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { TableName } from '../parser/ast.js';
import { isIntegerType } from '../types/field-type.js';
import { tableOf } from '../table/table.js';
import { deleteTableData, draftOf, requireTable } from './context.js';
import type { OpState } from './partition-alter.js';
import { rebaseAfter } from './partition-alter.js';
import { firstViolation } from './check-constraint.js';
import { maxIntHandle, readPhysical, routeRow, type StoredRow } from './partition-data.js';

function sameColumn(a: ColumnInfo, b: ColumnInfo): boolean {
  const x = a.type;
  const y = b.type;
  return (
    a.name.toLowerCase() === b.name.toLowerCase() &&
    x.tp === y.tp &&
    // An integer's display width is not part of its type (int(1) holds what int(11) holds).
    (x.flen === y.flen || isIntegerType(x.tp)) &&
    x.decimal === y.decimal &&
    x.charset === y.charset &&
    x.collate === y.collate &&
    (x.flag & 0x61) === (y.flag & 0x61) &&
    JSON.stringify(x.elems ?? []) === JSON.stringify(y.elems ?? []) &&
    (a.generated?.expr ?? '') === (b.generated?.expr ?? '') &&
    !!a.generated?.stored === !!b.generated?.stored &&
    a.autoIncrement === b.autoIncrement &&
    a.autoRandomBits === b.autoRandomBits &&
    !!a.hidden === !!b.hidden
  );
}

function indexShape(i: IndexInfo): string {
  const cols = i.columns.map((c) => `${c.name.toLowerCase()}(${c.length})`).join(',');
  return `${i.name.toLowerCase()}|${i.primary}|${i.unique}|${cols}`;
}

/** 1736 unless the two tables have the same columns, indexes and handle kind. */
function checkCompatible(pt: TableInfo, nt: TableInfo): void {
  const pc = pt.columns.filter((c) => c.state === 'public');
  const nc = nt.columns.filter((c) => c.state === 'public');
  for (let i = 0; i < Math.min(pc.length, nc.length); i++) {
    // A virtual generated column facing one that is not (3106); other differences are 1736 below.
    const virtual = (c: ColumnInfo) => c.generated !== undefined && !c.generated.stored;
    if (virtual(pc[i]!) !== virtual(nc[i]!))
      throw sqlError(ER.UNSUPPORTED_ON_GENERATED_COLUMN, 'Exchanging partitions for non-generated columns');
  }
  const same =
    pc.length === nc.length &&
    pc.every((c, i) => sameColumn(c, nc[i]!)) &&
    pt.pkIsHandle === nt.pkIsHandle &&
    pt.isCommonHandle === nt.isCommonHandle &&
    pt.indices.map(indexShape).sort().join(';') === nt.indices.map(indexShape).sort().join(';');
  if (!same) throw sqlError(ER.TABLES_DIFFERENT_METADATA);
}

async function checkRowsAgainst(s: OpState, target: TableInfo, rows: readonly StoredRow[]): Promise<void> {
  const enforced = target.checks?.filter((c) => c.enforced) ?? [];
  if (enforced.length === 0 || rows.length === 0) return;
  const bad = await firstViolation(
    s.txn,
    s.ctx,
    target,
    target.id,
    enforced,
    rows.map((r) => r.row),
  );
  if (bad !== undefined) throw sqlError(ER.ROW_DOES_NOT_MATCH_PARTITION);
}

export async function exchangePartition(
  s: OpState,
  partName: string,
  with_: TableName,
  validation: boolean,
): Promise<void> {
  const pi = s.t.partition!;
  const ntName = { db: with_.db ?? s.dbName, name: with_.name };
  // A view has no rows to exchange: TiDB cannot open it as a table.
  if (s.is.table(ntName.db, ntName.name)?.view) throw sqlError(ER.CHECK_NO_SUCH_TABLE);
  const { table: nt } = requireTable(s.is, ntName.db, ntName.name);
  if (nt.partition) throw sqlError(ER.PARTITION_EXCHANGE_PART_TABLE, nt.name);
  if (nt.id === s.t.id) throw sqlError(ER.PARTITION_EXCHANGE_PART_TABLE, nt.name);
  const def = pi.definitions.find((d) => d.name.toLowerCase() === partName.toLowerCase());
  if (!def) throw sqlError(ER.UNKNOWN_PARTITION, partName, s.t.name);
  checkCompatible(s.t, nt);
  // A global index holds entries of every partition: the exchanged table's rows could not join it as they are.
  const global = s.t.indices.find((i) => i.global);
  if (global) throw sqlError(ER.PARTITION_EXCHANGE_DIFFERENT_OPTION, `global index: ${global.name}`);
  // The partition's placement (its own policy, else its table's) must be the table's (TiDB's check).
  const partPolicy = def.placementPolicy ?? s.t.placementPolicy;
  if (partPolicy?.toLowerCase() !== nt.placementPolicy?.toLowerCase()) throw sqlError(ER.TABLES_DIFFERENT_METADATA);
  const ntRows = await readPhysical(s.txn, nt, nt.id);
  if (validation) {
    // TiDB validates HASH, RANGE and LIST rows by their partition expression; KEY partitioning it cannot check.
    if (pi.type === 'KEY')
      throw sqlError(ER.UNSUPPORTED_TYPE, `partition type of table ${s.t.name} when exchanging partition`);
    for (const r of ntRows) {
      if (routeRow(s.old, r.row, s.ctx) !== def.id) throw sqlError(ER.ROW_DOES_NOT_MATCH_PARTITION);
    }
  }
  const partRows = await readPhysical(s.txn, s.old, def.id);
  if (s.ctx.enableCheckConstraint) {
    // Each side's rows must satisfy the other table's enforced checks (1737 otherwise), as in TiDB.
    await checkRowsAgainst(s, s.old, ntRows);
    await checkRowsAgainst(s, nt, partRows);
  }
  await deleteTableData(s.txn, def.id);
  await deleteTableData(s.txn, nt.id);
  const ntDraft = draftOf(nt);
  ntDraft.updateTime = Date.now();
  const ptTable = tableOf(s.t);
  const ntTable = tableOf(ntDraft);
  for (const r of ntRows) await ptTable.addRecord(s.txn, r.row, { physicalId: def.id, handle: r.handle });
  for (const r of partRows) await ntTable.addRecord(s.txn, r.row, { physicalId: nt.id, handle: r.handle });
  s.others.push(ntDraft);
  rebaseAfter(s, s.t.id, maxIntHandle(ntRows));
  rebaseAfter(s, nt.id, maxIntHandle(partRows));
}
