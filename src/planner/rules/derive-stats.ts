// Row estimates after physical choices, bottom-up, with TiDB's pseudo-statistics selectivities
// (0.8 per filter, aggregates and joins bounded by their inputs). EXPLAIN shows them as estRows.
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
  if (p instanceof Selection) p.estRows = Math.max(1, child!.estRows * 0.8 ** p.conditions.length);
  else if (p instanceof Projection || p instanceof Sort || p instanceof Apply) p.estRows = child!.estRows;
  else if (p instanceof Aggregation) p.estRows = p.groupBy.length ? Math.max(1, child!.estRows * 0.8) : 1;
  else if (p instanceof Limit || p instanceof TopN) p.estRows = Math.min(child!.estRows, p.count);
  else if (p instanceof Join) {
    const [l, r] = [p.children[0]!.estRows, p.children[1]!.estRows];
    p.estRows = p.eqConds.length ? Math.max(l, r) : l * r;
    if (p.joinType !== 'inner' && p.joinType !== 'left' && p.joinType !== 'right') p.estRows = l;
  } else if (p instanceof SetOp) p.estRows = p.children.reduce((a, c) => a + c.estRows, 0);
  else if (child) p.estRows = child.estRows;
}
