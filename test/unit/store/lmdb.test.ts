import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isTiLiteError } from '../../../src/errors/index.js';
import { openLmdbStorage } from '../../../src/store/lmdb.js';
import { openStorage } from '../../../src/store/open-storage.js';
import { collect, keysOf } from '../kv/helpers.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'tilite-lmdb-'));
  dirs.push(d);
  return d;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('lmdb storage', () => {
  it('survives close and reopen, with timestamps staying monotonic', async () => {
    const dir = await tempDir();
    const s1 = await openStorage({ dir });
    assert.equal(s1.persistent, true);
    const t = s1.begin();
    t.set('a', '\x00\xff\x01');
    t.set('b', '2');
    t.set('c', '3');
    const commitTs = await t.commit();
    const t2 = s1.begin();
    t2.delete('b');
    await t2.commit();
    await s1.close();

    const s2 = openLmdbStorage(dir);
    assert.ok(s2.currentTs() > commitTs);
    const r = s2.begin();
    assert.equal(await r.get('a'), '\x00\xff\x01');
    assert.equal(await r.get('b'), undefined);
    assert.deepEqual(keysOf(await collect(r, '', '\xff')), ['a', 'c']);
    await s2.close();
  });

  it('reads old versions at old timestamps, forward and reverse', async () => {
    const s = openLmdbStorage(await tempDir());
    const w = s.begin();
    for (const k of ['k1', 'k2', 'k3', 'k4']) w.set(k, 'old');
    await w.commit();
    const reader = s.begin();
    const w2 = s.begin();
    w2.set('k2', 'new');
    w2.delete('k3');
    w2.set('k0', 'new');
    w2.set('k5', 'new');
    await w2.commit();
    assert.deepEqual(await collect(reader, 'k', 'l'), [
      { key: 'k1', value: 'old' },
      { key: 'k2', value: 'old' },
      { key: 'k3', value: 'old' },
      { key: 'k4', value: 'old' },
    ]);
    assert.deepEqual(keysOf(await collect(reader, 'k1', 'k4', { reverse: true })), ['k3', 'k2', 'k1']);
    const now = s.begin();
    assert.deepEqual(keysOf(await collect(now, 'k', 'l', { reverse: true })), ['k5', 'k4', 'k2', 'k1', 'k0']);
    assert.deepEqual(keysOf(await collect(now, 'k0', 'k5', { reverse: true, limit: 2 })), ['k4', 'k2']);
    assert.equal(await now.get('k2'), 'new');
    assert.equal(await reader.get('k2'), 'old');
    reader.rollback();
    await s.gc(s.currentTs());
    assert.equal(await s.begin().get('k3'), undefined);
    await s.close();
  });

  it('scans many keys in batches with transaction writes merged', async () => {
    const s = openLmdbStorage(await tempDir());
    const w = s.begin();
    for (let i = 0; i < 3000; i++) w.set(`r${String(i).padStart(5, '0')}`, String(i));
    await w.commit();
    const t = s.begin();
    t.delete('r00010');
    t.set('r00010x', 'mine');
    const all = await collect(t, 'r', 's');
    assert.equal(all.length, 3000);
    assert.equal(all[10].key, 'r00010x');
    const rev = await collect(t, 'r', 's', { reverse: true });
    assert.deepEqual(keysOf(rev), keysOf(all).reverse());
    await s.close();
  });

  it('detects write conflicts', async () => {
    const s = openLmdbStorage(await tempDir());
    const a = s.begin();
    const b = s.begin();
    a.set('k', '1');
    b.set('k', '2');
    await a.commit();
    await assert.rejects(b.commit(), (e: unknown) => isTiLiteError(e) && e.code === 9007);
    await s.close();
  });

  it('keeps a returned commit after kill -9', async () => {
    const dir = await tempDir();
    // Compiled tests (dist) run the compiled child; tests run from source through tsx run the .ts child.
    const fromSource = import.meta.url.endsWith('.ts');
    const childPath = fileURLToPath(new URL(fromSource ? './lmdb-child.ts' : './lmdb-child.js', import.meta.url));
    const child = spawn(process.execPath, [...(fromSource ? ['--import', 'tsx'] : []), childPath, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out);
      });
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    assert.match(line, /^committed \d+/);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const s = openLmdbStorage(dir);
    assert.equal(await s.begin().get('durable'), 'yes');
    await s.close();
  });
});
