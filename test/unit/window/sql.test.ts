import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

type Db = Awaited<ReturnType<typeof TiLite.open>>;
let db: Db;

async function rows(sql: string): Promise<unknown[][]> {
  const r = await db.query(sql, [], { rowMode: 'array' });
  return r.rows as unknown as unknown[][];
}

async function errorCode(sql: string): Promise<number | undefined> {
  try {
    await db.query(sql);
  } catch (e) {
    return (e as { code?: number }).code;
  }
  return undefined;
}

before(async () => {
  db = await TiLite.open();
  await db.query('CREATE DATABASE IF NOT EXISTS test');
  await db.query('USE test');
  await db.query('CREATE TABLE t (id INT PRIMARY KEY, g INT, v INT, d DATE)');
  await db.query("INSERT INTO t VALUES (1,1,10,'2024-01-01'),(2,1,20,'2024-01-02'),(3,2,5,'2024-01-03')");
});

after(async () => {
  await (db as unknown as { close?: () => Promise<void> }).close?.();
});

describe('window function errors carry MySQL codes', () => {
  const cases: [string, number][] = [
    ['SELECT id FROM t WHERE row_number() OVER () > 1', 3593],
    ['SELECT g FROM t GROUP BY rank() OVER ()', 3593],
    ['SELECT g FROM t GROUP BY g HAVING rank() OVER () > 1', 3593],
    ['SELECT id, row_number() OVER () AS rn FROM t HAVING rn > 1', 3594],
    ['SELECT sum(v) OVER w FROM t', 3579],
    ['SELECT sum(v) OVER w2 FROM t WINDOW w1 AS (w2), w2 AS (w1)', 3580],
    ['SELECT sum(v) OVER (w PARTITION BY id) FROM t WINDOW w AS (ORDER BY v)', 3581],
    ['SELECT sum(v) OVER (w ORDER BY id) FROM t WINDOW w AS (ROWS 1 PRECEDING)', 3582],
    ['SELECT sum(v) OVER (w ORDER BY id) FROM t WINDOW w AS (ORDER BY v)', 3583],
    ['SELECT sum(v) OVER (ROWS BETWEEN UNBOUNDED FOLLOWING AND CURRENT ROW) FROM t', 3584],
    ['SELECT sum(v) OVER (ROWS BETWEEN CURRENT ROW AND UNBOUNDED PRECEDING) FROM t', 3585],
    ['SELECT sum(v) OVER (ORDER BY id ROWS 1.5 PRECEDING) FROM t', 3586],
    ['SELECT sum(v) OVER (ORDER BY g, id RANGE 1 PRECEDING) FROM t', 3587],
    ['SELECT sum(v) OVER (ORDER BY d RANGE 1 PRECEDING) FROM t', 3588],
    ['SELECT sum(v) OVER (ORDER BY v RANGE INTERVAL 1 DAY PRECEDING) FROM t', 3589],
    ['SELECT sum(v) OVER (ORDER BY v ROWS v PRECEDING) FROM t', 3590],
    ['SELECT 1 FROM t WINDOW w AS (ORDER BY v), w AS (ORDER BY id)', 3591],
    ['SELECT sum(v) OVER (ORDER BY 1) FROM t', 3592],
    ['SELECT sum(v) OVER (ORDER BY rank() OVER ()) FROM t', 3595],
    ['SELECT sum(v) OVER (ORDER BY d ROWS INTERVAL 1 DAY PRECEDING) FROM t', 3596],
    ['SELECT ntile(0) OVER () FROM t', 1210],
    ['SELECT lag(v, -1) OVER () FROM t', 1210],
    ['SELECT nth_value(v, 0) OVER () FROM t', 1210],
    ['SELECT count(DISTINCT v) OVER () FROM t', 1235],
  ];
  for (const [sql, code] of cases) {
    it(`${code}: ${sql}`, async () => {
      assert.equal(await errorCode(sql), code);
    });
  }
});

describe('window results', () => {
  it('types: ranking BIGINT, distribution DOUBLE, LEAD/LAG of the argument', async () => {
    const r = await db.query('SELECT row_number() OVER () a, cume_dist() OVER () b, lag(v) OVER () c FROM t', [], {
      rowMode: 'array',
    });
    const fields = (r as unknown as { fields: { columnType?: number; type?: number }[] }).fields;
    const types = fields.map((f) => f.columnType ?? f.type);
    assert.deepEqual(types, [8, 5, 3]);
  });

  it('recomputes sliding frames correctly', async () => {
    assert.deepEqual(
      await rows('SELECT id, count(*) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY id'),
      [
        [1, 2],
        [2, 3],
        [3, 2],
      ],
    );
  });

  it('EXPLAIN shows the window, its frame and the Sort below it', async () => {
    const out = await rows('EXPLAIN SELECT id, row_number() OVER (PARTITION BY g ORDER BY v) FROM t');
    const ids = out.map((r) =>
      String(r[0])
        .replace(/[└─│ ]/g, '')
        .replace(/_\d+$/, ''),
    );
    assert.deepEqual(ids.slice(0, 3), ['Projection', 'Window', 'Sort']);
    assert.match(
      String(out[1]![4]),
      /^row_number\(\)->Column#\d+ over\(partition by test\.t\.g order by test\.t\.v rows between current row and current row\)$/,
    );
    assert.equal(String(out[2]![4]), 'test.t.g, test.t.v');
  });

  it('EXPLAIN shares one Sort between windows whose keys are a prefix of it', async () => {
    const out = await rows(
      'EXPLAIN SELECT sum(v) OVER (PARTITION BY g ORDER BY v ROWS 1 PRECEDING), rank() OVER (PARTITION BY g) FROM t',
    );
    const names = out.map((r) =>
      String(r[0])
        .replace(/[└─│ ]/g, '')
        .replace(/_\d+$/, ''),
    );
    assert.equal(names.filter((n) => n === 'Sort').length, 1);
    assert.match(String(out.find((r) => String(r[0]).includes('Window'))![4]), /over\(partition by test\.t\.g\)$/);
  });
});
