import type { Column, Expression } from '../expression/expression.js';
import type { JoinType } from '../planner/plans.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileFilter, drain, type ExecContext, Executor } from './executor.js';
import { emitSemi, isSemiFamily } from './semi-join.js';

/** Joins without equality keys: the inner side is materialized and every pair is tested (semi joins: until one matches). */
export class NestedLoopJoinExec extends Executor {
  private inner: Row[] | null = null;
  private pending: Row[] = [];
  private done = false;
  private cond: ReturnType<typeof compileFilter> = null;
  private outerFilter: ReturnType<typeof compileFilter> = null;

  constructor(
    ctx: ExecContext,
    left: Executor,
    right: Executor,
    private readonly joinType: JoinType,
    private readonly conds: readonly Expression[],
    private readonly outerConds: readonly Expression[],
    private readonly leftSchema: readonly Column[],
    private readonly rightSchema: readonly Column[],
  ) {
    super(ctx, [left, right]);
  }

  override async open(): Promise<void> {
    await super.open();
    this.cond = compileFilter(this.conds, [...this.leftSchema, ...this.rightSchema]);
    const outerLeft = this.joinType !== 'right';
    this.outerFilter = compileFilter(this.outerConds, outerLeft ? this.leftSchema : this.rightSchema);
  }

  async next(): Promise<Row[] | null> {
    const outerLeft = this.joinType !== 'right';
    if (!this.inner) this.inner = await drain(this.children[outerLeft ? 1 : 0]!);
    const ctx = this.ctx.evalCtx;
    const outerJoin = this.joinType === 'left' || this.joinType === 'right';
    const semi = isSemiFamily(this.joinType);
    const innerWidth = (outerLeft ? this.rightSchema : this.leftSchema).length;
    while (this.pending.length < BATCH_SIZE && !this.done) {
      const b = await this.children[outerLeft ? 0 : 1]!.next();
      if (!b) {
        this.done = true;
        break;
      }
      this.ctx.checkKilled();
      for (const o of b) {
        const paused = this.ctx.pause?.();
        if (paused) await paused;
        if (semi) {
          const eligible = !this.outerFilter || this.outerFilter(o, ctx);
          const hit = eligible && this.inner.some((i) => !this.cond || this.cond([...o, ...i], ctx));
          emitSemi(this.joinType, o, hit ? 1 : 0, this.pending);
          continue;
        }
        let matched = false;
        if (!this.outerFilter || this.outerFilter(o, ctx)) {
          for (const i of this.inner) {
            const joined = outerLeft ? [...o, ...i] : [...i, ...o];
            if (this.cond && !this.cond(joined, ctx)) continue;
            matched = true;
            this.pending.push(joined);
          }
        }
        if (!matched && outerJoin) {
          const nulls: Value[] = new Array(innerWidth).fill(null);
          this.pending.push(outerLeft ? [...o, ...nulls] : [...nulls, ...o]);
        }
      }
    }
    if (this.pending.length === 0) return null;
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
