import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isTiLiteError } from '../../../src/errors/index.js';
import { Decimal } from '../../../src/types/decimal.js';
import { JsonValue, removePath, setPath } from '../../../src/types/json.js';

const j = (s: string): JsonValue => JsonValue.parse(s);

test('MySQL text format: sorted keys, spaces, doubles', () => {
  assert.equal(j('{"b":[1,2],"a":1}').toString(), '{"a": 1, "b": [1, 2]}');
  assert.equal(j('{"bb":1,"a":2,"c":3}').toString(), '{"a": 2, "c": 3, "bb": 1}');
  assert.equal(j('{"a":1,"a":2}').toString(), '{"a": 2}');
  assert.equal(j('1.0').toString(), '1.0');
  assert.equal(j('1.5e3').toString(), '1500.0');
  assert.equal(j('1e20').toString(), '1e20');
  assert.equal(j('"a\\"b\\n\\u0001é"').toString(), '"a\\"b\\n\\u0001é"');
  assert.equal(j(' [true, false, null] ').toString(), '[true, false, null]');
  assert.equal(j('18446744073709551615').toString(), '18446744073709551615');
  assert.equal(
    JsonValue.fromJs({ x: [1, 2.5, 'a', null], y: Decimal.parse('1.50') }).toString(),
    '{"x": [1, 2.5, "a", null], "y": 1.50}',
  );
});

test('types', () => {
  assert.equal(j('1').typeName(), 'INTEGER');
  assert.equal(j('1.0').typeName(), 'DOUBLE');
  assert.equal(j('18446744073709551615').typeName(), 'UNSIGNED INTEGER');
  assert.equal(j('"x"').typeName(), 'STRING');
  assert.equal(j('{}').typeName(), 'OBJECT');
  assert.equal(j('[]').typeName(), 'ARRAY');
  assert.equal(j('true').typeName(), 'BOOLEAN');
  assert.equal(j('null').typeName(), 'NULL');
});

test('invalid text is error 3140 with the parser message', () => {
  for (const [text, msg] of [
    ['abc', 'Invalid JSON text: "Invalid value." at position 0.'],
    ['', 'Invalid JSON text: "The document is empty." at position 0.'],
    ['[1,', 'Invalid JSON text: "Invalid value." at position 3.'],
    ['{"a" 1}', 'Invalid JSON text: "Missing a colon after a name of object member." at position 5.'],
    ['[1] x', 'Invalid JSON text: "The document root must not be followed by other values." at position 4.'],
  ]) {
    assert.throws(
      () => j(text!),
      (e) => isTiLiteError(e) && e.code === 3140 && e.message === msg,
      text,
    );
  }
  const r = JsonValue.tryParse('{1}');
  assert.ok(!(r instanceof JsonValue));
  assert.equal(r.reason, 'Missing a name for object member.');
});

test('comparison across types', () => {
  assert.equal(j('1').compare(j('1.0')), 0);
  assert.ok(j('2').compare(j('10')) < 0);
  assert.ok(j('"abc"').compare(j('"abd"')) < 0);
  assert.ok(j('null').compare(j('0')) < 0);
  assert.ok(j('1').compare(j('"1"')) < 0);
  assert.ok(j('"z"').compare(j('{}')) < 0);
  assert.ok(j('{}').compare(j('[]')) < 0);
  assert.ok(j('[]').compare(j('true')) < 0);
  assert.ok(j('false').compare(j('true')) < 0);
  assert.ok(j('[1,2]').compare(j('[1,2,0]')) < 0);
  assert.equal(j('{"a":1,"b":2}').compare(j('{"b":2,"a":1.0}')), 0);
  assert.equal(j('[1,{"a":1}]').hashKey(), j('[1.0,{"a":1e0}]').hashKey());
  assert.notEqual(j('1').hashKey(), j('"1"').hashKey());
});

test('extract with paths', () => {
  const doc = j('{"a": [1, {"b": 2}, 3], "c": {"b": 4}, "d e": 5}');
  assert.equal(doc.extract(['$.a[1].b'])!.toString(), '2');
  assert.equal(doc.extract(['$.a[last]'])!.toString(), '3');
  assert.equal(doc.extract(['$.a[last-1]'])!.toString(), '{"b": 2}');
  assert.equal(doc.extract(['$."d e"'])!.toString(), '5');
  assert.equal(doc.extract(['$.a[*]'])!.toString(), '[1, {"b": 2}, 3]');
  assert.equal(doc.extract(['$.a[0 to 1]'])!.toString(), '[1, {"b": 2}]');
  assert.equal(doc.extract(['$**.b'])!.toString(), '[2, 4]');
  assert.equal(doc.extract(['$.*'])!.toString(), '[[1, {"b": 2}, 3], {"b": 4}, 5]');
  assert.equal(doc.extract(['$.a[0]', '$.c'])!.toString(), '[1, {"b": 4}]');
  assert.equal(doc.extract(['$.x']), null);
  assert.equal(doc.extract(['$.x[*]']), null);
  assert.equal(doc.extract(['$'])!.toString(), doc.toString());
  assert.equal(j('7').extract(['$[0]'])!.toString(), '7');
  assert.equal(j('7').extract(['$[1]']), null);
  for (const bad of ['a', '$.', '$[', '$**', '$.a[x]', '$a']) {
    assert.throws(
      () => doc.extract([bad]),
      (e) => isTiLiteError(e) && e.code === 3143,
      bad,
    );
  }
});

test('set, insert, replace, remove', () => {
  const doc = j('{"a": 1, "b": [1, 2]}');
  const v = j('9');
  assert.equal(setPath(doc, '$.a', v, 'set').toString(), '{"a": 9, "b": [1, 2]}');
  assert.equal(setPath(doc, '$.c', v, 'set').toString(), '{"a": 1, "b": [1, 2], "c": 9}');
  assert.equal(setPath(doc, '$.a', v, 'insert').toString(), '{"a": 1, "b": [1, 2]}');
  assert.equal(setPath(doc, '$.c', v, 'insert').toString(), '{"a": 1, "b": [1, 2], "c": 9}');
  assert.equal(setPath(doc, '$.c', v, 'replace').toString(), '{"a": 1, "b": [1, 2]}');
  assert.equal(setPath(doc, '$.b[5]', v, 'set').toString(), '{"a": 1, "b": [1, 2, 9]}');
  assert.equal(setPath(doc, '$.b[0]', v, 'replace').toString(), '{"a": 1, "b": [9, 2]}');
  assert.equal(setPath(doc, '$.a[1]', v, 'insert').toString(), '{"a": [1, 9], "b": [1, 2]}');
  assert.equal(setPath(doc, '$.x.y', v, 'set').toString(), doc.toString());
  assert.equal(removePath(doc, '$.b[0]').toString(), '{"a": 1, "b": [2]}');
  assert.equal(removePath(doc, '$.a').toString(), '{"b": [1, 2]}');
  assert.equal(doc.toString(), '{"a": 1, "b": [1, 2]}');
  assert.throws(
    () => setPath(doc, '$.*', v, 'set'),
    (e) => isTiLiteError(e) && e.code === 3149,
  );
});

test('fromJs unwraps nested JsonValues and keeps plain objects', () => {
  assert.equal(JsonValue.fromJs([j('{"a":1}'), { node: 2 }]).toString(), '[{"a": 1}, {"node": 2}]');
});
