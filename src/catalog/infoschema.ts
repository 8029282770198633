// An immutable, versioned snapshot of the schema (TiDB's infoschema). A statement plans and runs
// against one snapshot; DDL publishes a new one. Names are matched case-insensitively
// (lower_case_table_names = 2: stored as given, compared in lower case), as TiDB does.
import type { DBInfo, PolicyInfo, TableInfo } from './model.js';

export interface TableEntry {
  readonly db: DBInfo;
  readonly table: TableInfo;
}

interface DbEntry {
  readonly info: DBInfo;
  readonly tables: ReadonlyMap<string, TableInfo>;
}

export class InfoSchema {
  readonly version: number;
  private readonly dbs: ReadonlyMap<string, DbEntry>;
  /** Logical table ids and partition ids → their table. */
  private readonly byId: ReadonlyMap<number, TableEntry>;
  /** Placement policies by lower-case name. */
  private readonly policyMap: ReadonlyMap<string, PolicyInfo>;

  private constructor(
    version: number,
    dbs: ReadonlyMap<string, DbEntry>,
    byId: ReadonlyMap<number, TableEntry>,
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
    const byId = new Map<number, TableEntry>();
    for (const { db, tables } of content) {
      const t = new Map<string, TableInfo>();
      for (const table of tables) {
        deepFreeze(table);
        t.set(table.name.toLowerCase(), table);
        indexTable(byId, db, table);
      }
      dbs.set(db.name.toLowerCase(), { info: Object.freeze(db), tables: t });
    }
    const policyMap = new Map(policies.map((p) => [p.name.toLowerCase(), deepFreeze(p)]));
    return new InfoSchema(version, dbs, byId, policyMap);
  }

  /** A new version with the given changes applied; unchanged objects are shared. */
  apply(version: number, change: SchemaChange): InfoSchema {
    const dbs = new Map(this.dbs);
    const byId = new Map(this.byId);
    for (const db of change.droppedDbs ?? []) {
      const entry = dbs.get(db.toLowerCase());
      if (!entry) continue;
      for (const t of entry.tables.values()) unindexTable(byId, t);
      dbs.delete(db.toLowerCase());
    }
    for (const db of change.putDbs ?? []) {
      const prev = dbs.get(db.name.toLowerCase());
      dbs.set(db.name.toLowerCase(), { info: Object.freeze(db), tables: prev?.tables ?? new Map() });
    }
    for (const { dbName, tableId } of change.droppedTables ?? []) {
      const entry = dbs.get(dbName.toLowerCase());
      if (!entry) continue;
      const tables = new Map(entry.tables);
      for (const [k, t] of tables) {
        if (t.id === tableId) {
          tables.delete(k);
          unindexTable(byId, t);
        }
      }
      dbs.set(dbName.toLowerCase(), { info: entry.info, tables });
    }
    for (const { dbName, table } of change.putTables ?? []) {
      const entry = dbs.get(dbName.toLowerCase());
      if (!entry) continue;
      deepFreeze(table);
      const tables = new Map(entry.tables);
      for (const [k, t] of tables) {
        if (t.id === table.id) {
          tables.delete(k);
          unindexTable(byId, t);
        }
      }
      tables.set(table.name.toLowerCase(), table);
      indexTable(byId, entry.info, table);
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

  tables(db: string): TableInfo[] {
    const entry = this.dbs.get(db.toLowerCase());
    return entry ? [...entry.tables.values()] : [];
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

function indexTable(byId: Map<number, TableEntry>, db: DBInfo, table: TableInfo): void {
  const entry = { db, table };
  byId.set(table.id, entry);
  for (const p of table.partition?.definitions ?? []) byId.set(p.id, entry);
}

function unindexTable(byId: Map<number, TableEntry>, table: TableInfo): void {
  byId.delete(table.id);
  for (const p of table.partition?.definitions ?? []) byId.delete(p.id);
}

/** Published schema objects are shared by concurrent statements: freezing makes accidental mutation fail loudly. */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
