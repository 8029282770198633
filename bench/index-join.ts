// Group `index-join`: an index lookup join with 1 vs 8 inner workers over a store that adds 1 ms to
// every read (as a remote TiKV would) — the goal is at least 6x the throughput at 8 — and the same
// join without added latency against a hash join, with the plan the optimizer picks by cost.
import '../src/expression/builtin/index.js';
import { Domain } from '../src/session/domain.js';
import { Session } from '../src/session/session.js';
import { LatencyStorage } from '../src/store/latency-storage.js';
import { createMemoryStorage } from '../src/store/memory.js';
import type { BenchOptions } from './common.js';
import { median, timeRuns } from './harness.js';

const OUTER_ROWS = 2000;
const INNER_ROWS = 20000;
/** Small outer batches so the outer side makes enough tasks to keep 8 workers busy. */
const BATCH = 64;
/** Untimed runs of each concurrency before sampling. */
const WARM_UP_RUNS = 40;
const JOIN = 'select {H} count(*), sum(i.v) from o join i on o.k = i.k where o.id <= {N}';

async function load(s: Session): Promise<void> {
  await s.exec(
    'create table o (id int primary key, k int); create table i (id int primary key, k int, v int, key ik(k))',
  );
  for (let n = 1; n <= OUTER_ROWS; n += 500) {
    const rows = Array.from({ length: 500 }, (_, j) => `(${n + j}, ${((n + j) * 7919) % INNER_ROWS})`);
    await s.query(`insert into o values ${rows.join(',')}`);
  }
  for (let n = 1; n <= INNER_ROWS; n += 1000) {
    const rows = Array.from({ length: 1000 }, (_, j) => `(${n + j}, ${n + j - 1}, ${(n + j) % 100})`);
    await s.query(`insert into i values ${rows.join(',')}`);
  }
}

export async function benchIndexJoin(opts: BenchOptions): Promise<void> {
  const G = 'index-join';
  const raw = createMemoryStorage();
  const local = await Domain.open({ storage: raw });
  const loader = new Session(local);
  await load(loader);
  await loader.close();
  // A second domain over the same data, every read 1 ms late.
  const remote = await Domain.open({ storage: new LatencyStorage(raw, 1) });
  const add = (name: string, samples: number[]) =>
    opts.results.add({ group: G, name, engine: 'TiLite', median: median(samples), unit: 'ms', samples });

  // Both concurrencies are warmed up and then sampled in turn, so that neither is measured while the JIT
  // is still optimizing the join (concurrency 8 reaches its steady time only after some 60 runs of the
  // join in a fresh process) and machine noise hits both alike.
  const sql = JOIN.replace('{H}', '/*+ INL_JOIN(i) */').replace('{N}', String(OUTER_ROWS));
  const sessions = new Map<number, Session>();
  for (const c of [1, 8]) {
    const s = new Session(remote);
    await s.query(`set tidb_index_lookup_join_concurrency = ${c}`);
    await s.query(`set tidb_index_join_batch_size = ${BATCH}`);
    sessions.set(c, s);
  }
  for (let i = 0; i < WARM_UP_RUNS; i++) for (const s of sessions.values()) await s.query(sql);
  const runs = new Map<number, number[]>([...sessions.keys()].map((c) => [c, []]));
  for (let i = 0; i < Math.max(15, opts.samples); i++) {
    for (const [c, s] of sessions) {
      const [ms] = await timeRuns(1, async () => {
        await s.query(sql);
      });
      runs.get(c)!.push(ms!);
    }
  }
  const latency: Record<number, number> = {};
  for (const [c, s] of sessions) {
    latency[c] = median(runs.get(c)!);
    add(`IndexJoin, ${OUTER_ROWS} outer rows, 1 ms per read, concurrency ${c}`, runs.get(c)!);
    await s.close();
  }
  const speedup = latency[1]! / latency[8]!;
  opts.results.note(
    `index join over 1 ms reads: concurrency 8 is ${speedup.toFixed(1)}x concurrency 1 (goal >= 6x)${speedup >= 6 ? '' : ' — goal not met'}`,
  );

  const s = new Session(local);
  for (const n of [20, OUTER_ROWS]) {
    for (const [name, hint] of [
      ['IndexJoin (hinted)', '/*+ INL_JOIN(i) */'],
      ['HashJoin (hinted)', '/*+ HASH_JOIN(i) */'],
      ['optimizer choice', ''],
    ] as const) {
      const sql = JOIN.replace('{H}', hint).replace('{N}', String(n));
      const plan = (await s.query(`explain ${sql}`, [], { rowMode: 'array' })).rows as unknown as unknown[][];
      const op = plan.map((r) => String(r[0])).find((id) => /Join_/.test(id)) ?? '';
      // Warmed up first: the variants compare plans, not how far the JIT has got with each.
      for (let i = 0; i < WARM_UP_RUNS; i++) await s.query(sql);
      const runs = await timeRuns(Math.max(5, opts.samples), async () => {
        await s.query(sql);
      });
      add(`${name} [${op.replace(/^[└├─│ ]+/, '').replace(/_\d+.*$/, '')}], ${n} outer rows, no added latency`, runs);
    }
  }
  await s.close();
  await remote.close();
}
