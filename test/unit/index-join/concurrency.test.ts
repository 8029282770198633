// Concurrency safety as a tested property (ARCHITECTURE rule 5): every index join runs under a seeded
// scheduler that yields at random at each channel operation and storage read, with 1 and 8 inner
// workers, and must give the serial result — the same rows, in the same order where the operator
// promises it — and the same runtime-stats and telemetry counts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import '../../../src/expression/builtin/index.js';
import { Domain } from '../../../src/session/domain.js';
import { Session } from '../../../src/session/session.js';
import { createMemoryStorage } from '../../../src/store/memory.js';
import { SchedulingStorage } from '../../../src/store/scheduling-storage.js';
import { setSchedulerHook } from '../../../src/util/channel.js';
import { SeededScheduler } from '../../../src/util/seeded-scheduler.js';

const SEEDS = Number(process.env.INDEX_JOIN_SEEDS ?? 10);
let domain: Domain;

const QUERIES: { sql: string; ordered: Record<string, boolean> }[] = [
  { sql: 'select {H} o.id, o.a, i.v from o join i on o.a = i.a', ordered: {} },
  { sql: 'select {H} o.id, i.v from o left join i on o.a = i.a and i.v > 3', ordered: {} },
  { sql: 'select {H} o.id, p.v from o join p on o.a = p.a', ordered: {} },
  { sql: 'select {H} o.id, p.v from o left join p on o.a = p.a where o.id < 150', ordered: {} },
];
const HINTS: [string, boolean][] = [
  ['INL_JOIN', true],
  ['INL_HASH_JOIN', false],
  ['INL_MERGE_JOIN', false],
];

interface Outcome {
  rows: string[];
  tasks: string;
  actRows: string;
  usage: string;
  warnings: number;
}

const yieldSites = new Set<string>();

async function run(sql: string, concurrency: number, seed: number | null): Promise<Outcome> {
  const scheduler = seed === null ? null : new SeededScheduler(seed);
  setSchedulerHook(scheduler);
  const s = new Session(domain);
  try {
    await s.query(`set tidb_index_lookup_join_concurrency = ${concurrency}`);
    await s.query('set tidb_index_join_batch_size = 24');
    s.usage.clear();
    const r = await s.query(sql, [], { rowMode: 'array' });
    const usage = JSON.stringify([...s.usage].sort());
    const a = await s.query(`explain analyze ${sql}`, [], { rowMode: 'array' });
    const join = (a.rows as unknown[][]).find((x) => /Index(Hash|Merge)?Join/.test(String(x[0])));
    return {
      rows: (r.rows as unknown[][]).map((x) => JSON.stringify(x)),
      tasks: join ? /task:(\d+)/.exec(String(join[5]))![1]! : '-',
      actRows: (a.rows as unknown[][]).map((x) => x[2]).join(','),
      usage,
      warnings: r.warnings.length,
    };
  } finally {
    setSchedulerHook(null);
    for (const site of scheduler?.sites.keys() ?? []) yieldSites.add(site);
    await s.close();
  }
}

before(async () => {
  domain = await Domain.open({ storage: new SchedulingStorage(createMemoryStorage()) });
  const s = new Session(domain);
  await s.exec(`
    set global tidb_partition_prune_mode = 'dynamic';
    create table o (id int primary key, a int);
    create table i (a int, v int, key ia(a));
    create table p (a int, v int, key pa(a)) partition by hash(a) partitions 4;
  `);
  const ov: string[] = [];
  for (let n = 0; n < 200; n++) ov.push(`(${n}, ${n % 7 === 0 ? 'null' : (n * 13) % 50})`);
  await s.query(`insert into o values ${ov.join(',')}`);
  const iv: string[] = [];
  for (let n = 0; n < 90; n++) iv.push(`(${n % 45}, ${n % 9})`);
  await s.query(`insert into i values ${iv.join(',')}`);
  await s.query(`insert into p values ${iv.join(',')}`);
  // Global stats: dynamic prune mode then reads p through one reader (and index joins into it).
  await s.query('analyze table p');
  await s.close();
});

after(async () => {
  // The scheduler was consulted at channel operations and at storage reads.
  for (const site of ['channel.send', 'channel.recv', 'storage.scan', 'storage.batchGet']) {
    assert.ok(yieldSites.has(site), site);
  }
  setSchedulerHook(null);
  await domain.close();
});

describe('index joins under a seeded random scheduler', () => {
  for (const q of QUERIES) {
    for (const [hint, keepsOrder] of HINTS) {
      const sql = q.sql.replace('{H}', `/*+ ${hint}(${q.sql.includes(' p ') ? 'p' : 'i'}) */`);
      it(`${hint}: ${q.sql}`, async () => {
        const serial = await run(sql, 1, null);
        const hashSql = sql.replace(/INL_(HASH_|MERGE_)?JOIN/, 'HASH_JOIN');
        const reference = await run(hashSql, 1, null);
        assert.equal(reference.tasks, '-');
        assert.deepEqual([...serial.rows].sort(), [...reference.rows].sort());
        for (let seed = 1; seed <= SEEDS; seed++) {
          for (const c of [1, 8]) {
            const got = await run(sql, c, seed * 7919 + c);
            const where = `seed ${seed}, concurrency ${c}`;
            if (keepsOrder) assert.deepEqual(got.rows, serial.rows, where);
            else assert.deepEqual([...got.rows].sort(), [...serial.rows].sort(), where);
            assert.equal(got.tasks, serial.tasks, where);
            assert.equal(got.actRows, serial.actRows, where);
            assert.equal(got.usage, serial.usage, where);
            assert.equal(got.warnings, serial.warnings, where);
          }
        }
      });
    }
  }
});
