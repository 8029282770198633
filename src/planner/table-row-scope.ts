// A table's own columns as a name scope, for expressions that are evaluated on the table's full rows
// (row[i] is the column at offset i): generated columns and CHECK constraints.
import type { TableInfo } from '../catalog/model.js';
import type { ColumnResolver } from '../expression/expression.js';
import { tableColumns } from '../table/partition-expr.js';
import { Scope } from './scope.js';

export function tableRowScope(info: TableInfo): { scope: Scope; resolver: ColumnResolver } {
  const cols = tableColumns(info);
  const scope = new Scope(
    info.columns.map((c, i) => ({ db: '', table: info.name, name: c.name, col: cols[i]!, hidden: c.hidden })),
  );
  const byUid = new Map(cols.map((c, i) => [c.uid, i]));
  return { scope, resolver: { indexOf: (uid) => byUid.get(uid) ?? -1 } };
}
