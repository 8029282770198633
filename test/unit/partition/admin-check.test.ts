import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { tableOf } from '../../../src/table/table.js';

describe('ADMIN CHECK TABLE', () => {
  it('passes on consistent tables (partitioned, unique, nullable, common handle) and fails on a lost entry', async () => {
    const db = await TiLite.open();
    await db.exec(`
      create table t (a int, b varchar(10), key ia(a), unique key ub(b, a)) partition by hash(a) partitions 3;
      insert into t values (1,'x'),(2,'y'),(3,null),(null,null),(4,'x');
      create table c (k varchar(10) primary key clustered, v int, key iv(v));
      insert into c values ('a', 1), ('b', null);
    `);
    assert.deepEqual((await db.query('admin check table t, c')).rows, []);
    await db.query('begin');
    await db.query('update t set a = 5 where a = 2');
    await db.query('delete from c where k = "a"');
    await db.query('admin check table t, c');
    await db.query('commit');
    await assert.rejects(db.query('admin check table nosuch'), { code: 1146 });

    // Remove one index entry behind the engine's back.
    const info = db.domain.infoSchema().table('test', 't')!;
    const tbl = tableOf(info);
    const l = tbl.indexes.find((x) => x.info.name === 'ia')!;
    const pid = info.partition!.definitions[1]!.id;
    const txn = db.domain.storage.begin();
    const [start, end] = tbl.indexRange(l.info, pid);
    let first: string | undefined;
    for await (const batch of txn.scan(start, end)) {
      first = batch[0]?.key;
      break;
    }
    assert.ok(first);
    txn.delete(first);
    await txn.commit();
    await assert.rejects(db.query('admin check table t'), { code: 8134 });
    await db.close();
  });
});
