// Row locks, NOWAIT, lock wait timeout, deadlock, read-only transactions, savepoints, statement
// atomicity and stale reads, through embedded sessions.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TiLite, TiLiteSession } from '../../../src/index.js';
import { isBlocked, openDb, rejectsWith, rows, sessions } from './helpers.js';

let db: TiLite;
let a: TiLiteSession;
let b: TiLiteSession;

beforeEach(async () => {
  db = await openDb();
  await db.query('create table t (id int primary key, v int, u int, unique key (u))');
  await db.query('insert into t values (1, 10, 1), (2, 20, 2)');
  [a, b] = (await sessions(db, 2)) as [TiLiteSession, TiLiteSession];
});
afterEach(async () => {
  await db.close();
});

describe('pessimistic locks', () => {
  it('FOR UPDATE blocks another FOR UPDATE until commit; NOWAIT fails at once with 3572', async () => {
    await a.query('begin');
    await b.query('begin');
    await rows(a, 'select * from t where id = 1 for update');
    await rejectsWith(b.query('select * from t where id = 1 for update nowait'), 3572);
    const waiting = rows(b, 'select v from t where id = 1 for update');
    assert.equal(await isBlocked(waiting), true);
    await a.query('update t set v = 11 where id = 1');
    await a.query('commit');
    assert.deepEqual(await waiting, [[11]]);
    await b.query('commit');
  });

  it('EXPLAIN ANALYZE of SELECT ... FOR UPDATE runs the statement and so locks its rows', async () => {
    await a.query('begin');
    await b.query('begin');
    await rows(a, 'explain analyze select * from t where v > 15 for update');
    await rejectsWith(b.query('select * from t where id = 2 for update nowait'), 3572);
    await rows(b, 'select * from t where id = 1 for update nowait');
    await a.query('commit');
    await b.query('commit');
  });

  it('lock wait timeout gives 1205 and keeps the transaction', async () => {
    await b.query('set innodb_lock_wait_timeout = 1');
    await a.query('begin');
    await b.query('begin');
    await a.query('update t set v = 11 where id = 1');
    await rejectsWith(b.query('update t set v = 12 where id = 1'), 1205, /Lock wait timeout exceeded/);
    await b.query('update t set v = 21 where id = 2');
    await a.query('commit');
    await b.query('commit');
    assert.deepEqual(await rows(db, 'select v from t order by id'), [[11], [21]]);
  });

  it('a deadlock gives 1213 to one transaction and rolls it back', async () => {
    await a.query('begin');
    await b.query('begin');
    await a.query('update t set v = 11 where id = 1');
    await b.query('update t set v = 22 where id = 2');
    const aWaits = a.query('update t set v = 12 where id = 2');
    assert.equal(await isBlocked(aWaits), true);
    await rejectsWith(b.query('update t set v = 21 where id = 1'), 1213, /Deadlock found/);
    assert.equal(b.status.inTransaction, false);
    await aWaits;
    await a.query('commit');
    assert.deepEqual(await rows(db, 'select v from t order by id'), [[11], [12]]);
  });

  it('unique keys are locked: a concurrent insert of the same key waits, then sees the duplicate', async () => {
    await a.query('begin');
    await b.query('begin');
    await a.query('insert into t values (3, 30, 3)');
    const dup = b.query('insert into t values (4, 40, 3)');
    assert.equal(await isBlocked(dup), true);
    await a.query('commit');
    await rejectsWith(dup, 1062);
    await b.query('commit');
  });

  it('non-unique index entries are not locked (as in TiDB); writers of the same row still queue on its row key', async () => {
    await db.query('create table n (id int primary key, k int, key (k))');
    await db.query('insert into n values (1, 1), (2, 2)');
    await a.query('begin');
    await b.query('begin');
    await a.query('update n set k = 5 where id = 1');
    // Another row may take the same non-unique value at once.
    await b.query('update n set k = 5 where id = 2');
    // The same row waits for the first writer, then works on its committed version.
    const same = b.query('update n set k = k + 1 where id = 1');
    assert.equal(await isBlocked(same), true);
    await a.query('commit');
    await same;
    await b.query('commit');
    assert.deepEqual(await rows(db, 'select id, k from n use index (k) order by k, id'), [
      [2, 5],
      [1, 6],
    ]);
    await db.query('admin check table n');
  });

  it('a row whose id the table allocates is not locked; its table still reads through the transaction', async () => {
    await db.query('create table h (v int)');
    await a.query('begin');
    await b.query('begin');
    await a.query('insert into h values (1), (2)');
    const plan = (await rows(a, 'explain select v from h')).map((r) => String(r[0])).join('\n');
    assert.match(plan, /UnionScan/);
    assert.deepEqual(await rows(a, 'select count(*) from h'), [[2]]);
    assert.deepEqual(await rows(b, 'select count(*) from h'), [[0]]);
    assert.equal(await isBlocked(b.query('insert into h values (3)')), false);
    await a.query('commit');
    await b.query('commit');
    assert.deepEqual(await rows(db, 'select v from h order by v'), [[1], [2], [3]]);
  });

  it('FOR SHARE needs tidb_enable_noop_functions', async () => {
    await rejectsWith(a.query('select * from t for share'), 1235);
    await a.query('set tidb_enable_noop_functions = ON');
    assert.equal((await rows(a, 'select * from t lock in share mode')).length, 2);
  });
});

describe('transaction control', () => {
  it('START TRANSACTION READ ONLY refuses writes with 1792', async () => {
    await a.query('start transaction read only');
    await rejectsWith(a.query('insert into t values (5, 50, 5)'), 1792, /READ ONLY transaction/);
    assert.equal((await rows(a, 'select * from t')).length, 2);
    await a.query('commit');
    await a.query('insert into t values (5, 50, 5)');
  });

  it('a multi-row INSERT that hits a duplicate writes nothing of that statement', async () => {
    await a.query('begin');
    await a.query('insert into t values (3, 30, 3)');
    await rejectsWith(a.query('insert into t values (4, 40, 4), (5, 50, 5), (1, 0, 9)'), 1062);
    await a.query('commit');
    assert.deepEqual(await rows(db, 'select id from t order by id'), [[1], [2], [3]]);
    await rejectsWith(db.query('insert into t values (6, 60, 6), (2, 0, 7)'), 1062);
    assert.deepEqual(await rows(db, 'select count(*) from t'), [[3]]);
  });

  it('savepoints: rollback to keeps the savepoint and drops later ones; release drops it', async () => {
    await a.query('begin');
    await a.query('insert into t values (3, 30, 3)');
    await a.query('savepoint s1');
    await a.query('insert into t values (4, 40, 4)');
    await a.query('savepoint s2');
    await a.query('insert into t values (5, 50, 5)');
    await a.query('rollback to savepoint s1');
    await rejectsWith(a.query('rollback to savepoint s2'), 1305);
    assert.deepEqual(await rows(a, 'select id from t order by id'), [[1], [2], [3]]);
    await a.query('insert into t values (6, 60, 6)');
    await a.query('rollback to s1');
    await a.query('release savepoint s1');
    await rejectsWith(a.query('rollback to s1'), 1305);
    await a.query('commit');
    assert.deepEqual(await rows(db, 'select id from t order by id'), [[1], [2], [3]]);
  });

  it('optimistic: the second committer of a key gets 9007', async () => {
    await a.query('begin optimistic');
    await b.query('begin optimistic');
    await a.query('update t set v = 11 where id = 1');
    await b.query('update t set v = 12 where id = 1');
    await a.query('commit');
    await rejectsWith(b.query('commit'), 9007, /Write conflict/);
    assert.deepEqual(await rows(db, 'select v from t where id = 1'), [[11]]);
  });

  it('optimistic autocommit statements retry their write conflicts', async () => {
    await db.query("set tidb_txn_mode = 'optimistic'");
    const ss = await sessions(db, 8, ["set tidb_txn_mode = 'optimistic'"]);
    await Promise.all(
      ss.map(async (s) => {
        for (let i = 0; i < 5; i++) await s.query('update t set v = v + 1 where id = 1');
      }),
    );
    assert.deepEqual(await rows(db, 'select v from t where id = 1'), [[50]]);
  });
});
