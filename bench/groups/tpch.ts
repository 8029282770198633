// Group 5: TPC-H. The project's seeded generator at --sf (0.01 by default), loaded into each engine; the 22 queries
// run on better-sqlite3 first (the reference result), then on each engine: results compared, timed. A query an
// engine cannot run, or whose result differs, is reported as such with the reason.
import { type Cell, diffResults, normaliseRows } from '../../src/tools/tpch/compare.js';
import { generateTpch, insertStatements, type TpchTable } from '../../src/tools/tpch/generator.js';
import { type Dialect, tpchQueries, tpchSchema, translate } from '../../src/tools/tpch/queries.js';
import type { BenchOptions } from '../common.js';
import { ENGINE_LABEL, type Engine, type EngineName, tryOpen } from '../engines.js';
import { median } from '../harness.js';

const DIALECT: Partial<Record<EngineName, Dialect>> = { tilite: 'mysql', sqlite: 'sqlite', duckdb: 'duckdb' };

async function load(e: Engine, tables: TpchTable[]): Promise<void> {
  for (const s of tpchSchema()) await e.exec(s);
  for (const t of tables) {
    await e.exec('BEGIN');
    for (const stmt of insertStatements(t)) await e.exec(stmt);
    await e.exec('COMMIT');
  }
}

/** Runs a query's statements; the last SELECT's rows are the result. Rejects after `timeoutMs`. */
async function runQuery(e: Engine, statements: string[], dialect: Dialect, timeoutMs: number): Promise<unknown[][]> {
  let rows: unknown[][] = [];
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      e.interrupt?.();
      reject(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    for (const s of statements) {
      const sql = translate(s, dialect);
      if (/^\s*select/i.test(sql)) rows = await Promise.race([e.query(sql), timeout]);
      else await Promise.race([e.exec(sql), timeout]);
    }
  } finally {
    clearTimeout(timer);
  }
  return rows;
}

export async function benchTpch(opts: BenchOptions): Promise<void> {
  const G = `tpch SF ${opts.sf}`;
  const t0 = performance.now();
  const tables = generateTpch(opts.sf, 1);
  const genMs = performance.now() - t0;
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  opts.results.note(`TPC-H SF ${opts.sf}: generated ${total} rows in ${genMs.toFixed(0)} ms (seed 1)`);
  const queries = tpchQueries();
  const reference = new Map<number, Cell[][]>();
  const order: EngineName[] = ['sqlite', 'tilite', 'duckdb'];
  for (const n of order) {
    const dialect = DIALECT[n];
    if (!opts.engines.includes(n) && !(n === 'sqlite' && opts.engines.includes('tilite'))) continue;
    if (!dialect) continue;
    const label = ENGINE_LABEL[n];
    const e = await tryOpen(n);
    if (typeof e === 'string') {
      opts.results.fail(G, 'load', label, 'ms', `not available: ${e}`);
      continue;
    }
    try {
      const l0 = performance.now();
      await load(e, tables);
      const loadMs = performance.now() - l0;
      opts.results.add({
        group: G,
        name: 'load (500-row INSERTs)',
        engine: label,
        median: loadMs,
        unit: 'ms',
        samples: [loadMs],
      });
      const totals: number[] = [];
      for (const q of queries) {
        const name = `Q${q.n}`;
        try {
          const f0 = performance.now();
          const rows = normaliseRows(await runQuery(e, q.statements, dialect, opts.timeoutMs));
          const first = performance.now() - f0;
          if (n === 'sqlite') reference.set(q.n, rows);
          else {
            const ref = reference.get(q.n);
            const diff = ref ? diffResults(ref, rows) : null;
            if (diff) throw new Error(`result differs from better-sqlite3: ${diff}`);
          }
          // Slow first runs are not repeated, to keep the whole group within minutes.
          const samples = [first];
          const repeats = first > 2000 ? 0 : opts.samples - 1;
          for (let i = 0; i < repeats; i++) {
            const s0 = performance.now();
            await runQuery(e, q.statements, dialect, opts.timeoutMs);
            samples.push(performance.now() - s0);
          }
          totals.push(median(samples));
          opts.results.add({ group: G, name, engine: label, median: median(samples), unit: 'ms', samples });
        } catch (err) {
          opts.results.fail(G, name, label, 'ms', err);
          if (n === 'sqlite') reference.delete(q.n);
        }
      }
      const sum = totals.reduce((a, b) => a + b, 0);
      opts.results.add({
        group: G,
        name: `total of queries run (${totals.length}/22)`,
        engine: label,
        median: sum,
        unit: 'ms',
        samples: [sum],
      });
    } catch (err) {
      opts.results.fail(G, 'load', label, 'ms', err);
    } finally {
      await e.close();
    }
  }
}
