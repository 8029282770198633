// A reader under a runtime filter with few keys reads them through an index led by the filtered column
// (or by handle) instead of scanning. Each query must return what the same query returns with `+ 0` on its
// join keys (no filter, so a full scan), and EXPLAIN ANALYZE must show that the lookup happened, or that it
// did not where it must not (FOR UPDATE, many keys).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { Rng } from '../../../src/tools/tpch/random.js';

let db: TiLite;

before(async () => {
  db = await TiLite.open();
  const rng = new Rng(71);
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join(',');
  await db.query(
    'create table o (id int primary key, total int, tag varchar(8) collate utf8mb4_general_ci, at timestamp)',
  );
  await db.query(
    `insert into o values ${rows(500, (i) => `(${i}, ${rng.int(0, 1000)}, '${i % 2 ? 'K' : 'k'}${i % 60}', '2024-01-01 00:00:00' + interval ${i} hour)`)}`,
  );
  // Probe tables, each read through a different lookup: a non-unique secondary index, a clustered
  // composite key, a unique index, the integer handle, a case-insensitive string index, a TIMESTAMP index,
  // a HASH-partitioned table's local index.
  await db.query('create table l (oid int, ln int, q int, primary key (oid, ln) nonclustered, key q (q))');
  await db.query('create table lc (oid int, ln int, q int, primary key (oid, ln) clustered)');
  await db.query('create table u (id int primary key, oid int, q int, unique key oid (oid))');
  await db.query('create table h (id int primary key, q int)');
  await db.query('create table s (tag varchar(8) collate utf8mb4_general_ci, q int, key tag (tag))');
  await db.query('create table t (at timestamp null, q int, key at (at))');
  await db.query('create table p (oid int, q int, key oid (oid)) partition by hash (oid) partitions 4');
  const lines = rows(3000, (i) => `(${1 + (i % 500)}, ${i}, ${rng.int(1, 50)})`);
  await db.query(`insert into l values ${lines}`);
  await db.query(`insert into lc values ${lines}`);
  await db.query(`insert into u values ${rows(500, (i) => `(${i}, ${501 - i}, ${rng.int(1, 50)})`)}`);
  await db.query(`insert into h values ${rows(2000, (i) => `(${i}, ${rng.int(1, 50)})`)}`);
  await db.query(`insert into s values ${rows(2000, (i) => `('k${i % 70}', ${i})`)}, (null, 0)`);
  await db.query(
    `insert into t values ${rows(2000, (i) => `('2024-01-01 00:00:00' + interval ${i % 700} hour, ${i})`)}, (null, 0)`,
  );
  await db.query(`insert into p values ${rows(2000, (i) => `(${1 + (i % 500)}, ${rng.int(1, 50)})`)}`);
  await db.query('analyze table o, l, lc, u, h, s, t, p');
});

after(async () => {
  await db.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await db.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
}

/** The EXPLAIN ANALYZE row of the TableReader that scans `table`, or undefined. */
async function readerOf(sql: string, table: string): Promise<unknown[] | undefined> {
  const plan = await rows(`explain analyze ${sql}`);
  let i = plan.findIndex((r) => /TableFullScan|TableRangeScan/.test(String(r[0])) && String(r[4]) === `table:${table}`);
  while (i > 0 && !/TableReader/.test(String(plan[i]![0]))) i--;
  return i >= 0 ? plan[i] : undefined;
}

const lookedUp = (reader: unknown[] | undefined) => /runtime filter lookup:\{keys:\d+\}/.test(String(reader?.[5]));

/** [probe table, query, the same with expression keys (no runtime filter)]. */
const CASES: [string, string, string][] = [
  [
    'l',
    'select /*+ HASH_JOIN(o, l) */ o.id, l.ln, l.q from o join l on o.id = l.oid where o.total > 990 and l.q > 10',
    'select /*+ HASH_JOIN(o, l) */ o.id, l.ln, l.q from o join l on o.id + 0 = l.oid + 0 where o.total > 990 and l.q > 10',
  ],
  [
    'lc',
    'select /*+ HASH_JOIN(o, lc) */ o.id, lc.ln, lc.q from o join lc on o.id = lc.oid where o.total > 990',
    'select /*+ HASH_JOIN(o, lc) */ o.id, lc.ln, lc.q from o join lc on o.id + 0 = lc.oid + 0 where o.total > 990',
  ],
  [
    'u',
    'select /*+ HASH_JOIN(o, u) */ o.id, u.id, u.q from o join u on o.id = u.oid where o.total > 980',
    'select /*+ HASH_JOIN(o, u) */ o.id, u.id, u.q from o join u on o.id + 0 = u.oid + 0 where o.total > 980',
  ],
  [
    'h',
    'select /*+ HASH_JOIN(o, h) */ o.id, h.q from o join h on o.id = h.id where o.total > 980',
    'select /*+ HASH_JOIN(o, h) */ o.id, h.q from o join h on o.id + 0 = h.id + 0 where o.total > 980',
  ],
  [
    's',
    'select /*+ HASH_JOIN(o, s) */ o.id, s.tag, s.q from o join s on o.tag = s.tag where o.total > 985',
    "select /*+ HASH_JOIN(o, s) */ o.id, s.tag, s.q from o join s on concat(o.tag, '') = concat(s.tag, '') where o.total > 985",
  ],
  [
    't',
    'select /*+ HASH_JOIN(o, t) */ o.id, t.at, t.q from o join t on o.at = t.at where o.total > 985',
    'select /*+ HASH_JOIN(o, t) */ o.id, t.at, t.q from o join t on o.at + 0 = t.at + 0 where o.total > 985',
  ],
  [
    'p',
    'select /*+ HASH_JOIN(o, p) */ o.id, p.q from o join p on o.id = p.oid where o.total > 985',
    'select /*+ HASH_JOIN(o, p) */ o.id, p.q from o join p on o.id + 0 = p.oid + 0 where o.total > 985',
  ],
  [
    'l',
    'select count(*), sum(q) from l where l.oid in (select id from o where total > 990)',
    'select count(*), sum(q) from l where l.oid + 0 in (select id + 0 from o where total > 990)',
  ],
];

const sorted = (r: unknown[][]) => r.map((x) => JSON.stringify(x)).sort();

describe('runtime filter lookups', () => {
  it('read the filter keys through the index or handle and answer as a full scan does', async () => {
    for (const [table, query, reference] of CASES) {
      const got = await rows(query);
      assert.ok(got.length > 0, query);
      assert.deepEqual(sorted(got), sorted(await rows(reference)), query);
      assert.ok(lookedUp(await readerOf(query, table)), `${table} read by key: ${query}`);
    }
  });

  it('read TIMESTAMP keys in the session time zone', async () => {
    await db.query("set time_zone = '+05:30'");
    try {
      const [, query, reference] = CASES.find((c) => c[0] === 't')!;
      assert.deepEqual(sorted(await rows(query)), sorted(await rows(reference)));
      assert.ok(lookedUp(await readerOf(query, 't')));
    } finally {
      await db.query("set time_zone = '+00:00'");
    }
  });

  it("see the transaction's own writes", async () => {
    await db.query('begin');
    try {
      await db.query('insert into l values (1, 9001, 50), (2, 9002, 50)');
      await db.query('delete from l where oid = 3');
      await db.query('update o set total = 999 where id in (1, 2, 3)');
      const [, query, reference] = CASES[0]!;
      const got = await rows(query);
      assert.deepEqual(sorted(got), sorted(await rows(reference)));
      assert.ok(got.some((r) => r[1] === 9001));
      assert.ok(!got.some((r) => r[0] === 3));
    } finally {
      await db.query('rollback');
    }
  });

  it('scan instead under FOR UPDATE or for too many keys', async () => {
    const forUpdate = 'select /*+ HASH_JOIN(o, h) */ h.q from o join h on o.id = h.id where o.total > 980 for update';
    await db.query('begin');
    try {
      assert.ok(!lookedUp(await readerOf(forUpdate, 'h')));
    } finally {
      await db.query('rollback');
    }
    const many = 'select /*+ HASH_JOIN(o, l) */ count(*) from o join l on o.id = l.oid where o.total > 100';
    assert.ok(!lookedUp(await readerOf(many, 'l')), 'most of o: a scan is cheaper');
  });
});
