// Statistics of a persistent database survive a restart: ANALYZE results are saved with the
// statement, the row counts since are saved lazily (and at close), plans keep their estimates,
// and dropping a table drops its saved statistics.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';

let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tilite-stats-'));
});

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function rows(db: TiLite, sql: string): Promise<unknown[][]> {
  return (await db.query(sql, [], { rowMode: 'array' })).rows as unknown[][];
}

async function meta(db: TiLite, table: string): Promise<{ rows: number; modified: number } | undefined> {
  const row = (await rows(db, 'SHOW STATS_META')).find((x) => x[1] === table);
  return row ? { rows: Number(row[5]), modified: Number(row[4]) } : undefined;
}

async function savedKeys(db: TiLite): Promise<string[]> {
  const keys: string[] = [];
  for await (const batch of db.domain.storage.snapshot().scan('mStats', 'mStatt'))
    for (const p of batch) keys.push(p.key);
  return keys;
}

/** Reopened, the store shows no statistics and keeps no statistics keys. */
async function assertNoStatsAfterReopen(): Promise<void> {
  const again = await TiLite.open({ dir });
  try {
    assert.deepEqual(await rows(again, 'SHOW STATS_META'), []);
    assert.deepEqual(await savedKeys(again), []);
  } finally {
    await again.close();
  }
}

const QUERIES = [
  'SELECT * FROM t WHERE n > 9000000000000000000',
  "SELECT * FROM t WHERE s = 'v7'",
  "SELECT * FROM t WHERE dt < '2024-01-20 00:00:00'",
  'SELECT * FROM t WHERE d BETWEEN 10 AND 40.5',
  "SELECT * FROM t WHERE b = x'0a'",
  "SELECT * FROM t WHERE tm >= '10:00:00'",
  "SELECT * FROM t WHERE e = 'b'",
  'SELECT * FROM t WHERE y > 2000',
  'SELECT * FROM t WHERE bt = 3',
  'SELECT * FROM t WHERE k = 4',
];

async function explainAll(db: TiLite): Promise<unknown[][][]> {
  const out: unknown[][][] = [];
  for (const q of QUERIES) out.push(await rows(db, `EXPLAIN ${q}`));
  return out;
}

describe('persistent statistics', () => {
  let before: unknown[][][];
  let tableId: number;

  it('are saved by ANALYZE and counted lazily', async () => {
    const db = await TiLite.open({ dir });
    await db.query(`CREATE TABLE test.t (id INT PRIMARY KEY, n BIGINT UNSIGNED, d DECIMAL(10,2), s VARCHAR(20),
      b VARBINARY(10), dt DATETIME(3), tm TIME, j JSON, e ENUM('a','b','c'), y YEAR, bt BIT(8), k INT, KEY(k))`);
    const values = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, n) => {
        const i = from + n;
        return `(${i}, ${i % 3 === 0 ? '18446744073709551615' : i * 1000}, ${i / 4}, 'v${i % 13}', x'${(i % 20)
          .toString(16)
          .padStart(2, '0')}ff00', '2024-01-${1 + (i % 28)} 10:00:00.${i % 1000}', '${i % 24}:30:00',
          '{"i": ${i}, "f": ${i / 2}}', '${'abc'[i % 3]}', ${1950 + (i % 100)}, ${i % 256}, ${i % 10})`;
      }).join(',');
    await db.query(`INSERT INTO test.t VALUES ${values(0, 300)}`);
    await db.query('ANALYZE TABLE test.t');
    tableId = db.domain.infoSchema().table('test', 't')!.id;
    assert.deepEqual((await savedKeys(db)).sort(), [`mStats:${tableId}`, `mStatsCount:${tableId}`]);
    const savedCounts = await db.domain.storage.snapshot().get(`mStatsCount:${tableId}`);
    await db.query(`INSERT INTO test.t VALUES ${values(300, 340)}`);
    await db.query('DELETE FROM test.t WHERE id < 5');
    assert.deepEqual(await meta(db, 't'), { rows: 335, modified: 45 });
    // A commit does not write the counts; they are saved within a second.
    assert.equal(await db.domain.storage.snapshot().get(`mStatsCount:${tableId}`), savedCounts);
    await new Promise((r) => setTimeout(r, 1300));
    assert.notEqual(await db.domain.storage.snapshot().get(`mStatsCount:${tableId}`), savedCounts);
    await db.query('UPDATE test.t SET k = k + 1 WHERE id < 10');
    before = await explainAll(db);
    for (const plan of before) assert.doesNotMatch(JSON.stringify(plan), /stats:pseudo/);
    await db.close();
  });

  it('are read back at open, with the counts saved at close', async () => {
    const db = await TiLite.open({ dir });
    try {
      assert.deepEqual(await meta(db, 't'), { rows: 335, modified: 50 });
      const v = db.domain.statsOf(tableId)!;
      assert.equal(v.stats.count, 300);
      assert.equal(v.stats.columns.size, 12);
      assert.deepEqual(await explainAll(db), before);
    } finally {
      await db.close();
    }
  });

  it('drop a column whose type changed', async () => {
    const db = await TiLite.open({ dir });
    try {
      const sCol = db.domain
        .infoSchema()
        .table('test', 't')!
        .columns.find((c) => c.name === 's')!;
      await db.query('ALTER TABLE test.t MODIFY s VARCHAR(40)');
      assert.ok(db.domain.statsOf(tableId)!.stats.columns.has(sCol.id), 'a longer VARCHAR keeps its histogram');
      await db.query('ALTER TABLE test.t MODIFY y INT');
      const yCol = db.domain
        .infoSchema()
        .table('test', 't')!
        .columns.find((c) => c.name === 'y')!;
      assert.equal(db.domain.statsOf(tableId)!.stats.columns.has(yCol.id), false);
      await db.close();
      const again = await TiLite.open({ dir });
      try {
        const cols = again.domain.statsOf(tableId)!.stats.columns;
        assert.equal(cols.has(yCol.id), false);
        assert.equal(cols.has(sCol.id), true);
        assert.equal(cols.size, 11);
      } finally {
        await again.close();
      }
    } catch (e) {
      await db.close().catch(() => {});
      throw e;
    }
  });

  it('are dropped with the table, and with a truncated table', async () => {
    const db = await TiLite.open({ dir });
    await db.query('CREATE TABLE test.u (a INT)');
    await db.query('INSERT INTO test.u VALUES (1), (2)');
    await db.query('ANALYZE TABLE test.u');
    assert.deepEqual(await meta(db, 'u'), { rows: 2, modified: 0 });
    await db.query('TRUNCATE TABLE test.u');
    assert.equal(await meta(db, 'u'), undefined);
    await db.query('DROP TABLE test.t');
    assert.equal(await meta(db, 't'), undefined);
    await db.close();
    await assertNoStatsAfterReopen();
  });

  it('are dropped with the database', async () => {
    const db = await TiLite.open({ dir });
    await db.query('CREATE DATABASE d2');
    await db.query('CREATE TABLE d2.w (a INT)');
    await db.query('INSERT INTO d2.w VALUES (1)');
    await db.query('ANALYZE TABLE d2.w');
    await db.query('INSERT INTO d2.w VALUES (2)');
    assert.equal((await savedKeys(db)).length, 2);
    await db.query('DROP DATABASE d2');
    await db.close();
    await assertNoStatsAfterReopen();
  });
});
