// Row estimates after physical choices, bottom-up. Joins and groupings on columns of analyzed tables
// use the columns' distinct values (|L|·|R| / max(NDV) for an equi-join, the product of the group-by
// NDVs bounded by the input); otherwise TiDB's pseudo-statistics selectivities (0.8 per filter,
// aggregates and joins bounded by their inputs). EXPLAIN shows them as estRows.
import { Column } from '../../expression/expression.js';
import { keyNdvIn, pseudoSelectivity } from '../cardinality.js';
import {
  Aggregation,
  Apply,
  DataSource,
  Dual,
  Join,
  Limit,
  type Plan,
  Projection,
  Selection,
  SetOp,
  Sort,
  TopN,
} from '../plans.js';

export function deriveStats(p: Plan): void {
  for (const c of p.children) deriveStats(c);
  const child = p.children[0];
  if (p instanceof DataSource || p instanceof Dual) return;
  if (p instanceof Selection) p.estRows = Math.max(1, child!.estRows * pseudoSelectivity(p.conditions));
  else if (p instanceof Projection || p instanceof Sort || p instanceof Apply) p.estRows = child!.estRows;
  else if (p instanceof Aggregation && p.mode !== 'complete' && child instanceof Aggregation) p.estRows = child.estRows;
  else if (p instanceof Aggregation && p.mode !== 'complete' && child instanceof SetOp) p.estRows = splitGroupRows(p);
  else if (p instanceof Aggregation) p.estRows = p.groupBy.length ? groupRows(p, child!) : 1;
  else if (p instanceof Limit || p instanceof TopN) p.estRows = Math.min(child!.estRows, p.count);
  else if (p instanceof Join) {
    const [l, r] = [p.children[0]!.estRows, p.children[1]!.estRows];
    p.estRows = p.eqConds.length ? (equiJoinRows(p) ?? Math.max(l, r)) : l * r;
    // With statistics an inner join builds its smaller side; pseudo estimates keep TiDB's right-side build.
    p.buildLeft = p.joinType === 'right' || (p.joinType === 'inner' && l < r && analyzedBelow(p));
    if (p.joinType === 'left') p.estRows = Math.max(p.estRows, l);
    if (p.joinType === 'right') p.estRows = Math.max(p.estRows, r);
    if (p.joinType !== 'inner' && p.joinType !== 'left' && p.joinType !== 'right') p.estRows = l;
  } else if (p instanceof SetOp) p.estRows = p.children.reduce((a, c) => a + c.estRows, 0);
  else if (child) p.estRows = child.estRows;
}

/** Distinct values of the key tuple on one side of a join or grouping, at most its rows. */
function keyDistinct(side: Plan, keys: readonly unknown[]): number | undefined {
  if (!keys.every((k) => k instanceof Column)) return undefined;
  return keyNdvIn(side, keys as Column[], side.estRows);
}

/**
 * |L|·|R| / max(NDV(left keys), NDV(right keys)), over the key pairs whose columns both have statistics
 * (the others, e.g. computed values, are left out: the estimate errs large, never small).
 */
function equiJoinRows(j: Join): number | undefined {
  const [left, right] = j.children as [Plan, Plan];
  const known = oneKeyPerColumn(
    oneKeyPerColumn(
      j.eqConds.filter((c) => keyDistinct(left, [c[0]]) !== undefined && keyDistinct(right, [c[1]]) !== undefined),
      1,
      left,
    ),
    0,
    right,
  );
  if (known.length === 0) return undefined;
  const dl = keyDistinct(
    left,
    known.map((c) => c[0]),
  );
  const dr = keyDistinct(
    right,
    known.map((c) => c[1]),
  );
  if (dl === undefined || dr === undefined) return undefined;
  return Math.max(1, (left.estRows * right.estRows) / Math.max(dl, dr));
}

/**
 * Key pairs sharing their column on side `shared` are one key column: their columns on the other side
 * (`other`, the plan of that side) are equal to each other already (c.nk = n.id and c.nk = s.nk once n and
 * s are joined), so only the pair whose other column has the fewest distinct values counts.
 */
function oneKeyPerColumn(pairs: Join['eqConds'], shared: 0 | 1, other: Plan): Join['eqConds'] {
  const best = new Map<number, { pair: Join['eqConds'][number]; ndv: number }>();
  const out: Join['eqConds'] = [];
  for (const pair of pairs) {
    const col = pair[shared];
    if (!(col instanceof Column)) {
      out.push(pair);
      continue;
    }
    const ndv = keyDistinct(other, [pair[1 - shared]!])!;
    const prev = best.get(col.uid);
    if (!prev || ndv < prev.ndv) best.set(col.uid, { pair, ndv });
  }
  for (const { pair } of best.values()) out.push(pair);
  return out;
}

function groupRows(a: Aggregation, child: Plan): number {
  return keyDistinct(child, a.groupBy) ?? Math.max(1, child.estRows * 0.8);
}

/** A final aggregation over partitions' partial ones: at most the partial groups of all partitions. */
function splitGroupRows(a: Aggregation): number {
  return a.groupBy.length ? Math.max(1, a.children[0]!.estRows) : 1;
}

/** Whether both sides of a join read analyzed tables (their estimates come from statistics). */
function analyzedBelow(j: Join): boolean {
  const analyzed = (p: Plan): boolean => (p instanceof DataSource ? p.stats !== undefined : p.children.some(analyzed));
  return j.children.every(analyzed);
}
