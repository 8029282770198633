// EXPLAIN ANALYZE: runs the query with runtime statistics on, then prints the plan with TiDB's
// columns (actRows, execution info, memory, disk added to EXPLAIN's).
import type { QueryResult, RowMode } from '../api-types.js';
import { RuntimeStatsColl } from '../executor/runtime-stats.js';
import { explainPlan } from '../planner/explain.js';
import { formatExplain } from '../planner/explain-format.js';
import type { Plan } from '../planner/plans.js';
import { executePlan } from './run-query.js';
import type { Session } from './session.js';
import { simpleResult } from './simple-result.js';
import type { StmtContext } from './stmt-context.js';
import type { StmtTxnOptions } from './txn.js';

export const ANALYZE_COLUMNS = [
  'id',
  'estRows',
  'actRows',
  'task',
  'access object',
  'execution info',
  'operator info',
  'memory',
  'disk',
];

export async function runExplainAnalyze(
  s: Session,
  ctx: StmtContext,
  plan: Plan,
  rowMode: RowMode,
  format = 'row',
  lock?: StmtTxnOptions['lock'],
): Promise<QueryResult> {
  const stats = new RuntimeStatsColl();
  await s.inTxn((txn) => executePlan(s, ctx, txn, plan, stats), { lock, onRetry: () => ctx.clearWarnings() });
  const rows = formatExplain(explainPlan(plan, stats), format).map((r) => [
    r.id,
    r.estRows,
    r.actRows ?? '0',
    r.task,
    r.accessObject,
    r.executionInfo ?? '',
    r.operatorInfo,
    'N/A',
    'N/A',
  ]);
  return simpleResult(ANALYZE_COLUMNS, rows, rowMode);
}
