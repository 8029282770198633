// Runtime filters: an inner or semi hash join builds its table first, and when that table turns out small
// its probe side's readers can drop the rows whose key is not among the build keys before any join above
// them sees them (TPC-H Q18: 2 orders out of 150,000 from its IN subquery). Planned here, filled and read
// at run time (ExecContext.runtimeFilters, one per execution). A reader qualifies when one of its columns
// is equal to the probe key through inner joins' equalities and group keys, and only selections,
// projections, sorts, inner joins and aggregations (through their group keys) stand between it and the
// join: there a row without a matching key leads only to output rows the join drops. Key columns must
// share one comparison kind (their values hash alike).
import type { IndexInfo } from '../../catalog/model.js';
import { Column } from '../../expression/expression.js';
import { UnionFind } from '../../util/union-find.js';
import { columnStatsOf } from '../cardinality.js';
import { comparisonKind } from '../expr-util.js';
import { pathAllowed } from '../index-hints.js';
import { Aggregation, DataSource, Join, type Plan, Projection, Selection, Sort } from '../plans.js';

export function planRuntimeFilters(p: Plan): Plan {
  for (const c of p.children) planRuntimeFilters(c);
  if (!(p instanceof Join) || p.algorithm !== 'hash' || p.nullAware || p.eqConds.length === 0) return p;
  if (p.joinType !== 'inner' && p.joinType !== 'semi') return p;
  // The build side is the right child unless the join builds its left (HashJoinExec's choice).
  const buildLeft = p.buildLeft;
  if (p.joinType === 'semi' && buildLeft) return p;
  const [l, r] = p.eqConds[0]!;
  const probeKey = buildLeft ? r : l;
  const kind = comparisonKind(l.type);
  if (!(probeKey instanceof Column) || kind === undefined || comparisonKind(r.type) !== kind) return p;
  const pairs: [Column, Column][] = [];
  const sources: DataSource[] = [];
  collect(p.children[buildLeft ? 1 : 0]!, kind, pairs, sources);
  const sets = new UnionFind();
  for (const [a, b] of pairs) sets.union(a.uid, b.uid);
  const key = sets.find(probeKey.uid);
  for (const ds of sources) {
    const column = ds.schema.find((c) => sets.find(c.uid) === key && comparisonKind(c.type) === kind);
    if (!column) continue;
    ds.runtimeFilters.push({ join: p.id, column, lookup: lookupAccess(ds, column) });
    p.runtimeFilter = true;
  }
  return p;
}

/** Rows per key of a non-unique index when the table has no statistics. */
const PSEUDO_ROWS_PER_KEY = 10;

/**
 * The integer handle (index null) or an index led by `column` through which the filter's keys can be read
 * directly: public, visible, local, allowed by the index hints, its first column not a prefix of the value.
 * A unique index is preferred (one row per key).
 */
function lookupAccess(ds: DataSource, column: Column): DataSource['runtimeFilters'][number]['lookup'] {
  if (ds.table.id < 0) return undefined;
  const offset = ds.columnOffsets[ds.schema.findIndex((c) => c.uid === column.uid)];
  if (offset === undefined || offset < 0) return undefined;
  if (ds.table.pkIsHandle && ds.handleColumn?.uid === column.uid && pathAllowed(ds, null)) {
    return { index: null, offset, rowsPerKey: 1 };
  }
  let best: IndexInfo | null = null;
  for (const index of ds.table.indices) {
    if (index.state !== 'public' || !index.visible || index.global || (index.primary && ds.table.pkIsHandle)) continue;
    const first = index.columns[0];
    if (!first || first.offset !== offset || (first.length !== -1 && first.length !== undefined)) continue;
    if (!pathAllowed(ds, index)) continue;
    if (!best || (index.unique && !best.unique)) best = index;
  }
  if (!best) return undefined;
  if (best.unique && best.columns.length === 1) return { index: best, offset, rowsPerKey: 1 };
  const cs = columnStatsOf(ds, column);
  const rowsPerKey = cs ? Math.max(1, (cs.count - cs.nullCount) / Math.max(1, cs.ndv)) : PSEUDO_ROWS_PER_KEY;
  return { index: best, offset, rowsPerKey };
}

/** The readers under `p` a filter may reach, and the column equalities on the way. */
function collect(p: Plan, kind: string, pairs: [Column, Column][], sources: DataSource[]): void {
  if (p instanceof DataSource) {
    sources.push(p);
    return;
  }
  if (p instanceof Projection) {
    p.exprs.forEach((e, i) => {
      if (e instanceof Column) pairs.push([p.schema[i]!, e]);
    });
  } else if (p instanceof Join) {
    if (p.joinType !== 'inner') return;
    for (const [a, b] of p.eqConds) {
      if (
        a instanceof Column &&
        b instanceof Column &&
        comparisonKind(a.type) === kind &&
        comparisonKind(b.type) === kind
      )
        pairs.push([a, b]);
    }
  } else if (p instanceof Aggregation) {
    // A group key's output is its input rows' value: input rows whose key is not wanted make up whole
    // groups that are not wanted.
    const keys = new Set(p.groupBy.filter((e) => e instanceof Column).map((c) => (c as Column).uid));
    p.firstRows.forEach((e, i) => {
      if (e instanceof Column && keys.has(e.uid)) pairs.push([p.schema[p.aggs.length + i]!, e]);
    });
  } else if (!(p instanceof Selection) && !(p instanceof Sort)) {
    return;
  }
  for (const c of p.children) collect(c, kind, pairs, sources);
}
