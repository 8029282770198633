import type { Column, EvalFn, Expression } from '../expression/expression.js';
import { orderComparatorFor, type ValueComparator } from '../expression/value-compare.js';
import type { JoinType } from '../planner/plans.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, compileFilter, drain, type ExecContext, Executor } from './executor.js';
import { concatRows, emitMatches, emitSemi, isSemiFamily } from './semi-join.js';

/**
 * Merge join over inputs sorted ascending on the join keys (NULLs first, as ORDER BY sorts them).
 * The outer side (left, or right for RIGHT JOIN) streams; the inner side is read (whole, in key
 * order) and a cursor only moves forward over it: each outer row meets just the run of inner rows
 * with its key, kept while consecutive outer rows share that key. NULL keys never match.
 */
export class MergeJoinExec extends Executor {
  private inner: Row[] | null = null;
  private innerKeys: Value[][] = [];
  private cursor = 0;
  private pending: Row[] = [];
  private done = false;
  private outerKeyFns: EvalFn[] = [];
  private readonly cmps: ValueComparator[];
  private other: ReturnType<typeof compileFilter> = null;
  private outerFilter: ReturnType<typeof compileFilter> = null;
  private readonly outerLeft: boolean;

  constructor(
    ctx: ExecContext,
    left: Executor,
    right: Executor,
    private readonly joinType: JoinType,
    private readonly eqConds: readonly [Expression, Expression][],
    private readonly otherConds: readonly Expression[],
    private readonly outerConds: readonly Expression[],
    private readonly leftSchema: readonly Column[],
    private readonly rightSchema: readonly Column[],
  ) {
    super(ctx, [left, right]);
    this.outerLeft = joinType !== 'right';
    this.cmps = eqConds.map(([l]) => orderComparatorFor(l.type));
  }

  override async open(): Promise<void> {
    await super.open();
    const side = (i: 0 | 1) => this.eqConds.map((p) => p[i]);
    this.outerKeyFns = compileAll(side(this.outerLeft ? 0 : 1), this.outerLeft ? this.leftSchema : this.rightSchema);
    this.other = compileFilter(this.otherConds, [...this.leftSchema, ...this.rightSchema]);
    this.outerFilter = compileFilter(this.outerConds, this.outerLeft ? this.leftSchema : this.rightSchema);
  }

  private async readInner(): Promise<void> {
    const rows = await drain(this.children[this.outerLeft ? 1 : 0]!);
    const fns = compileAll(
      this.eqConds.map((p) => p[this.outerLeft ? 1 : 0]),
      this.outerLeft ? this.rightSchema : this.leftSchema,
    );
    const ctx = this.ctx.evalCtx;
    this.innerKeys = rows.map((r) => fns.map((f) => f(r, ctx)));
    this.inner = rows;
  }

  /** Compares an inner key with an outer key (no NULLs in the outer key); inner NULLs sort first. */
  private compare(inner: readonly Value[], outer: readonly Value[]): number {
    for (let i = 0; i < outer.length; i++) {
      const a = inner[i]!;
      if (a === null) return -1;
      const c = this.cmps[i]!(a, outer[i]!);
      if (c !== 0) return c;
    }
    return 0;
  }

  /** The inner rows whose key equals `key`, moving the cursor past smaller keys. */
  private run(key: readonly Value[]): Row[] {
    const inner = this.inner!;
    while (this.cursor < inner.length && this.compare(this.innerKeys[this.cursor]!, key) < 0) this.cursor++;
    const out: Row[] = [];
    for (let i = this.cursor; i < inner.length && this.compare(this.innerKeys[i]!, key) === 0; i++) {
      out.push(inner[i]!);
    }
    return out;
  }

  async next(): Promise<Row[] | null> {
    if (!this.inner) await this.readInner();
    const ctx = this.ctx.evalCtx;
    const semi = isSemiFamily(this.joinType);
    const outerJoin = this.joinType === 'left' || this.joinType === 'right';
    const innerWidth = (this.outerLeft ? this.rightSchema : this.leftSchema).length;
    const outerExec = this.children[this.outerLeft ? 0 : 1]!;
    let lastKey: Value[] | null = null;
    let lastRun: Row[] = [];
    while (this.pending.length < BATCH_SIZE && !this.done) {
      const b = await outerExec.next();
      if (!b) {
        this.done = true;
        break;
      }
      this.ctx.checkKilled();
      for (const o of b) {
        const key = this.outerKeyFns.map((f) => f(o, ctx));
        let matches: Row[] = [];
        if (!key.includes(null) && (!this.outerFilter || this.outerFilter(o, ctx))) {
          if (!lastKey || this.compare(lastKey, key) !== 0) {
            lastRun = this.run(key);
            lastKey = key;
          }
          matches = lastRun;
        }
        if (semi) {
          const joinedOf = (m: Row) => (this.outerLeft ? concatRows(o, m) : concatRows(m, o));
          const hit = matches.some((m) => !this.other || this.other(joinedOf(m), ctx));
          emitSemi(this.joinType, o, hit ? 1 : 0, this.pending);
          continue;
        }
        emitMatches(o, matches, this.outerLeft, this.other, ctx, outerJoin, innerWidth, this.pending);
      }
    }
    if (this.pending.length === 0) return null;
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
