import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParseCache } from '../../../src/session/parse-cache.js';

describe('parse cache', () => {
  it('reuses the parse of a single statement with parameter markers', () => {
    const c = new ParseCache();
    const a = c.parse('SELECT * FROM t WHERE id = ?');
    assert.equal(c.parse('SELECT * FROM t WHERE id = ?'), a);
    assert.equal(a[0]!.paramCount, 1);
  });

  it('parses statements without markers and scripts afresh', () => {
    const c = new ParseCache();
    assert.notEqual(c.parse('SELECT 1'), c.parse('SELECT 1'));
    assert.notEqual(c.parse('SELECT ?; SELECT ?'), c.parse('SELECT ?; SELECT ?'));
  });

  it('keeps at most 256 texts, dropping the least recently used', () => {
    const c = new ParseCache();
    const first = c.parse('SELECT ? + 0');
    for (let i = 1; i <= 256; i++) c.parse(`SELECT ? + ${i}`);
    assert.notEqual(c.parse('SELECT ? + 0'), first);
    const kept = c.parse('SELECT ? + 256');
    assert.equal(c.parse('SELECT ? + 256'), kept);
  });
});
