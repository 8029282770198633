import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IndexInfo, TableInfo } from '../../../src/catalog/model.js';
import type { PlanEnv } from '../../../src/planner/builder/env.js';
import { orderAllowed, pathAllowed, resolvePathHints, withBlockIndexHints } from '../../../src/planner/index-hints.js';

function index(id: number, name: string, extra: Partial<IndexInfo> = {}): IndexInfo {
  return {
    id,
    name,
    columns: [],
    unique: false,
    primary: false,
    comment: '',
    visible: true,
    indexType: 'BTREE',
    state: 'public',
    ...extra,
  };
}

const table = {
  name: 'T',
  pkIsHandle: true,
  isCommonHandle: false,
  indices: [
    index(1, 'PRIMARY', { primary: true, unique: true }),
    index(2, 'ib'),
    index(3, 'ic'),
    index(4, 'hid', { visible: false }),
  ],
} as unknown as TableInfo;

function env(): PlanEnv {
  return { currentDb: 'test', warnings: [], hints: [] } as unknown as PlanEnv;
}

const src = (e: PlanEnv, clauses?: NonNullable<Parameters<typeof resolvePathHints>[4]>) => ({
  table,
  pathHints: resolvePathHints(e, table, 'test', 't', clauses),
});

test('no hint leaves every path', () => {
  assert.equal(src(env()).pathHints, undefined);
});

test('USE INDEX restricts to the named indexes; empty list and PRIMARY name the table path', () => {
  const s = src(env(), [{ type: 'use', indexes: ['ib'] }]);
  assert.equal(pathAllowed(s, table.indices[1]!), true);
  assert.equal(pathAllowed(s, table.indices[2]!), false);
  assert.equal(pathAllowed(s, null), false);
  const empty = src(env(), [{ type: 'use', indexes: [] }]);
  assert.equal(pathAllowed(empty, null), true);
  assert.equal(pathAllowed(empty, table.indices[1]!), false);
  const primary = src(env(), [{ type: 'force', indexes: ['primary'] }]);
  assert.equal(pathAllowed(primary, null), true);
  assert.equal(pathAllowed(primary, table.indices[0]!), true);
});

test('IGNORE INDEX removes indexes, never the table path; nothing left falls back to the table', () => {
  const s = src(env(), [{ type: 'ignore', indexes: ['ib', 'primary'] }]);
  assert.equal(pathAllowed(s, table.indices[1]!), false);
  assert.equal(pathAllowed(s, table.indices[2]!), true);
  assert.equal(pathAllowed(s, null), true);
  const both = src(env(), [
    { type: 'use', indexes: ['ib'] },
    { type: 'ignore', indexes: ['ib'] },
  ]);
  assert.deepEqual([...both.pathHints!.allowed], ['table']);
});

test('scoped clauses are not used; prefixes resolve when unambiguous', () => {
  assert.equal(src(env(), [{ type: 'use', scope: 'order', indexes: ['nope'] }]).pathHints, undefined);
  assert.throws(() => src(env(), [{ type: 'use', indexes: ['i'] }]), /Key 'i' doesn't exist in table 'T'/);
  assert.throws(
    () => src(env(), [{ type: 'use', indexes: ['hid'] }]),
    (e: { code: number }) => e.code === 1176,
  );
  const s = src(env(), [{ type: 'use', indexes: ['ic'] }]);
  assert.equal(pathAllowed(s, table.indices[2]!), true);
});

test('optimizer hints match the alias and database, warn on unknown indexes and unmatched tables', () => {
  const e = env();
  const hints = [
    { name: 'use_index', args: ['t', 'nope', 'ib'] },
    { name: 'no_order_index', args: ['test.t', 'ic'] },
    { name: 'ignore_index', args: ['other.t', 'ib'] },
  ];
  const s = withBlockIndexHints(e, hints, () => src(e));
  assert.equal(pathAllowed(s, table.indices[1]!), true);
  assert.equal(pathAllowed(s, table.indices[2]!), true);
  assert.equal(orderAllowed(s, table.indices[2]!), false);
  assert.equal(orderAllowed(s, table.indices[1]!), true);
  assert.deepEqual(e.warnings, [
    { code: 1176, message: "Key 'nope' doesn't exist in table 'T'" },
    { code: 1815, message: 'ignore_index(other.t, ib) is inapplicable, check whether the table(other.t) exists' },
  ]);
});
