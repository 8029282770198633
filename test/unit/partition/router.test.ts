// Row routing of partitioned tables: placement as TiDB places rows (checked through explicit
// partition selection), errors 1526 / 1748, INSERT IGNORE, and UPDATE moving rows.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { TiLite } from '../../../src/index.js';

let db: Awaited<ReturnType<typeof TiLite.open>>;
const rows = async (sql: string) => (await db.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
const code = async (sql: string) => {
  try {
    await db.query(sql);
  } catch (e) {
    return (e as { code?: number }).code;
  }
  return 0;
};

before(async () => {
  db = await TiLite.open();
  await db.query('create database d');
  await db.query('use d');
});

test('RANGE: bounds, NULL in the first partition, 1526 beyond the last bound', async () => {
  await db.query(
    'create table r (a int) partition by range (a) (partition p0 values less than (10), partition p1 values less than (20))',
  );
  await db.query('insert into r values (null), (9), (10), (19)');
  assert.deepEqual(await rows('select a from r partition (p0) order by a'), [[null], [9]]);
  assert.deepEqual(await rows('select a from r partition (p1) order by a'), [[10], [19]]);
  assert.equal(await code('insert into r values (20)'), 1526);
  await db.query('insert ignore into r values (25)');
  assert.deepEqual(await rows('select count(*) from r'), [[4]]);
});

test('HASH: |a % n| places negative values; KEY uses CRC32 of the value', async () => {
  await db.query('create table h (a int) partition by hash (a) partitions 4');
  await db.query('insert into h values (-5), (6), (null)');
  assert.deepEqual(await rows('select a from h partition (p1)'), [[-5]]);
  assert.deepEqual(await rows('select a from h partition (p2)'), [[6]]);
  assert.deepEqual(await rows('select a from h partition (p0)'), [[null]]);
  await db.query('create table k (a int) partition by key (a) partitions 4');
  await db.query('insert into k values (1), (2), (3), (4), (5)');
  const placed = await Promise.all([0, 1, 2, 3].map((i) => rows(`select a from k partition (p${i}) order by a`)));
  assert.equal(placed.flat().length, 5);
});

test('LIST COLUMNS with DEFAULT; NULL only where listed', async () => {
  await db.query(
    "create table l (a int, b varchar(5)) partition by list columns (b) (partition p0 values in ('x', null), partition pd default)",
  );
  await db.query("insert into l values (1, 'x'), (2, null), (3, 'y')");
  assert.deepEqual(await rows('select a from l partition (p0) order by a'), [[1], [2]]);
  assert.deepEqual(await rows('select a from l partition (pd)'), [[3]]);
  await db.query('create table l2 (a int) partition by list (a) (partition p0 values in (1, 2))');
  assert.equal(await code('insert into l2 values (null)'), 1526);
});

test('explicit partition sets: 1748 for rows outside them, 1735 for unknown names', async () => {
  await db.query('create table e (a int) partition by hash (a) partitions 2');
  assert.equal(await code('insert into e partition (p0) values (1)'), 1748);
  await db.query('insert into e partition (p1) values (1)');
  assert.equal(await code('select * from e partition (p9)'), 1735);
});

test('UPDATE of the partition key moves the row; DELETE finds it in its partition', async () => {
  await db.query(
    'create table m (id int primary key, a int) partition by range (id) (partition p0 values less than (10), partition p1 values less than (100))',
  );
  await db.query('insert into m values (1, 1), (2, 2)');
  await db.query('update m set id = 50 where id = 1');
  assert.deepEqual(await rows('select id from m partition (p1)'), [[50]]);
  assert.deepEqual(await rows('select id from m partition (p0)'), [[2]]);
  assert.deepEqual(await rows('select a from m where id = 50'), [[1]]);
  await db.query('delete from m where id = 50');
  assert.deepEqual(await rows('select id from m'), [[2]]);
  await db.query('insert into m values (2, 5) on duplicate key update id = 60');
  assert.deepEqual(await rows('select id, a from m partition (p1)'), [[60, 2]]);
});
