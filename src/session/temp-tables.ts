// Local temporary tables (CREATE TEMPORARY TABLE): visible to the session that created them alone, where
// they hide a catalog table of the same name, and gone when it closes. The session plans against an
// InfoSchema that overlays them on the published one; their rows live in the store under table ids of
// their own range, so no other session can name them.
import type { InfoSchema } from '../catalog/infoschema.js';
import type { TableInfo } from '../catalog/model.js';
import { deleteTableData } from '../ddl/context.js';
import type { Storage } from '../kv/kv.js';
import { forgetAllocator } from '../table/auto-id.js';

/** Temporary table ids start here, far above the catalog's ids (allocated from 1 up). */
const TEMP_ID_BASE = 2 ** 48;
let nextTempId = TEMP_ID_BASE;

/** Ids for a new temporary table; process-wide, so two sessions never share one. */
export function allocTempTableIds(n: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push(nextTempId++);
  return ids;
}

export class TempTables {
  private readonly byName = new Map<string, { db: string; table: TableInfo }>();
  private overlay: { base: InfoSchema; is: InfoSchema } | null = null;

  get size(): number {
    return this.byName.size;
  }

  find(db: string, name: string): TableInfo | undefined {
    return this.byName.get(keyOf(db, name))?.table;
  }

  add(db: string, table: TableInfo): void {
    this.byName.set(keyOf(db, table.name), { db, table });
    this.overlay = null;
  }

  remove(db: string, name: string): TableInfo | undefined {
    const e = this.byName.get(keyOf(db, name));
    if (!e) return undefined;
    this.byName.delete(keyOf(db, name));
    this.overlay = null;
    return e.table;
  }

  /** The published schema with these tables over it (the same object while neither changes). */
  infoSchema(base: InfoSchema): InfoSchema {
    if (this.byName.size === 0) return base;
    if (this.overlay?.base !== base) {
      const putTables = [...this.byName.values()].map((e) => ({ dbName: e.db, table: e.table }));
      this.overlay = { base, is: base.apply(base.version, { putTables }) };
    }
    return this.overlay.is;
  }

  /** Deletes every temporary table's rows (the session is closing). */
  async dropAll(storage: Storage): Promise<void> {
    const tables = [...this.byName.values()].map((e) => e.table);
    this.byName.clear();
    this.overlay = null;
    if (tables.length > 0) await deleteData(storage, tables);
  }
}

/** Deletes the rows of temporary tables in a transaction of their own. */
export async function deleteData(storage: Storage, tables: readonly TableInfo[]): Promise<void> {
  const txn = storage.begin();
  try {
    for (const t of tables) await deleteTableData(txn, t.id);
    await txn.commit();
  } catch (e) {
    txn.rollback();
    throw e;
  }
  for (const t of tables) forgetAllocator(storage, t.id);
}

function keyOf(db: string, name: string): string {
  return `${db.toLowerCase()}\u0000${name.toLowerCase()}`;
}
