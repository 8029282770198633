import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTiLiteError } from '../../../src/errors/index.js';
import { createMemoryStorage } from '../../../src/store/memory.js';
import { collect, keysOf } from './helpers.js';

function code(e: unknown): number | undefined {
  return isTiLiteError(e) ? e.code : undefined;
}

describe('kv transactions over the memory engine', () => {
  it('reads its own writes over the snapshot, and deletes hide keys', async () => {
    const s = createMemoryStorage();
    const t0 = s.begin();
    t0.set('a', '1');
    t0.set('b', '2');
    t0.set('c', '3');
    await t0.commit();
    const t = s.begin();
    t.set('b', 'B');
    t.delete('c');
    t.set('d', '4');
    assert.equal(await t.get('b'), 'B');
    assert.equal(await t.get('c'), undefined);
    assert.deepEqual(await collect(t, 'a', 'z'), [
      { key: 'a', value: '1' },
      { key: 'b', value: 'B' },
      { key: 'd', value: '4' },
    ]);
    assert.deepEqual(keysOf(await collect(t, 'a', 'z', { reverse: true })), ['d', 'b', 'a']);
    assert.deepEqual(keysOf(await collect(t, 'a', 'z', { limit: 2 })), ['a', 'b']);
    assert.deepEqual(keysOf(await collect(t, 'a', 'd', { reverse: true, limit: 1 })), ['b']);
    // Aligned with the keys: a buffered value, a committed one, a buffered delete, an absent key.
    assert.deepEqual(await t.batchGet(['b', 'a', 'c', 'x']), ['B', '1', undefined, undefined]);
    assert.deepEqual(await s.snapshot().batchGet(['c', 'a']), ['3', '1']);
  });

  it('gives snapshot isolation: commits after startTs are invisible', async () => {
    const s = createMemoryStorage();
    const w = s.begin();
    w.set('k', 'v1');
    await w.commit();
    const reader = s.begin();
    const snap = s.snapshot();
    const w2 = s.begin();
    w2.set('k', 'v2');
    w2.set('k2', 'x');
    await w2.commit();
    assert.equal(await reader.get('k'), 'v1');
    assert.equal(await snap.get('k2'), undefined);
    assert.deepEqual(keysOf(await collect(reader, '', '\xff')), ['k']);
    assert.equal(await s.begin().get('k'), 'v2');
  });

  it('reports write conflicts as error 9007 with TiDB message', async () => {
    const s = createMemoryStorage();
    const a = s.begin();
    const b = s.begin();
    a.set('k', '1');
    b.set('k', '2');
    const commitTs = await a.commit();
    await assert.rejects(b.commit(), (e: unknown) => {
      assert.equal(code(e), 9007);
      assert.match(
        (e as Error).message,
        new RegExp(
          `^Write conflict, txnStartTS=${b.startTs}, conflictStartTS=${a.startTs}, conflictCommitTS=${commitTs}, key=6b \\[try again later\\]$`,
        ),
      );
      return true;
    });
    assert.equal(b.state, 'rolledback');
    assert.equal(await s.begin().get('k'), '1');
  });

  it('optimistic FOR UPDATE keys are checked at commit even if not written', async () => {
    const s = createMemoryStorage();
    const a = s.begin();
    await a.lockKeys(['k']);
    a.set('other', 'x');
    const b = s.begin();
    b.set('k', '2');
    await b.commit();
    await assert.rejects(a.commit(), (e: unknown) => code(e) === 9007);
  });

  it('keeps the commit records an active transaction may still meet, however many commits follow', async () => {
    const s = createMemoryStorage();
    const old = s.begin();
    const w = s.begin();
    w.set('k', '1');
    await w.commit();
    // Thousands of later commits: the records they make are forgotten only once nobody older is active.
    for (let i = 0; i < 3000; i++) {
      const t = s.begin();
      t.set(`x${i % 50}`, String(i));
      await t.commit();
    }
    old.set('k', '2');
    await assert.rejects(old.commit(), (e: unknown) => code(e) === 9007);
    const fresh = s.begin();
    fresh.set('k', '3');
    fresh.set('x1', 'y');
    await fresh.commit();
    assert.equal(await s.begin().get('k'), '3');
  });

  it('records a commit for conflict checks only while another transaction is active', async () => {
    const s = createMemoryStorage();
    const records = () => (s as unknown as { memory: { lastCommits: Map<string, unknown> } }).memory.lastCommits.size;
    const lone = s.begin();
    lone.set('k', '1');
    lone.set('j', '1');
    await lone.commit();
    // Every later transaction starts after the commit: no check can meet it.
    assert.equal(records(), 0);
    const reader = s.begin();
    const writer = s.begin();
    writer.set('k', '2');
    await writer.commit();
    assert.equal(records(), 1);
    reader.set('k', '3');
    await assert.rejects(reader.commit(), (e: unknown) => code(e) === 9007);
    const after = s.begin({ pessimistic: true });
    await after.lockKeys(['k', 'j']);
    after.set('k', '4');
    await after.commit();
    assert.equal(await s.begin().get('k'), '4');
  });

  it('rolls back to savepoints, restoring earlier values and sizes', async () => {
    const s = createMemoryStorage();
    const t = s.begin();
    t.set('a', '1');
    const size1 = t.bufferSize;
    const sp = t.savepoint();
    t.set('a', '2');
    t.set('b', '3');
    t.delete('a');
    assert.equal(await t.get('a'), undefined);
    t.rollbackTo(sp);
    assert.equal(await t.get('a'), '1');
    assert.equal(await t.get('b'), undefined);
    assert.equal(t.mutationCount, 1);
    assert.equal(t.bufferSize, size1);
    assert.deepEqual([...t.mutations()], [['a', '1']]);
    t.rollback();
    assert.equal(t.state, 'rolledback');
  });

  it('a scan does not see writes made while it runs', async () => {
    const s = createMemoryStorage();
    const t = s.begin();
    for (let i = 0; i < 100; i++) t.set(`k${String(i).padStart(3, '0')}`, 'v');
    const seen: string[] = [];
    for await (const batch of t.scan('k', 'l')) {
      for (const p of batch) {
        seen.push(p.key);
        t.set(`${p.key}x`, 'new');
      }
    }
    assert.equal(seen.length, 100);
  });

  it('commits atomically: a failed commit writes nothing', async () => {
    const s = createMemoryStorage();
    const a = s.begin();
    const b = s.begin();
    b.set('x', '1');
    b.set('y', '1');
    a.set('y', '0');
    await a.commit();
    await assert.rejects(b.commit());
    const r = s.begin();
    assert.equal(await r.get('x'), undefined);
    assert.equal(await r.get('y'), '0');
  });

  it('timestamps increase strictly', () => {
    const s = createMemoryStorage();
    let prev = 0;
    for (let i = 0; i < 10_000; i++) {
      const ts = s.currentTs();
      assert.ok(ts > prev && Number.isSafeInteger(ts));
      prev = ts;
    }
  });

  it('restoreState returns to captured data, and older transactions conflict', async () => {
    const s = createMemoryStorage();
    const t = s.begin();
    t.set('a', '1');
    await t.commit();
    const state = s.snapshotState();
    const old = s.begin();
    const t2 = s.begin();
    t2.set('a', '2');
    t2.set('b', '2');
    await t2.commit();
    s.restoreState(state);
    const r = s.begin();
    assert.equal(await r.get('a'), '1');
    assert.equal(await r.get('b'), undefined);
    old.set('zzz', '1');
    await assert.rejects(old.commit(), (e: unknown) => code(e) === 9007);
  });

  it('keeps versions for active transactions across GC', async () => {
    const s = createMemoryStorage();
    const t = s.begin();
    t.set('a', '1');
    await t.commit();
    const reader = s.begin();
    for (let i = 0; i < 1100; i++) {
      const w = s.begin();
      w.set('a', String(i));
      await w.commit();
    }
    await s.gc(s.currentTs());
    assert.equal(await reader.get('a'), '1');
    assert.equal(await s.begin().get('a'), '1099');
  });
});

describe('pessimistic transactions', () => {
  it('waits for a lock, then reports the newer commit so the statement can retry', async () => {
    const s = createMemoryStorage();
    const a = s.begin({ pessimistic: true });
    const b = s.begin({ pessimistic: true });
    await a.lockKeys(['k']);
    a.set('k', 'a');
    const waiting = b.lockKeys(['k']);
    let settled = false;
    waiting.catch(() => {}).finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(settled, false);
    await a.commit();
    await assert.rejects(waiting, (e: unknown) => code(e) === 9007);
    b.refreshForUpdateTs();
    await b.lockKeys(['k']);
    assert.equal(await b.currentRead().get('k'), 'a');
    assert.equal(await b.get('k'), undefined);
    b.set('k', 'b');
    await b.commit();
    assert.equal(await s.begin().get('k'), 'b');
  });

  it('an optimistic commit fails on a key locked by another transaction', async () => {
    const s = createMemoryStorage();
    const p = s.begin({ pessimistic: true });
    await p.lockKeys(['k']);
    const o = s.begin();
    o.set('k', '1');
    await assert.rejects(o.commit(), (e: unknown) => code(e) === 9007);
    p.rollback();
  });

  it('rollback releases locks to waiters', async () => {
    const s = createMemoryStorage();
    const a = s.begin({ pessimistic: true });
    const b = s.begin({ pessimistic: true });
    await a.lockKeys(['k']);
    const waiting = b.lockKeys(['k']);
    a.rollback();
    await waiting;
    b.set('k', 'b');
    assert.ok((await b.commit()) > 0);
  });
});
