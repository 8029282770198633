// Local temporary tables belong to one session: another session sees the catalog's table of the same
// name (or none), prepared statements follow the table a name means now, and the rows go when the
// session closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { prefixNext, recordPrefix } from '../../../src/table/codec/key.js';

test('a temporary table is one session’s, hides the catalog table, and leaves no rows behind', async () => {
  const db = await TiLite.open();
  try {
    await db.exec('CREATE TABLE t (a INT); INSERT INTO t VALUES (1)');
    const s1 = await db.session({ database: 'test' });
    const s2 = await db.session({ database: 'test' });
    const count = async (s: typeof s1) => Number((await s.query('SELECT COUNT(*) AS n FROM t')).rows[0]!.n);
    const prepared = s1.prepare('SELECT COUNT(*) AS n FROM t');
    const viaPrepared = async () => Number((await s1.execute(prepared.id, [])).rows[0]!.n);
    assert.equal(await viaPrepared(), 1);

    await s1.exec('CREATE TEMPORARY TABLE t (a INT); INSERT INTO t VALUES (7), (8), (9)');
    assert.equal(await count(s1), 3);
    assert.equal(await viaPrepared(), 3, 'a cached plan must not read the catalog table any more');
    assert.equal(await count(s2), 1);
    await assert.rejects(s2.query('CREATE TEMPORARY TABLE x LIKE nothing'), { code: 1146 });

    await s2.exec('CREATE TEMPORARY TABLE only2 (b INT)');
    await assert.rejects(s1.query('SELECT * FROM only2'), { code: 1146 });

    const tempId = s1.session.tempTables.find('test', 't')!.id;
    await s1.close();
    assert.equal(await count(s2), 1);
    const start = recordPrefix(tempId);
    const left: unknown[] = [];
    for await (const batch of db.domain.storage.snapshot().scan(start, prefixNext(start))) left.push(...batch);
    assert.equal(left.length, 0, 'the closed session’s rows are deleted');
    await s2.close();
  } finally {
    await db.close();
  }
});
