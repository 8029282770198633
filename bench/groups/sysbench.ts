// Group 4: sysbench-shaped oltp_read_only and oltp_read_write transactions, in-process, one connection.
import { Rng } from '../../src/tools/tpch/random.js';
import { type BenchOptions, digitGroups, forEachEngine, loadSbtest } from '../common.js';
import type { Prepared } from '../engines.js';
import { median, timeRuns } from '../harness.js';

const TABLE_SIZE = 10_000;
const RANGE = 100;
const TXNS = 200;

async function call(p: Prepared, params: readonly unknown[]): Promise<void> {
  const r = p(params);
  if (r instanceof Promise) await r;
}

export async function benchSysbench(opts: BenchOptions): Promise<void> {
  const G = 'sysbench';
  await forEachEngine(opts, G, ['tilite', 'sqlite', 'pglite', 'duckdb'], 'ms/txn', async (e, label) => {
    await loadSbtest(e, TABLE_SIZE);
    const s = {
      point: await e.prepare('SELECT c FROM sbtest1 WHERE id = ?'),
      simple: await e.prepare('SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ?'),
      sum: await e.prepare('SELECT SUM(k) FROM sbtest1 WHERE id BETWEEN ? AND ?'),
      order: await e.prepare('SELECT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c'),
      distinct: await e.prepare('SELECT DISTINCT c FROM sbtest1 WHERE id BETWEEN ? AND ? ORDER BY c'),
      updIndex: await e.prepare('UPDATE sbtest1 SET k = k + 1 WHERE id = ?'),
      updNonIndex: await e.prepare('UPDATE sbtest1 SET c = ? WHERE id = ?'),
      del: await e.prepare('DELETE FROM sbtest1 WHERE id = ?'),
      ins: await e.prepare('INSERT INTO sbtest1 (id, k, c, pad) VALUES (?, ?, ?, ?)'),
    };
    const rng = new Rng(5);
    const id = () => rng.int(1, TABLE_SIZE);
    const reads = async () => {
      for (let i = 0; i < 10; i++) await call(s.point, [id()]);
      for (const q of [s.simple, s.sum, s.order, s.distinct]) {
        const lo = rng.int(1, TABLE_SIZE - RANGE);
        await call(q, [lo, lo + RANGE - 1]);
      }
    };
    const writes = async () => {
      await call(s.updIndex, [id()]);
      await call(s.updNonIndex, [digitGroups(rng, 10), id()]);
      const victim = id();
      await call(s.del, [victim]);
      await call(s.ins, [victim, id(), digitGroups(rng, 10), digitGroups(rng, 5)]);
    };
    for (const [name, body] of [
      ['oltp_read_only transaction', reads],
      [
        'oltp_read_write transaction',
        async () => {
          await reads();
          await writes();
        },
      ],
    ] as const) {
      const txns = async () => {
        for (let t = 0; t < TXNS; t++) {
          await e.exec('BEGIN');
          await body();
          await e.exec('COMMIT');
        }
      };
      // One untimed run first: every engine is measured in its steady state (JIT-compiled code, warm
      // caches), not while a JavaScript engine is still compiling its statement paths.
      await txns();
      const runs = await timeRuns(opts.samples, txns);
      const perTxn = runs.map((ms) => ms / TXNS);
      opts.results.add({ group: G, name, engine: label, median: median(perTxn), unit: 'ms/txn', samples: perTxn });
    }
  });
}
