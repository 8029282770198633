// The isolation anomaly cases of the Hermitage suite (github.com/ept/hermitage), written for TiDB's
// semantics: snapshot reads at transaction start under REPEATABLE-READ, a fresh read per statement under
// READ-COMMITTED (pessimistic only), current reads and row locks for pessimistic DML, and write-conflict
// errors (9007) at commit for optimistic transactions.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { TiLite, TiLiteSession } from '../../../src/index.js';
import { isBlocked, openDb, rejectsWith, rows, sessions } from './helpers.js';

const WRITE_CONFLICT = 9007;

interface Mode {
  name: string;
  setup: string[];
  pessimistic: boolean;
  readCommitted: boolean;
}

const MODES: Mode[] = [
  {
    name: 'pessimistic REPEATABLE-READ',
    setup: ["set tidb_txn_mode = 'pessimistic'", "set transaction_isolation = 'REPEATABLE-READ'"],
    pessimistic: true,
    readCommitted: false,
  },
  {
    name: 'pessimistic READ-COMMITTED',
    setup: ["set tidb_txn_mode = 'pessimistic'", "set transaction_isolation = 'READ-COMMITTED'"],
    pessimistic: true,
    readCommitted: true,
  },
  {
    name: 'optimistic REPEATABLE-READ',
    setup: ["set tidb_txn_mode = 'optimistic'", "set transaction_isolation = 'REPEATABLE-READ'"],
    pessimistic: false,
    readCommitted: false,
  },
];

for (const mode of MODES) {
  describe(`hermitage: ${mode.name}`, () => {
    let db: TiLite;
    let t1: TiLiteSession;
    let t2: TiLiteSession;
    let t3: TiLiteSession;

    beforeEach(async () => {
      db = await openDb();
      await db.query('create table test (id int primary key, value int)');
      await db.query('insert into test (id, value) values (1, 10), (2, 20)');
      [t1, t2, t3] = (await sessions(db, 3, mode.setup)) as [TiLiteSession, TiLiteSession, TiLiteSession];
      for (const s of [t1, t2, t3]) await s.query('begin');
    });
    afterEach(async () => {
      await db.close();
    });

    it('G0 (write cycles) is prevented', async () => {
      await t1.query('update test set value = 11 where id = 1');
      const blocked = t2.query('update test set value = 12 where id = 1');
      if (mode.pessimistic) assert.equal(await isBlocked(blocked), true);
      await t1.query('update test set value = 21 where id = 2');
      await t1.query('commit');
      await blocked;
      await t2.query('update test set value = 22 where id = 2');
      if (mode.pessimistic) {
        await t2.query('commit');
        assert.deepEqual(await rows(t3, 'select * from test'), [
          [1, mode.readCommitted ? 12 : 10],
          [2, mode.readCommitted ? 22 : 20],
        ]);
        assert.deepEqual(await rows(db, 'select * from test'), [
          [1, 12],
          [2, 22],
        ]);
      } else {
        await rejectsWith(t2.query('commit'), WRITE_CONFLICT);
        assert.deepEqual(await rows(db, 'select * from test'), [
          [1, 11],
          [2, 21],
        ]);
      }
    });

    it('G1a (aborted reads) is prevented', async () => {
      await t1.query('update test set value = 101 where id = 1');
      assert.deepEqual(await rows(t2, 'select * from test'), [
        [1, 10],
        [2, 20],
      ]);
      await t1.query('rollback');
      assert.deepEqual(await rows(t2, 'select * from test'), [
        [1, 10],
        [2, 20],
      ]);
      await t2.query('commit');
    });

    it('G1b (intermediate reads) is prevented', async () => {
      await t1.query('update test set value = 101 where id = 1');
      assert.deepEqual(await rows(t2, 'select * from test'), [
        [1, 10],
        [2, 20],
      ]);
      await t1.query('update test set value = 11 where id = 1');
      await t1.query('commit');
      assert.deepEqual(await rows(t2, 'select * from test'), [
        [1, mode.readCommitted ? 11 : 10],
        [2, 20],
      ]);
      await t2.query('commit');
    });

    it('G1c (circular information flow) is prevented', async () => {
      await t1.query('update test set value = 11 where id = 1');
      await t2.query('update test set value = 22 where id = 2');
      assert.deepEqual(await rows(t1, 'select * from test where id = 2'), [[2, 20]]);
      assert.deepEqual(await rows(t2, 'select * from test where id = 1'), [[1, 10]]);
      await t1.query('commit');
      await t2.query('commit');
    });

    it('OTV (observed transaction vanishes) is prevented', async () => {
      await t1.query('update test set value = 11 where id = 1');
      await t1.query('update test set value = 19 where id = 2');
      const blocked = t2.query('update test set value = 12 where id = 1');
      if (mode.pessimistic) assert.equal(await isBlocked(blocked), true);
      await t1.query('commit');
      await blocked;
      const rc = mode.readCommitted;
      assert.deepEqual(await rows(t3, 'select * from test where id = 1'), [[1, rc ? 11 : 10]]);
      await t2.query('update test set value = 18 where id = 2');
      assert.deepEqual(await rows(t3, 'select * from test where id = 2'), [[2, rc ? 19 : 20]]);
      if (mode.pessimistic) await t2.query('commit');
      else await rejectsWith(t2.query('commit'), WRITE_CONFLICT);
      const after = rc && mode.pessimistic ? [12, 18] : [10, 20];
      assert.deepEqual(await rows(t3, 'select * from test'), [
        [1, after[0]],
        [2, after[1]],
      ]);
      await t3.query('commit');
    });

    it('PMP (predicate many preconditions) on reads', async () => {
      assert.deepEqual(await rows(t1, 'select * from test where value = 30'), []);
      await t2.query('insert into test (id, value) values (3, 30)');
      await t2.query('commit');
      const seen = await rows(t1, 'select * from test where value % 3 = 0');
      assert.deepEqual(seen, mode.readCommitted ? [[3, 30]] : []);
      await t1.query('commit');
    });

    it('PMP on writes: the delete sees the committed increment (pessimistic) or conflicts (optimistic)', async () => {
      await t1.query('update test set value = value + 10');
      const del = t2.query('delete from test where value = 20');
      if (mode.pessimistic) assert.equal(await isBlocked(del), true);
      await t1.query('commit');
      const r = await del;
      if (mode.pessimistic) {
        // Re-run as a current read: the row now holding 20 is id 1.
        assert.equal(r.affectedRows, 1);
        await t2.query('commit');
        assert.deepEqual(await rows(db, 'select * from test'), [[2, 30]]);
      } else {
        await rejectsWith(t2.query('commit'), WRITE_CONFLICT);
        assert.deepEqual(await rows(db, 'select * from test'), [
          [1, 20],
          [2, 30],
        ]);
      }
    });

    it('P4 (lost update): pessimistic current reads serialise; optimistic commits conflict', async () => {
      await rows(t1, 'select * from test where id = 1');
      await rows(t2, 'select * from test where id = 1');
      await t1.query('update test set value = value + 1 where id = 1');
      const blocked = t2.query('update test set value = value + 1 where id = 1');
      if (mode.pessimistic) assert.equal(await isBlocked(blocked), true);
      await t1.query('commit');
      await blocked;
      if (mode.pessimistic) {
        await t2.query('commit');
        assert.deepEqual(await rows(db, 'select value from test where id = 1'), [[12]]);
      } else {
        await rejectsWith(t2.query('commit'), WRITE_CONFLICT);
        assert.deepEqual(await rows(db, 'select value from test where id = 1'), [[11]]);
      }
    });

    it('G-single (read skew)', async () => {
      assert.deepEqual(await rows(t1, 'select * from test where id = 1'), [[1, 10]]);
      await t2.query('update test set value = 12 where id = 1');
      await t2.query('update test set value = 18 where id = 2');
      await t2.query('commit');
      // Prevented under REPEATABLE-READ (snapshot); READ-COMMITTED sees the new value.
      assert.deepEqual(await rows(t1, 'select * from test where id = 2'), [[2, mode.readCommitted ? 18 : 20]]);
      await t1.query('commit');
    });

    it('G-single with a dependent write', async () => {
      assert.deepEqual(await rows(t1, 'select * from test where id = 1'), [[1, 10]]);
      await t2.query('update test set value = 12 where id = 1');
      await t2.query('update test set value = 18 where id = 2');
      await t2.query('commit');
      const r = await t1.query('delete from test where value = 20');
      if (mode.pessimistic) {
        assert.equal(r.affectedRows, 0);
        await t1.query('commit');
      } else {
        assert.equal(r.affectedRows, 1);
        await rejectsWith(t1.query('commit'), WRITE_CONFLICT);
      }
      assert.deepEqual(await rows(db, 'select * from test'), [
        [1, 12],
        [2, 18],
      ]);
    });

    it('G2-item (write skew) is not prevented without FOR UPDATE', async () => {
      assert.equal((await rows(t1, 'select * from test where id in (1, 2)')).length, 2);
      assert.equal((await rows(t2, 'select * from test where id in (1, 2)')).length, 2);
      await t1.query('update test set value = 11 where id = 1');
      await t2.query('update test set value = 21 where id = 2');
      await t1.query('commit');
      await t2.query('commit');
      assert.deepEqual(await rows(db, 'select * from test'), [
        [1, 11],
        [2, 21],
      ]);
    });

    it('G2-item is prevented with SELECT ... FOR UPDATE', async () => {
      await rows(t1, 'select * from test where id in (1, 2) for update');
      const t2Read = rows(t2, 'select * from test where id in (1, 2) for update');
      if (mode.pessimistic) assert.equal(await isBlocked(t2Read), true);
      await t1.query('update test set value = 11 where id = 1');
      await t1.query('commit');
      const seen = await t2Read;
      if (mode.pessimistic) {
        // The locking read waited and then read the newest data.
        assert.deepEqual(seen, [
          [1, 11],
          [2, 20],
        ]);
        await t2.query('update test set value = 21 where id = 2');
        await t2.query('commit');
      } else {
        await t2.query('update test set value = 21 where id = 2');
        await rejectsWith(t2.query('commit'), WRITE_CONFLICT);
      }
    });

    it('G2 (anti-dependency cycles on predicates) is not prevented', async () => {
      assert.deepEqual(await rows(t1, 'select * from test where value % 3 = 0'), []);
      assert.deepEqual(await rows(t2, 'select * from test where value % 3 = 0'), []);
      await t1.query('insert into test (id, value) values (3, 30)');
      await t2.query('insert into test (id, value) values (4, 42)');
      await t1.query('commit');
      await t2.query('commit');
      assert.equal((await rows(db, 'select * from test')).length, 4);
    });
  });
}
