// Locates the project (root, corpora) and loads the embedded engine for the test tools and the CLI.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenOptions, QueryOptions, QueryResult, SessionHandle } from '../api-types.js';

/** The part of the embedded API the tools use (src/index.ts `class TiLite`). */
export interface EngineDb {
  query<R = unknown>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>>;
  exec(script: string, options?: QueryOptions): Promise<QueryResult[]>;
  session(opts?: { user?: string }): Promise<SessionHandle>;
  close(): Promise<void>;
}

export interface EngineClass {
  open(opts?: OpenOptions): Promise<EngineDb>;
}

/**
 * The engine's TiLite class. Imported by computed URL so the tools build before src/index.ts exists; a missing
 * engine is reported as an error rather than a compile failure.
 */
export async function loadTiLite(): Promise<EngineClass> {
  const url = new URL('../index.js', import.meta.url).href;
  let mod: { TiLite?: EngineClass };
  try {
    mod = (await import(url)) as { TiLite?: EngineClass };
  } catch (e) {
    const missing = (e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes(url.slice(7));
    if (missing) throw new Error(`the engine is not built: ${fileURLToPath(url)} is missing (run npm run build)`);
    throw e;
  }
  if (!mod.TiLite) throw new Error('src/index.ts does not export TiLite');
  return mod.TiLite;
}

/** The project root: the nearest directory above this file holding package.json. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('project root (package.json) not found');
    dir = up;
  }
  return dir;
}

/** The shared corpora folder: ../shared/corpora next to the project. */
export function corporaDir(): string {
  return resolve(projectRoot(), '..', 'shared', 'corpora');
}
