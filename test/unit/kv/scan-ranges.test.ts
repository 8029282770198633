import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyStorage } from '../../../src/store/latency-storage.js';
import { createMemoryStorage } from '../../../src/store/memory.js';
import { collect } from './helpers.js';

async function seeded() {
  const s = createMemoryStorage();
  const t = s.begin();
  for (const k of ['a1', 'a2', 'b1', 'b2', 'b3', 'c1', 'd1']) t.set(k, k.toUpperCase());
  await t.commit();
  return s;
}

describe('scanRanges: many ranges in one read', () => {
  it('returns each range whole, in the order given, empty for empty or inverted ranges', async () => {
    const s = await seeded();
    const lists = await s.snapshot().scanRanges([
      ['b', 'c'],
      ['a', 'b'],
      ['x', 'z'],
      ['c', 'c'],
      ['d', 'a'],
    ]);
    assert.deepEqual(
      lists.map((l) => l.map((p) => p.key)),
      [['b1', 'b2', 'b3'], ['a1', 'a2'], [], [], []],
    );
    assert.equal(lists[0]![1]!.value, 'B2');
  });

  it('sees the transaction’s own writes and deletes, as scan does', async () => {
    const s = await seeded();
    const t = s.begin();
    t.set('b0', 'new');
    t.set('b2', 'changed');
    t.delete('b3');
    t.delete('a1');
    t.set('e1', 'outside');
    const ranges = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ] as const;
    const lists = await t.scanRanges(ranges);
    for (let i = 0; i < ranges.length; i++) assert.deepEqual(lists[i], await collect(t, ranges[i]![0], ranges[i]![1]));
    assert.deepEqual(
      lists[1]!.map((p) => [p.key, p.value]),
      [
        ['b0', 'new'],
        ['b1', 'B1'],
        ['b2', 'changed'],
      ],
    );
    assert.deepEqual(await t.currentRead().scanRanges([['a', 'b']]), [[{ key: 'a2', value: 'A2' }]]);
    t.rollback();
  });

  it('costs one delayed read over LatencyStorage, however many ranges', async () => {
    const s = new LatencyStorage(await seeded(), 30);
    const ranges = Array.from({ length: 20 }, (_, i) => [`a${i}`, `a${i}~`] as const);
    const t0 = performance.now();
    const lists = await s.snapshot().scanRanges(ranges);
    const ms = performance.now() - t0;
    assert.equal(lists.length, 20);
    assert.deepEqual(lists[1], [{ key: 'a1', value: 'A1' }]);
    assert.ok(ms >= 29 && ms < 500, `took ${ms} ms`);
  });
});
