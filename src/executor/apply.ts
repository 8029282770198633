import type { Column, Expression } from '../expression/expression.js';
import { rowKeyFn } from '../expression/value-compare.js';
import type { CorrelationBinding, SubqueryKind } from '../planner/plans.js';
import type { Row, Value } from '../types/value.js';
import { compileAll, drain, type ExecContext, Executor, isTrue } from './executor.js';

/**
 * Evaluates a subquery per outer row and appends its value. The inner executor tree is built anew
 * for each evaluation (it is single-use); results are cached by the correlated values, and an
 * uncorrelated subquery runs once.
 */
export class ApplyExec extends Executor {
  private cache = new Map<string | number, Value>();
  private uncorrelatedRows: Row[] | null = null;
  private bindingFns: ((row: Row, ctx: never) => Value)[] = [];
  private condFn: ((row: Row, ctx: never) => Value) | null = null;
  private active: CorrelationBinding[] = [];

  constructor(
    ctx: ExecContext,
    outer: Executor,
    private readonly newInner: () => Executor,
    private readonly kind: SubqueryKind,
    private readonly bindings: readonly CorrelationBinding[],
    private readonly correlated: boolean,
    private readonly cond: Expression | undefined,
    private readonly outerSchema: readonly Column[],
    private readonly innerSchema: readonly Column[],
  ) {
    super(ctx, [outer]);
  }

  override async open(): Promise<void> {
    await super.open();
    const present = this.bindings.filter((b) => this.outerSchema.some((c) => c.uid === b.column.uid));
    this.bindingFns = compileAll(
      present.map((b) => b.column),
      this.outerSchema,
    );
    this.active = present;
    if (this.cond) this.condFn = compileAll([this.cond], [...this.outerSchema, ...this.innerSchema])[0]!;
  }

  async next(): Promise<Row[] | null> {
    const batch = await this.children[0]!.next();
    if (!batch) return null;
    const out: Row[] = [];
    for (const row of batch) out.push([...row, await this.evaluate(row)]);
    return out;
  }

  private async evaluate(row: Row): Promise<Value> {
    const ctx = this.ctx.evalCtx;
    const active = this.active;
    const vals = this.bindingFns.map((f) => f(row, ctx as never));
    let innerRows: Row[];
    let cacheKey: string | number | undefined;
    if (!this.correlated) {
      this.uncorrelatedRows ??= await this.runInner();
      innerRows = this.uncorrelatedRows;
    } else {
      const key = rowKeyFn(active.map((b) => b.column.type));
      cacheKey = key(vals);
      if (!this.cond && this.cache.has(cacheKey)) return this.cache.get(cacheKey)!;
      active.forEach((b, i) => {
        b.slot.value = vals[i]!;
      });
      innerRows = await this.runInner();
    }
    const v = this.combine(row, innerRows);
    if (cacheKey !== undefined && !this.cond) this.cache.set(cacheKey, v);
    return v;
  }

  private async runInner(): Promise<Row[]> {
    this.ctx.checkKilled();
    const exec = this.newInner();
    await exec.open();
    try {
      if (this.kind === 'exists') {
        const b = await exec.next();
        return b ? [b[0]!] : [];
      }
      return await drain(exec);
    } finally {
      await exec.close();
    }
  }

  private combine(row: Row, inner: Row[]): Value {
    switch (this.kind) {
      case 'scalar':
        return inner.length ? inner[0]![0]! : null;
      case 'exists':
        return inner.length ? 1 : 0;
      default: {
        const ctx = this.ctx.evalCtx as never;
        const all = this.kind === 'all';
        let sawNull = false;
        for (const r of inner) {
          const v = this.condFn!([...row, ...r], ctx);
          if (v === null) sawNull = true;
          else if (isTrue(v) !== all) return all ? 0 : 1;
        }
        if (sawNull) return null;
        return all ? 1 : 0;
      }
    }
  }
}
