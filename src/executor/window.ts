// The Window operator: its input arrives sorted by partition keys then ORDER BY keys. It collects
// one partition at a time, computes peer groups and frames, asks each window function for its
// values and emits the partition's rows with one column appended per function.
import type { EvalContext } from '../expression/eval-context.js';
import type { Column, EvalFn, Expression } from '../expression/expression.js';
import { comparatorFor, type ValueComparator } from '../expression/value-compare.js';
import { newWindowEvaluator, type WindowEvaluator } from '../expression/window/evaluator.js';
import { computeFrames, computePeers, type Frames, type RangeKeys } from '../expression/window/frame.js';
import { usesFrame } from '../expression/window/desc.js';
import type { Window } from '../planner/plans.js';
import { toDecimal, toReal } from '../types/convert.js';
import { EvalType, evalTypeOf, type FieldType } from '../types/field-type.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, type ExecContext, Executor } from './executor.js';

interface CompiledFunc {
  evaluate: WindowEvaluator;
  args: EvalFn[];
  framed: boolean;
}

/** Equality with NULLs equal, per key (partitioning and peers). */
function sameValues(cmps: readonly ValueComparator[], a: readonly Value[], b: readonly Value[]): boolean {
  for (let i = 0; i < cmps.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x !== y) return false;
    } else if (cmps[i]!(x, y) !== 0) return false;
  }
  return true;
}

/** Compares an ORDER BY key with a RANGE bound's target, which may have another numeric type (int key, decimal offset). */
function keyTargetComparator(key: FieldType, target: FieldType, ctx: EvalContext): ValueComparator {
  const k = evalTypeOf(key);
  const t = evalTypeOf(target);
  if (k === t || !isNumeric(k) || !isNumeric(t)) return comparatorFor(key);
  if (k === EvalType.Real || t === EvalType.Real) return (a, b) => Math.sign(toReal(a, ctx) - toReal(b, ctx));
  return (a, b) => toDecimal(a, ctx).compare(toDecimal(b, ctx));
}

function isNumeric(et: EvalType): boolean {
  return et === EvalType.Int || et === EvalType.Decimal || et === EvalType.Real;
}

export class WindowExec extends Executor {
  private readonly partFns: EvalFn[];
  private readonly orderFns: EvalFn[];
  private readonly partCmps: ValueComparator[];
  private readonly orderCmps: ValueComparator[];
  private readonly funcs: CompiledFunc[];
  private readonly startTarget: EvalFn | undefined;
  private readonly endTarget: EvalFn | undefined;
  private readonly rangeCmp: ValueComparator | undefined;
  private out: Row[] = [];
  private partRows: Row[] = [];
  private partKey: Value[] | null = null;
  private done = false;

  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly plan: Window,
    childSchema: readonly Column[],
  ) {
    super(ctx, [child]);
    this.partFns = compileAll(plan.partitionBy, childSchema);
    this.orderFns = compileAll(
      plan.orderBy.map((o) => o.expr),
      childSchema,
    );
    this.partCmps = plan.partitionBy.map((e) => comparatorFor(e.type));
    this.orderCmps = plan.orderBy.map((o) => comparatorFor(o.expr.type));
    this.funcs = plan.funcs.map((f) => ({
      evaluate: newWindowEvaluator(f),
      args: compileAll(f.args, childSchema),
      framed: usesFrame(f.name),
    }));
    const compileTarget = (e: Expression | undefined) => (e ? compileAll([e], childSchema)[0] : undefined);
    this.startTarget = compileTarget(plan.frame.start.target);
    this.endTarget = compileTarget(plan.frame.end.target);
    const target = plan.frame.start.target ?? plan.frame.end.target;
    this.rangeCmp = target ? keyTargetComparator(plan.orderBy[0]!.expr.type, target.type, ctx.evalCtx) : undefined;
  }

  async next(): Promise<Row[] | null> {
    const ctx = this.ctx.evalCtx;
    while (this.out.length < BATCH_SIZE && !this.done) {
      const b = await this.children[0]!.next();
      this.ctx.checkKilled();
      if (!b) {
        this.done = true;
        this.flushPartition();
        break;
      }
      for (const row of b) {
        const key = this.partFns.map((f) => f(row, ctx));
        if (this.partKey && !sameValues(this.partCmps, this.partKey, key)) this.flushPartition();
        this.partKey = key;
        this.partRows.push(row);
      }
    }
    if (this.out.length === 0) return null;
    const batch = this.out.length <= BATCH_SIZE ? this.out : this.out.slice(0, BATCH_SIZE);
    this.out = this.out.length <= BATCH_SIZE ? [] : this.out.slice(BATCH_SIZE);
    return batch;
  }

  private flushPartition(): void {
    const rows = this.partRows;
    this.partRows = [];
    if (rows.length === 0) return;
    const ctx = this.ctx.evalCtx;
    const n = rows.length;
    const keys = rows.map((r) => this.orderFns.map((f) => f(r, ctx)));
    const peers = computePeers(n, (i, j) => sameValues(this.orderCmps, keys[i]!, keys[j]!));
    let frames: Frames | undefined;
    if (this.funcs.some((f) => f.framed)) frames = computeFrames(this.plan.frame, n, peers, this.rangeKeys(rows, keys));
    const results = this.funcs.map((f) =>
      f.evaluate({
        n,
        args: f.args.map((a) => rows.map((r) => a(r, ctx))),
        peers,
        frames: f.framed ? frames : undefined,
        ctx,
      }),
    );
    for (let i = 0; i < n; i++) {
      const row = rows[i]!.slice();
      for (const r of results) row.push(r[i]!);
      this.out.push(row);
    }
  }

  private rangeKeys(rows: Row[], keys: Value[][]): RangeKeys | undefined {
    if (!this.rangeCmp) return undefined;
    const ctx = this.ctx.evalCtx;
    const s = this.startTarget;
    const e = this.endTarget;
    return {
      keys: keys.map((k) => k[0]!),
      startTargets: s ? rows.map((r) => s(r, ctx)) : undefined,
      endTargets: e ? rows.map((r) => e(r, ctx)) : undefined,
      cmp: this.rangeCmp,
      desc: this.plan.orderBy[0]!.desc,
    };
  }
}
