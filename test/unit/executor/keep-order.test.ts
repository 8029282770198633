// Keep order against sorting: a query whose access path gives its ORDER BY (keep order, forwards or
// backwards) returns exactly what the same query returns when a Sort orders it (`col + 0` is not the
// column, so its ORDER BY needs a Sort). Both storage engines (memory and LMDB), committed data and a
// transaction's own uncommitted inserts, updates and deletes (read through the union scan).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { Rng } from '../../../src/tools/tpch/random.js';

const ROWS = 300;

/** [query with ORDER BY over columns, the ORDER BY text]; the reference sorts `col + 0` instead. */
const QUERIES: [string, string][] = [
  ['select pk, a, b from t', 'pk'],
  ['select pk, a, b from t', 'pk desc'],
  ['select pk from t where pk > 40 and pk <= 250', 'pk desc'],
  ['select pk, b from t where pk < 30 or pk between 100 and 120 or pk > 280', 'pk desc'],
  ['select a, pk from t', 'a, pk'],
  ['select a, pk from t', 'a desc, pk desc'],
  ['select a, b, pk from t', 'a desc, b desc, pk desc'],
  ['select a, b, pk from t where a = 3', 'b desc, pk desc'],
  ['select a, b, pk from t where a in (1, 4, 7)', 'a desc, b desc, pk desc'],
  ['select a, b, pk from t where a is null or a >= 8', 'a, b, pk'],
  ['select a, b, pk from t where a is null or a >= 8', 'a desc, b desc, pk desc'],
  ['select pk, a, b, c from t', 'a desc, pk desc limit 7'],
  ['select pk, a, b, c from t', 'a, pk limit 5 offset 20'],
  ['select pk, a, b, c from t where c > 500', 'a desc, pk desc limit 9'],
  ['select pk, a, c from t', 'pk desc limit 11 offset 3'],
];

/** The same query ordered through a Sort: each ORDER BY column becomes `col + 0`. */
function sortedReference(select: string, order: string): string {
  const [items, limit] = order.split(/ (?=limit)/);
  const ref = items!
    .split(', ')
    .map((it) => it.replace(/^(\w+)/, '$1 + 0'))
    .join(', ');
  return `${select} order by ${ref}${limit ? ` ${limit}` : ''}`;
}

async function rows(db: TiLite, sql: string): Promise<string[]> {
  const r = await db.query(sql, [], { rowMode: 'text' });
  return (r.rows as unknown[][]).map((row) => row.join('|'));
}

async function explainText(db: TiLite, sql: string): Promise<string> {
  return (await rows(db, `explain ${sql}`)).join('\n');
}

async function load(db: TiLite, seed: number): Promise<void> {
  await db.exec('create table t (pk int primary key, a int, b int, c int, key ia (a), key iab (a, b))');
  const rng = new Rng(seed);
  const values: string[] = [];
  for (let pk = 1; pk <= ROWS; pk++) {
    const a = rng.int(0, 10);
    const b = rng.int(0, 6);
    values.push(`(${pk}, ${a === 10 ? 'null' : a}, ${b === 6 ? 'null' : b}, ${rng.int(0, 1000)})`);
  }
  await db.exec(`insert into t values ${values.join(', ')}`);
}

async function checkAll(db: TiLite): Promise<void> {
  for (const [select, order] of QUERIES) {
    const sql = `${select} order by ${order}`;
    assert.match(await explainText(db, sql), /keep order:true/, sql);
    assert.deepEqual(await rows(db, sql), await rows(db, sortedReference(select, order)), sql);
  }
}

async function withUncommittedWrites(db: TiLite, seed: number): Promise<void> {
  const rng = new Rng(seed);
  await db.exec('begin');
  const inserts: string[] = [];
  for (let i = 0; i < 40; i++) {
    const a = rng.int(0, 10);
    inserts.push(`(${ROWS + 1 + i * 3}, ${a === 10 ? 'null' : a}, ${rng.int(0, 5)}, ${rng.int(0, 1000)})`);
  }
  await db.exec(`insert into t values ${inserts.join(', ')}`);
  await db.exec(`insert into t values (-5, 3, 3, 3), (0, null, null, 0)`);
  await db.exec(`delete from t where pk % 7 = 0 or pk in (1, ${ROWS})`);
  await db.exec('update t set a = b, b = a where pk % 11 = 0');
  await checkAll(db);
  await db.exec('rollback');
}

for (const engine of ['memory', 'lmdb'] as const) {
  describe(`keep order (${engine} engine)`, () => {
    let db: TiLite;
    let dir: string | undefined;
    before(async () => {
      dir = engine === 'lmdb' ? mkdtempSync(join(tmpdir(), 'tilite-keep-order-')) : undefined;
      db = await TiLite.open(dir ? { dir } : {});
      await load(db, 7);
    });
    after(async () => {
      await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('ordered reads equal sorted reads over committed data', async () => {
      await checkAll(db);
    });

    it('ordered reads merge the transaction’s own writes in order, backwards too', async () => {
      await withUncommittedWrites(db, 11);
      await checkAll(db);
    });
  });
}
