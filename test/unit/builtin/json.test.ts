import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/json.js';
import '../../../src/expression/builtin/json-modify.js';
import { c, json, show } from './ctx-strings.js';

const doc = '{"a": 1, "b": [2, 3, {"c": "x"}], "d": {"e": null}}';

test('json_extract, unquote, type, valid, quote', () => {
  assert.equal(show('json_extract', [doc, '$.a']), '1');
  assert.equal(show('json_extract', [doc, '$.b[2].c']), '"x"');
  assert.equal(show('json_extract', [doc, '$.b[*]']), '[2, 3, {"c": "x"}]');
  assert.equal(show('json_extract', [doc, '$.a', '$.b[0]']), '[1, 2]');
  assert.equal(show('json_extract', [doc, '$.zz']), 'NULL');
  assert.equal(show('json_extract', [json('[10, 20]'), '$[last]']), '20');
  assert.throws(() => show('json_extract', ['{bad', '$']), /Invalid JSON text in argument 1 to function json_extract/);
  assert.throws(() => show('json_extract', [1, '$']), /Invalid data type for JSON data in argument 1/);
  assert.equal(show('json_unquote', [json('"a\\tb"')]), 'a\tb');
  assert.equal(show('json_unquote', ['"abc"']), 'abc');
  assert.equal(show('json_unquote', ['abc']), 'abc');
  assert.equal(show('json_unquote', [json('[1]')]), '[1]');
  assert.equal(show('json_type', ['[1]']), 'ARRAY');
  assert.equal(show('json_type', [json('1.5')]), 'DOUBLE');
  assert.equal(show('json_type', [json('1')]), 'INTEGER');
  assert.equal(show('json_valid', ['{"a": 1}']), '1');
  assert.equal(show('json_valid', ['hello']), '0');
  assert.equal(show('json_valid', [null]), 'NULL');
  assert.equal(show('json_quote', ['null']), '"null"');
  assert.equal(show('json_quote', ['"x"']), '"\\"x\\""');
});

test('json_object, json_array', () => {
  assert.equal(show('json_object', ['id', 87, 'name', 'carrot']), '{"id": 87, "name": "carrot"}');
  assert.equal(show('json_object', ['b', 1, 'a', null]), '{"a": null, "b": 1}');
  assert.equal(show('json_object', []), '{}');
  assert.throws(() => show('json_object', ['a']), /Incorrect parameter count/);
  assert.throws(() => show('json_object', [null, 1]), /NULL member names/);
  assert.equal(show('json_array', [1, 'abc', null, 1.5, json('{"a": 1}')]), '[1, "abc", null, 1.5, {"a": 1}]');
  assert.equal(show('json_array', []), '[]');
});

test('contains, contains_path, length, keys, depth, member of', () => {
  const target = '{"a": 1, "b": 2, "c": {"d": 4}}';
  assert.equal(show('json_contains', [target, '1', '$.a']), '1');
  assert.equal(show('json_contains', [target, '1', '$.b']), '0');
  assert.equal(show('json_contains', [target, '{"d": 4}', '$.c']), '1');
  assert.equal(show('json_contains', [target, '{"a": 1}']), '1');
  assert.equal(show('json_contains', ['[1, [2, 3]]', '[3, 1]']), '1');
  assert.equal(show('json_contains', ['[1, 2]', '[1, 4]']), '0');
  assert.equal(show('json_contains', [target, '1', '$.zz']), 'NULL');
  assert.equal(show('json_contains_path', [target, 'one', '$.a', '$.e']), '1');
  assert.equal(show('json_contains_path', [target, 'all', '$.a', '$.e']), '0');
  assert.equal(show('json_contains_path', [target, 'one', '$.c.d']), '1');
  assert.throws(() => show('json_contains_path', [target, 'some', '$.a']), /'one' or 'all'/);
  assert.equal(show('json_length', ['[1, 2, {"a": 3}]']), '3');
  assert.equal(show('json_length', ['{"a": 1, "b": {"c": 30}}', '$.b']), '1');
  assert.equal(show('json_length', ['"x"']), '1');
  assert.equal(show('json_length', ['[1]', '$.a']), 'NULL');
  assert.equal(show('json_keys', ['{"a": 1, "b": {"c": 30}}']), '["a", "b"]');
  assert.equal(show('json_keys', ['{"a": 1, "b": {"c": 30}}', '$.b']), '["c"]');
  assert.equal(show('json_keys', ['[1]']), 'NULL');
  assert.equal(show('json_depth', ['{}']), '1');
  assert.equal(show('json_depth', ['[10, 20]']), '2');
  assert.equal(show('json_depth', ['[10, {"a": 20}]']), '3');
  assert.equal(show('member of', [17, '[23, "abc", 17, "ab", 10]']), '1');
  assert.equal(show('member_of', ['ab', '[23, "abc", 17, "ab", 10]']), '1');
  assert.equal(show('member_of', ['7', '[23, "abc", 17, "ab", 10]']), '0');
  assert.equal(show('member_of', [json('[1]'), '[[1], 2]']), '1');
});

test('set, insert, replace, remove, array_append', () => {
  const j = '{ "a": 1, "b": [2, 3]}';
  assert.equal(
    show('json_set', [j, '$.a', 10, '$.c', '[true, false]']),
    '{"a": 10, "b": [2, 3], "c": "[true, false]"}',
  );
  assert.equal(
    show('json_insert', [j, '$.a', 10, '$.c', json('[true, false]')]),
    '{"a": 1, "b": [2, 3], "c": [true, false]}',
  );
  assert.equal(show('json_replace', [j, '$.a', 10, '$.c', '[true, false]']), '{"a": 10, "b": [2, 3]}');
  assert.equal(show('json_set', [j, '$.b[5]', 4]), '{"a": 1, "b": [2, 3, 4]}');
  assert.equal(show('json_set', [null, '$.a', 1]), 'NULL');
  assert.equal(show('json_set', [j, null, 1]), 'NULL');
  assert.equal(show('json_remove', ['["a", ["b", "c"], "d"]', '$[1]']), '["a", "d"]');
  assert.equal(show('json_remove', [j, '$.b[0]', '$.a']), '{"b": [3]}');
  assert.throws(() => show('json_remove', [j, '$']));
  assert.equal(show('json_array_append', ['["a", ["b", "c"], "d"]', '$[1]', 1]), '["a", ["b", "c", 1], "d"]');
  assert.equal(show('json_array_append', ['["a", ["b", "c"], "d"]', '$[0]', 2]), '[["a", 2], ["b", "c"], "d"]');
  assert.equal(show('json_array_append', ['{"a": 1}', '$', 'z']), '[{"a": 1}, "z"]');
});

test('merge patch and preserve', () => {
  assert.equal(show('json_merge_patch', ['[1, 2]', '[true, false]']), '[true, false]');
  assert.equal(show('json_merge_patch', ['{"name": "x"}', '{"id": 47}']), '{"id": 47, "name": "x"}');
  assert.equal(show('json_merge_patch', ['{"a": 1, "b": 2}', '{"a": 3, "c": 4}']), '{"a": 3, "b": 2, "c": 4}');
  assert.equal(show('json_merge_patch', ['{"a": 1, "b": 2}', '{"b": null}']), '{"a": 1}');
  assert.equal(
    show('json_merge_patch', ['{"a": {"x": 1}}', '{"a": {"y": 2}}', '{"a": {"x": null}}']),
    '{"a": {"y": 2}}',
  );
  assert.equal(show('json_merge_patch', ['{"a": 1}', null]), 'NULL');
  assert.equal(show('json_merge_preserve', ['[1, 2]', '[true, false]']), '[1, 2, true, false]');
  assert.equal(show('json_merge_preserve', ['{"name": "x"}', '{"id": 47}']), '{"id": 47, "name": "x"}');
  assert.equal(show('json_merge_preserve', ['1', 'true']), '[1, true]');
  assert.equal(show('json_merge_preserve', ['{"a": 1, "b": 2}', '{"a": 3, "c": 4}']), '{"a": [1, 3], "b": 2, "c": 4}');
  assert.equal(show('json_merge', ['[1]', '{"a": 1}']), '[1, {"a": 1}]');
  assert.equal(show('json_merge_preserve', ['[1]', null]), 'NULL');
});

test('json_search and json_pretty', () => {
  const j = '["abc", [{"k": "10"}, "def"], {"x":"abc"}, {"y":"bcd"}]';
  assert.equal(show('json_search', [j, 'one', 'abc']), '"$[0]"');
  assert.equal(show('json_search', [j, 'all', 'abc']), '["$[0]", "$[2].x"]');
  assert.equal(show('json_search', [j, 'all', 'ghi']), 'NULL');
  assert.equal(show('json_search', [j, 'all', '10']), '"$[1][0].k"');
  assert.equal(show('json_search', [j, 'all', '%b%']), '["$[0]", "$[2].x", "$[3].y"]');
  assert.equal(show('json_search', [j, 'all', '%b%', null, '$[2]']), '"$[2].x"');
  assert.equal(show('json_search', [j, 'all', '%b%', '', '$[3]']), '"$[3].y"');
  assert.equal(show('json_pretty', ['[1,3,5]']), '[\n  1,\n  3,\n  5\n]');
  assert.equal(show('json_pretty', ['{"a":"10","b":"15","x":{}}']), '{\n  "a": "10",\n  "b": "15",\n  "x": {}\n}');
  assert.equal(
    show('json_pretty', [c('{"a": [1, {"b": 2}]}')]),
    '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}',
  );
});
