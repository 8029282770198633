import type { Column, EvalFn, Expression } from '../expression/expression.js';
import type { JoinType } from '../planner/plans.js';
import { rowKeyFn } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, compileFilter, type ExecContext, Executor } from './executor.js';
import { rowSize } from './mem-tracker.js';

/**
 * Hash join for inner and outer joins. The inner side (right for inner/left joins, left for right
 * joins) is built into a hash table on the equality keys; the outer side streams. NULL keys never
 * match. `leftConds`/`rightConds` of outer joins filter the outer row's chance to match.
 */
export class HashJoinExec extends Executor {
  private table: Map<string | number, Row[]> | null = null;
  private pending: Row[] = [];
  private probeDone = false;
  private probeKeys: EvalFn[] = [];
  private other: ReturnType<typeof compileFilter> = null;
  private outerFilter: ReturnType<typeof compileFilter> = null;
  private keyOf: (v: readonly Value[]) => string | number;
  private readonly buildRight: boolean;

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
    this.buildRight = joinType !== 'right';
    this.keyOf = rowKeyFn(eqConds.map(([l, r]) => (l.type.tp === r.type.tp ? l.type : l.type)));
  }

  private get joined(): Column[] {
    return [...this.leftSchema, ...this.rightSchema];
  }

  override async open(): Promise<void> {
    await super.open();
    const probeSchema = this.buildRight ? this.leftSchema : this.rightSchema;
    this.probeKeys = compileAll(
      this.eqConds.map(([l, r]) => (this.buildRight ? l : r)),
      probeSchema,
    );
    this.other = compileFilter(this.otherConds, this.joined);
    this.outerFilter = compileFilter(this.outerConds, probeSchema);
  }

  private async build(): Promise<Map<string | number, Row[]>> {
    const buildExec = this.children[this.buildRight ? 1 : 0]!;
    const buildSchema = this.buildRight ? this.rightSchema : this.leftSchema;
    const fns = compileAll(
      this.eqConds.map(([l, r]) => (this.buildRight ? r : l)),
      buildSchema,
    );
    const ctx = this.ctx.evalCtx;
    const table = new Map<string | number, Row[]>();
    const vals: Value[] = new Array(fns.length);
    for (let b = await buildExec.next(); b; b = await buildExec.next()) {
      outer: for (const row of b) {
        for (let i = 0; i < fns.length; i++) {
          const v = fns[i]!(row, ctx);
          if (v === null) continue outer;
          vals[i] = v;
        }
        const k = this.keyOf(vals);
        this.ctx.memTracker?.consume(rowSize(row) + 16);
        const list = table.get(k);
        if (list) list.push(row);
        else table.set(k, [row]);
      }
    }
    return table;
  }

  async next(): Promise<Row[] | null> {
    if (!this.table) this.table = await this.build();
    const ctx = this.ctx.evalCtx;
    const probeExec = this.children[this.buildRight ? 0 : 1]!;
    const outerJoin = this.joinType === 'left' || this.joinType === 'right';
    const innerWidth = (this.buildRight ? this.rightSchema : this.leftSchema).length;
    const vals: Value[] = new Array(this.probeKeys.length);
    while (this.pending.length < BATCH_SIZE && !this.probeDone) {
      const b = await probeExec.next();
      if (!b) {
        this.probeDone = true;
        break;
      }
      for (const row of b) {
        let matches: Row[] | undefined;
        let nullKey = false;
        for (let i = 0; i < this.probeKeys.length; i++) {
          const v = this.probeKeys[i]!(row, ctx);
          if (v === null) nullKey = true;
          vals[i] = v;
        }
        const eligible = !nullKey && (!this.outerFilter || this.outerFilter(row, ctx));
        if (eligible) matches = this.table.get(this.keyOf(vals));
        let matched = false;
        for (const m of matches ?? []) {
          const joined = this.buildRight ? [...row, ...m] : [...m, ...row];
          if (this.other && !this.other(joined, ctx)) continue;
          matched = true;
          this.pending.push(joined);
        }
        if (!matched && outerJoin) {
          const nulls: Value[] = new Array(innerWidth).fill(null);
          this.pending.push(this.buildRight ? [...row, ...nulls] : [...nulls, ...row]);
        }
      }
    }
    if (this.pending.length === 0) return null;
    const out = this.pending;
    this.pending = [];
    return out;
  }
}
