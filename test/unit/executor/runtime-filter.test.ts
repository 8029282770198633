// Runtime filters: a hash join whose build side is small filters the readers under its probe side by its
// build keys. Each query must return what the same query returns with `+ 0` on its join keys (an
// expression key gets no filter), and the filter must really drop rows at the reader (EXPLAIN ANALYZE),
// also below an aggregation whose group key is the join key.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { Rng } from '../../../src/tools/tpch/random.js';

let db: TiLite;

before(async () => {
  db = await TiLite.open();
  await db.query('create table c (id int primary key, nation int)');
  await db.query('create table o (id int primary key, cid int, total int)');
  await db.query('create table l (oid int, ln int, q int, primary key (oid, ln))');
  await db.query('create table s1 (s varchar(10) collate utf8mb4_general_ci, v int)');
  await db.query('create table s2 (s varchar(10) collate utf8mb4_general_ci, w int)');
  const rng = new Rng(33);
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join(',');
  await db.query(`insert into c values ${rows(200, (i) => `(${i}, ${rng.int(0, 24)})`)}`);
  await db.query(`insert into o values ${rows(1000, (i) => `(${i}, ${rng.int(1, 200)}, ${rng.int(0, 1000)})`)}`);
  await db.query(`insert into l values ${rows(4000, (i) => `(${1 + (i % 1000)}, ${i}, ${rng.int(1, 50)})`)}`);
  await db.query(`insert into s1 values ${rows(300, (i) => `('${i % 2 ? 'K' : 'k'}${i % 40}', ${i})`)}`);
  await db.query(`insert into s2 values ${rows(5, (i) => `('k${i * 3}', ${i})`)}, (null, 9)`);
  await db.query('analyze table c, o, l, s1, s2');
});

after(async () => {
  await db.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await db.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
}

/** [query, the same with its join keys as expressions]. */
const QUERIES: [string, string][] = [
  [
    'select c.id, o.id, sum(l.q) from c, o, l where o.id in (select oid from l group by oid having sum(q) > 110) ' +
      'and c.id = o.cid and o.id = l.oid group by c.id, o.id order by o.id',
    'select c.id, o.id, sum(l.q) from c, o, l where o.id + 0 in (select oid + 0 from l group by oid having sum(q) > 110) ' +
      'and c.id + 0 = o.cid + 0 and o.id + 0 = l.oid + 0 group by c.id, o.id order by o.id',
  ],
  [
    'select /*+ HASH_JOIN(o, l) */ count(*), sum(l.q) from o join l on o.id = l.oid where o.total > 990',
    'select /*+ HASH_JOIN(o, l) */ count(*), sum(l.q) from o join l on o.id + 0 = l.oid + 0 where o.total > 990',
  ],
  [
    'select count(*), sum(q) from l where l.oid in (select id from o where total < 5)',
    'select count(*), sum(q) from l where l.oid + 0 in (select id + 0 from o where total < 5)',
  ],
  [
    'select c.id, (select count(*) from o join l on o.id = l.oid where o.cid = c.id and l.q > 40) from c where c.id < 25 order by c.id',
    'select c.id, (select count(*) from o join l on o.id + 0 = l.oid + 0 where o.cid = c.id and l.q > 40) from c where c.id < 25 order by c.id',
  ],
  [
    'select o.id, t.s from o join (select oid, sum(q) s, count(*) n from l group by oid) t on o.id = t.oid ' +
      'where o.total > 985 order by o.id',
    'select o.id, t.s from o join (select oid, sum(q) s, count(*) n from l group by oid) t on o.id + 0 = t.oid + 0 ' +
      'where o.total > 985 order by o.id',
  ],
  [
    'select o.id, t.g from o join (select min(oid) m, ln % 7 g from l group by ln % 7) t on o.id = t.m order by o.id',
    'select o.id, t.g from o join (select min(oid) m, ln % 7 g from l group by ln % 7) t on o.id + 0 = t.m + 0 order by o.id',
  ],
  [
    'select s1.s, s1.v, s2.w from s1 join s2 on s1.s = s2.s order by s1.v',
    "select s1.s, s1.v, s2.w from s1 join s2 on concat(s1.s, '') = concat(s2.s, '') order by s1.v",
  ],
];

describe('runtime filters', () => {
  it('answer as the same joins without filters do', async () => {
    for (const [query, reference] of QUERIES) {
      const got = await rows(query);
      assert.ok(got.length > 0, query);
      assert.deepEqual(got, await rows(reference), query);
    }
  });

  it('drop the probe side rows at the reader', async () => {
    const plan = await rows(`explain analyze ${QUERIES[1]![0]}`);
    const scan = plan.find((r) => /TableFullScan/.test(String(r[0])) && /table:l\b/.test(String(r[4])));
    assert.ok(scan, 'the probe side reads l');
    const read = Number(scan[2]);
    const [[expected]] = (await rows('select count(*) from o join l on o.id = l.oid where o.total > 990')) as [
      [number],
    ];
    assert.equal(read, Number(expected), 'l rows that left the reader');
  });

  it('reach a reader below an aggregation through its group key', async () => {
    const plan = await rows(`explain analyze ${QUERIES[4]![0]}`);
    const scan = plan.find((r) => /TableFullScan/.test(String(r[0])) && /table:l\b/.test(String(r[4])));
    assert.ok(scan, 'the aggregation reads l');
    assert.ok(Number(scan[2]) < 4000, `the reader kept ${scan[2]} of 4000 rows`);
  });
});
