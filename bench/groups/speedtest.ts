// Group 3: the SQLite speed-test shapes PGlite publishes: 25k inserts in one transaction into an indexed table,
// 5000 indexed range selects, 25k indexed updates in one transaction.
import { Rng } from '../../src/tools/tpch/random.js';
import { type BenchOptions, forEachEngine } from '../common.js';
import type { Engine } from '../engines.js';
import { median, timeRuns } from '../harness.js';

const INSERTS = 25_000;
const SELECTS = 5000;
const UPDATES = 25_000;

async function each(stmt: (p: readonly unknown[]) => unknown, n: number, params: (i: number) => unknown[]) {
  for (let i = 0; i < n; i++) {
    const r = stmt(params(i));
    if (r instanceof Promise) await r;
  }
}

async function fresh(e: Engine): Promise<void> {
  await e.exec('DROP TABLE IF EXISTS t3');
  await e.exec('CREATE TABLE t3 (a INTEGER NOT NULL, b INTEGER NOT NULL, c VARCHAR(100))');
  await e.exec('CREATE INDEX i3a ON t3 (a)');
  await e.exec('CREATE INDEX i3b ON t3 (b)');
}

export async function benchSpeedtest(opts: BenchOptions): Promise<void> {
  const G = 'speedtest';
  await forEachEngine(opts, G, ['tilite', 'sqlite', 'pglite', 'duckdb'], 'ms', async (e, label) => {
    const rng = new Rng(3);
    const bs = Array.from({ length: INSERTS }, () => rng.int(0, 99_999));
    let ins: (p: readonly unknown[]) => unknown = () => undefined;
    const inserts = await timeRuns(
      opts.samples,
      async () => {
        await e.exec('BEGIN');
        await each(ins, INSERTS, (i) => [i + 1, bs[i], `row ${bs[i]} of the speed test`]);
        await e.exec('COMMIT');
      },
      async () => {
        await fresh(e);
        ins = await e.prepare('INSERT INTO t3 (a, b, c) VALUES (?, ?, ?)');
      },
    );
    opts.results.add({
      group: G,
      name: `${INSERTS} inserts in one transaction (indexed)`,
      engine: label,
      median: median(inserts),
      unit: 'ms',
      samples: inserts,
    });

    const sel = await e.prepare('SELECT count(*), avg(b) FROM t3 WHERE b >= ? AND b < ?');
    const selects = await timeRuns(opts.samples, () =>
      each(sel, SELECTS, (i) => [(i * 100) % 100_000, ((i * 100) % 100_000) + 1000]),
    );
    opts.results.add({
      group: G,
      name: `${SELECTS} indexed range selects`,
      engine: label,
      median: median(selects),
      unit: 'ms',
      samples: selects,
    });

    const upd = await e.prepare('UPDATE t3 SET b = ? WHERE a = ?');
    const updates = await timeRuns(opts.samples, async () => {
      await e.exec('BEGIN');
      await each(upd, UPDATES, (i) => [rng.int(0, 99_999), i + 1]);
      await e.exec('COMMIT');
    });
    opts.results.add({
      group: G,
      name: `${UPDATES} indexed updates in one transaction`,
      engine: label,
      median: median(updates),
      unit: 'ms',
      samples: updates,
    });
  });
}
