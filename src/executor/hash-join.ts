import type { Column, EvalFn, Expression } from '../expression/expression.js';
import type { JoinType } from '../planner/plans.js';
import { type HashKey, keyFnFor, rowKeyFn } from '../expression/value-compare.js';
import type { Row, Value } from '../types/value.js';
import { BATCH_SIZE, compileAll, compileFilter, type ExecContext, Executor } from './executor.js';
import { rowSize } from './mem-tracker.js';
import { concatRows, emitMatches, emitSemi, isSemiFamily, type MatchResult } from './semi-join.js';

/** A build side with more distinct first keys than this publishes no runtime filter (checking would cost more than it saves). */
const RUNTIME_FILTER_MAX_KEYS = 4096;

/**
 * Hash join for inner, outer and semi joins. The inner side (right for left/semi joins, left for
 * right joins, the smaller estimated side of an inner join) is built into a hash table on the
 * equality keys; the other side streams. NULL
 * keys never match. `leftConds`/`rightConds` of outer joins filter the outer row's chance to match.
 * A null-aware join (NOT IN, IN as a value) answers NULL instead of no match when a NULL key on
 * either side could have been equal: such build rows are kept aside and compared key by key.
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
  /** Null-aware joins: the build keys' functions, per-key hash keys, and build rows with a NULL key / all build rows. */
  private buildKeys: EvalFn[] = [];
  private readonly partKeys: ((v: Value) => HashKey)[];
  private nullKeyRows: Row[] = [];
  private allRows: Row[] = [];

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
    private readonly nullAware = false,
    buildLeft = joinType === 'right',
    /** The plan id under which this join publishes its first key's build values for the readers below its probe side. */
    private readonly runtimeFilterId?: number,
  ) {
    super(ctx, [left, right]);
    this.buildRight = !buildLeft;
    this.keyOf = rowKeyFn(eqConds.map(([l, r]) => (l.type.tp === r.type.tp ? l.type : l.type)));
    this.partKeys = nullAware ? eqConds.map(([l]) => keyFnFor(l.type)) : [];
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
    this.buildKeys = fns;
    const ctx = this.ctx.evalCtx;
    const table = new Map<string | number, Row[]>();
    const vals: Value[] = new Array(fns.length);
    // The first key's values, while few enough to be worth a filter.
    const firstKey = keyFnFor(this.eqConds[0]![0].type);
    let filterKeys: Set<HashKey> | null = this.runtimeFilterId !== undefined ? new Set() : null;
    const filterValues: Value[] = [];
    for (let b = await buildExec.next(); b; b = await buildExec.next()) {
      outer: for (const row of b) {
        if (this.nullAware) this.allRows.push(row);
        for (let i = 0; i < fns.length; i++) {
          const v = fns[i]!(row, ctx);
          if (v === null) {
            if (this.nullAware) this.nullKeyRows.push(row);
            continue outer;
          }
          vals[i] = v;
        }
        const k = this.keyOf(vals);
        if (filterKeys) {
          const h = firstKey(vals[0]!);
          if (!filterKeys.has(h)) {
            filterKeys.add(h);
            filterValues.push(vals[0]!);
            if (filterKeys.size > RUNTIME_FILTER_MAX_KEYS) filterKeys = null;
          }
        }
        this.ctx.memTracker?.consume(rowSize(row) + 16);
        const list = table.get(k);
        if (list) list.push(row);
        else table.set(k, [row]);
      }
    }
    // Set or cleared on every build: a join run again (under an Apply) never leaves an earlier run's keys.
    if (this.runtimeFilterId !== undefined) {
      if (filterKeys) this.ctx.runtimeFilters?.set(this.runtimeFilterId, { keys: filterKeys, values: filterValues });
      else this.ctx.runtimeFilters?.delete(this.runtimeFilterId);
    }
    return table;
  }

  async next(): Promise<Row[] | null> {
    if (!this.table) {
      this.table = await this.build();
      // Nothing to match: an inner or semi join outputs nothing, so its probe side is never read.
      if (this.table.size === 0 && (this.joinType === 'inner' || this.joinType === 'semi')) this.probeDone = true;
    }
    const ctx = this.ctx.evalCtx;
    const probeExec = this.children[this.buildRight ? 0 : 1]!;
    const outerJoin = this.joinType === 'left' || this.joinType === 'right';
    const semi = isSemiFamily(this.joinType);
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
        const eligible = !this.outerFilter || this.outerFilter(row, ctx);
        if (eligible && !nullKey) matches = this.table.get(this.keyOf(vals));
        if (semi) {
          emitSemi(this.joinType, row, this.probeSemi(row, vals, matches, nullKey, eligible), this.pending);
          continue;
        }
        emitMatches(row, matches, this.buildRight, this.other, ctx, outerJoin, innerWidth, this.pending);
      }
    }
    if (this.pending.length === 0) return null;
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** Whether some inner row matches the outer row; null-aware joins answer NULL when a NULL key might have. */
  private probeSemi(
    row: Row,
    vals: readonly Value[],
    matches: readonly Row[] | undefined,
    nullKey: boolean,
    eligible: boolean,
  ): MatchResult {
    if (!eligible) return 0;
    const ctx = this.ctx.evalCtx;
    const passes = (m: Row) => !this.other || this.other(concatRows(row, m), ctx);
    for (const m of matches ?? []) if (passes(m)) return 1;
    if (!this.nullAware) return 0;
    // An outer NULL key may equal any build row; a build row's NULL key may equal any outer value.
    for (const m of nullKey ? this.allRows : this.nullKeyRows) {
      if (this.mayEqual(vals, m) && passes(m)) return null;
    }
    return 0;
  }

  /** No key pair of the outer values and the build row is known to differ (NULLs compare as unknown). */
  private mayEqual(vals: readonly Value[], m: Row): boolean {
    const ctx = this.ctx.evalCtx;
    for (let i = 0; i < vals.length; i++) {
      const a = vals[i]!;
      if (a === null) continue;
      const b = this.buildKeys[i]!(m, ctx);
      if (b !== null && this.partKeys[i]!(a) !== this.partKeys[i]!(b)) return false;
    }
    return true;
  }
}
