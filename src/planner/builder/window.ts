// Window functions in a query block. Each `f(...) OVER (...)` met while the select list and ORDER BY
// are rewritten becomes an output column; after HAVING, applyWindows puts the Window operators on
// the block's plan: functions with the same window share one, and each window gets a Sort on its
// partition and ORDER BY keys unless the rows already arrive in that order.
import { ER, sqlError } from '../../errors/index.js';
import { Column, Constant, type Expression } from '../../expression/expression.js';
import { newWindowFuncDesc, usesFrame, type WindowFuncDesc } from '../../expression/window/desc.js';
import type { ExprNode, FuncCall, SelectStmt } from '../../parser/ast.js';
import { Flag, newFieldType, TypeCode } from '../../types/field-type.js';
import { Sort, type SortItem, Window, type WindowFrame } from '../plans.js';
import { ExprRewriter, type RewriteHooks } from '../rewriter.js';
import type { PlanEnv } from './env.js';
import type { BlockState } from './select.js';
import { buildFrame, checkNamedWindows, namedWindows, resolveSpec } from './window-spec.js';

interface PendingWindowFunc {
  desc: WindowFuncDesc;
  col: Column;
  partitionBy: Expression[];
  orderBy: SortItem[];
  frame: WindowFrame;
  explicitFrame: boolean;
  /** Functions with equal keys share a Window operator. */
  windowKey: string;
}

export interface WindowState {
  pending: PendingWindowFunc[];
}

/** Rewrites one window function call to the column its Window operator will produce. */
export function buildWindowFunction(
  env: PlanEnv,
  f: FuncCall,
  stmt: SelectStmt,
  block: BlockState,
  state: WindowState,
  hooks: RewriteHooks,
): Expression {
  if (f.ignoreNulls) throw sqlError(ER.NOT_SUPPORTED_YET, 'IGNORE NULLS');
  if (f.fromLast) throw sqlError(ER.NOT_SUPPORTED_YET, 'FROM LAST');
  const spec = resolveSpec(f.over!, namedWindows(stmt));
  const specHooks: RewriteHooks = {
    ...hooks,
    window: () => {
      throw sqlError(ER.WINDOW_NESTED_WINDOW_FUNC_USE_IN_WINDOW_SPEC, spec.name);
    },
  };
  const specExpr = (clause: string, n: ExprNode): Expression => {
    if (n.kind === 'literal' && n.type === 'int') throw sqlError(ER.WINDOW_ILLEGAL_ORDER_BY, spec.name);
    return new ExprRewriter(block.scope, env.bctx, clause, specHooks).rewrite(n);
  };
  const partitionBy = spec.partitionBy.map((n) => specExpr('window partition by', n));
  const orderBy = spec.orderBy.map((o) => ({ expr: specExpr('window order by', o.expr), desc: o.desc }));
  const argRw = new ExprRewriter(block.scope, env.bctx, 'field list', { ...hooks, window: undefined });
  const args = f.star
    ? [new Constant(1, newFieldType(TypeCode.LongLong, { flen: 1, decimal: 0, flag: Flag.NotNull }))]
    : f.args.map((a) => argRw.rewrite(a));
  const desc = newWindowFuncDesc(f.name, args, f.distinct ?? false, env.bctx);
  const { frame, explicit } = buildFrame(env, spec, orderBy);
  if (explicit && !usesFrame(desc.name)) {
    env.warnings.push({
      code: 3599,
      message: `Window function '${desc.name}' ignores the frame clause of window '${spec.name}' and aggregates over the whole partition`,
    });
  }
  const windowKey = [
    partitionBy.map((e) => e.toString()).join(','),
    orderBy.map((o) => `${o.expr.toString()}${o.desc ? ' desc' : ''}`).join(','),
    frameText(frame),
  ].join('|');
  const same = state.pending.find((p) => p.windowKey === windowKey && p.desc.toString() === desc.toString());
  if (same) return same.col;
  const col = new Column(desc.type, {});
  state.pending.push({ desc, col, partitionBy, orderBy, frame, explicitFrame: explicit, windowKey });
  return col;
}

/** Whether an expression reads a window function's result (HAVING may not). */
export function readsWindowResult(state: WindowState, e: Expression): boolean {
  const uids = new Set(state.pending.map((p) => p.col.uid));
  let found = false;
  e.visit((x) => {
    if (x instanceof Column && uids.has(x.uid)) found = true;
  });
  return found;
}

/** Adds the Sort and Window operators of the block's window functions on top of its plan. */
export function applyWindows(env: PlanEnv, stmt: SelectStmt, block: BlockState, state: WindowState): void {
  if (stmt.windows?.length) checkNamedWindows(env, stmt);
  const groups: PendingWindowFunc[][] = [];
  for (const p of state.pending) {
    const g = groups.find((x) => x[0]!.windowKey === p.windowKey);
    if (g) g.push(p);
    else groups.push([p]);
  }
  let order: SortItem[] = [];
  for (const g of groups) {
    const first = g[0]!;
    const needed = [...first.partitionBy.map((expr) => ({ expr, desc: false })), ...first.orderBy];
    if (needed.length && !isPrefix(needed, order)) {
      const sort = new Sort(block.plan, needed);
      sort.estRows = block.plan.estRows;
      block.plan = sort;
      order = needed;
    }
    const show = first.explicitFrame || g.every((p) => p.desc.name === 'row_number');
    const frame: WindowFrame =
      !first.explicitFrame && show
        ? { unit: 'rows', start: { type: 'currentRow' }, end: { type: 'currentRow' } }
        : first.frame;
    const w = new Window(
      block.plan,
      g.map((p) => p.desc),
      first.partitionBy,
      first.orderBy,
      frame,
      show,
      g.map((p) => p.col),
    );
    w.estRows = block.plan.estRows;
    block.plan = w;
  }
}

function isPrefix(items: SortItem[], of: SortItem[]): boolean {
  if (items.length > of.length) return false;
  return items.every((it, i) => it.desc === of[i]!.desc && it.expr.equals(of[i]!.expr));
}

/** `rows between 1 preceding and current row`, as TiDB's EXPLAIN writes a frame. */
export function frameText(f: WindowFrame): string {
  const bound = (b: WindowFrame['start']): string => {
    switch (b.type) {
      case 'unboundedPreceding':
        return 'unbounded preceding';
      case 'unboundedFollowing':
        return 'unbounded following';
      case 'currentRow':
        return 'current row';
      default:
        return `${b.text} ${b.type}`;
    }
  };
  return `${f.unit} between ${bound(f.start)} and ${bound(f.end)}`;
}
