// Loads the single-file CommonJS bundle of the library (dist/tilite.cjs, built by scripts/bundle.js) with a V8
// code cache, as Node ≥ 22.1's module.enableCompileCache does: the first process compiles the bundle and, once
// it has run, stores V8's code for it; later processes skip parsing and compiling (import → first query drops
// from ~65 ms to ~25 ms on Node 20). A cache that is missing, corrupt, stale or unwritable never fails the load.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** The cache is written this long after load (or at exit, whichever is first), so it holds the functions used. */
const WRITE_DELAY_MS = 2000;
/** The trailer scripts/bundle.js appends: a hash of the bundle's content. */
const HASH_TRAILER = /\/\/# tiliteBundleHash=([0-9a-f]+)\s*$/;

/** FNV-1a of a string's UTF-16 code units (names the cache file; not an integrity check). */
function stringHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * Runs `fn` with V8's code-cache checksum on: V8 then writes a checksum into cached data and rejects data whose
 * checksum does not match. Off by default in release builds, where a damaged cache crashes the process
 * instead of being rejected. Undefined when the flag cannot be set: the cache is then not used.
 */
function withCacheChecksum<T>(fn: () => T): T | undefined {
  try {
    setFlagsFromString('--verify-snapshot-checksum');
  } catch {
    return undefined;
  }
  try {
    return fn();
  } finally {
    setFlagsFromString('--no-verify-snapshot-checksum');
  }
}

/**
 * Directories to keep the cache in, best first: $TILITE_CACHE_DIR; node_modules/.cache/tilite of the project
 * the package is installed in (or of this checkout); a per-user directory under the OS temp dir.
 */
export function cacheDirs(bundleFile: string): string[] {
  const env = process.env.TILITE_CACHE_DIR;
  if (env) return [env];
  const dirs: string[] = [];
  const nm = bundleFile.lastIndexOf(`${sep}node_modules${sep}`);
  const projectRoot = nm >= 0 ? bundleFile.slice(0, nm) : join(dirname(bundleFile), '..');
  dirs.push(join(projectRoot, 'node_modules', '.cache', 'tilite'));
  const uid = process.getuid?.() ?? 'user';
  dirs.push(join(tmpdir(), `tilite-cache-${uid}`));
  return dirs;
}

/** A cache file's bytes, unless missing or (in the shared temp dir) owned by another user. */
function readCache(file: string, checkOwner: boolean): Buffer | undefined {
  try {
    if (checkOwner && statSync(file).uid !== process.getuid?.()) return undefined;
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache atomically (temp file + rename) into the first directory that accepts it. */
function writeCache(dirs: readonly string[], name: string, data: Buffer): void {
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const tmp = join(dir, `${name}.${process.pid}.tmp`);
      writeFileSync(tmp, data, { mode: 0o600 });
      renameSync(tmp, join(dir, name));
      return;
    } catch {
      // Not writable here: try the next directory.
    }
  }
}

export interface LoadedBundle {
  exports: Record<string, unknown>;
  /** How the code was obtained: from the V8 code cache, compiled now (cache written later), or by Node's cache. */
  cache: 'hit' | 'miss' | 'node-compile-cache';
}

/** Runs a CommonJS bundle file and returns its exports, through the code cache described above. */
export function loadBundle(bundleFile: string): LoadedBundle {
  const requireFromBundle = createRequire(bundleFile);
  // Node ≥ 22.1 keeps its own compile cache (for ESM and CommonJS alike); it is preferred where it exists.
  const enableCompileCache = (Module as { enableCompileCache?: (dir?: string) => { status: number } })
    .enableCompileCache;
  if (enableCompileCache) {
    const env = process.env.TILITE_CACHE_DIR;
    enableCompileCache(env || undefined);
    return { exports: requireFromBundle(bundleFile), cache: 'node-compile-cache' };
  }
  const source = readFileSync(bundleFile, 'utf8');
  const bundleHash = HASH_TRAILER.exec(source.slice(-200))?.[1] ?? stringHash(source);
  // V8 rejects code cached under other flags or versions; keying by them lets differently started processes coexist.
  const key = stringHash(
    [bundleHash, process.version, process.arch, process.execArgv.join(' '), process.env.NODE_OPTIONS ?? ''].join('\0'),
  );
  const name = `tilite-${bundleHash.slice(0, 16)}-${key}.v8cache`;
  const dirs = cacheDirs(bundleFile);
  let cachedData: Buffer | undefined;
  for (const dir of dirs) {
    cachedData = readCache(join(dir, name), dir.startsWith(tmpdir()));
    if (cachedData) break;
  }
  const wrapped = Module.wrap(source);
  const script =
    withCacheChecksum(() => new Script(wrapped, { filename: bundleFile, cachedData })) ??
    new Script(wrapped, { filename: bundleFile });
  const hit = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, requireFromBundle, module, bundleFile, dirname(bundleFile));
  if (!hit) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      process.off('exit', write);
      try {
        const data = withCacheChecksum(() => script.createCachedData());
        if (data) writeCache(dirs, name, data);
      } catch {
        // The cache is an optimisation only.
      }
    };
    setTimeout(write, WRITE_DELAY_MS).unref();
    process.on('exit', write);
  }
  if (process.env.TILITE_CACHE_DEBUG) process.stderr.write(`tilite code cache: ${hit ? 'hit' : 'miss'} ${name}\n`);
  return { exports: module.exports, cache: hit ? 'hit' : 'miss' };
}
