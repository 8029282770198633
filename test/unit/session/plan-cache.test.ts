// The prepared plan cache: a rebound cached plan must answer exactly as planning afresh does, for
// every parameter value; plans whose shape depends on the values are not cached.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite, type TiLiteSession } from '../../../src/index.js';
import { runPlanned, runPrepared } from './prepared-helpers.js';

let db: TiLite;
let s: TiLiteSession;

const run = (id: number, params: unknown[]) => runPrepared(s, id, params);

const planned = (sql: string, params: unknown[]) => runPlanned(s, sql, params);

async function fromCache(): Promise<number> {
  const r = await s.query('SELECT @@last_plan_from_cache', [], { rowMode: 'array' });
  return Number((r.rows as unknown[][])[0]![0]);
}

before(async () => {
  db = await TiLite.open();
  s = await db.session();
  await s.query('CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(20), KEY ik (k))');
  await s.query('CREATE TABLE u (id INT PRIMARY KEY, v INT)');
  await s.query('CREATE TABLE p (id INT PRIMARY KEY, v INT) PARTITION BY HASH(id) PARTITIONS 4');
  await s.query(
    'INSERT INTO t WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60) ' +
      "SELECT i, i % 7, CONCAT('c', i % 11) FROM n",
  );
  await s.query('INSERT INTO u SELECT id, id * 10 FROM t WHERE id % 2 = 0');
  await s.query('INSERT INTO p SELECT id, k FROM t');
});

after(async () => {
  await db.close();
});

const CACHED: [string, unknown[][]][] = [
  [
    'SELECT id, c FROM t WHERE id BETWEEN ? AND ?',
    [
      [3, 9],
      [50, 70],
      [9, 3],
      [-5, 2],
      [7, 7],
    ],
  ],
  ['SELECT c, id FROM t WHERE k > ? ORDER BY c, id', [[5], [0], [6], [-1]]],
  [
    'SELECT SUM(k), COUNT(*) FROM t WHERE id BETWEEN ? AND ?',
    [
      [1, 10],
      [20, 20],
      [30, 10],
    ],
  ],
  [
    'SELECT DISTINCT c FROM t WHERE id BETWEEN ? AND ? ORDER BY c',
    [
      [1, 30],
      [5, 6],
    ],
  ],
  [
    'SELECT t.id, u.v FROM t JOIN u ON t.id = u.id WHERE t.k = ? AND u.v > ? ORDER BY t.id',
    [
      [2, 100],
      [3, 0],
      [9, 0],
    ],
  ],
  ['SELECT id FROM t WHERE c LIKE ? ORDER BY id', [['c1%'], ['%5'], ['nothing']]],
  [
    'SELECT id FROM t WHERE k IN (?, ?, ?) AND id < 30 ORDER BY id',
    [
      [1, 2, 3],
      [6, 6, 6],
      [8, 9, 10],
    ],
  ],
  // A point read by handle: values within INT's range keep it; 2^40 and 2^31 are beyond it.
  ['SELECT id, c FROM t WHERE id = ? AND k >= 0', [[5], [2 ** 40], [-3], [60], [2 ** 31], [2 ** 31 - 1], [61]]],
  ['SELECT id, c FROM t WHERE ? = id', [[8], [0], [59]]],
  [
    'SELECT id, ? FROM t WHERE id = ? AND k > 0',
    [
      ['x', 5],
      ['y', 7],
      ['z', 500],
    ],
  ],
];

describe('prepared plan cache', () => {
  it('rebinds cached plans to each execution’s parameters with the planner’s answers', async () => {
    for (const [sql, sets] of CACHED) {
      const ps = s.prepare(sql);
      for (let round = 0; round < 2; round++) {
        for (const params of sets) {
          const got = await run(ps.id, params);
          assert.equal(await fromCache(), round === 0 && params === sets[0] ? 0 : 1, `${sql} ${params}`);
          assert.deepEqual(got, await planned(sql, params), `${sql} ${params}`);
        }
      }
    }
  });

  it('plans afresh when the parameters change kind, and caches the new plan', async () => {
    const sql = 'SELECT id FROM t WHERE id < ? ORDER BY id';
    const ps = s.prepare(sql);
    const check = async (params: unknown[], cached: number) => {
      const got = await run(ps.id, params);
      assert.equal(await fromCache(), cached, String(params));
      assert.deepEqual(got, await planned(sql, params));
    };
    await check([3], 0);
    await check(['4'], 0);
    await check([null], 0);
    await check([5], 0);
    await check([2], 1);
    await check([4], 1);
  });

  it('does not cache plans that depend on the values', async () => {
    for (const [sql, params] of [
      ['SELECT id FROM t ORDER BY id LIMIT ?', [3]],
      ['SELECT id, v FROM p WHERE id BETWEEN ? AND ?', [2, 5]],
      ['SELECT id FROM t WHERE id + 0 = ? + 1', [4]],
      ['SELECT LEFT(c, ?) FROM t WHERE id = ? AND k >= 0', [1, 4]],
    ] as [string, unknown[]][]) {
      const ps = s.prepare(sql);
      for (let i = 0; i < 3; i++) {
        assert.deepEqual(await run(ps.id, params), await planned(sql, params), sql);
        assert.equal(await fromCache(), 0, sql);
      }
    }
  });

  it('sees the transaction’s writes, replans after DDL and can be turned off', async () => {
    const sql = 'SELECT id, k FROM t WHERE id BETWEEN ? AND ? ORDER BY id';
    const ps = s.prepare(sql);
    await run(ps.id, [1, 2]);
    await s.query('BEGIN');
    await s.query('UPDATE t SET k = 100 WHERE id = 2');
    assert.deepEqual(await run(ps.id, [1, 2]), [
      [1, 1],
      [2, 100],
    ]);
    assert.equal(await fromCache(), 1);
    await s.query('ROLLBACK');
    assert.deepEqual(await run(ps.id, [2, 2]), [[2, 2]]);
    await s.query('ALTER TABLE t ADD COLUMN z INT');
    assert.deepEqual(await run(ps.id, [2, 3]), await planned(sql, [2, 3]));
    assert.equal(await fromCache(), 0);
    await run(ps.id, [2, 3]);
    assert.equal(await fromCache(), 1);
    await s.query('ANALYZE TABLE t');
    await run(ps.id, [2, 3]);
    assert.equal(await fromCache(), 0, 'fresh statistics plan again');
    await s.query('SET tidb_enable_prepared_plan_cache = OFF');
    await run(ps.id, [2, 3]);
    assert.equal(await fromCache(), 0);
    await s.query('SET tidb_enable_prepared_plan_cache = ON');
  });

  it('reuses INSERT, UPDATE and DELETE plans with each execution’s values', async () => {
    await s.query('CREATE TABLE w (id INT PRIMARY KEY, k INT, c VARCHAR(10), KEY ik (k))');
    const ins = s.prepare('INSERT INTO w (id, k, c) VALUES (?, ?, ?)');
    const upd = s.prepare('UPDATE w SET c = ? WHERE id = ?');
    const updK = s.prepare('UPDATE w SET k = k + 1 WHERE k BETWEEN ? AND ?');
    const del = s.prepare('DELETE FROM w WHERE id = ?');
    for (let i = 1; i <= 6; i++) {
      await s.execute(ins.id, [i, i * 10, `c${i}`]);
      assert.equal(await fromCache(), i === 1 ? 0 : 1);
    }
    await s.execute(upd.id, ['x', 2]);
    await s.execute(upd.id, ['y', 5]);
    assert.equal(await fromCache(), 1);
    await s.execute(updK.id, [20, 40]);
    await s.execute(updK.id, [60, 60]);
    assert.equal(await fromCache(), 1);
    await s.execute(del.id, [1]);
    await s.execute(del.id, [4]);
    assert.equal(await fromCache(), 1);
    await s.execute(del.id, [99]);
    const rows = (await s.query('SELECT id, k, c FROM w ORDER BY id', [], { rowMode: 'array' })).rows;
    assert.deepEqual(rows, [
      [2, 21, 'x'],
      [3, 31, 'c3'],
      [5, 50, 'y'],
      [6, 61, 'c6'],
    ]);
    await assert.rejects(s.execute(ins.id, [2, 0, 'dup']), /Duplicate entry '2'/);
    const add = s.prepare('UPDATE w SET k = k + ? WHERE id = ?');
    await s.execute(add.id, [5, 2]);
    await s.execute(add.id, [5, 2]);
    assert.equal(await fromCache(), 0);
    assert.deepEqual((await s.query('SELECT k FROM w WHERE id = 2', [], { rowMode: 'array' })).rows, [[31]]);
  });
});
