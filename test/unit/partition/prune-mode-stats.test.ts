import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

const ops = (rows: unknown[][]) => rows.map((r) => `${String(r[0]).replace(/_\d+/g, '')}|${r[3]}`);

describe('dynamic prune mode needs global stats', () => {
  it('plans static until ANALYZE TABLE in dynamic mode, with a warning', async () => {
    const db = await TiLite.open();
    await db.exec(`
      create table t (a int) partition by range (a) (partition p0 values less than (10), partition p1 values less than (20));
      insert into t values (1), (15);
    `);
    const before = await db.query('explain select * from t where a < 5', [], { rowMode: 'array' });
    assert.deepEqual(ops(before.rows as unknown[][]), [
      'TableReader|',
      '└─Selection|',
      '  └─TableFullScan|table:t, partition:p0',
    ]);
    assert.deepEqual(
      before.warnings.map((w) => [w.code, w.message]),
      [[1105, 'disable dynamic pruning due to t has no global stats']],
    );
    // ANALYZE in static mode produces no global stats.
    await db.query("set tidb_partition_prune_mode = 'static'");
    await db.query('analyze table t');
    await db.query("set tidb_partition_prune_mode = 'dynamic'");
    const still = await db.query('explain select * from t', [], { rowMode: 'array' });
    assert.equal(ops(still.rows as unknown[][])[0], 'PartitionUnion|');
    await db.query('analyze table t');
    const after = await db.query('explain select * from t where a < 5', [], { rowMode: 'array' });
    assert.deepEqual(ops(after.rows as unknown[][]), [
      'TableReader|partition:p0',
      '└─Selection|',
      '  └─TableFullScan|table:t',
    ]);
    assert.deepEqual(after.warnings, []);
    assert.deepEqual((await db.query('select * from t where a < 5', [], { rowMode: 'array' })).rows, [[1]]);
    await db.close();
  });

  it('tidb_opt_fix_control 44262:ON allows dynamic mode without stats; a statement falls back as a whole', async () => {
    const db = await TiLite.open();
    await db.exec(`
      create table t (a int) partition by hash (a) partitions 2;
      create table u (a int) partition by hash (a) partitions 2;
      analyze table u;
    `);
    const both = await db.query('explain select * from u join t on u.a = t.a', [], { rowMode: 'array' });
    const accesses = ops(both.rows as unknown[][]).filter((r) => r.includes('Reader'));
    assert.ok(
      accesses.every((r) => !r.includes('partition:all')),
      accesses.join(' / '),
    );
    await db.query('set tidb_opt_fix_control = "44262:ON"');
    const fixed = await db.query('explain select * from t', [], { rowMode: 'array' });
    assert.equal(ops(fixed.rows as unknown[][])[0], 'TableReader|partition:all');
    await assert.rejects(db.query('analyze table nosuch'), { code: 1146 });
    await db.close();
  });
});
