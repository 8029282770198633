// EXPLAIN of decorrelated subqueries and merge joins, in TiDB's forms: `semi join`, `anti semi join`,
// `Null-aware anti semi join`, `left outer semi join`, `MergeJoin ... left key:, right key:`.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

let db: TiLite;

before(async () => {
  db = await TiLite.open();
  await db.exec('create table t1 (a int, b int); create table t2 (a int, b int);');
});
after(async () => {
  await db.close();
});

/** The EXPLAIN rows as [operator name without its number, operator info]. */
async function explain(sql: string): Promise<[string, string][]> {
  const r = await db.query(`explain ${sql}`, [], { rowMode: 'array' });
  return (r.rows as unknown[][]).map((row) => [
    String(row[0])
      .replace(/^[└├─│ ]+/, '')
      .replace(/_\d+/, ''),
    String(row[4]),
  ]);
}

describe('subquery decorrelation in EXPLAIN', () => {
  it('EXISTS with an equality correlation is a semi join on that key', async () => {
    const rows = await explain('select * from t1 where exists (select 1 from t2 where t2.a = t1.a)');
    assert.deepEqual(rows[0], ['HashJoin', 'semi join, equal:[eq(test.t1.a, test.t2.a)]']);
    assert.ok(!rows.some(([n]) => n.startsWith('Apply')));
  });

  it('NOT EXISTS is an anti semi join; other correlated conditions stay join conditions', async () => {
    const rows = await explain(
      'select * from t1 where not exists (select 1 from t2 where t2.a = t1.a and t2.b > t1.b)',
    );
    assert.deepEqual(rows[0], [
      'HashJoin',
      'anti semi join, equal:[eq(test.t1.a, test.t2.a)], other cond:gt(test.t2.b, test.t1.b)',
    ]);
  });

  it('NOT IN is a null-aware anti semi join', async () => {
    const rows = await explain('select * from t1 where a not in (select a from t2)');
    assert.deepEqual(rows[0], ['HashJoin', 'Null-aware anti semi join, equal:[eq(test.t1.a, test.t2.a)]']);
  });

  it('IN and EXISTS as values are left outer semi joins', async () => {
    const rows = await explain('select a in (select b from t2), exists (select 1 from t2 where t2.a = t1.b) from t1');
    const infos = rows.filter(([n]) => n.startsWith('HashJoin')).map(([, i]) => i);
    assert.deepEqual(infos.sort(), [
      'left outer semi join, equal:[eq(test.t1.a, test.t2.b)]',
      'left outer semi join, equal:[eq(test.t1.b, test.t2.a)]',
    ]);
  });

  it('a subquery correlated under an aggregate stays an Apply', async () => {
    const rows = await explain('select * from t1 where a in (select max(b) from t2 where t2.a = t1.b)');
    assert.ok(rows.some(([n]) => n === 'Apply'));
  });
});

describe('merge join', () => {
  it('MERGE_JOIN sorts both sides on the keys and shows left and right keys, build side first', async () => {
    const rows = await explain('select /*+ MERGE_JOIN(t1, t2) */ * from t1 join t2 on t1.a = t2.a');
    assert.deepEqual(rows[0], ['MergeJoin', 'inner join, left key:test.t1.a, right key:test.t2.a']);
    assert.deepEqual(rows[1], ['Sort(Build)', 'test.t2.a']);
    assert.equal(rows.filter(([n]) => n.startsWith('Sort')).length, 2);
  });

  it('TIDB_SMJ works for semi joins', async () => {
    const rows = await explain(
      'select /*+ TIDB_SMJ(t2) */ * from t1 where exists (select 1 from t2 where t2.a = t1.a)',
    );
    assert.deepEqual(rows[0], ['MergeJoin', 'semi join, left key:test.t1.a, right key:test.t2.a']);
  });

  it('MERGE_JOIN on a null-aware NOT IN join keeps the hash join', async () => {
    const rows = await explain('select /*+ MERGE_JOIN(t2) */ * from t1 where a not in (select a from t2)');
    assert.equal(rows[0]![0], 'HashJoin');
  });
});
