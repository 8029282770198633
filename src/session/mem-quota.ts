// tidb_mem_quota_query: one memory tracker per statement, shared by every executor tree it builds.
import { ER, sqlError } from '../errors/index.js';
import { MemTracker } from '../executor/mem-tracker.js';
import type { Session } from './session.js';
import type { StmtContext } from './stmt-context.js';

/** The statement's tracker, created on first use with the session's quota. */
export function statementMemTracker(s: Session, ctx: StmtContext): MemTracker {
  if (!ctx.memTracker) {
    const quota = s.vars.memQuotaQuery;
    ctx.memTracker = new MemTracker(quota, () => sqlError(ER.MEM_EXCEED, s.id));
  }
  return ctx.memTracker;
}
