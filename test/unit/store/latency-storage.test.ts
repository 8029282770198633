import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyStorage } from '../../../src/store/latency-storage.js';
import { openStorage } from '../../../src/store/open-storage.js';
import { collect } from '../kv/helpers.js';

describe('LatencyStorage', () => {
  it('delays reads but keeps their results, and overlapping reads overlap their delays', async () => {
    const inner = await openStorage({});
    assert.equal(inner.persistent, false);
    const s = new LatencyStorage(inner, 50);
    const w = s.begin();
    w.set('a', '1');
    w.set('b', '2');
    await w.commit();
    const t = s.begin();
    const t0 = Date.now();
    assert.equal(await t.get('a'), '1');
    assert.ok(Date.now() - t0 >= 45);
    const t1 = Date.now();
    const got = await Promise.all([t.get('a'), t.get('b'), t.get('c')]);
    assert.deepEqual(got, ['1', '2', undefined]);
    assert.ok(Date.now() - t1 < 140);
    assert.equal((await collect(t, 'a', 'z')).length, 2);
    await s.close();
  });

  it('wakes each read at its own deadline, whatever the order the reads started in', async () => {
    const inner = await openStorage({});
    const slow = new LatencyStorage(inner, 40).snapshot();
    const fast = new LatencyStorage(inner, 5).snapshot();
    const order: string[] = [];
    const t0 = performance.now();
    await Promise.all([
      slow.get('a').then(() => order.push('slow')),
      fast.get('a').then(() => order.push('fast')),
      fast.get('b').then(() => order.push('fast')),
    ]);
    assert.deepEqual(order, ['fast', 'fast', 'slow']);
    assert.ok(performance.now() - t0 >= 40);
    await inner.close();
  });
});
