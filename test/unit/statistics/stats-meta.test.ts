// SHOW STATS_META: the analyzed row count moves with committed inserts and deletes (TiDB's realtime
// count) and counts modified rows; rolled-back work does not count.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite, type TiLiteSession } from '../../../src/index.js';

let db: TiLite;
let s: TiLiteSession;

async function meta(table: string): Promise<{ rows: number; modified: number } | undefined> {
  const r = await s.query('SHOW STATS_META', [], { rowMode: 'array' });
  const row = (r.rows as unknown[][]).find((x) => x[1] === table);
  return row ? { rows: Number(row[5]), modified: Number(row[4]) } : undefined;
}

before(async () => {
  db = await TiLite.open();
  s = await db.session();
  await s.query('CREATE TABLE t (id INT PRIMARY KEY, v INT)');
  await s.query('INSERT INTO t VALUES (1, 1), (2, 2), (3, 3)');
});

after(async () => {
  await db.close();
});

describe('statistics meta', () => {
  it('lists a table once it is analyzed, with its row count', async () => {
    assert.equal(await meta('t'), undefined);
    await s.query('ANALYZE TABLE t');
    assert.deepEqual(await meta('t'), { rows: 3, modified: 0 });
    const r = await s.query('SHOW STATS_META', [], { rowMode: 'array' });
    assert.deepEqual(
      r.fields.map((f) => f.name),
      ['Db_name', 'Table_name', 'Partition_name', 'Update_time', 'Modify_count', 'Row_count'],
    );
  });

  it('follows committed inserts, deletes and updates', async () => {
    await s.query('INSERT INTO t VALUES (4, 4), (5, 5)');
    assert.deepEqual(await meta('t'), { rows: 5, modified: 2 });
    await s.query('DELETE FROM t WHERE id = 1');
    assert.deepEqual(await meta('t'), { rows: 4, modified: 3 });
    await s.query('UPDATE t SET v = v + 1 WHERE id > 3');
    assert.deepEqual(await meta('t'), { rows: 4, modified: 5 });
    await s.query('INSERT INTO t VALUES (5, 0) ON DUPLICATE KEY UPDATE v = 50');
    assert.deepEqual(await meta('t'), { rows: 4, modified: 6 });
  });

  it('counts a transaction when it commits, and never when it rolls back', async () => {
    await s.query('BEGIN');
    await s.query('INSERT INTO t VALUES (10, 10)');
    assert.deepEqual(await meta('t'), { rows: 4, modified: 6 });
    await s.query('ROLLBACK');
    assert.deepEqual(await meta('t'), { rows: 4, modified: 6 });
    await s.query('BEGIN');
    await s.query('INSERT INTO t VALUES (10, 10), (11, 11)');
    await s.query('COMMIT');
    assert.deepEqual(await meta('t'), { rows: 6, modified: 8 });
  });

  it('re-analyzing resets the count to the rows found', async () => {
    await s.query('ANALYZE TABLE t');
    assert.deepEqual(await meta('t'), { rows: 6, modified: 0 });
    const [row] = (await s.query('SELECT count(*) FROM t', [], { rowMode: 'array' })).rows as unknown[][];
    assert.equal(Number(row![0]), 6);
  });

  it('reports health as the share of analyzed rows not modified since (SHOW STATS_HEALTHY)', async () => {
    const healthy = async () => {
      const r = await s.query("SHOW STATS_HEALTHY LIKE 't'", [], { rowMode: 'array' });
      assert.deepEqual(
        r.fields.map((f) => f.name),
        ['Db_name', 'Table_name', 'Partition_name', 'Healthy'],
      );
      return (r.rows as unknown[][]).map((row) => Number(row[3]));
    };
    assert.deepEqual(await healthy(), [100]);
    await s.query('UPDATE t SET v = v + 1 WHERE id IN (2, 3)');
    assert.deepEqual(await healthy(), [66]);
    await s.query('DELETE FROM t WHERE id > 0');
    assert.deepEqual(await healthy(), [0]);
    await s.query('ANALYZE TABLE t');
    assert.deepEqual(await healthy(), [100]);
  });
});
