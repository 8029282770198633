// Snapshot, restore and clone of a whole in-memory database, for test suites: the memory engine
// captures its committed data in O(1) (copy-on-write trees), and the schema is read back from the
// restored meta data, so the catalog and the data never disagree.
import { InfoSchema } from '../catalog/infoschema.js';
import { MetaReader } from '../catalog/meta.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { Storage } from '../kv/kv.js';
import { MemoryStorage, type MemoryState } from '../store/memory.js';
import { forgetAllocator } from '../table/auto-id.js';
import { Domain } from './domain.js';

/** A captured state of an in-memory database (opaque to callers). */
export interface DatabaseSnapshot {
  readonly state: MemoryState;
  readonly storage: Storage;
}

function memoryStorage(d: Domain, what: string): MemoryStorage {
  if (!(d.storage instanceof MemoryStorage)) throw sqlError(ER.NOT_SUPPORTED_YET, `${what} of a persistent database`);
  return d.storage;
}

/** The schema stored in the committed data of `storage`. */
export async function loadInfoSchema(storage: Storage): Promise<InfoSchema> {
  const meta = new MetaReader(storage.snapshot());
  const version = await meta.schemaVersion();
  const content: { db: DBInfo; tables: TableInfo[] }[] = [];
  for (const db of await meta.listDatabases()) content.push({ db, tables: await meta.listTables(db.id) });
  return InfoSchema.build(version, content, await meta.listPolicies());
}

/** O(1): captures the committed data (open transactions' uncommitted writes are not part of it). */
export function snapshotDatabase(d: Domain): DatabaseSnapshot {
  return { state: memoryStorage(d, 'snapshot').snapshotState(), storage: d.storage };
}

/**
 * Returns the database to a snapshot: data, schema and AUTO_INCREMENT counters. Transactions open
 * across the restore fail to commit their writes (write conflict).
 */
export async function restoreDatabase(d: Domain, snap: DatabaseSnapshot): Promise<void> {
  const storage = memoryStorage(d, 'restore');
  if (snap.storage !== storage) throw sqlError(ER.INTERNAL, 'the snapshot was taken of another database');
  const before = d.infoSchema();
  storage.restoreState(snap.state);
  const after = await loadInfoSchema(storage);
  for (const is of [before, after]) {
    for (const db of is.databases()) for (const t of is.tables(db.name)) forgetTable(storage, t);
  }
  d.replaceSchema(after);
}

function forgetTable(storage: Storage, t: TableInfo): void {
  forgetAllocator(storage, t.id);
  for (const p of t.partition?.definitions ?? []) forgetAllocator(storage, p.id);
}

/** A new, independent in-memory database holding a copy of `d`'s committed data and global variables. */
export async function cloneDatabase(d: Domain): Promise<Domain> {
  const state = memoryStorage(d, 'clone').snapshotState();
  const storage = new MemoryStorage();
  storage.restoreState(state);
  const clone = await Domain.open({ storage });
  clone.globals.load(d.globals.all());
  return clone;
}
