// Group 6: resident memory of a sysbench table (1M rows with --rows 1000000; fewer by default), each engine in
// a fresh process; the figure is RSS after loading minus RSS after opening.
import { type BenchOptions, runChild } from '../common.js';
import { ENGINE_LABEL } from '../engines.js';

export async function benchMemory(opts: BenchOptions): Promise<void> {
  const G = 'memory';
  const name = `RSS of ${opts.memoryRows} sysbench rows`;
  for (const n of opts.engines) {
    const label = ENGINE_LABEL[n];
    try {
      const r = await runChild(['memory', n, String(opts.memoryRows)]);
      if (r.rows !== opts.memoryRows) throw new Error(`loaded ${r.rows} rows, expected ${opts.memoryRows}`);
      opts.results.add({ group: G, name, engine: label, median: r.table, unit: 'MiB', samples: [r.table] });
    } catch (err) {
      opts.results.fail(G, name, label, 'MiB', err);
    }
  }
}
