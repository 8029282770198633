// Shared pieces of the groups: options, sysbench-shaped rows, engine iteration and child processes.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/tools/tpch/random.js';
import { ENGINE_LABEL, type Engine, type EngineName, tryOpen } from './engines.js';
import type { Results, Unit } from './harness.js';

export interface BenchOptions {
  results: Results;
  engines: EngineName[];
  /** TPC-H scale factor. */
  sf: number;
  /** Rows in the memory group's sysbench table. */
  memoryRows: number;
  samples: number;
  /** Per-query time limit for TPC-H, in ms. */
  timeoutMs: number;
}

/** sysbench's c and pad columns: groups of 11 digits joined by '-'. */
export function digitGroups(rng: Rng, groups: number): string {
  const parts: string[] = [];
  for (let i = 0; i < groups; i++) parts.push(String(rng.int(0, 99_999_999_999)).padStart(11, '0'));
  return parts.join('-');
}

export const SBTEST_DDL = [
  "CREATE TABLE sbtest1 (id INTEGER NOT NULL PRIMARY KEY, k INTEGER NOT NULL DEFAULT 0, c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '')",
  'CREATE INDEX k_1 ON sbtest1 (k)',
];

/** Creates and fills sysbench's sbtest1 with `rows` rows (multi-row INSERTs of 500, one transaction per batch). */
export async function loadSbtest(e: Engine, rows: number, seed = 7): Promise<void> {
  for (const s of SBTEST_DDL) await e.exec(s);
  const rng = new Rng(seed);
  for (let i = 1; i <= rows; i += 500) {
    const values: string[] = [];
    for (let id = i; id < Math.min(i + 500, rows + 1); id++) {
      values.push(`(${id},${rng.int(1, rows)},'${digitGroups(rng, 10)}','${digitGroups(rng, 5)}')`);
    }
    await e.exec(`INSERT INTO sbtest1 (id, k, c, pad) VALUES ${values.join(',')}`);
  }
}

/** Runs `body` for each requested engine that opens, recording a failure (not a crash) for each that does not. */
export async function forEachEngine(
  opts: BenchOptions,
  group: string,
  names: readonly EngineName[],
  unit: Unit,
  body: (e: Engine, label: string) => Promise<void>,
): Promise<void> {
  for (const n of names) {
    if (!opts.engines.includes(n)) continue;
    const label = ENGINE_LABEL[n];
    const e = await tryOpen(n);
    if (typeof e === 'string') {
      opts.results.fail(group, '(open)', label, unit, `not available: ${e}`);
      continue;
    }
    try {
      await body(e, label);
    } catch (err) {
      opts.results.fail(group, '(run)', label, unit, err);
    } finally {
      await e.close();
    }
  }
}

/** Runs bench/child in a fresh node process (same loader flags as this one) and parses its JSON output. */
/** Runs bench/child with `args`; `env` is added to this process's environment. */
export function runChild(args: string[], env: Record<string, string> = {}): Promise<Record<string, number>> {
  const self = fileURLToPath(import.meta.url);
  const child = self.replace(/common\.(ts|js)$/, 'child.$1');
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, '--expose-gc', child, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line));
      else reject(new Error(`child ${args.join(' ')} exited ${code}: ${err.trim().split('\n').pop() ?? ''}`));
    });
  });
}
