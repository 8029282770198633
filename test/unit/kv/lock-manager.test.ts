import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTiLiteError } from '../../../src/errors/index.js';
import { LockManager } from '../../../src/kv/lock-manager.js';

function hasCode(c: number) {
  return (e: unknown) => isTiLiteError(e) && e.code === c;
}

describe('LockManager', () => {
  it('grants free keys and re-entrant locks at once', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    await m.lock('a', 1);
    assert.equal(m.ownerOf('a'), 1);
    m.releaseAll(1);
    assert.equal(m.lockedKeyCount, 0);
  });

  it('NOWAIT fails with 3572', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    await assert.rejects(m.lock('a', 2, { noWait: true }), hasCode(3572));
  });

  it('times out with 1205', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    await assert.rejects(m.lock('a', 2, { waitMs: 20 }), hasCode(1205));
    m.releaseAll(1);
    assert.equal(m.lockedKeyCount, 0);
  });

  it('hands locks to waiters in FIFO order', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    const order: number[] = [];
    const w2 = m.lock('a', 2).then(() => order.push(2));
    const w3 = m.lock('a', 3).then(() => order.push(3));
    m.releaseAll(1);
    await w2;
    assert.equal(m.ownerOf('a'), 2);
    m.releaseAll(2);
    await w3;
    assert.deepEqual(order, [2, 3]);
  });

  it('detects a deadlock cycle with 1213', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    await m.lock('b', 2);
    await m.lock('c', 3);
    const w1 = m.lock('b', 1);
    const w2 = m.lock('c', 2);
    await assert.rejects(m.lock('a', 3), hasCode(1213));
    m.releaseAll(3);
    await w2;
    m.releaseAll(2);
    await w1;
    assert.equal(m.ownerOf('b'), 1);
  });

  it('releaseAll cancels the transaction own waits', async () => {
    const m = new LockManager();
    await m.lock('a', 1);
    const w = m.lock('a', 2);
    m.releaseAll(2);
    await assert.rejects(w, hasCode(1317));
    m.releaseAll(1);
    assert.equal(m.lockedKeyCount, 0);
  });
});
