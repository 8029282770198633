// Group 2: prepared point selects over a 100k-row sysbench table, by primary key and by secondary index.
import { Rng } from '../../src/tools/tpch/random.js';
import { type BenchOptions, forEachEngine, loadSbtest } from '../common.js';
import { median, timeRuns } from '../harness.js';

const ROWS = 100_000;
const LOOKUPS = 20000;

export async function benchPoint(opts: BenchOptions): Promise<void> {
  const G = 'point';
  await forEachEngine(opts, G, ['tilite', 'sqlite', 'pglite', 'duckdb'], 'us/op', async (e, label) => {
    const t0 = performance.now();
    await loadSbtest(e, ROWS);
    const load = performance.now() - t0;
    opts.results.add({
      group: G,
      name: `load ${ROWS} rows (500-row INSERTs)`,
      engine: label,
      median: load,
      unit: 'ms',
      samples: [load],
    });
    for (const [name, sql] of [
      ['by primary key', 'SELECT c FROM sbtest1 WHERE id = ?'],
      ['by secondary index', 'SELECT id, c FROM sbtest1 WHERE k = ?'],
    ]) {
      const stmt = await e.prepare(sql);
      const rng = new Rng(11);
      const check = await stmt([1]);
      if (name === 'by primary key' && check.length !== 1)
        throw new Error(`${sql} returned ${check.length} rows for id 1`);
      const lookups = async () => {
        for (let i = 0; i < LOOKUPS; i++) {
          const r = stmt([rng.int(1, ROWS)]);
          if (r instanceof Promise) await r;
        }
      };
      // One untimed round per engine: the samples measure compiled code, not the JIT or the load's garbage.
      await lookups();
      const runs = await timeRuns(opts.samples, lookups);
      const perOp = runs.map((ms) => (ms * 1000) / LOOKUPS);
      opts.results.add({
        group: G,
        name: `prepared point select ${name}`,
        engine: label,
        median: median(perOp),
        unit: 'us/op',
        samples: perOp,
      });
    }
  });
}
