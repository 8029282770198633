// Per-statement shortcuts (session variables read from a cache invalidated by SET, autocommitted reads
// without a statement view) must behave exactly as the general path.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite, type TiLiteSession } from '../../../src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let db: TiLite;
let s: TiLiteSession;
let other: TiLiteSession;

async function rows(sess: TiLiteSession, sql: string): Promise<unknown[][]> {
  return (await sess.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
}

before(async () => {
  db = await TiLite.open();
  s = await db.session();
  other = await db.session();
  await s.query('CREATE TABLE t (id INT PRIMARY KEY, v INT)');
  await s.query('INSERT INTO t VALUES (1, 10), (2, 20)');
});

after(async () => {
  await db.close();
});

describe('statement overhead shortcuts', () => {
  it('autocommitted reads see every commit made before them', async () => {
    assert.deepEqual(await rows(s, 'SELECT v FROM t ORDER BY id'), [[10], [20]]);
    await other.query('UPDATE t SET v = v + 1');
    assert.deepEqual(await rows(s, 'SELECT v FROM t ORDER BY id'), [[11], [21]]);
    await other.query('UPDATE t SET v = v - 1');
  });

  it('an autocommitted read leaves no transaction open and an error leaves none either', async () => {
    await assert.rejects(s.query('SELECT * FROM missing_table'), { code: 1146 });
    assert.deepEqual(await rows(s, 'SELECT COUNT(*) FROM t'), [[2]]);
    await other.query('UPDATE t SET v = v + 1');
    assert.deepEqual(await rows(s, 'SELECT v FROM t ORDER BY id'), [[11], [21]]);
    await other.query('UPDATE t SET v = v - 1');
  });

  it('reads inside an explicit transaction still see its own writes', async () => {
    await s.query('BEGIN');
    await s.query('INSERT INTO t VALUES (3, 30)');
    assert.deepEqual(await rows(s, 'SELECT COUNT(*) FROM t'), [[3]]);
    await s.query('ROLLBACK');
    assert.deepEqual(await rows(s, 'SELECT COUNT(*) FROM t'), [[2]]);
  });

  it('SET transaction_read_only takes effect on the next write', async () => {
    await s.query('SET transaction_read_only = ON');
    await s.query('BEGIN');
    await assert.rejects(s.query('INSERT INTO t VALUES (9, 9)'), { code: 1792 });
    await s.query('ROLLBACK');
    await s.query('SET transaction_read_only = OFF');
    await s.query('INSERT INTO t VALUES (9, 9)');
    await s.query('DELETE FROM t WHERE id = 9');
  });

  it('SET tidb_snapshot reads old data until it is cleared', async () => {
    await sleep(5);
    const [[then]] = (await rows(s, "SELECT DATE_FORMAT(NOW(6), '%Y-%m-%d %H:%i:%s.%f')")) as [[string]];
    await sleep(5);
    await other.query('UPDATE t SET v = 100 WHERE id = 1');
    await s.query(`SET tidb_snapshot = '${then}'`);
    assert.deepEqual(await rows(s, 'SELECT v FROM t WHERE id = 1'), [[10]]);
    await assert.rejects(s.query('INSERT INTO t VALUES (8, 8)'));
    await s.query("SET tidb_snapshot = ''");
    assert.deepEqual(await rows(s, 'SELECT v FROM t WHERE id = 1'), [[100]]);
  });

  it('SET of lock wait timeout, retry limit and noop functions is seen by the next statement', async () => {
    await s.query('SET innodb_lock_wait_timeout = 7, tidb_retry_limit = 3');
    assert.deepEqual(await rows(s, 'SELECT @@innodb_lock_wait_timeout, @@tidb_retry_limit'), [[7, 3]]);
    await assert.rejects(s.query('SELECT * FROM t LOCK IN SHARE MODE'), { code: 1235 });
    await s.query('SET tidb_enable_noop_functions = ON');
    assert.equal((await rows(s, 'SELECT * FROM t LOCK IN SHARE MODE')).length, 2);
  });
});
