// Result column names: a column reference is named as the query spells it (MySQL, TiDB), with the
// column's own spelling as orgName; aliases win; information_schema columns likewise.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TiLite } from '../../../src/index.js';

test('column references keep the spelling of the query; orgName keeps the column’s', async () => {
  const db = await TiLite.open();
  try {
    await db.query('CREATE TABLE t (Abc INT)');
    const names = async (sql: string) => (await db.query(sql)).fields.map((f) => [f.name, f.orgName]);
    assert.deepEqual(await names('SELECT abc, ABC, t.aBc, abc AS z FROM t'), [
      ['abc', 'Abc'],
      ['ABC', 'Abc'],
      ['aBc', 'Abc'],
      ['z', 'Abc'],
    ]);
    assert.deepEqual(await names('SELECT * FROM t'), [['Abc', 'Abc']]);
    // A string literal is named by its value; other expressions by their text.
    const named = async (sql: string) => (await db.query(sql)).fields.map((f) => f.name);
    assert.deepEqual(await named("SELECT 'p0', 1 + 2, 'x' AS y, _utf8mb4'z'"), ['p0', '1 + 2', 'y', "_utf8mb4'z'"]);
    assert.deepEqual(await named("(SELECT 'a' UNION SELECT 'b') ORDER BY 1"), ['a']);
    assert.deepEqual(await names('SELECT table_name FROM information_schema.tables LIMIT 1'), [
      ['table_name', 'TABLE_NAME'],
    ]);
  } finally {
    await db.close();
  }
});
