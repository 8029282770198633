import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EmptyQueryError, isReservedKeyword, ParseError, parse, parseOne } from '../../../src/parser/index.js';

const PREFIX =
  'You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near ';

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
  it('MySQL message, code and state', () => {
    const e = syntaxError('SELECT * FORM t');
    assert.equal(e.message, `${PREFIX}'FORM t' at line 1`);
    assert.equal(e.code, 1064);
    assert.equal(e.sqlState, '42000');
    assert.equal(e.near, 'FORM t');
    assert.equal(e.line, 1);
  });
  it('end of input', () => {
    assert.equal(syntaxError('select 1 +').message, `${PREFIX}'' at line 1`);
    assert.equal(syntaxError('SELECT * FROM t WHERE').near, '');
  });
  it('line numbers and 80-character cut', () => {
    const e = syntaxError('SELECT 1,\n2,\nFROM t');
    assert.equal(e.line, 3);
    assert.equal(e.near, 'FROM t');
    const long = syntaxError(`SELECT * FORM t WHERE ${'x'.repeat(100)}`);
    assert.equal(long.near.length, 80);
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
