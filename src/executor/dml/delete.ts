// DELETE (single and multi-table): each target row is removed once, with its index entries.
import type { DmlTarget } from '../../planner/builder/dml.js';
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
      const handle = handleOf(t, row);
      if (handle === null) continue;
      const key = String(handle);
      if (done[ti]!.has(key)) continue;
      done[ti]!.add(key);
      const stored = fullRow(t, row);
      await tableOf(t.table).removeRecord(w.txn, handle, stored, physicalIdOf(t, stored, w.exec.evalCtx));
      result.affectedRows++;
    }
  }
  return result;
}
