// Group 5: TPC-H. The project's seeded generator at --sf (0.01 by default), loaded into each engine; the 22 queries
// run on better-sqlite3 first (the reference result), then on each engine: results compared, timed. A query an
// engine cannot run, whose result differs, or that passes the time limit is reported as such with the reason.
import { Worker } from 'node:worker_threads';
import { type Cell, diffResults, normaliseRows } from '../../src/tools/tpch/compare.js';
import { generateTpch, insertStatements, type TpchTable } from '../../src/tools/tpch/generator.js';
import { analyzeStatements, type Dialect, tpchQueries, tpchSchema, translate } from '../../src/tools/tpch/queries.js';
import type { BenchOptions } from '../common.js';
import { ENGINE_LABEL, type EngineName, tryOpen } from '../engines.js';
import { median } from '../harness.js';
import type { WorkerReply } from '../tpch-worker.js';

const SEED = 1;

/** An engine loaded with the TPC-H data: runs a query's statements and returns the last SELECT's rows. */
interface Runner {
  loadMs: number;
  run(statements: string[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

async function inProcess(n: EngineName, tables: TpchTable[], dialect: Dialect): Promise<Runner | string> {
  const e = await tryOpen(n);
  if (typeof e === 'string') return e;
  const t0 = performance.now();
  for (const s of tpchSchema()) await e.exec(s);
  for (const t of tables) {
    await e.exec('BEGIN');
    for (const stmt of insertStatements(t)) await e.exec(stmt);
    await e.exec('COMMIT');
  }
  for (const s of analyzeStatements(dialect)) await e.exec(s);
  return {
    loadMs: performance.now() - t0,
    async run(statements) {
      let rows: unknown[][] = [];
      for (const s of statements) {
        const sql = translate(s, dialect);
        if (/^\s*select/i.test(sql)) rows = await e.query(sql);
        else await e.exec(sql);
      }
      return rows;
    },
    close: () => e.close(),
  };
}

/** TiLite in a worker thread: a query over the limit terminates the worker, and a new one reloads the data. */
async function tiliteWorker(sf: number, timeoutMs: number): Promise<Runner> {
  const url = new URL('../tpch-worker.js', import.meta.url);
  let worker: Worker;
  let nextId = 0;
  const start = () =>
    new Promise<number>((resolve, reject) => {
      worker = new Worker(url, { workerData: { sf, seed: SEED } });
      worker.once('error', reject);
      worker.once('message', (m: WorkerReply) => ('loaded' in m ? resolve(m.loaded) : reject(new Error('bad hello'))));
    });
  const loadMs = await start();
  return {
    loadMs,
    run(statements) {
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(async () => {
          worker.off('message', onMessage);
          await worker.terminate();
          await start();
          reject(new Error(`timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        const onMessage = (m: WorkerReply) => {
          if (!('id' in m) || m.id !== id) return;
          clearTimeout(timer);
          worker.off('message', onMessage);
          if ('error' in m) reject(new Error(m.error));
          else resolve(m.rows);
        };
        worker.on('message', onMessage);
        worker.postMessage({ id, statements });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

export async function benchTpch(opts: BenchOptions): Promise<void> {
  const G = `tpch SF ${opts.sf}`;
  const t0 = performance.now();
  const tables = generateTpch(opts.sf, SEED);
  const genMs = performance.now() - t0;
  const total = tables.reduce((n, t) => n + t.rows.length, 0);
  opts.results.note(`TPC-H SF ${opts.sf}: generated ${total} rows in ${genMs.toFixed(0)} ms (seed ${SEED})`);
  const queries = tpchQueries();
  const reference = new Map<number, Cell[][]>();
  const dialects: [EngineName, Dialect][] = [
    ['sqlite', 'sqlite'],
    ['tilite', 'mysql'],
    ['duckdb', 'duckdb'],
  ];
  for (const [n, dialect] of dialects) {
    // better-sqlite3 gives the reference results, so it runs whenever TiLite does.
    if (!opts.engines.includes(n) && !(n === 'sqlite' && opts.engines.includes('tilite'))) continue;
    const label = ENGINE_LABEL[n];
    let runner: Runner | string;
    try {
      // From source (tsx) TiLite runs in-process, without the time limit: tsx's loader does not reach workers.
      const worker = n === 'tilite' && !import.meta.url.endsWith('.ts');
      runner = worker ? await tiliteWorker(opts.sf, opts.timeoutMs) : await inProcess(n, tables, dialect);
    } catch (err) {
      runner = (err as Error).message;
    }
    if (typeof runner === 'string') {
      opts.results.fail(G, 'load', label, 'ms', `not available: ${runner}`);
      continue;
    }
    opts.results.add({
      group: G,
      name: 'load (500-row INSERTs)',
      engine: label,
      median: runner.loadMs,
      unit: 'ms',
      samples: [runner.loadMs],
    });
    for (const q of queries) {
      const name = `Q${q.n}`;
      try {
        const f0 = performance.now();
        const rows = normaliseRows(await runner.run(q.statements));
        const first = performance.now() - f0;
        if (n === 'sqlite') reference.set(q.n, rows);
        else {
          const ref = reference.get(q.n);
          const diff = ref ? diffResults(ref, rows) : null;
          if (diff) throw new Error(`result differs from better-sqlite3: ${diff}`);
        }
        // Slow first runs are not repeated, to keep the whole group within minutes.
        const samples = [first];
        for (let i = first > 2000 ? opts.samples : 1; i < opts.samples; i++) {
          const s0 = performance.now();
          await runner.run(q.statements);
          samples.push(performance.now() - s0);
        }
        opts.results.add({ group: G, name, engine: label, median: median(samples), unit: 'ms', samples });
      } catch (err) {
        opts.results.fail(G, name, label, 'ms', err);
      }
    }
    await runner.close();
  }
  addTotals(opts, G);
}

/** Sum of medians over the queries every engine in the group ran correctly, so totals compare like with like. */
function addTotals(opts: BenchOptions, group: string): void {
  const items = opts.results.items.filter((m) => m.group === group && /^Q\d+$/.test(m.name));
  const engines = [...new Set(items.map((m) => m.engine))];
  const common = [...new Set(items.map((m) => m.name))].filter((q) =>
    engines.every((e) => items.some((m) => m.name === q && m.engine === e && !m.error)),
  );
  for (const e of engines) {
    const sum = items.filter((m) => m.engine === e && common.includes(m.name)).reduce((a, m) => a + m.median, 0);
    opts.results.add({
      group,
      name: `total of the ${common.length} queries all ran`,
      engine: e,
      median: sum,
      unit: 'ms',
      samples: [sum],
    });
  }
}
