// Merge join (hint MERGE_JOIN / TIDB_SMJ): both children are sorted ascending on the join keys and
// the executor merges them (a Sort below each child, unless its access path already reads it in key
// order). Null-aware joins (NOT IN) and joins without equality keys cannot merge.
import { type Join, type Plan, Sort } from '../plans.js';
import { orderedByPath } from './keep-order.js';

export function canMergeJoin(j: Join): boolean {
  return j.eqConds.length > 0 && !j.nullAware;
}

/** Makes `j` a merge join over its children sorted on their join keys. */
export function useMergeJoin(j: Join): void {
  j.algorithm = 'merge';
  j.indexJoin = null;
  j.children = j.children.map((c, side) => sortedOn(c, j, side as 0 | 1));
}

function sortedOn(child: Plan, j: Join, side: 0 | 1): Plan {
  const items = j.eqConds.map((pair) => ({ expr: pair[side], desc: false }));
  const ordered = orderedByPath(child, items);
  if (ordered) return ordered;
  const s = new Sort(child, items);
  s.estRows = child.estRows;
  return s;
}
