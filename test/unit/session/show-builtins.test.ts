import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TiLite } from '../../../src/index.js';

test('SHOW BUILTINS lists scalar, aggregate and window functions (at least 150)', async () => {
  const db = await TiLite.open();
  try {
    const r = await db.query('SHOW BUILTINS', [], { rowMode: 'array' });
    assert.equal(r.fields[0]!.name, 'Supported_builtin_functions');
    const names = (r.rows as string[][]).map((row) => row[0]);
    assert.ok(names.length >= 150, `only ${names.length} builtins`);
    for (const n of ['abs', 'concat', 'date_add', 'json_extract', 'count', 'group_concat', 'row_number', 'lag']) {
      assert.ok(names.includes(n), `${n} missing`);
    }
    assert.deepEqual(names, [...names].sort());
  } finally {
    await db.close();
  }
});
