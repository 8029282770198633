// Executing a query plan in a transaction.
import type { Snapshot, Transaction } from '../kv/kv.js';
import { buildExecutor } from '../executor/builder.js';
import { drain, type ExecContext, type Executor } from '../executor/executor.js';
import type { RuntimeStatsColl } from '../executor/runtime-stats.js';
import type { Plan } from '../planner/plans.js';
import type { Row } from '../types/value.js';
import { virtualRows } from './infoschema-tables.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';
import { statementMemTracker } from './mem-quota.js';
import { StatementTxn } from './txn-view.js';

export function execContext(
  s: Session,
  ctx: StmtContext,
  txn: Transaction,
  stats?: RuntimeStatsColl,
  reader: Snapshot = txn,
): ExecContext {
  return {
    runtimeStats: stats,
    evalCtx: ctx,
    reader,
    txn,
    virtualRows: (t) => virtualRows(s, t),
    checkKilled: () => s.checkKilled(),
    memTracker: statementMemTracker(s, ctx),
    lockRows: txn instanceof StatementTxn && txn.forUpdate ? (keys) => txn.lockRows(keys) : undefined,
    pause: () => s.pause(),
    runtimeFilters: new Map(),
  };
}

export function executorFor(
  s: Session,
  ctx: StmtContext,
  txn: Transaction,
  plan: Plan,
  stats?: RuntimeStatsColl,
  reader?: Snapshot,
): Executor {
  return buildExecutor(execContext(s, ctx, txn, stats, reader), plan, {
    cteMaxRecursionDepth: s.vars.cteMaxRecursionDepth,
    indexJoin: {
      concurrency: s.vars.indexLookupJoinConcurrency,
      maxBatchSize: s.vars.indexJoinBatchSize,
    },
  });
}

/** Runs a plan to completion; with `stats`, executors record their runtime statistics (EXPLAIN ANALYZE). */
export async function executePlan(
  s: Session,
  ctx: StmtContext,
  txn: Transaction,
  plan: Plan,
  stats?: RuntimeStatsColl,
): Promise<Row[]> {
  const e = executorFor(s, ctx, txn, plan, stats);
  await e.open();
  try {
    return await drain(e);
  } finally {
    await e.close();
  }
}

/**
 * The rows of a plan, one at a time. A write statement's source passes `frozen`: it reads the data as
 * the statement found it, never the rows the statement itself writes meanwhile (an UPDATE moving a
 * row to a partition it has yet to scan would meet it again).
 */
export async function* streamPlan(
  s: Session,
  ctx: StmtContext,
  txn: Transaction,
  plan: Plan,
  frozen = false,
): AsyncGenerator<Row> {
  const e = executorFor(s, ctx, txn, plan, undefined, frozen ? (txn.frozen?.() ?? txn) : txn);
  await e.open();
  try {
    for (let b = await e.next(); b; b = await e.next()) yield* b;
  } finally {
    await e.close();
  }
}
