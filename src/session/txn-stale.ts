// Stale reads: `AS OF TIMESTAMP expr` on the tables of a query and on START TRANSACTION READ ONLY.
// The timestamp expression is evaluated once, before the statement runs.
import { ER, sqlError } from '../errors/index.js';
import type { ExprNode, QueryNode, TableRef } from '../parser/index.js';
import { buildQuery } from '../planner/builder/select.js';
import { optimize } from '../planner/optimize.js';
import { toStringValue } from '../types/convert.js';
import { executePlan } from './run-query.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';
import { parseReadTs } from './txn.js';

/** The AS OF TIMESTAMP expressions of a query's tables (every one must name the same time). */
export function asOfExprs(q: QueryNode): ExprNode[] {
  const out: ExprNode[] = [];
  const visitRef = (r: TableRef | undefined): void => {
    if (!r) return;
    if (r.kind === 'table') {
      if (r.asOf) out.push(r.asOf);
    } else if (r.kind === 'join') {
      visitRef(r.left);
      visitRef(r.right);
    } else {
      visit(r.query);
    }
  };
  const visit = (n: QueryNode): void => {
    if (n.kind === 'select') visitRef(n.from);
    else if (n.kind === 'setop') {
      visit(n.left);
      visit(n.right);
    }
  };
  visit(q);
  return out;
}

/** Evaluates a read-timestamp expression (a datetime) to a timestamp. */
export async function evalReadTs(s: Session, ctx: StmtContext, expr: ExprNode): Promise<number> {
  const env = s.planEnv(ctx);
  const built = buildQuery(
    env,
    { kind: 'select', hints: [], distinct: false, options: [], fields: [{ expr, text: '' }] },
    undefined,
  );
  const plan = optimize(built.plan);
  const txn = s.domain.storage.begin();
  try {
    const rows = await executePlan(s, ctx, txn, plan);
    const v = rows[0]?.[0] ?? null;
    if (v === null) throw sqlError(ER.INTERNAL, 'invalid value for AS OF TIMESTAMP: NULL');
    return parseReadTs(s, toStringValue(v));
  } finally {
    txn.rollback();
  }
}

/** The read timestamp of a query whose tables say AS OF TIMESTAMP, or undefined. */
export async function queryReadTs(s: Session, ctx: StmtContext, q: QueryNode): Promise<number | undefined> {
  const exprs = asOfExprs(q);
  if (exprs.length === 0) return undefined;
  if (s.txn && s.explicitTxn)
    throw sqlError(ER.INTERNAL, 'as of timestamp can only be set when there is no transaction');
  let ts: number | undefined;
  for (const e of exprs) {
    const t = await evalReadTs(s, ctx, e);
    if (ts !== undefined && t !== ts) throw sqlError(ER.INTERNAL, 'can not set different time in the as of');
    ts = t;
  }
  return ts;
}
