import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOne } from '../../../src/parser/index.js';

test('expression nodes carry source positions (offset range and line)', () => {
  const sql = 'select a + 1, f(x)\nfrom t where b = 2';
  const q = parseOne(sql).stmt;
  assert.equal(q.kind, 'query');
  if (q.kind !== 'query' || q.query.kind !== 'select') return;
  const where = q.query.where!;
  assert.deepEqual(where.span, { start: 32, end: 37, line: 2 });
  assert.equal(sql.slice(where.span!.start, where.span!.end), 'b = 2');
  const call = q.query.fields[1]!.expr!;
  assert.equal(sql.slice(call.span!.start, call.span!.end), 'f(x)');
  assert.equal(call.span!.line, 1);
});
