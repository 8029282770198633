import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Accumulator, newAccumulator } from '../../../src/expression/aggregation/accumulator.js';
import { isAggregateName, newAggFuncDesc } from '../../../src/expression/aggregation/desc.js';
import type { Expression } from '../../../src/expression/expression.js';
import { Decimal } from '../../../src/types/decimal.js';
import { typeToString } from '../../../src/types/type-name.js';
import type { Value } from '../../../src/types/value.js';
import { col, int, newBuildContext, newEvalContext, show, T } from './context.js';

const a = col(T.int(), 'a');
const d = col(T.decimal(10, 2), 'd');
const s = col(T.varchar(20), 's');

function run(
  name: string,
  args: Expression[],
  rows: Value[][],
  opts: {
    distinct?: boolean;
    separator?: string;
    orderBy?: { expr: Expression; desc: boolean }[];
    split?: boolean;
  } = {},
) {
  const ctx = newEvalContext();
  const desc = newAggFuncDesc(name, args, opts.distinct ?? false, newBuildContext(ctx), opts);
  let acc: Accumulator;
  if (opts.split) {
    // Two partial states merged, as parallel workers produce them.
    acc = newAccumulator(desc, ctx);
    const other = newAccumulator(desc, ctx);
    for (let i = 0; i < rows.length; i++) (i % 2 === 0 ? acc : other).add(rows[i]!, ctx);
    acc.merge(other);
  } else {
    acc = newAccumulator(desc, ctx);
    for (const r of rows) acc.add(r, ctx);
  }
  return { value: show(acc.result(ctx)), desc, warnings: ctx.warnings };
}

test('count, sum, avg with types', () => {
  const c = run('count', [a], [[1], [null], [3]]);
  assert.equal(c.value, 2);
  assert.equal(c.desc.toString(), 'count(test.t.a)');
  assert.equal(typeToString(c.desc.type), 'bigint(21)');
  assert.equal(run('count', [int(1)], [[1], [1]]).desc.toString(), 'count(1)');
  const sm = run('sum', [a], [[1], [2], [9223372036854775807n]]);
  assert.equal(sm.value, '9223372036854775810');
  assert.equal(typeToString(sm.desc.type), 'decimal(41,0)');
  assert.equal(run('sum', [a], [[null]]).value, null);
  const av = run('avg', [a], [[1], [2]]);
  assert.equal(av.value, '1.5000');
  assert.equal(typeToString(av.desc.type), 'decimal(24,4)');
  const ad = run('avg', [d], [[Decimal.parse('1.25')], [Decimal.parse('2.00')]]);
  assert.equal(ad.value, '1.625000');
  assert.equal(run('sum', [col(T.double())], [[1.5], [2]]).value, 3.5);
  assert.equal(run('sum', [a], [[1], [2], [3], [4]], { split: true }).value, '10');
});

test('distinct aggregates', () => {
  const c = run('count', [a], [[1], [1], [2], [null]], { distinct: true, split: true });
  assert.equal(c.value, 2);
  assert.equal(c.desc.toString(), 'count(distinct test.t.a)');
  assert.equal(run('sum', [a], [[1], [1], [2]], { distinct: true }).value, '3');
  const ci = col(T.varchar(10, 'utf8mb4_general_ci'), 'ci');
  assert.equal(run('count', [ci], [['a'], ['A'], ['b']], { distinct: true }).value, 2);
  assert.equal(run('approx_count_distinct', [a], [[1], [1], [3]]).value, 2);
});

test('min, max, bit and any_value', () => {
  assert.equal(run('max', [a], [[1], [null], [3], [2]], { split: true }).value, 3);
  assert.equal(run('min', [s], [['b'], ['a'], ['c']]).value, 'a');
  assert.equal(run('min', [a], []).value, null);
  assert.equal(run('bit_and', [a], []).value, 18446744073709551615n);
  assert.equal(run('bit_or', [a], [[1], [4]]).value, 5);
  assert.equal(run('bit_xor', [a], [[3], [5]]).value, 6);
  assert.equal(run('any_value', [a], [[7], [8]]).value, 7);
});

test('group_concat with order, separator, distinct and truncation', () => {
  // The ORDER BY values follow the argument values in each added row.
  const g = run(
    'group_concat',
    [s],
    [
      ['b', 'b'],
      ['a', 'a'],
      [null, null],
      ['c', 'c'],
    ],
    {
      orderBy: [{ expr: s, desc: true }],
    },
  );
  assert.equal(g.value, 'c,b,a');
  assert.equal(g.desc.toString(), 'group_concat(test.t.s order by test.t.s desc separator ",")');
  assert.equal(typeToString(g.desc.type), 'text');
  assert.equal(
    run(
      'group_concat',
      [s, a],
      [
        ['x', 1],
        ['y', 2],
      ],
      { separator: '-' },
    ).value,
    'x1-y2',
  );
  assert.equal(run('group_concat', [a], [[1], [1], [2]], { distinct: true }).value, '1,2');
  const long = Array.from({ length: 300 }, (_, i) => [`v${i}`]);
  const t = run('group_concat', [s], long);
  assert.equal(Buffer.byteLength(t.value as string), 1024);
  assert.equal(t.warnings[0]?.code, 1260);
});

test('statistics aggregates', () => {
  const rows = [[2], [4], [4], [4], [5], [5], [7], [9]];
  assert.equal(run('var_pop', [a], rows).value, 4);
  assert.equal(run('stddev', [a], rows, { split: true }).value, 2);
  assert.equal(run('var_samp', [a], rows).value, 32 / 7);
  assert.equal(run('stddev_samp', [a], [[1]]).value, null);
  assert.equal(typeToString(run('std', [a], rows).desc.type), 'double');
});

test('json aggregates and names', () => {
  assert.equal(run('json_arrayagg', [a], [[1], [null], [2]]).value, '[1, null, 2]');
  assert.equal(
    run(
      'json_objectagg',
      [s, a],
      [
        ['k', 1],
        ['a', 2],
        ['k', 3],
      ],
    ).value,
    '{"a": 2, "k": 3}',
  );
  assert.throws(() => run('json_objectagg', [s, a], [[null, 1]]), /NULL member names/);
  assert.equal(run('json_arrayagg', [a], []).value, null);
  assert.ok(isAggregateName('COUNT'));
  assert.ok(!isAggregateName('concat'));
  assert.throws(() => newAggFuncDesc('sum', [a, a], false, newBuildContext()), /Incorrect parameter count/);
});
