import assert from 'node:assert/strict';
import { test } from 'node:test';
import { allCharsets, getCharset } from '../../../src/types/charset.js';
import { allCollations, type Collation, collationById, getCollation } from '../../../src/types/collation.js';

const sign = (n: number): number => Math.sign(n);
const keyCmp = (c: Collation, a: string, b: string): number => {
  const x = c.sortKey(a);
  const y = c.sortKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

test('lookup by name and id', () => {
  assert.equal(getCollation('UTF8MB4_BIN')?.id, 46);
  assert.equal(getCollation('utf8mb3_general_ci')?.id, 33);
  assert.equal(collationById(255)?.name, 'utf8mb4_0900_ai_ci');
  assert.equal(getCollation('nope'), undefined);
  assert.equal(getCharset('UTF8MB3')?.name, 'utf8');
  assert.equal(getCharset('utf8mb4')?.maxLen, 4);
  for (const cs of allCharsets()) assert.equal(getCollation(cs.defaultCollation)?.charset, cs.name);
});

test('utf8mb4_bin: code point order, trailing spaces ignored', () => {
  const c = getCollation('utf8mb4_bin')!;
  assert.equal(c.compare('a', 'a  '), 0);
  assert.ok(c.compare('a', 'b') < 0);
  assert.ok(c.compare('B', 'a') < 0);
  assert.ok(c.compare('a\t', 'a') < 0);
  // U+1F600 (a surrogate pair in UTF-16) sorts after U+FF5E.
  assert.ok(c.compare('\u{ff5e}', '\u{1f600}') < 0);
  assert.equal(c.sortKey('ab '), c.sortKey('ab'));
});

test('case- and accent-insensitive collations', () => {
  const g = getCollation('utf8mb4_general_ci')!;
  assert.equal(g.compare('abc', 'ABC'), 0);
  assert.equal(g.compare('a', 'ä'), 0);
  assert.equal(g.compare('ß', 's'), 0);
  assert.equal(g.compare('abc ', 'ABC'), 0);
  assert.ok(g.compare('a', 'B') < 0);
  const u = getCollation('utf8mb4_unicode_ci')!;
  assert.equal(u.compare('ß', 'ss'), 0);
  assert.equal(u.compare('É', 'e'), 0);
  const ai = getCollation('utf8mb4_0900_ai_ci')!;
  assert.equal(ai.compare('Résumé', 'resume'), 0);
  assert.ok(ai.compare('a ', 'a') > 0);
  assert.equal(ai.padSpace, false);
  const bin = getCollation('binary')!;
  assert.ok(bin.compare('a ', 'a') > 0);
  assert.ok(bin.compare('\x00', '\xff') < 0);
});

test('sort keys agree with compare', () => {
  const samples = [
    '',
    ' ',
    'a',
    'a ',
    'a  ',
    'a\t',
    'a\tb',
    'a b',
    'a  b',
    'ab',
    'A',
    'ä',
    'B',
    'ß',
    'ss',
    'z',
    '\u{1f600}',
    '\u{ff5e}',
    ' a',
    '\x01',
    'a \x01',
    'a\x01',
  ];
  for (const c of allCollations()) {
    for (const a of samples) {
      for (const b of samples) {
        assert.equal(keyCmp(c, a, b), sign(c.compare(a, b)), `${c.name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
  }
});

test('equality keys are equal exactly when the collation compares equal', () => {
  const samples = ['', 'a', 'a ', 'a  ', 'A', ' a', 'ab', 'a b', 'ß', 'ss', 'é', 'e', '😀', '\u0000', 'a\u0000', 'z '];
  for (const c of allCollations()) {
    for (const a of samples) {
      for (const b of samples) {
        const same = c.equalityKey(a) === c.equalityKey(b);
        assert.equal(same, c.compare(a, b) === 0, `${c.name}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
      }
    }
  }
});
