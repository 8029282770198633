// Inputs that used to escape the engine as JavaScript exceptions: LIKE and REGEXP patterns too large for
// a V8 RegExp, statements nested deeper than the stack, and any other JS error reaching the API.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { likeMatcher } from '../../../src/expression/builtin/like-regexp.js';
import { TiLite, TiLiteError } from '../../../src/index.js';
import { asMySqlError } from '../../../src/session/unexpected-error.js';

describe('unexpected errors become MySQL errors', () => {
  it('LIKE without a RegExp matches as LIKE does', () => {
    const cases: [string, string, boolean, boolean][] = [
      ['abc', 'a%c', false, true],
      ['abc', 'a_c', false, true],
      ['abc', 'a_', false, false],
      ['abcbc', '%bc', false, true],
      ['ab', '%%%', false, true],
      ['', '%', false, true],
      ['', '_', false, false],
      ['a%c', 'a\\%c', false, true],
      ['abc', 'a\\%c', false, false],
      ['ABC', 'a%c', true, true],
      ['ABC', 'a%c', false, false],
      ['mississippi', '%iss%ipp_', false, true],
    ];
    for (const [s, p, ci, want] of cases) assert.equal(likeMatcher(p, '\\', ci).test(s), want, `${s} LIKE ${p}`);
  });

  it('patterns too large for a RegExp still match (LIKE) or fail with error 3692 (REGEXP)', async () => {
    const db = await TiLite.open();
    const big = 'x'.repeat(300_000);
    const r = await db.query(`select 'a${big}' like 'a${big}', 'a${big}b' like 'a%${big}', 'a${big}' like 'a%'`, [], {
      rowMode: 'array',
    });
    assert.deepEqual(r.rows, [[1, 0, 1]]);
    await assert.rejects(db.query(`select 'abc' regexp '${'(a)'.repeat(100_000)}'`), { code: 3692 });
    await db.close();
  });

  it('statements nested deeper than the stack fail with error 1436, and the session goes on', async () => {
    const db = await TiLite.open();
    await assert.rejects(db.query(`select ${'('.repeat(20_000)}1${')'.repeat(20_000)}`), { code: 1436 });
    await assert.rejects(db.query(`select ${Array(20_000).fill('1').join(' + ')}`), { code: 1436 });
    assert.deepEqual((await db.query('select 1 + 1 as x')).rows, [{ x: 2 }]);
    await db.close();
  });

  it('other JS errors become error 1105 naming the error, with the original as cause', () => {
    const original = new TypeError("Cannot read properties of undefined (reading 'x')");
    const e = asMySqlError(original) as TiLiteError & { cause?: unknown };
    assert.ok(e instanceof TiLiteError);
    assert.equal(e.code, 1105);
    assert.equal(e.message, "TypeError: Cannot read properties of undefined (reading 'x')");
    assert.equal(e.cause, original);
    const mysqlError = new TiLiteError(1062, '23000', 'Duplicate entry');
    assert.equal(asMySqlError(mysqlError), mysqlError);
  });
});
