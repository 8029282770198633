// Repeated point selects by primary key on tables partitioned by the handle read each key from its
// own partition (the session's remembered point-read plan routes the parameter).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TiLite } from '../../../src/index.js';

test('repeated point selects route each handle to its partition', async () => {
  const db = await TiLite.open();
  await db.exec('CREATE DATABASE b; USE b');
  await db.exec('CREATE TABLE t (id INT PRIMARY KEY, c INT) PARTITION BY HASH(id) PARTITIONS 7');
  await db.exec(
    'CREATE TABLE r (id INT PRIMARY KEY, c INT) PARTITION BY RANGE(id) (PARTITION p0 VALUES LESS THAN (10), PARTITION p1 VALUES LESS THAN (20))',
  );
  await db.exec('INSERT INTO t VALUES (1, 10), (2, 20), (8, 80), (-3, -30)');
  await db.exec('INSERT INTO r VALUES (1, 10), (15, 150)');
  const get = async (table: string, id: number) =>
    (await db.query(`SELECT c FROM ${table} WHERE id = ?`, [id], { rowMode: 'array' })).rows;
  for (const [id, want] of [
    [1, [[10]]],
    [2, [[20]]],
    [8, [[80]]],
    [-3, [[-30]]],
    [9, []],
    [1, [[10]]],
  ] as const) {
    assert.deepEqual(await get('t', id), want);
  }
  for (const [id, want] of [
    [1, [[10]]],
    [15, [[150]]],
    [25, []],
    [-1, []],
    [15, [[150]]],
  ] as const) {
    assert.deepEqual(await get('r', id), want);
  }
  // The open transaction's own rows are read too.
  const s = await db.session();
  await s.query('USE b');
  await s.query('BEGIN');
  await s.query('INSERT INTO t VALUES (5, 50)');
  for (let i = 0; i < 3; i++) {
    assert.deepEqual((await s.query('SELECT c FROM t WHERE id = ?', [5], { rowMode: 'array' })).rows, [[50]]);
  }
  await s.query('ROLLBACK');
  await db.close();
});
