import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InfoSchema } from '../../../src/catalog/infoschema.js';
import { MetaReader } from '../../../src/catalog/meta.js';
import type { Storage } from '../../../src/kv/kv.js';
import { parseOne } from '../../../src/parser/index.js';
import { executeDdl } from '../../../src/ddl/ddl.js';
import type { DdlContext } from '../../../src/ddl/context.js';
import { openStorage } from '../../../src/store/open-storage.js';
import { allocatorFor } from '../../../src/table/auto-id.js';
import { tableOf } from '../../../src/table/table.js';
import { Flag } from '../../../src/types/field-type.js';
import type { Value } from '../../../src/types/value.js';

async function setup() {
  const storage = await openStorage({});
  let is = InfoSchema.build(0, []);
  const ctx: DdlContext = {
    storage,
    infoSchema: () => is,
    publish: (v, change) => {
      is = is.apply(v, change);
    },
    currentDb: 'test',
    sqlMode: new Set(['STRICT_TRANS_TABLES']),
    warnings: [],
    charset: 'utf8mb4',
    collation: 'utf8mb4_bin',
  };
  const run = (sql: string) => executeDdl(parseOne(sql).stmt, ctx);
  await run('create database test');
  const info = (name: string) => is.table('test', name)!;
  return { storage, ctx, run, info, is: () => is };
}

async function insert(storage: Storage, info: ReturnType<InfoSchema['table']>, rows: Value[][]) {
  const t = tableOf(info!);
  const txn = storage.begin();
  for (const r of rows) await t.addRecord(txn, r, { rowIds: allocatorFor(storage, info!.id) });
  await txn.commit();
}

async function rowsOf(storage: Storage, info: ReturnType<InfoSchema['table']>): Promise<Value[][]> {
  const t = tableOf(info!);
  const out: Value[][] = [];
  for await (const b of storage.snapshot().scan(...t.recordRange()))
    for (const p of b) out.push(t.decodeRecord(p.key, p.value).row);
  return out;
}

async function fails(p: Promise<unknown>, code: number, message?: string) {
  await assert.rejects(p, (e: Error & { code?: number }) => {
    assert.equal(e.code, code, e.message);
    if (message !== undefined) assert.equal(e.message, message);
    return true;
  });
}

describe('ddl: databases and tables', () => {
  it('creates tables with MySQL column/index semantics', async () => {
    const { run, info, ctx } = await setup();
    await run(
      "create table t (id int primary key auto_increment, b varchar(10) not null default 'x', c int, d timestamp, unique key (b), key (c), key c_idx2 (c, b)) auto_increment = 100 comment 'hello'",
    );
    const t = info('t');
    assert.equal(t.pkIsHandle, true);
    assert.equal(t.comment, 'hello');
    assert.deepEqual(
      t.indices.map((i) => i.name),
      ['PRIMARY', 'b', 'c', 'c_idx2'],
    );
    assert.ok(t.columns[0]!.type.flag & Flag.PriKey && t.columns[0]!.type.flag & Flag.NotNull);
    assert.ok(t.columns[1]!.type.flag & Flag.UniqueKey);
    assert.ok(t.columns[2]!.type.flag & Flag.MultipleKey);
    assert.equal(t.columns[3]!.type.flag & Flag.NotNull, 0);
    assert.deepEqual(t.columns[1]!.default, { kind: 'literal', text: 'x' });
    assert.equal(await allocatorFor(ctx.storage, t.id).peekNext(), 100);
    await fails(run('create table t (a int)'), 1050, "Table 'test.t' already exists");
    await run('create table if not exists t (a int)');
    assert.equal(ctx.warnings.at(-1)?.code, 1050);
    await run('create table t2 like t');
    assert.deepEqual(
      info('t2').indices.map((i) => i.name),
      ['PRIMARY', 'b', 'c', 'c_idx2'],
    );
    assert.notEqual(info('t2').id, t.id);
  });

  it('rejects bad definitions', async () => {
    const { run } = await setup();
    await fails(run('create table x (a int, a int)'), 1060);
    await fails(run('create table x (a int primary key, b int, primary key (b))'), 1068);
    await fails(run('create table x (a int auto_increment, b int auto_increment)'), 1075);
    await fails(run("create table x (a int default 'abc')"), 1067, "Invalid default value for 'a'");
    await fails(run('create table x (a int not null default null)'), 1067);
    await fails(run("create table x (a text default 'x')"), 1101);
    await fails(run('create table x (a text, key (a))'), 1170);
    await fails(run('create table x (a int, key (b))'), 1072);
    await fails(run('create table x (a int, key k (a), key k (a))'), 1061);
    await fails(run('create table x (a datetime(3) default current_timestamp)'), 1067);
    await fails(run(`create table x (${'a'.repeat(65)} int)`), 1059);
    await fails(run('create table nodb.x (a int)'), 1049);
  });

  it('stores partitions with fresh physical ids', async () => {
    const { run, info } = await setup();
    await run(
      'create table p (a int) partition by range (a) (partition p0 values less than (10), partition p1 values less than maxvalue)',
    );
    const p = info('p').partition!;
    assert.equal(p.type, 'RANGE');
    assert.equal(p.expr, '`a`');
    assert.deepEqual(
      p.definitions.map((d) => d.lessThan),
      [['10'], ['MAXVALUE']],
    );
    assert.equal(new Set([info('p').id, ...p.definitions.map((d) => d.id)]).size, 3);
    await run('create table h (a int) partition by hash (a) partitions 3');
    assert.deepEqual(
      info('h').partition!.definitions.map((d) => d.name),
      ['p0', 'p1', 'p2'],
    );
  });

  it('drops tables and databases, with TiDB texts', async () => {
    const { run, info, storage, ctx, is } = await setup();
    await run('create table t (a int primary key)');
    await insert(storage, info('t'), [[1], [2]]);
    const id = info('t').id;
    await fails(run('drop table t1, t2'), 1051, "Unknown table 'test.t1,test.t2'");
    await run('drop table if exists t, t9');
    assert.equal(is().table('test', 't'), undefined);
    assert.equal(ctx.warnings.at(-1)?.message, "Unknown table 'test.t9'");
    let n = 0;
    for await (const b of storage.snapshot().scan(...tableOf({ ...(await tableInfoStub(id)) }).recordRange()))
      n += b.length;
    assert.equal(n, 0);
    await fails(run('create database test'), 1007);
    await run('drop database test');
    await fails(run('drop database test'), 1008);
    assert.equal((await new MetaReader(storage.snapshot()).listDatabases()).length, 0);
  });
});

async function tableInfoStub(id: number) {
  return {
    id,
    name: 'x',
    charset: '',
    collate: '',
    comment: '',
    columns: [],
    indices: [],
    pkIsHandle: false,
    isCommonHandle: false,
    maxColumnId: 0,
    maxIndexId: 0,
    createTime: 0,
    updateTime: 0,
  };
}

describe('ddl: alter table and indexes', () => {
  it('adds and drops columns; old rows read the origin default', async () => {
    const { run, info, storage } = await setup();
    await run('create table t (a int primary key, b int)');
    await insert(storage, info('t'), [
      [1, 10],
      [2, 20],
    ]);
    await run("alter table t add column c varchar(5) not null default 'zz', add column d int first");
    assert.deepEqual(
      info('t').columns.map((c) => c.name),
      ['d', 'a', 'b', 'c'],
    );
    assert.deepEqual(await rowsOf(storage, info('t')), [
      [null, 1, 10, 'zz'],
      [null, 2, 20, 'zz'],
    ]);
    await run('alter table t drop column b');
    assert.deepEqual(await rowsOf(storage, info('t')), [
      [null, 1, 'zz'],
      [null, 2, 'zz'],
    ]);
    await fails(run('alter table t drop column nope'), 1091, "Can't DROP 'nope'; check that column/key exists");
    await fails(run('alter table t add column a int'), 1060);
  });

  it('backfills indexes and refuses unique violations', async () => {
    const { run, info, storage } = await setup();
    await run('create table t (a int, b int)');
    await insert(storage, info('t'), [
      [1, 5],
      [2, 5],
      [3, null],
      [4, null],
    ]);
    await fails(run('alter table t add unique index ub (b)'), 1062, "Duplicate entry '5' for key 't.ub'");
    assert.equal(info('t').indices.length, 0);
    await run('create unique index ua on t (a)');
    await run('create index kb on t (b)');
    const t = tableOf(info('t'));
    const ua = info('t').indices[0]!;
    let entries = 0;
    for await (const b of storage.snapshot().scan(...t.indexRange(ua))) entries += b.length;
    assert.equal(entries, 4);
    const txn = storage.begin();
    await fails(
      t.addRecord(txn, [2, 0], { rowIds: allocatorFor(storage, info('t').id) }),
      1062,
      "Duplicate entry '2' for key 't.ua'",
    );
    txn.rollback();
    await run('drop index kb on t');
    await fails(run('drop index kb on t'), 1091);
    await run('alter table t rename index ua to ua2');
    assert.deepEqual(
      info('t').indices.map((i) => i.name),
      ['ua2'],
    );
  });

  it('modify column converts rows and fails on data that does not fit', async () => {
    const { run, info, storage } = await setup();
    await run('create table t (a int primary key, b varchar(10))');
    await insert(storage, info('t'), [
      [1, '12'],
      [2, '300'],
    ]);
    await fails(run('alter table t modify b tinyint'), 1264);
    await run('alter table t modify b int');
    assert.deepEqual(await rowsOf(storage, info('t')), [
      [1, 12],
      [2, 300],
    ]);
    await run('alter table t change b c bigint not null');
    assert.equal(info('t').columns[1]!.name, 'c');
    await run('alter table t alter column c set default 7');
    assert.deepEqual(info('t').columns[1]!.default, { kind: 'literal', text: '7' });
  });

  it('truncate gives new ids; rename moves across databases', async () => {
    const { run, info, storage, is } = await setup();
    await run('create table t (a int primary key)');
    await insert(storage, info('t'), [[1]]);
    const old = info('t').id;
    await run('truncate table t');
    assert.notEqual(info('t').id, old);
    assert.deepEqual(await rowsOf(storage, info('t')), []);
    await run('create database other');
    await run('rename table t to other.t3');
    assert.equal(is().table('test', 't'), undefined);
    assert.ok(is().table('other', 't3'));
    await fails(run('rename table nope to x'), 1146);
  });

  it('views: create, replace, drop, wrong object', async () => {
    const { run, ctx, is } = await setup();
    await run('create table t (a int)');
    await fails(run('create view v as select 1'), 1235);
    ctx.describeQuery = () => [{ name: '1', type: info2() }];
    await run('create view v as select 1');
    assert.equal(is().table('test', 'v')!.view!.select, 'select 1');
    await fails(run('create view v as select 1'), 1050);
    await run('create or replace view v (x) as select 1');
    assert.deepEqual(is().table('test', 'v')!.view!.columns, ['x']);
    await fails(run('drop view t'), 1347, "'test.t' is not VIEW");
    await fails(run('drop table v'), 1347, "'test.v' is not BASE TABLE");
    await run('drop view v');
  });
});

function info2() {
  return { tp: 8, flag: 0, flen: 1, decimal: 0, charset: 'binary', collate: 'binary' } as const;
}
