import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmptyQueryError, isReservedKeyword, ParseError, parse, parseOne } from '../../../src/parser/index.js';

const PREFIX =
  'You have an error in your SQL syntax; check the manual that corresponds to your TiDB version for the right syntax to use';

function syntaxError(sql: string): ParseError {
  try {
    parse(sql);
  } catch (e) {
    assert.ok(e instanceof ParseError, String(e));
    return e;
  }
  assert.fail(`expected a syntax error for ${sql}`);
}

describe('syntax errors', () => {
  it("TiDB's message (where the offending token ends, and the script from it), code and state", () => {
    const e = syntaxError('SELECT * FORM t');
    assert.equal(e.message, `${PREFIX} line 1 column 13 near "FORM t" `);
    assert.equal(e.column, 13);
    assert.equal(e.code, 1064);
    assert.equal(e.sqlState, '42000');
    assert.equal(e.near, 'FORM t');
    assert.equal(e.line, 1);
  });
  it('end of input', () => {
    assert.equal(syntaxError('select 1 +').message, `${PREFIX} line 1 column 10 near "" `);
    assert.equal(syntaxError('SELECT * FROM t WHERE').near, '');
  });
  it('lines, columns in bytes, and the 2048-byte cut', () => {
    const e = syntaxError('SELECT 1,\n2,\nFROM t');
    assert.equal(e.line, 3);
    assert.equal(e.column, 5);
    assert.equal(e.near, 'FROM t');
    assert.equal(syntaxError("SELECT 'é' FORM t").column, 18);
    const long = syntaxError(`SELECT * FORM t WHERE ${'x'.repeat(3000)}`);
    assert.equal(long.near.length, 2048);
    assert.ok(long.message.endsWith(`" (total length ${'FORM t WHERE '.length + 3000})`), long.message.slice(-40));
  });
  it('reserved words are not identifiers; non-reserved are', () => {
    assert.equal(syntaxError('SELECT select FROM t').near, 'select FROM t');
    assert.equal(syntaxError('CREATE TABLE t (partition INT)').near, 'partition INT)');
    assert.doesNotThrow(() => parseOne('CREATE TABLE status (comment INT, date DATE, timestamp INT, `partition` INT)'));
    assert.ok(isReservedKeyword('select'));
    assert.ok(isReservedKeyword('Partition'));
    assert.ok(!isReservedKeyword('status'));
  });
  it('unterminated strings and comments', () => {
    assert.equal(syntaxError("SELECT 'abc").near, "'abc");
    assert.equal(syntaxError('SELECT 1 /* open').near, '/* open');
  });
  it('parseOne rejects a second statement', () => {
    assert.throws(() => parseOne('SELECT 1; SELECT 2'), ParseError);
    assert.doesNotThrow(() => parseOne('SELECT 1;'));
  });
  it('empty queries', () => {
    for (const q of ['', '   ', '-- only a comment', '/* c */ ;', ';']) {
      assert.throws(
        () => parse(q),
        (e: unknown) => e instanceof EmptyQueryError && e.code === 1065 && e.message === 'Query was empty',
      );
    }
  });
});
