// The text protocol's rendering of values: BIT columns travel as their bytes (b'1' is "\x01"), as MySQL
// sends them, not as decimal digits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TiLite } from '../../../src/index.js';

test('BIT values render as their big-endian bytes in text mode', async () => {
  const db = await TiLite.open();
  try {
    await db.query('CREATE TABLE tb (a BIT(1), b BIT(8), c BIT(12), d BIT(64))');
    await db.query("INSERT INTO tb VALUES (1, 65, b'101000000001', 18446744073709551615)");
    const r = await db.query('SELECT a, b, c, d, a + 0 FROM tb', [], { rowMode: 'text' });
    assert.deepEqual(r.rows, [['\x01', 'A', '\x0a\x01', '\xff'.repeat(8), '1']]);
    const arr = await db.query('SELECT a, b FROM tb', [], { rowMode: 'array' });
    assert.deepEqual(arr.rows, [[1, 65]]);
  } finally {
    await db.close();
  }
});
