// Group 1: open → first query, in a fresh process (module load included) and warm in this process.
import { type BenchOptions, runChild } from '../common.js';
import { ENGINE_LABEL, openEngine } from '../engines.js';
import { median, timeRuns } from '../harness.js';

export async function benchOpen(opts: BenchOptions): Promise<void> {
  const G = 'open';
  for (const n of opts.engines) {
    const label = ENGINE_LABEL[n];
    try {
      const cold: number[] = [];
      for (let i = 0; i < opts.samples; i++) cold.push((await runChild(['cold', n])).openToQuery);
      opts.results.add({
        group: G,
        name: 'fresh process: import+open+SELECT 1',
        engine: label,
        median: median(cold),
        unit: 'ms',
        samples: cold,
      });
      const warm = await timeRuns(opts.samples, async () => {
        const e = await openEngine(n);
        await e.query('SELECT 1');
        await e.close();
      });
      opts.results.add({
        group: G,
        name: 'warm: open+SELECT 1+close',
        engine: label,
        median: median(warm),
        unit: 'ms',
        samples: warm,
      });
    } catch (err) {
      opts.results.fail(G, 'open', label, 'ms', err);
    }
  }
}
