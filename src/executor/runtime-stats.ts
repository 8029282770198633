// Runtime statistics for EXPLAIN ANALYZE: per plan node, rows produced, next() calls and time;
// operators with workers add their own text (index joins: `inner:{...}`). Workers keep their own
// counters and hand them over once, when the operator closes.
import { type ExecContext, Executor } from './executor.js';
import type { Row } from '../types/value.js';

export interface BasicStats {
  rows: number;
  loops: number;
  timeMs: number;
}

export class RuntimeStatsColl {
  private readonly basic = new Map<number, BasicStats>();
  private readonly extra = new Map<number, string[]>();

  /** Adds to a plan node's counters (called once per next() of its executor, or once per worker merge). */
  record(planId: number, rows: number, loops: number, timeMs: number): void {
    const s = this.basic.get(planId);
    if (s) {
      s.rows += rows;
      s.loops += loops;
      s.timeMs += timeMs;
    } else {
      this.basic.set(planId, { rows, loops, timeMs });
    }
  }

  addExtra(planId: number, text: string): void {
    const list = this.extra.get(planId);
    if (list) list.push(text);
    else this.extra.set(planId, [text]);
  }

  get(planId: number): BasicStats | undefined {
    return this.basic.get(planId);
  }

  /** `time:…, loops:…` plus the operator's own details. */
  executionInfo(planId: number): string {
    const s = this.basic.get(planId);
    const parts: string[] = [];
    if (s) parts.push(`time:${formatDuration(s.timeMs)}, loops:${s.loops}`);
    parts.push(...(this.extra.get(planId) ?? []));
    return parts.join(', ');
  }
}

/** TiDB's duration text: 1.2s, 3.45ms, 120µs. */
export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${trim(ms / 1000)}s`;
  if (ms >= 1) return `${trim(ms)}ms`;
  return `${trim(ms * 1000)}µs`;
}

function trim(n: number): string {
  return String(Number(n.toFixed(n >= 100 ? 1 : 2)));
}

/** Measures the executor it wraps under its plan node's id. */
export class StatsExec extends Executor {
  constructor(
    ctx: ExecContext,
    readonly inner: Executor,
    private readonly planId: number,
    private readonly coll: RuntimeStatsColl,
  ) {
    super(ctx, [inner]);
  }

  async next(): Promise<Row[] | null> {
    const start = performance.now();
    const b = await this.inner.next();
    this.coll.record(this.planId, b ? b.length : 0, 1, performance.now() - start);
    return b;
  }
}
