// Estimates from statistics that decide join orders: a LIKE the ranger cannot use is measured on the
// column histogram's bucket bounds (TiDB's fixed 0.8 misled TPC-H Q9), and joined columns already equal
// to each other count as one key column, not a product of independent ones (TPC-H Q5).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

let db: TiLite;

before(async () => {
  db = await TiLite.open();
  await db.query('create table p (id int primary key, name varchar(40), note varchar(20))');
  const names = Array.from({ length: 1000 }, (_, i) => {
    const colour = i % 20 === 0 ? 'green' : ['blue', 'red', 'ivory', 'plum'][i % 4];
    return `(${i + 1}, '${['dark', 'pale', 'deep'][i % 3]} ${colour} ${i}', ${i % 10 === 0 ? 'null' : "'x'"})`;
  });
  await db.query(`insert into p values ${names.join(',')}`);
  await db.query('create table n (id int primary key, r int)');
  await db.query('create table c (id int primary key, nk int)');
  await db.query('create table s (id int primary key, nk int)');
  const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i + 1)).join(',');
  await db.query(`insert into n values ${rows(25, (i) => `(${i}, ${i % 5})`)}`);
  await db.query(`insert into c values ${rows(1500, (i) => `(${i}, ${1 + (i % 25)})`)}`);
  await db.query(`insert into s values ${rows(100, (i) => `(${i}, ${1 + (i % 25)})`)}`);
  await db.query('analyze table p, n, c, s');
});

after(async () => {
  await db.close();
});

/** The estimated rows of the first EXPLAIN row whose id matches. */
async function estimate(sql: string, id: RegExp): Promise<number> {
  const plan = (await db.query(`explain ${sql}`, [], { rowMode: 'array' })).rows as unknown[][];
  const row = plan.find((r) => id.test(String(r[0])));
  assert.ok(row, `${id} in the plan of ${sql}`);
  return Number(row[1]);
}

async function count(sql: string): Promise<number> {
  const r = (await db.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
  return Number(r[0]![0]);
}

describe('estimates', () => {
  it('measure LIKE on the histogram: near the true share, not 80%', async () => {
    for (const [cond, lo, hi] of [
      ["name like '%green%'", 0.5, 2],
      ["name not like '%green%'", 0.8, 1.2],
      ["name like 'pale%'", 0.8, 1.2],
      ["note like '%x%'", 0.8, 1.2],
    ] as const) {
      const est = await estimate(`select * from p where ${cond}`, /^TableReader/);
      const real = await count(`select count(*) from p where ${cond}`);
      assert.ok(est >= real * lo && est <= real * hi, `${cond}: estimated ${est}, ${real} rows`);
    }
  });

  it('keep the fixed selectivity for a pattern that is a parameter', async () => {
    const plan = (await db.query('explain select * from p where name like ?', ['%green%'], {
      rowMode: 'array',
    })) as { rows: unknown[][] };
    assert.equal(Number(plan.rows[0]![1]), 800);
  });

  it('count columns equal to one joined column once', async () => {
    const sql = 'select count(*) from n, c, s where c.nk = n.id and s.nk = n.id';
    const real = await count(sql);
    const est = await estimate(sql.replace('count(*)', '*'), /HashJoin/);
    assert.ok(est >= real * 0.5 && est <= real * 2, `estimated ${est}, ${real} rows`);
  });
});
