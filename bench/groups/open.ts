// Group 1: open → first query, in a fresh process (module load included) and warm in this process.
// TiLite's package entry keeps a V8 code cache (src/package-entry/code-cache.ts): the first process after an
// install compiles the library and writes the cache, later processes load it. Both are measured, each first run
// in an empty cache directory; the other engines have no such cache and are simply measured twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchOptions, runChild } from '../common.js';
import { ENGINE_LABEL, openEngine } from '../engines.js';
import { median, timeRuns } from '../harness.js';

export async function benchOpen(opts: BenchOptions): Promise<void> {
  const G = 'open';
  for (const n of opts.engines) {
    const label = ENGINE_LABEL[n];
    const cacheDir = mkdtempSync(join(tmpdir(), 'tilite-bench-cache-'));
    try {
      const first: number[] = [];
      const cached: number[] = [];
      for (let i = 0; i < opts.samples; i++) {
        const env = { TILITE_CACHE_DIR: join(cacheDir, String(i)) };
        first.push((await runChild(['cold', n], env)).openToQuery);
        cached.push((await runChild(['cold', n], env)).openToQuery);
      }
      opts.results.add({
        group: G,
        name: 'fresh process, first run (no code cache): import+open+SELECT 1',
        engine: label,
        median: median(first),
        unit: 'ms',
        samples: first,
      });
      opts.results.add({
        group: G,
        name: 'fresh process (code cache warm): import+open+SELECT 1',
        engine: label,
        median: median(cached),
        unit: 'ms',
        samples: cached,
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
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
}
