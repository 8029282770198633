// The package entry (`import 'tilite'`: dist/tilite.cjs through a V8 code cache) in fresh node processes:
// results are right, the first process writes the cache and later ones use it, and a damaged, truncated or
// unwritable cache never breaks a load. Runs the built package (npm run build), also when the tests run from source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import * as library from '../../../src/index.js';
import { projectRoot } from '../../../src/tools/engine.js';

const root = projectRoot();
const bundle = join(root, 'dist', 'tilite.cjs');

// Imported by the package's own name (self-reference through package.json "exports"), as a user would.
const CHILD = `
const m = await import('tilite');
const db = await m.TiLite.open();
const r = await db.query("SELECT 1 + 1 AS two, UPPER('abc') AS s, SHA1('x') AS h, CAST(UNCOMPRESS(COMPRESS('zz')) AS CHAR) AS z");
await db.exec('CREATE TABLE t (a INT PRIMARY KEY, b VARCHAR(10)); INSERT INTO t VALUES (1, "x"), (2, "y")');
const t = await db.query('SELECT b FROM t WHERE a = 2', [], { rowMode: 'array' });
console.log(JSON.stringify({ row: r.rows[0], t: t.rows, exports: Object.keys(m).sort(), isDefault: m.default === m.TiLite }));
await db.close();
`;

interface ChildResult {
  out: { row: Record<string, unknown>; t: unknown[][]; exports: string[]; isDefault: boolean };
  cache: string;
}

function runChild(cacheDir: string): ChildResult {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: root,
    env: { ...process.env, TILITE_CACHE_DIR: cacheDir, TILITE_CACHE_DEBUG: '1' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `child failed (${r.status ?? r.signal}): ${r.stderr}`);
  const cache = /tilite code cache: (\w+)/.exec(r.stderr)?.[1] ?? '';
  return { out: JSON.parse(r.stdout.trim().split('\n').pop()!), cache };
}

function checkResult(res: ChildResult): void {
  assert.deepEqual(res.out.row, { two: 2, s: 'ABC', h: '11f6ad8ec52a2984abaafd7c3b516503785c2072', z: 'zz' });
  assert.deepEqual(res.out.t, [['y']]);
  assert.equal(res.out.isDefault, true);
}

function cacheFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : [];
}

describe('package entry with code cache', { skip: existsSync(bundle) ? false : `${bundle} is not built` }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'tilite-entry-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('exports what src/index.ts exports', () => {
    const res = runChild(join(tmp, 'exports'));
    assert.deepEqual(res.out.exports, Object.keys(library).sort());
  });

  it('writes the cache on the first run and uses it on the next', () => {
    const dir = join(tmp, 'warm');
    const first = runChild(dir);
    checkResult(first);
    assert.equal(first.cache, 'miss');
    const files = cacheFiles(dir);
    assert.equal(files.length, 1);
    const bytes = readFileSync(join(dir, files[0]));
    assert.ok(bytes.length > 1000);
    const second = runChild(dir);
    checkResult(second);
    assert.equal(second.cache, 'hit');
    assert.deepEqual(readFileSync(join(dir, files[0])), bytes, 'a used cache is not rewritten');
  });

  it('ignores a corrupted cache file and replaces it', () => {
    const dir = join(tmp, 'corrupt');
    runChild(dir);
    const file = join(dir, cacheFiles(dir)[0]);
    const bytes = readFileSync(file);
    // Damage in the middle of the payload: V8 itself would crash on it unless the checksum is verified.
    for (let i = bytes.length >> 1; i < (bytes.length >> 1) + 64; i++) bytes[i] ^= 0x5a;
    writeFileSync(file, bytes);
    const damaged = runChild(dir);
    checkResult(damaged);
    assert.equal(damaged.cache, 'miss');
    assert.equal(runChild(dir).cache, 'hit', 'the rejected cache was rewritten');
  });

  it('ignores truncated and foreign cache files', () => {
    const dir = join(tmp, 'truncated');
    runChild(dir);
    const file = join(dir, cacheFiles(dir)[0]);
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const truncated = runChild(dir);
    checkResult(truncated);
    assert.equal(truncated.cache, 'miss');
    writeFileSync(file, 'not a code cache');
    checkResult(runChild(dir));
  });

  it('works when the cache cannot be written', () => {
    const notADir = join(tmp, 'file');
    writeFileSync(notADir, '');
    const res = runChild(notADir);
    checkResult(res);
    assert.equal(res.cache, 'miss');
    assert.equal(readFileSync(notADir, 'utf8'), '');
  });
});
