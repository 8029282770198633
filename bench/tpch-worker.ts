// Runs TiLite's side of the TPC-H group in a worker thread, so a query over the time limit can be stopped by
// terminating the worker (TiLite's executors do not yield to timers while a statement runs).
import { parentPort, workerData } from 'node:worker_threads';
import { generateTpch, insertStatements } from '../src/tools/tpch/generator.js';
import { analyzeStatements, tpchSchema } from '../src/tools/tpch/queries.js';
import { openEngine } from './engines.js';

export interface WorkerRequest {
  id: number;
  statements: string[];
}
export type WorkerReply = { id: number; rows: unknown[][] } | { id: number; error: string } | { loaded: number };

const port = parentPort;
if (!port) throw new Error('tpch-worker runs as a worker thread');
const { sf, seed } = workerData as { sf: number; seed: number };
const e = await openEngine('tilite');
const tables = generateTpch(sf, seed);
const t0 = performance.now();
for (const s of tpchSchema()) await e.exec(s);
for (const t of tables) {
  await e.exec('BEGIN');
  for (const stmt of insertStatements(t)) await e.exec(stmt);
  await e.exec('COMMIT');
}
for (const s of analyzeStatements('mysql')) await e.exec(s);
port.postMessage({ loaded: performance.now() - t0 } satisfies WorkerReply);
port.on('message', async (req: WorkerRequest) => {
  try {
    let rows: unknown[][] = [];
    for (const s of req.statements) {
      if (/^\s*select/i.test(s)) rows = await e.query(s);
      else await e.exec(s);
    }
    port.postMessage({ id: req.id, rows } satisfies WorkerReply);
  } catch (err) {
    port.postMessage({ id: req.id, error: (err as Error).message } satisfies WorkerReply);
  }
});
