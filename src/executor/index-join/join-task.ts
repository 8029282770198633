// One unit of index-join work: a batch of outer rows, the inner rows their keys found, and the
// joined output. A task is filled by exactly one inner worker and then read by the consumer; its
// buffers (including its warnings) belong to whoever holds it.
import type { SqlWarning } from '../../errors/index.js';
import type { EvalContext } from '../../expression/eval-context.js';
import type { EvalFn } from '../../expression/expression.js';
import type { HashKey } from '../../expression/value-compare.js';
import type { JoinType } from '../../planner/plans.js';
import type { Row, Value } from '../../types/value.js';
import type { compileFilter } from '../executor.js';
import { concatRows, emitMatches, emitSemi, isSemiFamily } from '../semi-join.js';

/** The immutable description of a join that every worker reads. */
export interface JoinSpec {
  joinType: JoinType;
  /** Output columns put the outer row first (the outer side is the left child). */
  outerIsLeft: boolean;
  innerWidth: number;
  /** Every equality key, evaluated on the outer row / the inner row. */
  outerKeys: EvalFn[];
  innerKeys: EvalFn[];
  /** Positions in outerKeys of the lookup keys, in index-column order. */
  lookupKeys: number[];
  keyOf: (values: readonly Value[]) => HashKey;
  /** Conditions on the joined row (in output column order). */
  other: ReturnType<typeof compileFilter>;
  /** Outer joins: conditions on the outer row alone that gate any match. */
  outerFilter: ReturnType<typeof compileFilter>;
}

export interface JoinTask {
  seq: number;
  outer: Row[];
  /** Each outer row's key values (null: NULL key or excluded by the outer conditions), evaluated once by the inner worker. */
  outerKeys: (Value[] | null)[];
  /** Joined output (filled by whoever joins the task). */
  output: Row[];
  /** Inner rows keyed by the join keys (filled by the inner worker). */
  lookup: Map<HashKey, Row[]>;
  /** Inner rows in index order (merge join). */
  innerRows: Row[];
  warnings: SqlWarning[];
  done: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

export function newTask(seq: number, outer: Row[]): JoinTask {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const done = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // The consumer may stop before awaiting every task; a failure is still reported through the others.
  done.catch(() => {});
  return {
    seq,
    outer,
    outerKeys: [],
    output: [],
    lookup: new Map(),
    innerRows: [],
    warnings: [],
    done,
    resolve,
    reject,
  };
}

/** A worker's own evaluation context: reads the statement's, keeps its warnings to itself. */
export function workerContext(base: EvalContext, warnings: SqlWarning[]): EvalContext {
  const ctx = Object.create(base) as EvalContext;
  (ctx as { appendWarning: EvalContext['appendWarning'] }).appendWarning = (w) => {
    warnings.push(w);
  };
  return ctx;
}

/** The outer row's key values, or null when a key is NULL or the outer conditions exclude it. */
export function outerKeyValues(spec: JoinSpec, row: Row, ctx: EvalContext): Value[] | null {
  if (spec.outerFilter && !spec.outerFilter(row, ctx)) return null;
  const vals: Value[] = new Array(spec.outerKeys.length);
  for (let i = 0; i < vals.length; i++) {
    const v = spec.outerKeys[i]!(row, ctx);
    if (v === null) return null;
    vals[i] = v;
  }
  return vals;
}

/** Builds the task's hash table over the inner rows (NULL keys never match). */
export function buildLookup(spec: JoinSpec, inner: readonly Row[], ctx: EvalContext): Map<HashKey, Row[]> {
  const table = new Map<HashKey, Row[]>();
  const vals: Value[] = new Array(spec.innerKeys.length);
  outer: for (const row of inner) {
    for (let i = 0; i < vals.length; i++) {
      const v = spec.innerKeys[i]!(row, ctx);
      if (v === null) continue outer;
      vals[i] = v;
    }
    const k = spec.keyOf(vals);
    const list = table.get(k);
    if (list) list.push(row);
    else table.set(k, [row]);
  }
  return table;
}

/** Joins one outer row with its candidate inner rows, appending to `out` (outer order kept). */
export function joinOuterRow(
  spec: JoinSpec,
  row: Row,
  matches: readonly Row[] | undefined,
  ctx: EvalContext,
  out: Row[],
) {
  if (isSemiFamily(spec.joinType)) {
    const combine = (m: Row) => (spec.outerIsLeft ? concatRows(row, m) : concatRows(m, row));
    const hit = (matches ?? []).some((m) => !spec.other || spec.other(combine(m), ctx));
    emitSemi(spec.joinType, row, hit ? 1 : 0, out);
    return;
  }
  emitMatches(row, matches, spec.outerIsLeft, spec.other, ctx, spec.joinType !== 'inner', spec.innerWidth, out);
}

/** Joins every outer row of a task against its hash table. */
export function probeTask(spec: JoinSpec, task: JoinTask, ctx: EvalContext): void {
  const { outer, outerKeys } = task;
  for (let i = 0; i < outer.length; i++) {
    const vals = outerKeys[i];
    joinOuterRow(spec, outer[i]!, vals ? task.lookup.get(spec.keyOf(vals)) : undefined, ctx, task.output);
  }
}
