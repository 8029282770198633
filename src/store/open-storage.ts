// Opens the storage a database runs on: LMDB in `dir` when given, otherwise memory.
import { mkdir } from 'node:fs/promises';
import type { Storage } from '../kv/kv.js';
import type { KvStorageOptions } from '../kv/kv-storage.js';
import { openLmdbStorage } from './lmdb.js';
import { createMemoryStorage } from './memory.js';

export interface OpenStorageOptions extends KvStorageOptions {
  /** Directory of the persistent LMDB store; in-memory storage when absent. */
  dir?: string;
}

export async function openStorage(opts: OpenStorageOptions = {}): Promise<Storage> {
  const { dir, ...rest } = opts;
  if (dir === undefined) return createMemoryStorage(rest);
  await mkdir(dir, { recursive: true });
  return openLmdbStorage(dir, rest);
}
