import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/string.js';
import '../../../src/expression/builtin/string-substr.js';
import '../../../src/expression/builtin/string-code.js';
import '../../../src/expression/builtin/string-set.js';
import { bin, build, c, dec, newEvalContext, run, show, VARCHAR } from './ctx-strings.js';

test('concat and concat_ws', () => {
  assert.equal(run('concat', ['a', 1, 'b']), 'a1b');
  assert.equal(run('concat', ['a', null]), null);
  assert.equal(run('concat', [1.5, 'x']), '1.5x');
  assert.equal(run('concat_ws', [',', 'a', null, 'b']), 'a,b');
  assert.equal(run('concat_ws', [null, 'a']), null);
  const f = build('concat', [c('é'), bin('\xff')]);
  assert.equal(f.type.charset, 'binary');
  assert.equal(run('concat', [c('é'), bin('\xff')]), '\xc3\xa9\xff');
  const g = build('concat', [c('ab'), c('cde')]);
  assert.equal(g.type.flen, 510);
  assert.equal(g.type.collate, 'utf8mb4_bin');
});

test('lengths count bytes, characters and bits', () => {
  assert.equal(run('length', ['héllo😀']), 10);
  assert.equal(run('char_length', ['héllo😀']), 6);
  assert.equal(run('char_length', [bin('\xc3\xa9')]), 2);
  assert.equal(run('bit_length', ['ab']), 16);
  assert.equal(run('octet_length', [12345]), 5);
  assert.equal(run('length', [null]), null);
});

test('case mapping leaves binary strings alone', () => {
  assert.equal(run('upper', ['abcé']), 'ABCÉ');
  assert.equal(run('lcase', ['ABC']), 'abc');
  assert.equal(run('upper', [bin('abc')]), 'abc');
  assert.equal(build('upper', [bin('abc')]).impl.sig, 'Upper');
  assert.equal(build('upper', [c('abc')]).impl.sig, 'UpperUTF8');
});

test('substring with negative and out-of-range positions', () => {
  assert.equal(run('substring', ['Quadratically', 5]), 'ratically');
  assert.equal(run('substring', ['foobarbar', 4]), 'barbar');
  assert.equal(run('substring', ['Quadratically', 5, 6]), 'ratica');
  assert.equal(run('substring', ['Sakila', -3]), 'ila');
  assert.equal(run('substring', ['Sakila', -5, 3]), 'aki');
  assert.equal(run('substring', ['Sakila', 0]), '');
  assert.equal(run('substring', ['Sakila', -7]), '');
  assert.equal(run('substring', ['Sakila', 2, -1]), '');
  assert.equal(run('mid', ['a😀bc', 2, 2]), '😀b');
  assert.equal(run('substr', ['abc', 9223372036854775807n]), '');
  assert.equal(build('substring', [c('a'), c(1)]).impl.sig, 'Substring2ArgsUTF8');
  assert.equal(build('substring', [bin('a'), c(1), c(1)]).impl.sig, 'Substring3Args');
});

test('left, right, trim family', () => {
  assert.equal(run('left', ['foobarbar', 5]), 'fooba');
  assert.equal(run('right', ['foobarbar', 4]), 'rbar');
  assert.equal(run('right', ['ab', 5]), 'ab');
  assert.equal(run('left', ['ab', -1]), '');
  assert.equal(run('trim', ['  bar   ']), 'bar');
  assert.equal(run('trim', ['xxxbarxxx', 'x', 1]), 'barxxx');
  assert.equal(run('trim', ['xxxbarxxx', 'x', 0]), 'bar');
  assert.equal(run('trim', ['barxxyz', 'xyz', 2]), 'barx');
  assert.equal(run('trim', ['abc', '', 0]), 'abc');
  assert.equal(run('ltrim', ['  barbar ']), 'barbar ');
  assert.equal(run('rtrim', [' barbar   ']), ' barbar');
  assert.equal(run('rtrim', ['a\t ']), 'a\t');
});

test('lpad, rpad, insert, replace, repeat, space, reverse', () => {
  assert.equal(run('lpad', ['hi', 4, '??']), '??hi');
  assert.equal(run('lpad', ['hi', 1, '??']), 'h');
  assert.equal(run('lpad', ['hi', 5, 'ab']), 'abahi');
  assert.equal(run('rpad', ['hi', 5, '?']), 'hi???');
  assert.equal(run('rpad', ['hi', -1, '?']), null);
  assert.equal(run('rpad', ['hi', 5, '']), null);
  assert.equal(run('insert', ['Quadratic', 3, 4, 'What']), 'QuWhattic');
  assert.equal(run('insert', ['Quadratic', -1, 4, 'What']), 'Quadratic');
  assert.equal(run('insert', ['Quadratic', 3, 100, 'What']), 'QuWhat');
  assert.equal(run('replace', ['www.mysql.com', 'w', 'Ww']), 'WwWwWw.mysql.com');
  assert.equal(run('replace', ['abc', '', 'x']), 'abc');
  assert.equal(run('repeat', ['ab', 3]), 'ababab');
  assert.equal(run('repeat', ['ab', 0]), '');
  assert.equal(run('space', [3]), '   ');
  assert.equal(run('reverse', ['ab😀c']), 'c😀ba');
  const ctx = newEvalContext();
  assert.equal(run('repeat', ['ab', 100000000], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1301);
});

test('instr, locate, substring_index follow collations', () => {
  assert.equal(run('instr', ['foobarbar', 'bar']), 4);
  assert.equal(run('instr', ['xbar', 'foobar']), 0);
  assert.equal(run('locate', ['bar', 'foobarbar']), 4);
  assert.equal(run('locate', ['bar', 'foobarbar', 5]), 7);
  assert.equal(run('locate', ['', 'abc']), 1);
  assert.equal(run('locate', ['', 'abc', 4]), 4);
  assert.equal(run('locate', ['', 'abc', 5]), 0);
  assert.equal(run('locate', ['b', 'abc', 0]), 0);
  assert.equal(run('locate', ['😀b', 'a😀b']), 2);
  assert.equal(run('instr', ['FooBar', 'bar']), 0);
  assert.equal(run('instr', [c('FooBar', VARCHAR('utf8mb4_general_ci')), 'bar']), 4);
  assert.equal(run('substring_index', ['www.mysql.com', '.', 2]), 'www.mysql');
  assert.equal(run('substring_index', ['www.mysql.com', '.', -2]), 'mysql.com');
  assert.equal(run('substring_index', ['www.mysql.com', '.', 0]), '');
  assert.equal(run('substring_index', ['www.mysql.com', '.', 10]), 'www.mysql.com');
});

test('ascii, ord, char, hex, unhex, bin, oct', () => {
  assert.equal(run('ascii', ['2']), 50);
  assert.equal(run('ascii', ['']), 0);
  assert.equal(run('ascii', ['é']), 195);
  assert.equal(run('ord', ['2']), 50);
  assert.equal(run('ord', ['é']), 50089);
  assert.equal(run('char', [77, 121, 83, 81, 76]), 'MySQL');
  assert.equal(run('char', [77, null, 77]), 'MM');
  assert.equal(run('char', [256]), '\x01\x00');
  assert.equal(run('char', [0xc3, 0xa9, 'utf8mb4']), 'é');
  const ctx = newEvalContext();
  assert.equal(run('char', [0xff, 'utf8mb4'], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1300);
  assert.equal(run('hex', ['abc']), '616263');
  assert.equal(run('hex', [255]), 'FF');
  assert.equal(run('hex', [-1]), 'FFFFFFFFFFFFFFFF');
  assert.equal(run('hex', [1.5]), '2');
  assert.equal(run('hex', ['é']), 'C3A9');
  assert.equal(run('unhex', ['4D7953514C']), 'MySQL');
  assert.equal(run('unhex', ['GG']), null);
  assert.equal(run('unhex', ['F']), '\x0f');
  assert.equal(run('bin', [12]), '1100');
  assert.equal(run('bin', [-1]), '1'.repeat(64));
  assert.equal(run('oct', [12]), '14');
});

test('base64, format, quote, soundex, strcmp', () => {
  assert.equal(run('to_base64', ['abc']), 'YWJj');
  assert.equal(run('from_base64', ['YWJj']), 'abc');
  assert.equal(run('from_base64', ['YW*j']), null);
  assert.equal((run('to_base64', ['x'.repeat(60)]) as string).split('\n').length, 2);
  assert.equal(run('format', [12332.123456, 4]), '12,332.1235');
  assert.equal(run('format', [12332.1, 4]), '12,332.1000');
  assert.equal(run('format', [12332.2, 0]), '12,332');
  assert.equal(run('format', [dec('-1234567.891'), 2]), '-1,234,567.89');
  assert.equal(run('format', [12332.2, 2, 'de_DE']), '12.332,20');
  assert.equal(run('format', [100, -2]), '100');
  assert.equal(run('quote', ["Don't!"]), "'Don\\'t!'");
  assert.equal(run('quote', [null]), 'NULL');
  assert.equal(run('soundex', ['Hello']), 'H400');
  assert.equal(run('soundex', ['Quadratically']), 'Q36324');
  assert.equal(run('soundex', ['']), '');
  assert.equal(run('strcmp', ['text', 'text2']), -1);
  assert.equal(run('strcmp', ['text2', 'text']), 1);
  assert.equal(run('strcmp', ['text', 'text']), 0);
  assert.equal(run('strcmp', [c('A', VARCHAR('utf8mb4_general_ci')), 'a']), 0);
});

test('field, elt, find_in_set, make_set, export_set', () => {
  assert.equal(run('field', ['Bb', 'Aa', 'Bb', 'Cc', 'Dd', 'Ff']), 2);
  assert.equal(run('field', ['Gg', 'Aa', 'Bb']), 0);
  assert.equal(run('field', [null, 'a']), 0);
  assert.equal(run('field', [2, 1, 2, 3]), 2);
  assert.equal(run('field', [2, 1, '2']), 2);
  assert.equal(run('elt', [1, 'Aa', 'Bb']), 'Aa');
  assert.equal(run('elt', [4, 'Aa', 'Bb']), null);
  assert.equal(run('find_in_set', ['b', 'a,b,c,d']), 2);
  assert.equal(run('find_in_set', ['b,c', 'a,b,c,d']), 0);
  assert.equal(run('find_in_set', ['b', '']), 0);
  assert.equal(run('make_set', [1, 'a', 'b', 'c']), 'a');
  assert.equal(run('make_set', [1 | 4, 'hello', 'nice', 'world']), 'hello,world');
  assert.equal(run('make_set', [1 | 4, 'hello', 'nice', null, 'world']), 'hello');
  assert.equal(run('make_set', [0, 'a', 'b']), '');
  assert.equal(run('export_set', [5, 'Y', 'N', ',', 4]), 'Y,N,Y,N');
  assert.equal(run('export_set', [6, '1', '0', ',', 10]), '0,1,1,0,0,0,0,0,0,0');
  assert.equal(show('export_set', [1, 'Y', 'N']).length, 127);
});
