import { ER, sqlError } from '../errors/index.js';
import type { CteDef, Plan } from '../planner/plans.js';
import { rowKeyFn } from '../expression/value-compare.js';
import type { Row } from '../types/value.js';
import { BATCH_SIZE, drain, type ExecContext, Executor } from './executor.js';

/** A statement's materialized CTE results, owned by its executor tree. */
export interface CteStore {
  results: Map<number, Row[]>;
  working: Map<number, Row[]>;
}

/**
 * Reads a recursive CTE. Inside the recursive part it reads the previous iteration's rows; elsewhere
 * it computes (once per statement) seed ∪ iterations until no new rows, bounded by
 * cte_max_recursion_depth.
 */
export class CteScanExec extends Executor {
  private rows: Row[] | null = null;
  private pos = 0;
  constructor(
    ctx: ExecContext,
    private readonly def: CteDef,
    private readonly store: CteStore,
    private readonly build: (plan: Plan) => Executor,
    private readonly maxDepth: number,
  ) {
    super(ctx, []);
  }

  async next(): Promise<Row[] | null> {
    if (!this.rows) {
      const working = this.store.working.get(this.def.id);
      this.rows = working ?? (await this.materialize());
    }
    if (this.pos >= this.rows.length) return null;
    const b = this.rows.slice(this.pos, this.pos + BATCH_SIZE);
    this.pos += b.length;
    return b;
  }

  private async run(plan: Plan): Promise<Row[]> {
    const e = this.build(plan);
    await e.open();
    try {
      return await drain(e);
    } finally {
      await e.close();
    }
  }

  private async materialize(): Promise<Row[]> {
    const cached = this.store.results.get(this.def.id);
    if (cached) return cached;
    const key = rowKeyFn(this.def.schema.map((c) => c.type));
    const seen = new Set<string | number>();
    const all: Row[] = [];
    const add = (rows: Row[]): Row[] => {
      if (!this.def.distinct) {
        all.push(...rows);
        return rows;
      }
      const fresh: Row[] = [];
      for (const r of rows) {
        const k = key(r);
        if (seen.has(k)) continue;
        seen.add(k);
        fresh.push(r);
      }
      all.push(...fresh);
      return fresh;
    };
    let working = add(await this.run(this.def.seed));
    let depth = 0;
    while (working.length && this.def.recursive) {
      if (++depth > this.maxDepth) throw sqlError(ER.CTE_MAX_RECURSION_DEPTH, depth);
      this.store.working.set(this.def.id, working);
      try {
        working = add(await this.run(this.def.recursive));
      } finally {
        this.store.working.delete(this.def.id);
      }
      this.ctx.checkKilled();
    }
    this.store.results.set(this.def.id, all);
    return all;
  }
}
