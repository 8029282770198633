// tidb_mem_quota_query: sorts, hash aggregations and hash join builds over the quota fail with 8175;
// small statements and the session stay usable.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDb, rejectsWith, rows } from './helpers.js';

describe('tidb_mem_quota_query', () => {
  it('cancels statements that hold more rows than the quota allows', async () => {
    const db = await openDb();
    await db.query('create table t (id int primary key, s varchar(100))');
    const values = Array.from({ length: 2000 }, (_, i) => `(${i}, '${'x'.repeat(50)}${i}')`).join(', ');
    await db.query(`insert into t values ${values}`);
    await db.query('set tidb_mem_quota_query = 100000');
    const exceeded = /exceeding the allowed memory limit for a single SQL query.*tidb_mem_quota_query.*\[conn=\d+\]/;
    await rejectsWith(db.query('select * from t order by s'), 8175, exceeded);
    await rejectsWith(db.query('select s, count(*) from t group by s'), 8175, exceeded);
    await rejectsWith(db.query('select count(*) from t a join t b on a.s = b.s'), 8175, exceeded);
    assert.deepEqual(await rows(db, 'select id from t where id < 3 order by s'), [[0], [1], [2]]);
    await db.query('set tidb_mem_quota_query = 0');
    assert.equal((await rows(db, 'select * from t order by s')).length, 2000);
    await db.close();
  });
});
