// DELETE (single and multi-table): each target row is removed once, with its index entries.
import type { DmlTarget } from '../../planner/builder/dml.js';
import { rowToStored } from '../../table/stored-time.js';
import { tableOf } from '../../table/table.js';
import type { Row } from '../../types/value.js';
import { fullRow, handleOf, physicalIdOf } from './update.js';
import type { WriteContext, WriteResult } from './write-context.js';

export async function executeDelete(
  w: WriteContext,
  rows: AsyncIterable<Row>,
  targets: readonly DmlTarget[],
): Promise<WriteResult> {
  const result: WriteResult = { affectedRows: 0, lastInsertId: 0 };
  const done = targets.map(() => new Set<string>());
  for await (const row of rows) {
    for (let ti = 0; ti < targets.length; ti++) {
      const t = targets[ti]!;
      const tz = w.exec.evalCtx.timeZoneOffsetMinutes;
      const handle = handleOf(t, row, tz);
      if (handle === null) continue;
      const key = String(handle);
      if (done[ti]!.has(key)) continue;
      done[ti]!.add(key);
      const stored = fullRow(t, row);
      const pid = physicalIdOf(t, stored, w.exec.evalCtx);
      await tableOf(t.table).removeRecord(w.txn, handle, rowToStored(t.table, stored, tz), pid);
      result.affectedRows++;
    }
  }
  return result;
}
