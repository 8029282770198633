// db.snapshot() / db.restore() / db.clone() of the memory engine, and stale reads (AS OF TIMESTAMP,
// tidb_snapshot) within the retained history.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openDb, rejectsWith, rows } from './helpers.js';

describe('snapshot, restore, clone', () => {
  it('restore returns data, schema and AUTO_INCREMENT to the snapshot', async () => {
    const db = await openDb();
    await db.query('create table t (id int auto_increment primary key, v int)');
    await db.query('insert into t (v) values (1), (2)');
    const snap = db.snapshot();
    await db.query('insert into t (v) values (3)');
    await db.query('create table u (x int)');
    await db.query('alter table t add column w int');
    await db.restore(snap);
    assert.deepEqual(await rows(db, 'select * from t'), [
      [1, 1],
      [2, 2],
    ]);
    await rejectsWith(db.query('select * from u'), 1146);
    // AUTO_INCREMENT ids are cached in batches (as TiDB does): after a restore they continue from the
    // snapshot's persisted batch, the same way each time.
    await db.query('insert into t (v) values (4)');
    const [[id]] = (await rows(db, 'select id from t where v = 4')) as [[number]];
    assert.ok(id > 2);
    // Restoring again, many times, is cheap and repeatable.
    for (let i = 0; i < 100; i++) await db.restore(snap);
    assert.deepEqual(await rows(db, 'select count(*) from t'), [[2]]);
    await db.query('insert into t (v) values (4)');
    assert.deepEqual(await rows(db, 'select id from t where v = 4'), [[id]]);
    await db.close();
  });

  it('a clone shares nothing mutable with its source', async () => {
    const db = await openDb();
    await db.query('create table t (id int primary key)');
    await db.query('insert into t values (1)');
    const copy = await db.clone();
    await copy.query('insert into t values (2)');
    await db.query('insert into t values (3)');
    assert.deepEqual(await rows(copy, 'select id from t'), [[1], [2]]);
    assert.deepEqual(await rows(db, 'select id from t'), [[1], [3]]);
    await copy.close();
    await db.close();
  });
});

describe('stale reads', () => {
  it('AS OF TIMESTAMP and tidb_snapshot read old data; writes under tidb_snapshot fail', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tilite-stale-'));
    const db = await openDb(dir);
    try {
      await db.query('create table t (id int primary key, v int)');
      await db.query('insert into t values (1, 10)');
      await new Promise((r) => setTimeout(r, 20));
      const [[then]] = (await rows(db, 'select now(3)')) as [[unknown]];
      await new Promise((r) => setTimeout(r, 20));
      await db.query('update t set v = 11 where id = 1');
      assert.deepEqual(await rows(db, `select v from t as of timestamp '${String(then)}'`), [[10]]);
      await db.query(`set tidb_snapshot = '${String(then)}'`);
      assert.deepEqual(await rows(db, 'select v from t'), [[10]]);
      await rejectsWith(db.query('update t set v = 12'), 1105);
      await db.query("set tidb_snapshot = ''");
      assert.deepEqual(await rows(db, 'select v from t'), [[11]]);
      await db.query(`start transaction read only as of timestamp '${String(then)}'`);
      assert.deepEqual(await rows(db, 'select v from t'), [[10]]);
      await rejectsWith(db.query('update t set v = 12'), 1792);
      await db.query('commit');
      await rejectsWith(db.query("select * from t as of timestamp '2020-01-01 00:00:00'"), 9006);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
