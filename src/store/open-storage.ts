// Opens the storage a database runs on: LMDB in `dir` when given, otherwise memory.
// node:fs, not node:fs/promises: the latter costs start-up time and is needed for this one call only.
import { mkdirSync } from 'node:fs';
import type { Storage } from '../kv/kv.js';
import type { KvStorageOptions } from '../kv/kv-storage.js';
import { createMemoryStorage } from './memory.js';

export interface OpenStorageOptions extends KvStorageOptions {
  /** Directory of the persistent LMDB store; in-memory storage when absent. */
  dir?: string;
}

export async function openStorage(opts: OpenStorageOptions = {}): Promise<Storage> {
  const { dir, ...rest } = opts;
  if (dir === undefined) return createMemoryStorage(rest);
  mkdirSync(dir, { recursive: true });
  // Loaded on first use: the native LMDB binding costs in-memory databases ~50 ms of start-up.
  const { openLmdbStorage } = await import('./lmdb.js');
  return openLmdbStorage(dir, rest);
}
