// The memory engine keeps old versions for tidb_gc_life_time, so stale reads (AS OF TIMESTAMP,
// tidb_snapshot) work within that window, and drops versions older than the safe point, so history
// does not grow without bound; under heavy writes a memory bound drops the oldest sooner.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { TSO_LOGICAL_BITS } from '../../../src/kv/timestamp-oracle.js';
import { createMemoryStorage, MemoryStorage } from '../../../src/store/memory.js';

const MINUTE = 60_000;

async function put(s: MemoryStorage, key: string, value: string): Promise<number> {
  const t = s.begin();
  t.set(key, value);
  return t.commit();
}

describe('memory engine GC life time', () => {
  it('serves stale reads within the life time and drops versions older than the safe point', async () => {
    let now = Date.UTC(2025, 0, 1);
    const s = createMemoryStorage({ clock: () => now });
    const first = await put(s, 'k', 'v1');
    now += 5 * MINUTE;
    await put(s, 'k', 'v2');
    assert.equal(await s.snapshot(first).get('k'), 'v1', 'a 5-minute-old version is readable');
    // One commit a second for an hour: only about ten minutes of versions (plus one GC period) stay.
    for (let i = 0; i < 3600; i++) {
      now += 1000;
      await put(s, `k${i % 50}`, String(i));
    }
    assert.ok(s.retainedVersions <= 600 + 1024 + 1, `${s.retainedVersions} versions retained`);
    await s.gc(s.currentTs());
    assert.ok(s.retainedVersions <= 601, `${s.retainedVersions} versions retained after GC`);
    const safe = s.safePoint();
    assert.ok(first < safe, 'the first version is older than the safe point');
    assert.equal(await s.snapshot(s.currentTs() - 9 * MINUTE * 2 ** TSO_LOGICAL_BITS).get('k3599'), undefined);
    await s.close();
  });

  it('follows the life time when it changes; active transactions keep their versions', async () => {
    let now = Date.UTC(2025, 0, 1);
    const s = createMemoryStorage({ clock: () => now });
    const old = await put(s, 'k', 'old');
    const reader = s.begin();
    now += 30 * MINUTE;
    await put(s, 'k', 'new');
    s.setGcLifeTime(60 * MINUTE);
    await s.gc(s.currentTs());
    assert.equal(await s.snapshot(old).get('k'), 'old', 'inside a 1-hour life time');
    s.setGcLifeTime(10 * MINUTE);
    await s.gc(s.currentTs());
    assert.equal(await reader.get('k'), 'old', 'an active transaction keeps its snapshot');
    reader.rollback();
    await s.gc(s.currentTs());
    // Left: the newest version at or before the safe point (readers at the safe point need it) and 'new'.
    assert.equal(s.retainedVersions, 2);
    await s.close();
  });

  it('bounds the memory of old versions within the life time, never below an active transaction', async () => {
    const s = createMemoryStorage({ maxOldVersionBytes: 200_000 });
    for (let i = 0; i < 2000; i++) await put(s, `k${String(i).padStart(5, '0')}`, 'v'.repeat(50));
    const first = await put(s, 'x', 'first');
    const reader = s.begin();
    // Each commit copies a leaf and its parent (about 2.4 kB by the estimate): 200 kB hold about 80.
    for (let i = 0; i < 5000; i++) await put(s, `k${String(i % 2000).padStart(5, '0')}`, String(i));
    assert.ok(s.retainedVersions > 5000, 'an active transaction keeps every version after its start');
    assert.equal(await reader.get('x'), 'first');
    assert.equal(await reader.get('k00010'), 'v'.repeat(50), 'its snapshot is intact');
    reader.rollback();
    for (let i = 0; i < 2048; i++) await put(s, 'y', String(i));
    // Automatic GC runs every 1024 commits: at most that many versions past the bound.
    assert.ok(s.retainedVersions < 100 + 1024, `${s.retainedVersions} versions retained`);
    await s.gc(s.currentTs());
    assert.ok(s.retainedVersions < 100, `${s.retainedVersions} versions retained after GC`);
    const safe = s.safePoint();
    assert.ok(first < safe, 'reads before the dropped versions fall behind the safe point');
    const latest = s.currentTs();
    assert.equal(await s.snapshot(latest).get('k00001'), '4001');
    assert.notEqual(await s.snapshot(safe).get('y'), undefined, 'the safe point itself stays readable');
    await s.close();
  });

  it('stale reads work on an in-memory database; tidb_gc_life_time sets the window', async () => {
    const db = await TiLite.open();
    const storage = db.domain.storage as MemoryStorage;
    assert.ok(storage instanceof MemoryStorage);
    await db.query('create table t (id int primary key, v int)');
    await db.query('insert into t values (1, 10)');
    await new Promise((r) => setTimeout(r, 20));
    const then = (await db.query<unknown[]>('select now(3)', [], { rowMode: 'array' })).rows[0]![0];
    await new Promise((r) => setTimeout(r, 20));
    await db.query('update t set v = 11 where id = 1');
    const at = await db.query<unknown[]>(`select v from t as of timestamp '${String(then)}'`, [], { rowMode: 'array' });
    assert.deepEqual(at.rows, [[10]]);
    await db.query(`set tidb_snapshot = '${String(then)}'`);
    assert.deepEqual((await db.query<unknown[]>('select v from t', [], { rowMode: 'array' })).rows, [[10]]);
    await db.query("set tidb_snapshot = ''");
    await assert.rejects(db.query("select * from t as of timestamp '2020-01-01 00:00:00'"), { code: 9006 });

    const lag = () => (storage.currentTs() - storage.safePoint()) / 2 ** TSO_LOGICAL_BITS / MINUTE;
    assert.ok(Math.abs(lag() - 10) < 0.1, `default window ${lag()} minutes`);
    await db.query("set global tidb_gc_life_time = '2h'");
    assert.ok(Math.abs(lag() - 120) < 0.1, `window after SET GLOBAL ${lag()} minutes`);
    await db.close();
  });
});
