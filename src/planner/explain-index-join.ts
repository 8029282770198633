// EXPLAIN rows of an index join, as TiDB prints them: the join with `inner:`, `outer key:`,
// `inner key:` and `equal cond:`, its outer child as (Build) and the inner reader as (Probe), whose
// scan ranges are `decided by` the join keys at run time.
import {
  indexText,
  joinKindText,
  list,
  lookUpFilters,
  type Node,
  node,
  pseudoNote,
  tableAccess,
  toNode,
} from './explain.js';
import { Column, type Expression } from '../expression/expression.js';
import { columnStatsOf, PSEUDO_ROWS, pseudoResidualFactor, selectivity, tableRows } from './cardinality.js';
import type { DataSource, Join } from './plans.js';

const NAMES = { lookup: 'IndexJoin', hash: 'IndexHashJoin', merge: 'IndexMergeJoin' } as const;

export function indexJoinNode(j: Join): Node {
  const info = j.indexJoin!;
  const innerIdx = 1 - info.outer;
  const ds = j.children[innerIdx] as DataSource;
  const outerKeys = j.eqConds.map((p) => p[info.outer]!);
  const innerKeys = j.eqConds.map((p) => p[innerIdx]!);
  const inner = innerNode(j, ds);
  const parts = [
    joinKindText(j),
    `inner:${inner.name}_${inner.id}`,
    `outer key:${list(outerKeys)}`,
    `inner key:${list(innerKeys)}`,
    `equal cond:${j.eqConds.map((_, i) => `eq(${outerKeys[i]!.toString()}, ${innerKeys[i]!.toString()})`).join(', ')}`,
  ];
  const outerConds = info.outer === 0 ? j.leftConds : j.rightConds;
  if (outerConds.length) parts.push(`${info.outer === 0 ? 'left' : 'right'} cond:[${list(outerConds)}]`);
  if (j.otherConds.length) parts.push(`other cond:${list(j.otherConds)}`);
  const outer = toNode(j.children[info.outer]!);
  outer.label = 'Build';
  inner.label = 'Probe';
  return node(NAMES[info.kind], j, 'root', '', parts.join(', '), [outer, inner]);
}

/** The inner reader: IndexLookUp over the index, or TableReader over handle ranges. */
function innerNode(j: Join, ds: DataSource): Node {
  const info = j.indexJoin!;
  const innerIdx = 1 - info.outer;
  const decided = info.lookupKeys
    .map((k) => `eq(${j.eqConds[k]![innerIdx]!.toString()}, ${j.eqConds[k]![info.outer]!.toString()})`)
    .join(' ');
  const rangeInfo = `range: decided by [${decided}], keep order:false${pseudoNote(ds)}`;
  const est = lookupRows(j, ds);
  // The inner conditions filter what they can read: index entries for those on the index's columns.
  const filtered = (n: Node, conds: readonly Expression[]): Node =>
    conds.length
      ? node('Selection', undefined, 'cop[tikv]', '', list(conds), [n], n.estRows * conditionsFactor(ds, conds))
      : n;
  if (!info.index || (info.index.primary && ds.table.isCommonHandle)) {
    const scan = filtered(
      node('TableRangeScan', undefined, 'cop[tikv]', tableAccess(ds), rangeInfo, [], est),
      ds.conditions,
    );
    return node('TableReader', ds, 'root', '', `data:${scan.name}_${scan.id}`, [scan], scan.estRows);
  }
  const [indexSide, tableSide] = lookUpFilters(ds, info.index, ds.conditions);
  const idx = filtered(
    node(
      'IndexRangeScan',
      undefined,
      'cop[tikv]',
      `${tableAccess(ds)}, index:${indexText(ds, info.index)}`,
      rangeInfo,
      [],
      est,
    ),
    indexSide,
  );
  idx.label = 'Build';
  const rows = filtered(
    node(
      'TableRowIDScan',
      undefined,
      'cop[tikv]',
      tableAccess(ds),
      `keep order:false${pseudoNote(ds)}`,
      [],
      idx.estRows,
    ),
    tableSide,
  );
  rows.label = 'Probe';
  return node('IndexLookUp', ds, 'root', '', '', [idx, rows], rows.estRows);
}

/** The fraction of the rows read that the inner conditions keep: from statistics, else TiDB's pseudo factors. */
function conditionsFactor(ds: DataSource, conds: readonly Expression[]): number {
  return ds.stats ? selectivity(ds, conds) : pseudoResidualFactor(conds);
}

/**
 * Rows one lookup key reads (before the inner conditions): the inner table's rows per distinct key with
 * statistics, else TiDB's pseudo 1/1000 of its pseudo 10000.
 */
function lookupRows(j: Join, ds: DataSource): number {
  const info = j.indexJoin!;
  const innerIdx = 1 - info.outer;
  if (!ds.stats) return PSEUDO_ROWS / 1000;
  let ndv = 1;
  for (const k of info.lookupKeys) {
    const col = j.eqConds[k]![innerIdx];
    const cs = col instanceof Column ? columnStatsOf(ds, col) : undefined;
    if (cs) ndv = Math.max(ndv, cs.ndv);
  }
  return Math.max(1, tableRows(ds) / ndv);
}
