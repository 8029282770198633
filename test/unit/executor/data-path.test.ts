// The data-path fast paths give the same answers as the straightforward ones: TopN's bounded heap
// against a full sort (ties keep input order), DECIMAL sums at mixed scales, small and large stored
// decimals, and index lookups through a non-unique index.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

let db: TiLite;

before(async () => {
  db = await TiLite.open();
  await db.exec('create table t (id int primary key, g int, v int, d decimal(20,4), key gv(g))');
  const rows: string[] = [];
  for (let i = 1; i <= 400; i++) {
    const g = (i * 37) % 11;
    const v = (i * 7919) % 53;
    rows.push(`(${i}, ${g === 10 ? 'null' : g}, ${v}, ${((i * 131) % 1000) / 8 - 50})`);
  }
  await db.exec(`insert into t values ${rows.join(',')}`);
});
after(async () => {
  await db.close();
});

async function ids(sql: string): Promise<number[]> {
  const r = await db.query(sql, [], { rowMode: 'array' });
  return (r.rows as unknown[][]).map((row) => Number(row[0]));
}

describe('data path', () => {
  it('TopN equals sorting everything and slicing, ties in input order', async () => {
    const all = await ids('select id from t order by v, g');
    const allDesc = await ids('select id from t order by g desc, v');
    for (const [limit, offset] of [
      [0, 0],
      [1, 0],
      [5, 3],
      [37, 10],
      [399, 1],
      [500, 0],
      [10, 395],
    ]) {
      assert.deepEqual(
        await ids(`select id from t order by v, g limit ${offset}, ${limit}`),
        all.slice(offset, offset + limit),
      );
      assert.deepEqual(
        await ids(`select id from t order by g desc, v limit ${limit} offset ${offset}`),
        allDesc.slice(offset, offset + limit),
      );
    }
  });

  it('DECIMAL sums and averages across scales are exact', async () => {
    await db.exec('create table ds (a decimal(10,1), b decimal(30,6))');
    await db.exec('insert into ds values (1.5, 0.000001), (2.25, 123456789012345678.5), (-0.1, -2.000002), (null, 3)');
    const r = await db.query('select sum(a), sum(b), avg(a), sum(a) + sum(b) from ds', [], { rowMode: 'array' });
    assert.deepEqual(
      (r.rows as unknown[][])[0]!.map((v) => String(v)),
      ['3.7', '123456789012345679.499999', '1.23333', '123456789012345683.199999'],
    );
  });

  it('reads back stored decimals beyond 52 bits and groups through a non-unique index', async () => {
    await db.exec('create table big (id int primary key, d decimal(40,10))');
    await db.exec(
      'insert into big values (1, 123456789012345678901234.0123456789), (2, -0.0000000001), (3, 4503599627370496)',
    );
    const r = await db.query('select d from big order by id', [], { rowMode: 'array' });
    assert.deepEqual(
      (r.rows as unknown[][]).map((row) => String(row[0])),
      ['123456789012345678901234.0123456789', '-0.0000000001', '4503599627370496.0000000000'],
    );
    const byIndex = await db.query(
      'select g, count(*), sum(d) from t use index (gv) where g between 2 and 4 group by g order by g',
      [],
      {
        rowMode: 'array',
      },
    );
    const byScan = await db.query(
      'select g, count(*), sum(d) from t ignore index (gv) where g between 2 and 4 group by g order by g',
      [],
      {
        rowMode: 'array',
      },
    );
    assert.deepEqual(byIndex.rows, byScan.rows);
    assert.equal((byIndex.rows as unknown[][]).length, 3);
  });
});
