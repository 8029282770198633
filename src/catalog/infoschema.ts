// An immutable, versioned snapshot of the schema (TiDB's infoschema). A statement plans and runs
// against one snapshot; DDL publishes a new one. Names are matched case-insensitively
// (lower_case_table_names = 2: stored as given, compared in lower case), as TiDB does.
import { PersistentMap } from '../util/persistent-map.js';
import type { DBInfo, PolicyInfo, TableInfo } from './model.js';

export interface TableEntry {
  readonly db: DBInfo;
  readonly table: TableInfo;
}

interface DbEntry {
  readonly info: DBInfo;
  /** By lower-case name. */
  readonly tables: PersistentMap<string, TableInfo>;
}

export class InfoSchema {
  readonly version: number;
  private readonly dbs: ReadonlyMap<string, DbEntry>;
  /** Logical table ids and partition ids → their table. */
  private readonly byId: PersistentMap<number, TableEntry>;
  /** Placement policies by lower-case name. */
  private readonly policyMap: ReadonlyMap<string, PolicyInfo>;

  private constructor(
    version: number,
    dbs: ReadonlyMap<string, DbEntry>,
    byId: PersistentMap<number, TableEntry>,
    policies: ReadonlyMap<string, PolicyInfo>,
  ) {
    this.version = version;
    this.dbs = dbs;
    this.byId = byId;
    this.policyMap = policies;
  }

  static build(
    version: number,
    content: Iterable<{ db: DBInfo; tables: readonly TableInfo[] }>,
    policies: readonly PolicyInfo[] = [],
  ): InfoSchema {
    const dbs = new Map<string, DbEntry>();
    let byId = PersistentMap.empty<number, TableEntry>();
    for (const { db, tables } of content) {
      let t = PersistentMap.empty<string, TableInfo>();
      for (const table of tables) {
        deepFreeze(table);
        t = t.set(table.name.toLowerCase(), table);
        byId = indexTable(byId, db, table);
      }
      dbs.set(db.name.toLowerCase(), { info: Object.freeze(db), tables: t });
    }
    const policyMap = new Map(policies.map((p) => [p.name.toLowerCase(), deepFreeze(p)]));
    return new InfoSchema(version, dbs, byId, policyMap);
  }

  /** A new version with the given changes applied; unchanged objects are shared. */
  apply(version: number, change: SchemaChange): InfoSchema {
    const dbs = new Map(this.dbs);
    let byId = this.byId;
    for (const db of change.droppedDbs ?? []) {
      const entry = dbs.get(db.toLowerCase());
      if (!entry) continue;
      for (const t of entry.tables.values()) byId = unindexTable(byId, t);
      dbs.delete(db.toLowerCase());
    }
    for (const db of change.putDbs ?? []) {
      const prev = dbs.get(db.name.toLowerCase());
      dbs.set(db.name.toLowerCase(), {
        info: Object.freeze(db),
        tables: prev?.tables ?? PersistentMap.empty<string, TableInfo>(),
      });
    }
    /** The db's tables without the table of id `tableId` (found by its current name), and byId without it. */
    const without = (entry: DbEntry, tableId: number): PersistentMap<string, TableInfo> => {
      const prev = byId.get(tableId)?.table;
      const name = prev?.name.toLowerCase();
      if (prev === undefined || name === undefined || entry.tables.get(name)?.id !== tableId) return entry.tables;
      byId = unindexTable(byId, prev);
      return entry.tables.delete(name);
    };
    for (const { dbName, tableId } of change.droppedTables ?? []) {
      const entry = dbs.get(dbName.toLowerCase());
      if (!entry) continue;
      dbs.set(dbName.toLowerCase(), { info: entry.info, tables: without(entry, tableId) });
    }
    for (const { dbName, table } of change.putTables ?? []) {
      const entry = dbs.get(dbName.toLowerCase());
      if (!entry) continue;
      deepFreeze(table);
      const tables = without(entry, table.id).set(table.name.toLowerCase(), table);
      byId = indexTable(byId, entry.info, table);
      dbs.set(dbName.toLowerCase(), { info: entry.info, tables });
    }
    let policies = this.policyMap;
    if (change.putPolicies || change.droppedPolicies) {
      const next = new Map(this.policyMap);
      for (const name of change.droppedPolicies ?? []) next.delete(name.toLowerCase());
      for (const p of change.putPolicies ?? []) next.set(p.name.toLowerCase(), deepFreeze(p));
      policies = next;
    }
    return new InfoSchema(version, dbs, byId, policies);
  }

  policy(name: string): PolicyInfo | undefined {
    return this.policyMap.get(name.toLowerCase());
  }

  /** Placement policies in creation (id) order. */
  policies(): PolicyInfo[] {
    return [...this.policyMap.values()].sort((a, b) => a.id - b.id);
  }

  database(name: string): DBInfo | undefined {
    return this.dbs.get(name.toLowerCase())?.info;
  }

  databases(): DBInfo[] {
    return [...this.dbs.values()].map((d) => d.info);
  }

  table(db: string, name: string): TableInfo | undefined {
    return this.dbs.get(db.toLowerCase())?.tables.get(name.toLowerCase());
  }

  /** The database's tables in creation (id) order. */
  tables(db: string): TableInfo[] {
    const entry = this.dbs.get(db.toLowerCase());
    return entry ? [...entry.tables.values()].sort((a, b) => a.id - b.id) : [];
  }

  /** By logical table id or partition id. */
  tableById(id: number): TableEntry | undefined {
    return this.byId.get(id);
  }
}

export interface SchemaChange {
  putDbs?: DBInfo[];
  droppedDbs?: string[];
  putTables?: { dbName: string; table: TableInfo }[];
  droppedTables?: { dbName: string; tableId: number }[];
  putPolicies?: PolicyInfo[];
  droppedPolicies?: string[];
}

function indexTable(
  byId: PersistentMap<number, TableEntry>,
  db: DBInfo,
  table: TableInfo,
): PersistentMap<number, TableEntry> {
  const entry = { db, table };
  let out = byId.set(table.id, entry);
  for (const p of table.partition?.definitions ?? []) out = out.set(p.id, entry);
  return out;
}

function unindexTable(byId: PersistentMap<number, TableEntry>, table: TableInfo): PersistentMap<number, TableEntry> {
  let out = byId.delete(table.id);
  for (const p of table.partition?.definitions ?? []) out = out.delete(p.id);
  return out;
}

/** Published schema objects are shared by concurrent statements: freezing makes accidental mutation fail loudly. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
