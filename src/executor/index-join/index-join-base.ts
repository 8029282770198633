// The worker structure shared by the index join family. One outer worker reads the outer child and
// cuts its rows into tasks (32 rows, doubling up to tidb_index_join_batch_size); N inner workers
// each take a task, build its sorted, de-duplicated lookup keys, read the inner rows through the
// index or the handle and build the task's hash table. Tasks travel through bounded channels; the
// consumer merges each task's warnings and the workers' statistics once, at close, in task order.
import type { SqlWarning } from '../../errors/index.js';
import type { EvalContext } from '../../expression/eval-context.js';
import type { Column, Expression } from '../../expression/expression.js';
import { rowKeyFn } from '../../expression/value-compare.js';
import type { DataSource, Join } from '../../planner/plans.js';
import type { Row, Value } from '../../types/value.js';
import { Channel } from '../../util/channel.js';
import { BATCH_SIZE, compileAll, compileFilter, type ExecContext, Executor } from '../executor.js';
import { ProjectionExec } from '../projection.js';
import { RangeScanExec } from '../range-scan.js';
import { formatDuration, StatsExec } from '../runtime-stats.js';
import { SelectionExec } from '../selection.js';
import { InnerLookup, type LookupCounts } from './inner-lookup.js';
import { buildLookup, type JoinSpec, type JoinTask, newTask, outerKeyValues, workerContext } from './join-task.js';

export interface IndexJoinOptions {
  /** Inner workers (tidb_index_lookup_join_concurrency resolved). */
  concurrency: number;
  /** Largest outer batch (tidb_index_join_batch_size). */
  maxBatchSize: number;
}

export const FIRST_BATCH_SIZE = 32;

/** One inner worker's counters; read by the consumer only after the worker has finished. */
interface WorkerStats extends LookupCounts {
  tasks: number;
  constructMs: number;
  fetchMs: number;
  buildMs: number;
}

/**
 * The outer worker reads its child to the end, so the reader under it (through filters, projections
 * and EXPLAIN ANALYZE's measuring wrapper) can scan in full batches: the outer rows, and so the tasks,
 * come in fewer round trips.
 */
function readsAll(exec: Executor): void {
  if (exec instanceof RangeScanExec) exec.readsAll();
  else if (exec instanceof SelectionExec || exec instanceof ProjectionExec || exec instanceof StatsExec) {
    readsAll(exec.children[0]!);
  }
}

export abstract class IndexJoinBase extends Executor {
  protected readonly spec: JoinSpec;
  protected readonly lookup: InnerLookup;
  private readonly taskCh: Channel<JoinTask>;
  private readonly resultCh: Channel<JoinTask>;
  private workers: Promise<void>[] = [];
  private readonly workerStats: WorkerStats[] = [];
  private readonly finished: JoinTask[] = [];
  private started = false;
  private exhausted = false;
  private out: Row[] = [];
  /** Output keeps the outer order: the consumer takes tasks in the order the outer worker made them. */
  protected abstract readonly ordered: boolean;

  constructor(
    ctx: ExecContext,
    outer: Executor,
    protected readonly plan: Join,
    protected readonly opts: IndexJoinOptions,
  ) {
    super(ctx, [outer]);
    const info = plan.indexJoin!;
    const outerIdx = info.outer;
    const outerPlan = plan.children[outerIdx]!;
    const innerPlan = plan.children[1 - outerIdx]!;
    const ds = innerPlan as DataSource;
    const pairs = plan.eqConds.map(([l, r]): [Expression, Expression] => (outerIdx === 0 ? [l, r] : [r, l]));
    const innerSchema = innerPlan.schema;
    const keyOffsets = info.lookupKeys.map((k) => {
      const col = pairs[k]![1] as Column;
      return ds.columnOffsets[innerSchema.findIndex((c) => c.uid === col.uid)]!;
    });
    this.lookup = new InnerLookup(ds, info.index, keyOffsets, innerSchema, info.dynamicPrune);
    const joined = [...plan.children[0]!.schema, ...plan.children[1]!.schema];
    const outerConds = outerIdx === 0 ? plan.leftConds : plan.rightConds;
    this.spec = {
      joinType: plan.joinType,
      outerIsLeft: outerIdx === 0,
      innerWidth: innerSchema.length,
      outerKeys: compileAll(
        pairs.map((p) => p[0]),
        outerPlan.schema,
      ),
      innerKeys: compileAll(
        pairs.map((p) => p[1]),
        innerSchema,
      ),
      lookupKeys: info.lookupKeys,
      keyOf: rowKeyFn(pairs.map((p) => p[1].type)),
      other: compileFilter(plan.otherConds, joined),
      outerFilter: compileFilter(outerConds, outerPlan.schema),
    };
    const cap = Math.max(1, opts.concurrency);
    this.taskCh = new Channel(cap);
    this.resultCh = new Channel(cap);
  }

  /** Work an inner worker does on a task after its hash table is built (e.g. probing). */
  protected abstract afterBuild(task: JoinTask, ctx: EvalContext): void;
  /** Work the consumer does on a task it receives (e.g. probing in outer order). */
  protected abstract consume(task: JoinTask, ctx: EvalContext): void;

  private start(): void {
    this.started = true;
    readsAll(this.children[0]!);
    const n = Math.max(1, this.opts.concurrency);
    const inner: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const stats: WorkerStats = { tasks: 0, constructMs: 0, fetchMs: 0, buildMs: 0, keys: 0, rows: 0 };
      this.workerStats.push(stats);
      inner.push(this.innerWorker(stats));
    }
    const innerDone = Promise.all(inner).then(() => {
      if (!this.ordered) this.resultCh.close();
    });
    this.workers = [this.outerWorker(), innerDone];
  }

  private async outerWorker(): Promise<void> {
    const child = this.children[0]!;
    let size = Math.min(FIRST_BATCH_SIZE, Math.max(1, this.opts.maxBatchSize));
    let buf: Row[] = [];
    let seq = 0;
    // The next outer batch is requested as soon as the previous one arrives, so reading the outer side
    // overlaps with handing out tasks (which waits while the inner workers are busy).
    let ahead: Promise<Row[] | null> | null = child.next();
    ahead.catch(() => {});
    try {
      while (ahead) {
        const b: Row[] | null = await ahead;
        ahead = b ? child.next() : null;
        ahead?.catch(() => {});
        if (b) for (const r of b) buf.push(r);
        while (buf.length >= size || (!ahead && buf.length > 0)) {
          const task = newTask(seq++, buf.slice(0, size));
          buf = buf.slice(size);
          if (this.ordered && !(await this.resultCh.send(task))) return;
          if (!(await this.taskCh.send(task))) return;
          size = Math.min(size * 2, Math.max(1, this.opts.maxBatchSize));
        }
      }
      this.taskCh.close();
      if (this.ordered) this.resultCh.close();
    } catch (e) {
      this.taskCh.close();
      this.resultCh.fail(e);
    } finally {
      // Never leave a read of the outer child running once this worker stops (close() closes the child next).
      if (ahead) await ahead.catch(() => null);
    }
  }

  private async innerWorker(stats: WorkerStats): Promise<void> {
    for (let task = await this.taskCh.recv(); task; task = await this.taskCh.recv()) {
      try {
        await this.runTask(task, stats);
        task.resolve();
      } catch (e) {
        task.reject(e);
        this.taskCh.close();
        this.resultCh.fail(e);
        return;
      }
      if (!this.ordered && !(await this.resultCh.send(task))) return;
    }
  }

  private async runTask(task: JoinTask, stats: WorkerStats): Promise<void> {
    const base = this.ctx.evalCtx;
    const ctx = workerContext(base, task.warnings);
    const t0 = performance.now();
    const keys: Value[][] = [];
    const lookupKeys = this.spec.lookupKeys;
    const parts: Value[] = new Array(lookupKeys.length);
    const outerKeys = task.outerKeys;
    for (const row of task.outer) {
      const vals = outerKeyValues(this.spec, row, ctx);
      outerKeys.push(vals);
      if (!vals) continue;
      for (let i = 0; i < parts.length; i++) parts[i] = vals[lookupKeys[i]!]!;
      const key = this.lookup.convertKey(parts, base.timeZoneOffsetMinutes, base.divPrecisionIncrement);
      if (key) keys.push(key);
    }
    const sorted = this.lookup.sortKeys(keys);
    const t1 = performance.now();
    const innerRows = await this.lookup.read(this.ctx.reader, sorted, ctx, stats);
    this.ctx.checkKilled();
    const t2 = performance.now();
    task.innerRows = innerRows;
    task.lookup = buildLookup(this.spec, innerRows, ctx);
    this.afterBuild(task, ctx);
    const t3 = performance.now();
    stats.tasks++;
    stats.constructMs += t1 - t0;
    stats.fetchMs += t2 - t1;
    stats.buildMs += t3 - t2;
  }

  async next(): Promise<Row[] | null> {
    if (!this.started) this.start();
    while (this.out.length < BATCH_SIZE && !this.exhausted) {
      const task = await this.resultCh.recv();
      if (!task) {
        this.exhausted = true;
        break;
      }
      await task.done;
      this.consume(task, workerContext(this.ctx.evalCtx, task.warnings));
      this.finished.push(task);
      for (const r of task.output) this.out.push(r);
      task.output = [];
      task.outerKeys = [];
      task.lookup = new Map();
      task.innerRows = [];
    }
    if (this.out.length === 0) return null;
    // Fixed-size batches: the number of batches does not depend on the order tasks completed in.
    const batch = this.out.length <= BATCH_SIZE ? this.out : this.out.slice(0, BATCH_SIZE);
    this.out = this.out.length <= BATCH_SIZE ? [] : this.out.slice(BATCH_SIZE);
    return batch;
  }

  override async close(): Promise<void> {
    this.taskCh.close();
    this.resultCh.close();
    await Promise.allSettled(this.workers);
    this.mergeOnce();
    await super.close();
  }

  /** Merges the workers' warnings (in task order) and statistics into the statement, once. */
  private mergeOnce(): void {
    const warnings: SqlWarning[] = [];
    for (const t of this.finished.sort((a, b) => a.seq - b.seq)) for (const w of t.warnings) warnings.push(w);
    for (const w of warnings) this.ctx.evalCtx.appendWarning(w);
    this.finished.length = 0;
    const coll = this.ctx.runtimeStats;
    if (!coll || !this.started) return;
    const sum = { tasks: 0, constructMs: 0, fetchMs: 0, buildMs: 0, keys: 0, rows: 0 };
    for (const s of this.workerStats) {
      sum.tasks += s.tasks;
      sum.constructMs += s.constructMs;
      sum.fetchMs += s.fetchMs;
      sum.buildMs += s.buildMs;
      sum.keys += s.keys;
      sum.rows += s.rows;
    }
    const total = sum.constructMs + sum.fetchMs + sum.buildMs;
    coll.addExtra(
      this.plan.id,
      `inner:{total:${formatDuration(total)}, concurrency:${this.workerStats.length}, task:${sum.tasks}, ` +
        `construct:${formatDuration(sum.constructMs)}, fetch:${formatDuration(sum.fetchMs)}, ` +
        `build:${formatDuration(sum.buildMs)}}`,
    );
    coll.record(this.lookup.ds.id, sum.rows, sum.tasks, sum.fetchMs);
  }
}
