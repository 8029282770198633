// Column pruning: every operator keeps only the columns its parents (or its own expressions) read,
// so readers decode and carry less, the hidden row id disappears from plain queries, and a
// projection that becomes a pass-through can be eliminated.
import { CorrelatedColumn, type Expression } from '../../expression/expression.js';
import { planExpressions } from '../plan-expressions.js';
import { columnUids } from '../expr-util.js';
import {
  Aggregation,
  Apply,
  DataSource,
  Expand,
  Join,
  Limit,
  MaxOneRow,
  type Plan,
  Projection,
  Selection,
  Sort,
  TopN,
  Window,
  walkPlan,
} from '../plans.js';

export function pruneColumns(p: Plan): Plan {
  prune(p, new Set(p.schema.map((c) => c.uid)));
  return p;
}

function addAll(set: Set<number>, exprs: readonly Expression[]): void {
  for (const e of exprs) for (const u of columnUids(e)) set.add(u);
}

function prune(p: Plan, used: Set<number>): void {
  if (p instanceof Projection) {
    const keepIdx = p.schema.map((c, i) => (used.has(c.uid) ? i : -1)).filter((i) => i >= 0);
    p.exprs = keepIdx.map((i) => p.exprs[i]!);
    p.schema = keepIdx.map((i) => p.schema[i]!);
    const childUsed = new Set<number>();
    addAll(childUsed, p.exprs);
    prune(p.children[0]!, childUsed);
    return;
  }
  if (
    p instanceof Selection ||
    p instanceof Sort ||
    p instanceof TopN ||
    p instanceof Limit ||
    p instanceof MaxOneRow
  ) {
    const childUsed = new Set(used);
    addAll(childUsed, planExpressions(p));
    prune(p.children[0]!, childUsed);
    p.schema = p.children[0]!.schema;
    return;
  }
  if (p instanceof DataSource) {
    const need = new Set(used);
    addAll(need, p.conditions);
    const idx = p.schema.map((c, i) => (need.has(c.uid) ? i : -1)).filter((i) => i >= 0);
    // A reader must return rows even when no column is read (SELECT COUNT(*) FROM t): keep one.
    if (idx.length === 0 && p.schema.length > 0) idx.push(0);
    p.columnOffsets = idx.map((i) => p.columnOffsets[i]!);
    p.schema = idx.map((i) => p.schema[i]!);
    return;
  }
  if (p instanceof Aggregation) {
    const nAgg = p.aggs.length;
    const aggKeep = p.aggs.map((_, i) => used.has(p.schema[i]!.uid));
    const firstKeep = p.firstRows.map((_, i) => used.has(p.schema[nAgg + i]!.uid));
    const schema = p.schema;
    p.aggs = p.aggs.filter((_, i) => aggKeep[i]);
    p.firstRows = p.firstRows.filter((_, i) => firstKeep[i]);
    p.schema = [
      ...schema.slice(0, nAgg).filter((_, i) => aggKeep[i]),
      ...schema.slice(nAgg).filter((_, i) => firstKeep[i]),
    ];
    const childUsed = new Set<number>();
    addAll(childUsed, planExpressions(p));
    prune(p.children[0]!, childUsed);
    return;
  }
  if (p instanceof Join) {
    const need = new Set(used);
    addAll(need, planExpressions(p));
    const [l, r] = p.children as [Plan, Plan];
    prune(l, new Set(l.schema.filter((c) => need.has(c.uid)).map((c) => c.uid)));
    prune(r, new Set(r.schema.filter((c) => need.has(c.uid)).map((c) => c.uid)));
    // Join operators output the children's rows side by side.
    const semiOutput =
      p.joinType === 'leftOuterSemi' || p.joinType === 'antiLeftOuterSemi' ? [p.schema[p.schema.length - 1]!] : [];
    if (p.joinType === 'semi' || p.joinType === 'antiSemi') p.schema = [...l.schema];
    else if (semiOutput.length) p.schema = [...l.schema, ...semiOutput];
    else p.schema = [...l.schema, ...r.schema];
    return;
  }
  if (p instanceof Apply) {
    const [outer, inner] = p.children as [Plan, Plan];
    const outerUsed = new Set(used);
    if (p.cond) addAll(outerUsed, [p.cond]);
    walkPlan(inner, (n) => {
      for (const e of planExpressions(n)) {
        e.visit((x) => {
          if (x instanceof CorrelatedColumn) outerUsed.add(x.column.uid);
        });
      }
    });
    prune(outer, outerUsed);
    prune(inner, new Set(inner.schema.map((c) => c.uid)));
    p.schema = [...outer.schema, p.output];
    return;
  }
  if (p instanceof Window) {
    const childUsed = new Set(used);
    addAll(childUsed, planExpressions(p));
    const outputs = p.schema.slice(p.schema.length - p.funcs.length);
    prune(p.children[0]!, childUsed);
    p.schema = [...p.children[0]!.schema, ...outputs];
    return;
  }
  if (p instanceof Expand) {
    const child = p.children[0]!;
    const childUsed = new Set(used);
    addAll(childUsed, p.groupExprs);
    prune(child, childUsed);
    p.schema = [...child.schema, ...p.groupCols, p.gid];
    return;
  }
  // Set operations, CTEs, duals: positional or constant outputs — prune only inside.
  for (const c of p.children) prune(c, new Set(c.schema.map((x) => x.uid)));
}
