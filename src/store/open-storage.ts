// Opens the storage a database runs on: LMDB in `dir` when given, otherwise memory.
import { mkdir } from 'node:fs/promises';
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
  await mkdir(dir, { recursive: true });
  // Loaded on first use: the native LMDB binding costs in-memory databases ~50 ms of start-up.
  const { openLmdbStorage } = await import('./lmdb.js');
  return openLmdbStorage(dir, rest);
}
