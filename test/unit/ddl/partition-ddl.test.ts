import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TableInfo } from '../../../src/catalog/model.js';
import { TiLite } from '../../../src/index.js';
import { tableOf } from '../../../src/table/table.js';

let db: TiLite;

async function rows(sql: string): Promise<string[][]> {
  const r = (await db.query(sql, [], { rowMode: 'text' })) as unknown as { rows: (string | null)[][] };
  return r.rows.map((row) => row.map((v) => (v === null ? 'NULL' : String(v))));
}

async function exec(sql: string): Promise<void> {
  await db.query(sql);
}

async function fails(sql: string, code: number, message?: string): Promise<void> {
  await assert.rejects(db.query(sql), (e: { code?: number; message?: string }) => {
    assert.equal(e.code, code, `${sql}: ${e.message}`);
    if (message) assert.equal(e.message, message);
    return true;
  });
}

function info(name: string): TableInfo {
  return db.domain.infoSchema().table('test', name)!;
}

/** Every physical table's rows and index entries agree: each index has exactly one entry per row. */
async function checkConsistent(name: string): Promise<void> {
  const t = info(name);
  const table = tableOf(t);
  const snap = db.domain.storage.snapshot();
  const ids = t.partition ? t.partition.definitions.map((d) => d.id) : [t.id];
  for (const pid of ids) {
    let n = 0;
    for await (const b of snap.scan(...table.recordRange(pid))) n += b.length;
    for (const l of table.indexes) {
      let m = 0;
      for await (const b of snap.scan(...table.indexRange(l.info, pid))) m += b.length;
      assert.equal(m, n, `index ${l.info.name} of partition ${pid} has ${m} entries for ${n} rows`);
    }
  }
}

async function partitionRows(name: string): Promise<string[][]> {
  return rows(
    `select partition_name, table_rows from information_schema.partitions where table_schema = 'test' and table_name = '${name}' order by partition_ordinal_position`,
  );
}

before(async () => {
  db = await TiLite.open();
});
after(async () => {
  await db.close();
});

describe('partition validation at CREATE TABLE', () => {
  it('rejects non-increasing ranges and misplaced MAXVALUE', async () => {
    await fails(
      'create table v1 (a int) partition by range (a) (partition p0 values less than (10), partition p1 values less than (10))',
      1493,
      'VALUES LESS THAN value must be strictly increasing for each partition',
    );
    await fails(
      'create table v1 (a int) partition by range (a) (partition p0 values less than maxvalue, partition p1 values less than (10))',
      1481,
    );
    await fails(
      'create table v1 (a int, b int) partition by range columns (a, b) (partition p0 values less than (1, 5), partition p1 values less than (1, 4))',
      1493,
    );
  });

  it('rejects duplicate list values, names, and bad value types', async () => {
    await fails(
      'create table v2 (a int) partition by list (a) (partition p0 values in (1, 2), partition p1 values in (2))',
      1495,
      'Multiple definition of same constant in list partitioning',
    );
    await fails(
      'create table v2 (a int) partition by range (a) (partition p0 values less than (1), partition p0 values less than (2))',
      1517,
      'Duplicate partition name p0',
    );
    await fails(
      "create table v2 (a int) partition by range (a) (partition p0 values less than ('x'))",
      1697,
      "VALUES value for partition 'p0' must have type INT",
    );
    await fails("create table v2 (b int) partition by range columns (b) (partition p0 values less than ('g'))", 1654);
    await fails(
      'create table v2 (a int, b int) partition by range columns (a, b) (partition p0 values less than (1))',
      1653,
    );
    await fails('create table v2 (a double) partition by list columns (a) (partition p0 values in (1))', 1659);
  });

  it('checks the partitioning function', async () => {
    await fails(
      'create table v3 (a int) partition by hash (a + rand()) partitions 2',
      1564,
      'This partition function is not allowed',
    );
    await fails('create table v3 (a int) partition by hash (4) partitions 2', 1486);
    await fails(
      'create table v3 (a timestamp) partition by range (to_days(a)) (partition p0 values less than (1))',
      1486,
    );
    await fails(
      'create table v3 (a int) partition by hash (b) partitions 2',
      1054,
      "Unknown column 'b' in 'partition function'",
    );
    await fails('create table v3 (a varchar(10)) partition by hash (a) partitions 2', 1659);
  });

  it('requires unique keys to cover the partitioning columns', async () => {
    await fails(
      'create table v4 (a int, b int, primary key (a, b) nonclustered, unique key (b)) partition by hash (a) partitions 2',
      1503,
      "A UNIQUE INDEX must include all columns in the table's partitioning function",
    );
    await fails(
      'create table v4 (a int not null, b int not null, primary key (a) nonclustered) partition by hash (b) partitions 2',
      1503,
      "A PRIMARY KEY must include all columns in the table's partitioning function",
    );
  });

  it('limits the number of partitions and names hash partitions p0..pN-1', async () => {
    await fails('create table v5 (a int) partition by hash (a) partitions 8193', 1499);
    await fails('create table v5 (a int) partition by hash (a) partitions 0', 1504);
    await exec('create table v5 (a int) partition by hash (a) partitions 3');
    assert.deepEqual(
      info('v5').partition!.definitions.map((d) => d.name),
      ['p0', 'p1', 'p2'],
    );
  });

  it('expands RANGE INTERVAL and prints TiDB forms', async () => {
    await exec(
      'create table iv (id int) partition by range (id) interval (100) first partition less than (100) last partition less than (300) null partition maxvalue partition',
    );
    const [[, create]] = (await rows('show create table iv')) as [string, string][];
    assert.match(
      create!,
      /PARTITION BY RANGE \(`id`\)\n\(PARTITION `P_NULL` VALUES LESS THAN \(-9223372036854775808\),\n PARTITION `P_LT_100` VALUES LESS THAN \(100\),\n PARTITION `P_LT_200` VALUES LESS THAN \(200\),\n PARTITION `P_LT_300` VALUES LESS THAN \(300\),\n PARTITION `P_MAXVALUE` VALUES LESS THAN \(MAXVALUE\)\)$/,
    );
    await exec("create table ld (d date) partition by range columns (d) (partition p0 values less than ('20190905'))");
    // A date written as a string keeps its text (TiDB's SHOW CREATE TABLE shows '20190905').
    assert.deepEqual(info('ld').partition!.definitions[0]!.lessThan, ["'20190905'"]);
    await exec('create table yh (d date) partition by range (year(d)) (partition p0 values less than (2000))');
    assert.equal(info('yh').partition!.expr, 'YEAR(`d`)');
  });
});

describe('partition management with data', () => {
  it('ADD / DROP / TRUNCATE on RANGE', async () => {
    await exec(
      'create table r (a int, b int, key kb (b)) partition by range (a) (partition p0 values less than (10), partition p1 values less than (20))',
    );
    await exec('insert into r values (1,1),(5,5),(11,11),(15,15)');
    await fails('alter table r add partition (partition p2 values less than (15))', 1493);
    await exec('alter table r add partition (partition p2 values less than (30))');
    await exec('insert into r values (25,25)');
    assert.deepEqual(await partitionRows('r'), [
      ['p0', '2'],
      ['p1', '2'],
      ['p2', '1'],
    ]);
    await fails('alter table r drop partition p9', 1507, 'Error in list of partitions to DROP');
    await fails('alter table r drop partition p0, p1, p2', 1508);
    await exec('alter table r drop partition p1');
    assert.deepEqual(await rows('select a from r order by a'), [['1'], ['5'], ['25']]);
    const before = info('r').partition!.definitions[0]!.id;
    await exec('alter table r truncate partition p0');
    assert.notEqual(info('r').partition!.definitions[0]!.id, before);
    assert.deepEqual(await rows('select a from r order by a'), [['25']]);
    await checkConsistent('r');
  });

  it('HASH: ADD PARTITIONS and COALESCE re-hash rows; DROP is refused', async () => {
    await exec('create table h (a int, b int, unique key ua (a)) partition by hash (a) partitions 2');
    await exec('insert into h values (1,1),(2,2),(3,3),(4,4),(5,5)');
    await fails('alter table h drop partition p0', 1512, 'DROP PARTITION can only be used on RANGE/LIST partitions');
    await exec('alter table h add partition partitions 3');
    assert.deepEqual(await partitionRows('h'), [
      ['p0', '1'],
      ['p1', '1'],
      ['p2', '1'],
      ['p3', '1'],
      ['p4', '1'],
    ]);
    await checkConsistent('h');
    await exec('alter table h coalesce partition 3');
    assert.deepEqual(await partitionRows('h'), [
      ['p0', '2'],
      ['p1', '3'],
    ]);
    await checkConsistent('h');
    const [[, create]] = (await rows('show create table h')) as [string, string][];
    assert.match(create!, /PARTITION BY HASH \(`a`\) PARTITIONS 2$/);
    assert.deepEqual(await rows('select count(*), sum(a) from h'), [['5', '15']]);
  });

  it('REORGANIZE moves rows and fails atomically when a row has no partition', async () => {
    await exec(
      'create table g (a int, key ka (a)) partition by range (a) (partition p0 values less than (10), partition p1 values less than (20), partition p2 values less than maxvalue)',
    );
    await exec('insert into g values (1),(9),(12),(19),(50)');
    await exec(
      'alter table g reorganize partition p0, p1 into (partition q0 values less than (5), partition q1 values less than (15), partition q2 values less than (20))',
    );
    assert.deepEqual(await partitionRows('g'), [
      ['q0', '1'],
      ['q1', '2'],
      ['q2', '1'],
      ['p2', '1'],
    ]);
    await checkConsistent('g');
    await exec(
      'create table gl (a int) partition by list (a) (partition p0 values in (1,2), partition p1 values in (3))',
    );
    await exec('insert into gl values (1),(2),(3)');
    await fails('alter table gl reorganize partition p0 into (partition n0 values in (1))', 1526);
    assert.deepEqual(await partitionRows('gl'), [
      ['p0', '2'],
      ['p1', '1'],
    ]);
  });

  it('EXCHANGE PARTITION swaps rows, validating them', async () => {
    await exec(
      'create table e (a int, b int, key kb (b)) partition by range (a) (partition p0 values less than (10), partition p1 values less than (20))',
    );
    await exec('create table en (a int, b int, key kb (b))');
    await exec('create table ebad (a int, c int)');
    await exec('insert into e values (1,1),(15,15)');
    await exec('insert into en values (2,2),(3,3)');
    await fails('alter table e exchange partition p0 with table ebad', 1736, 'Tables have different definitions');
    await fails(
      'alter table e exchange partition p1 with table en',
      1737,
      'Found a row that does not match the partition',
    );
    await exec('alter table e exchange partition p0 with table en');
    assert.deepEqual(await rows('select a from e order by a'), [['2'], ['3'], ['15']]);
    assert.deepEqual(await rows('select a from en'), [['1']]);
    await checkConsistent('e');
    await checkConsistent('en');
    await exec('insert into en values (4,4)');
    assert.deepEqual(await rows('select count(*) from en'), [['2']]);
  });

  it('PARTITION BY and REMOVE PARTITIONING move every row', async () => {
    await exec('create table pb (a int primary key, b varchar(10), key kb (b))');
    await exec("insert into pb values (1,'a'),(2,'b'),(3,'c'),(4,'d')");
    await exec('alter table pb partition by hash (a) partitions 2');
    assert.deepEqual(await partitionRows('pb'), [
      ['p0', '2'],
      ['p1', '2'],
    ]);
    await checkConsistent('pb');
    await fails('alter table pb drop column a', 3855);
    await exec('alter table pb remove partitioning');
    assert.equal(info('pb').partition, undefined);
    assert.deepEqual(await rows("select a from pb where b = 'c'"), [['3']]);
    await checkConsistent('pb');
    await fails('alter table pb truncate partition p0', 1505);
  });

  it('INFORMATION_SCHEMA.PARTITIONS methods and descriptions', async () => {
    await exec(
      "create table lc (id int, name varchar(5)) partition by list columns (id, name) (partition p0 values in ((1,'a'),(2,'b')), partition p1 values in ((5,NULL)))",
    );
    assert.deepEqual(
      await rows(
        "select partition_method, partition_expression, partition_description from information_schema.partitions where table_name = 'lc' order by partition_ordinal_position",
      ),
      [
        ['LIST COLUMNS', '`id`,`name`', "(1,'a'),(2,'b')"],
        ['LIST COLUMNS', '`id`,`name`', '(5,NULL)'],
      ],
    );
  });
});
