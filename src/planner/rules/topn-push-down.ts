// LIMIT over ORDER BY becomes TopN (a bounded heap instead of a full sort); LIMIT moves below
// projections that have no side effects so it can meet the Sort.
import { hasSideEffects } from '../expr-util.js';
import { Limit, type Plan, Projection, Sort, TopN } from '../plans.js';

export function pushDownTopN(p: Plan): Plan {
  p.children = p.children.map(pushDownTopN);
  if (!(p instanceof Limit)) return p;
  const child = p.children[0]!;
  if (child instanceof Sort) return topN(child, p);
  if (child instanceof Projection && !child.exprs.some(hasSideEffects) && child.children[0] instanceof Sort) {
    child.children[0] = topN(child.children[0] as Sort, p);
    return child;
  }
  return p;
}

function topN(sort: Sort, limit: Limit): TopN {
  const t = new TopN(sort.children[0]!, sort.items, limit.offset, limit.count);
  t.estRows = Math.min(sort.estRows, limit.count);
  return t;
}
