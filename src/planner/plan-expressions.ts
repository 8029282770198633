// Every expression a plan node evaluates, for analyses that must see all of them (correlation,
// column pruning).
import type { Expression } from '../expression/expression.js';
import { flatMap, flatten } from '../util/arrays.js';
import {
  Aggregation,
  Apply,
  DataSource,
  Dual,
  Join,
  type Plan,
  Projection,
  Selection,
  Sort,
  TopN,
  Window,
} from './plans.js';

export function planExpressions(p: Plan): Expression[] {
  if (p instanceof Selection) return p.conditions;
  if (p instanceof Projection) return p.exprs;
  if (p instanceof DataSource) return [...p.conditions, ...p.residual, ...accessExprs(p)];
  if (p instanceof Aggregation)
    return [
      ...p.groupBy,
      ...p.firstRows,
      ...flatMap(p.aggs, (a) => [...a.args, ...(a.orderBy ?? []).map((o) => o.expr)]),
    ];
  if (p instanceof Join) return [...flatten(p.eqConds), ...p.otherConds, ...p.leftConds, ...p.rightConds];
  if (p instanceof Sort || p instanceof TopN) return p.items.map((i) => i.expr);
  if (p instanceof Apply) return p.cond ? [p.cond] : [];
  if (p instanceof Dual) return flatten(p.rows);
  if (p instanceof Window)
    return [...p.partitionBy, ...p.orderBy.map((o) => o.expr), ...flatMap(p.funcs, (f) => f.args)];
  return [];
}

function accessExprs(ds: DataSource): Expression[] {
  const a = ds.access;
  if (a.kind === 'pointGet') return [a.handle];
  if (a.kind === 'batchPointGet') return a.handles;
  if (a.kind === 'uniquePointGet') return a.values;
  return [];
}
