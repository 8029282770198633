// Histogram and column statistics estimates against exact counts over the same data.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { comparatorFor } from '../../../src/expression/value-compare.js';
import { Histogram } from '../../../src/statistics/histogram.js';
import { buildTableStats } from '../../../src/statistics/table-stats.js';
import { INT_TYPE } from '../../../src/types/field-type.js';
import type { ColumnInfo } from '../../../src/catalog/model.js';

const cmp = comparatorFor(INT_TYPE);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('equi-depth histogram', () => {
  it('never splits a run of equal values and counts every row once', () => {
    const values = sorted([...Array(1000).keys()].map((i) => i % 37));
    const h = Histogram.build(values, cmp, 16);
    assert.equal(h.total, 1000);
    for (let b = 1; b < h.buckets.length; b++) assert.ok(cmp(h.buckets[b - 1]!.upper, h.buckets[b]!.lower) < 0);
    assert.equal(
      h.buckets.reduce((n, b) => n + b.ndv, 0),
      37,
    );
  });

  it('estimates frequent values exactly and ranges at bucket bounds exactly', () => {
    const values = sorted([...Array(900).fill(7), ...[...Array(100).keys()].map((i) => 100 + i)]);
    const h = Histogram.build(values, cmp, 10);
    assert.equal(h.equal(7), 900);
    assert.equal(h.below(7, true), 900);
    assert.equal(h.below(7, false), 0);
    assert.equal(h.below(1000, false), 1000);
    assert.equal(h.below(-5, true), 0);
    assert.equal(h.equal(50), 0);
  });

  it('keeps range estimates within one bucket of the true count (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: -60, max: 60 }),
        fc.boolean(),
        (xs, v, inclusive) => {
          const values = sorted(xs);
          const h = Histogram.build(values, cmp, 8);
          const exact = values.filter((x) => (inclusive ? x <= v : x < v)).length;
          const depth = Math.max(...h.buckets.map((b, i) => b.cumulative - (i ? h.buckets[i - 1]!.cumulative : 0)));
          const est = h.below(v, inclusive);
          return est >= 0 && est <= values.length && Math.abs(est - exact) <= depth;
        },
      ),
    );
  });
});

describe('table statistics', () => {
  const col = (id: number, offset: number): ColumnInfo => ({
    id,
    name: `c${id}`,
    offset,
    type: INT_TYPE,
    autoIncrement: false,
    onUpdateNow: false,
    comment: '',
    state: 'public',
  });

  it('counts rows, distinct values and NULLs per column and distinct keys per index', () => {
    const rows = [...Array(100).keys()].map((i) => [i, i % 10 === 0 ? null : i % 4]);
    const stats = buildTableStats(
      [col(1, 0), col(2, 1)],
      [{ id: 5, name: 'k', columns: [{ name: 'c2', offset: 1, length: -1 }], unique: false, primary: false } as never],
      rows,
      0,
    );
    assert.equal(stats.count, 100);
    const c1 = stats.columns.get(1)!;
    const c2 = stats.columns.get(2)!;
    assert.equal(c1.ndv, 100);
    assert.equal(c2.nullCount, 10);
    assert.equal(c2.ndv, 4);
    assert.equal(c2.equalRows(null), 10);
    assert.equal(c1.rangeRows(10, false, 19, false, false), 10);
    assert.equal(c2.rangeRows(undefined, false, undefined, false, true), 100);
    assert.equal(stats.indexNdv.get(5), 5);
  });
});
