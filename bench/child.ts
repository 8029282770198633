// Measurements that need a fresh process: `cold <engine>` (process start → first query result) and
// `memory <engine> <rows>` (resident memory of a sysbench table). Prints one JSON line.
import { loadSbtest } from './common.js';
import { type EngineName, openEngine } from './engines.js';

function rssMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1048576;
}

const [mode, engine, rowsArg] = process.argv.slice(2);
if (mode === 'cold') {
  const t0 = performance.now();
  const e = await openEngine(engine as EngineName);
  await e.query('SELECT 1');
  const t1 = performance.now();
  await e.close();
  // sinceStart includes node's own boot; openToQuery is from the first line of this script (module load included).
  console.log(JSON.stringify({ sinceStart: t1, openToQuery: t1 - t0 }));
} else if (mode === 'memory') {
  const before = rssMiB();
  const e = await openEngine(engine as EngineName);
  const opened = rssMiB();
  await loadSbtest(e, Number(rowsArg));
  const loaded = rssMiB();
  const n = await e.query('SELECT count(*) FROM sbtest1');
  await e.close();
  console.log(JSON.stringify({ before, opened, loaded, table: loaded - opened, rows: Number(n[0][0]) }));
} else {
  console.error(`usage: child cold|memory <engine> [rows]`);
  process.exit(2);
}
