// Prepared point selects served from the remembered plan must answer exactly as planning each time does.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite, type TiLiteSession } from '../../../src/index.js';
import { runPlanned, runPrepared } from './prepared-helpers.js';

let db: TiLite;
let s: TiLiteSession;

const run = (id: number, params: unknown[]) => runPrepared(s, id, params);

before(async () => {
  db = await TiLite.open();
  s = await db.session();
  await s.query('CREATE TABLE t (id INT PRIMARY KEY, k INT, c VARCHAR(10))');
  await s.query("INSERT INTO t VALUES (1, 10, 'a'), (2, 20, 'b'), (3, 30, NULL)");
  await s.query('CREATE TABLE w (id INT PRIMARY KEY, k INT, uk BIGINT UNSIGNED, KEY ik (k), UNIQUE KEY iu (uk))');
  await s.query('INSERT INTO w VALUES (1, 5, 50), (2, 5, 60), (3, 7, NULL), (4, -1, 0)');
  await s.query('CREATE TABLE u (id INT UNSIGNED PRIMARY KEY, v INT)');
  await s.query('INSERT INTO u VALUES (1, 100), (4294967295, 200)');
  await s.query('CREATE TABLE p (id INT PRIMARY KEY, v INT) PARTITION BY HASH(id) PARTITIONS 7');
  await s.query('INSERT INTO p VALUES (1, 10), (2, 20), (8, 80), (15, 150), (-3, -30)');
  // Analyzed: dynamic pruning applies (an unanalyzed partitioned table falls back to static plans).
  await s.query('ANALYZE TABLE p');
});

const planned = (sql: string, params: unknown[]) => runPlanned(s, sql, params);

after(async () => {
  await db.close();
});

describe('prepared point get cache', () => {
  it('answers repeated executions with the right rows, columns and names', async () => {
    const ps = s.prepare('SELECT c, id FROM t WHERE id = ?');
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(await run(ps.id, [1]), [['a', 1]]);
      assert.deepEqual(await run(ps.id, [3]), [[null, 3]]);
      assert.deepEqual(await run(ps.id, [9]), []);
    }
    const r = await s.execute(ps.id, [2]);
    assert.deepEqual(r.rows, [{ c: 'b', id: 2 }]);
    assert.deepEqual(
      r.fields.map((f) => f.name),
      ['c', 'id'],
    );
    const text = await s.execute(ps.id, [2], { rowMode: 'text' });
    assert.deepEqual(text.rows, [['b', '2']]);
  });

  it('converts non-integer parameters as the general path does', async () => {
    const ps = s.prepare('SELECT * FROM t WHERE ? = id');
    assert.deepEqual(await run(ps.id, [2]), [[2, 20, 'b']]);
    assert.deepEqual(await run(ps.id, ['2']), [[2, 20, 'b']]);
    assert.deepEqual(await run(ps.id, [2.5]), []);
    assert.deepEqual(await run(ps.id, [2n]), [[2, 20, 'b']]);
    assert.deepEqual(await run(ps.id, [null]), []);
  });

  it('serves integer strings (string ids from an application) from the remembered read', async () => {
    const ps = s.prepare('SELECT c FROM t WHERE id = ?');
    const fromCache = async () => (await s.query('SELECT @@last_plan_from_cache', [], { rowMode: 'array' })).rows;
    for (const id of ['2', '02', '-1', '2.0', ' 2']) {
      assert.deepEqual(await run(ps.id, [id]), await planned('SELECT c FROM t WHERE id = ?', [id]), id);
    }
    assert.deepEqual(await run(ps.id, ['1']), [['a']]);
    assert.deepEqual(await fromCache(), [[1]]);
    const byK = s.prepare('SELECT id FROM w WHERE k = ?');
    assert.deepEqual((await run(byK.id, ['7'])).flat(), [3]);
    assert.deepEqual((await run(byK.id, ['-1'])).flat(), [4]);
    assert.deepEqual(await fromCache(), [[1]]);
  });

  it('handles unsigned keys and out-of-range values', async () => {
    const ps = s.prepare('SELECT v FROM u WHERE id = ?');
    assert.deepEqual(await run(ps.id, [1]), [[100]]);
    assert.deepEqual(await run(ps.id, [4294967295]), [[200]]);
    assert.deepEqual(await run(ps.id, [-1]), []);
    assert.deepEqual(await run(ps.id, [2 ** 40]), []);
  });

  it('sees the open transaction’s own writes and rolls back with it', async () => {
    const ps = s.prepare('SELECT k FROM t WHERE id = ?');
    assert.deepEqual(await run(ps.id, [1]), [[10]]);
    await s.query('BEGIN');
    await s.query('UPDATE t SET k = 11 WHERE id = 1');
    assert.deepEqual(await run(ps.id, [1]), [[11]]);
    await s.query('ROLLBACK');
    assert.deepEqual(await run(ps.id, [1]), [[10]]);
  });

  it('reads the open transaction’s snapshot (REPEATABLE-READ), the newest data under READ-COMMITTED', async () => {
    const ps = s.prepare('SELECT k FROM t WHERE id = ?');
    const byIndex = s.prepare('SELECT id FROM w WHERE k = ?');
    for (const begin of ['BEGIN', 'BEGIN OPTIMISTIC', 'BEGIN PESSIMISTIC']) {
      await s.query(begin);
      assert.deepEqual(await run(ps.id, [3]), [[30]], begin);
      await db.query('UPDATE t SET k = 31 WHERE id = 3');
      await db.query('UPDATE w SET k = 6 WHERE id = 3');
      assert.deepEqual(await run(ps.id, [3]), [[30]], `${begin}: a commit after the start is not seen`);
      assert.deepEqual(await run(byIndex.id, [7]), [[3]], begin);
      await s.query('UPDATE t SET c = c WHERE id = 1');
      assert.deepEqual(await run(ps.id, [3]), [[30]], `${begin}: still the snapshot after a write`);
      await s.query('COMMIT');
      assert.deepEqual(await run(ps.id, [3]), [[31]], begin);
      await db.query('UPDATE t SET k = 30 WHERE id = 3');
      await db.query('UPDATE w SET k = 7 WHERE id = 3');
    }
    await s.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED');
    await s.query('BEGIN');
    assert.deepEqual(await run(ps.id, [3]), [[30]]);
    await db.query('UPDATE t SET k = 32 WHERE id = 3');
    assert.deepEqual(await run(ps.id, [3]), [[32]], 'READ-COMMITTED reads each statement’s newest data');
    await s.query('COMMIT');
    await s.query('SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    await db.query('UPDATE t SET k = 30 WHERE id = 3');
  });

  it('reads other sessions’ commits under autocommit', async () => {
    const ps = s.prepare('SELECT k FROM t WHERE id = ?');
    assert.deepEqual(await run(ps.id, [2]), [[20]]);
    await db.query('UPDATE t SET k = 21 WHERE id = 2');
    assert.deepEqual(await run(ps.id, [2]), [[21]]);
  });

  it('replans after DDL and after the current database changes', async () => {
    const ps = s.prepare('SELECT * FROM t WHERE id = ?');
    assert.equal((await run(ps.id, [1]))[0]!.length, 3);
    await s.query('ALTER TABLE t ADD COLUMN z INT DEFAULT 7');
    assert.deepEqual(await run(ps.id, [1]), [[1, 10, 'a', 7]]);
    await s.query('CREATE DATABASE other');
    await s.query('CREATE TABLE other.t (id INT PRIMARY KEY, w INT)');
    await s.query('INSERT INTO other.t VALUES (1, 99)');
    s.useDatabase('other');
    assert.deepEqual(await run(ps.id, [1]), [[1, 99]]);
    s.useDatabase('test');
  });

  it('reads through a secondary index point with the key of each execution', async () => {
    const ps = s.prepare('SELECT id FROM w WHERE k = ?');
    const sorted = async (p: unknown[]) => (await run(ps.id, p)).map((r) => r[0]).sort();
    assert.deepEqual(await sorted([5]), [1, 2]);
    assert.deepEqual(await sorted([7]), [3]);
    assert.deepEqual(await sorted([-1]), [4]);
    assert.deepEqual(await sorted([6]), []);
    assert.deepEqual(await sorted(['5']), [1, 2]);
    await s.query('BEGIN');
    await s.query('INSERT INTO w VALUES (9, 7, 90)');
    assert.deepEqual(await sorted([7]), [3, 9]);
    await s.query('ROLLBACK');
    assert.deepEqual(await sorted([7]), [3]);
    await s.query('ALTER TABLE w DROP INDEX ik');
    assert.deepEqual(await sorted([5]), [1, 2]);
  });

  it('reads through a unique index, unsigned keys included', async () => {
    const ps = s.prepare('SELECT id, k FROM w WHERE uk = ?');
    assert.deepEqual(await run(ps.id, [50]), [[1, 5]]);
    assert.deepEqual(await run(ps.id, [60]), [[2, 5]]);
    assert.deepEqual(await run(ps.id, [0]), [[4, -1]]);
    assert.deepEqual(await run(ps.id, [-1]), []);
    assert.deepEqual(await run(ps.id, [null]), []);
    assert.deepEqual(await run(ps.id, [61]), []);
  });

  it('serves repeated query(sql, params) texts the same way', async () => {
    const sql = 'SELECT c FROM t WHERE id = ?';
    for (let round = 0; round < 3; round++) {
      assert.deepEqual((await s.query(sql, [1], { rowMode: 'array' })).rows, [['a']]);
      assert.deepEqual((await s.query(sql, [4], { rowMode: 'array' })).rows, []);
    }
  });

  it('leaves statements that are not plain point gets to the planner', async () => {
    const filtered = s.prepare('SELECT id FROM t WHERE id = ? AND k > 15');
    assert.deepEqual(await run(filtered.id, [1]), []);
    assert.deepEqual(await run(filtered.id, [2]), [[2]]);
    const byK = s.prepare('SELECT id FROM t WHERE k = ?');
    assert.deepEqual(await run(byK.id, [30]), [[3]]);
    assert.deepEqual(await run(byK.id, [10]), [[1]]);
    const computed = s.prepare('SELECT k + 1 FROM t WHERE id = ?');
    assert.deepEqual(await run(computed.id, [3]), [[31]]);
    assert.deepEqual(await run(computed.id, [2]), [[22]]);
  });

  it('answers IN lists of parameters by handle as the planner does, partitioned tables included', async () => {
    const cases: unknown[][] = [
      [1, 1, 1],
      [3, 1, 2],
      [2, 2, 9],
      [15, 8, -3],
      [-3, 1, 100],
      [9, 10, 11],
      ['2', 1, 3],
      [null, 1, 2],
      [2.5, 1, 2],
    ];
    for (const sql of ['SELECT c, id FROM t WHERE id IN (?, ?, ?)', 'SELECT * FROM p WHERE id IN (?, ?, ?)']) {
      const ps = s.prepare(sql);
      for (let round = 0; round < 2; round++) {
        for (const params of cases) assert.deepEqual(await run(ps.id, params), await planned(sql, params), sql);
      }
    }
    const unsigned = s.prepare('SELECT v FROM u WHERE id IN (?, ?)');
    for (const params of [
      [1, 4294967295],
      [-1, 1],
      [2 ** 40, 1],
    ]) {
      assert.deepEqual(await run(unsigned.id, params), await planned('SELECT v FROM u WHERE id IN (?, ?)', params));
    }
  });

  it('reads IN lists through the open transaction and after DDL', async () => {
    const ps = s.prepare('SELECT id, v FROM p WHERE id IN (?, ?)');
    assert.deepEqual(await run(ps.id, [1, 2]), [
      [1, 10],
      [2, 20],
    ]);
    await s.query('BEGIN');
    await s.query('INSERT INTO p VALUES (22, 220)');
    await s.query('DELETE FROM p WHERE id = 1');
    assert.deepEqual(await run(ps.id, [1, 22]), [[22, 220]]);
    await s.query('ROLLBACK');
    assert.deepEqual(await run(ps.id, [1, 22]), [[1, 10]]);
    await s.query('ALTER TABLE p REMOVE PARTITIONING');
    assert.deepEqual(await run(ps.id, [2, 1]), [
      [1, 10],
      [2, 20],
    ]);
  });

  it('keeps statement effects when the read runs without the statement machinery', async () => {
    const ps = s.prepare('SELECT c FROM t WHERE id = ?');
    assert.deepEqual(await run(ps.id, [1]), [['a']]);
    await s.query("SELECT CAST('x' AS SIGNED)");
    assert.equal((await s.query('SHOW WARNINGS')).rows.length, 1);
    assert.deepEqual(await run(ps.id, [2]), [['b']]);
    assert.deepEqual((await s.query('SHOW WARNINGS')).rows, []);
    assert.deepEqual((await s.query('SELECT @@last_plan_from_cache', [], { rowMode: 'array' })).rows, [[0]]);
    await run(ps.id, [3]);
    assert.deepEqual((await s.query('SELECT FOUND_ROWS()', [], { rowMode: 'array' })).rows, [[1]]);
    await run(ps.id, [99]);
    assert.deepEqual((await s.query('SELECT FOUND_ROWS()', [], { rowMode: 'array' })).rows, [[0]]);
  });

  it('checks privileges on every execution, remembered reads included', async () => {
    await s.query("CREATE USER 'pg'@'%'");
    await s.query("GRANT SELECT ON test.* TO 'pg'@'%'");
    const u = await db.session({ user: 'pg', host: '127.0.0.1' });
    const byId = u.prepare('SELECT c FROM t WHERE id = ?');
    const byIndex = u.prepare('SELECT id FROM w WHERE k = ?');
    assert.deepEqual((await u.execute(byId.id, [1], { rowMode: 'array' })).rows, [['a']]);
    assert.deepEqual((await u.execute(byIndex.id, [7], { rowMode: 'array' })).rows, [[3]]);
    await s.query("REVOKE SELECT ON test.* FROM 'pg'@'%'");
    for (const id of [byId.id, byIndex.id]) {
      await assert.rejects(u.execute(id, [1]), (e: { code?: number }) => e.code === 1142);
    }
    await u.close();
  });
});
