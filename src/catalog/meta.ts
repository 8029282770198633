// Persistent catalog metadata in the kv store (TiDB's meta package). Every change is made inside a
// kv transaction, so DDL commits atomically with any data it writes and survives crashes consistently.
import type { Bytes, Snapshot, Transaction } from '../kv/kv.js';
import type { DBInfo, PolicyInfo, TableInfo } from './model.js';

// Meta keys sort before table data ('m' < 't').
const NEXT_GLOBAL_ID = 'mNextGlobalID';
const SCHEMA_VERSION = 'mSchemaVersion';
const DB_PREFIX = 'mDB:';
const TABLE_PREFIX = 'mTbl:';
const AUTO_ID_PREFIX = 'mAutoID:';
const BOOTSTRAP = 'mBootstrapVersion';
const POLICY_PREFIX = 'mPolicy:';

function encodeJson(v: unknown): Bytes {
  return Buffer.from(JSON.stringify(v), 'utf8').toString('latin1');
}

function decodeJson<T>(b: Bytes): T {
  return JSON.parse(Buffer.from(b, 'latin1').toString('utf8')) as T;
}

function pad(n: number): string {
  return n.toString().padStart(12, '0');
}

function dbKey(dbId: number): Bytes {
  return DB_PREFIX + pad(dbId);
}

function tableKey(dbId: number, tableId: number): Bytes {
  return `${TABLE_PREFIX}${pad(dbId)}:${pad(tableId)}`;
}

function tablePrefixOfDb(dbId: number): Bytes {
  return `${TABLE_PREFIX}${pad(dbId)}:`;
}

/** The end of a prefix range: the smallest key greater than every key starting with prefix. */
function prefixEnd(prefix: Bytes): Bytes {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

async function scanAll(snap: Snapshot, start: Bytes, end: Bytes): Promise<Bytes[]> {
  const out: Bytes[] = [];
  for await (const batch of snap.scan(start, end)) for (const p of batch) out.push(p.value);
  return out;
}

export class MetaReader {
  constructor(protected readonly snap: Snapshot) {}

  async schemaVersion(): Promise<number> {
    const v = await this.snap.get(SCHEMA_VERSION);
    return v === undefined ? 0 : Number(v);
  }

  async bootstrapVersion(): Promise<number> {
    const v = await this.snap.get(BOOTSTRAP);
    return v === undefined ? 0 : Number(v);
  }

  async listDatabases(): Promise<DBInfo[]> {
    return (await scanAll(this.snap, DB_PREFIX, prefixEnd(DB_PREFIX))).map((b) => decodeJson<DBInfo>(b));
  }

  async listTables(dbId: number): Promise<TableInfo[]> {
    const prefix = tablePrefixOfDb(dbId);
    return (await scanAll(this.snap, prefix, prefixEnd(prefix))).map((b) => decodeJson<TableInfo>(b));
  }

  async listPolicies(): Promise<PolicyInfo[]> {
    return (await scanAll(this.snap, POLICY_PREFIX, prefixEnd(POLICY_PREFIX))).map((b) => decodeJson<PolicyInfo>(b));
  }

  async autoIdBase(tableId: number): Promise<number> {
    const v = await this.snap.get(AUTO_ID_PREFIX + pad(tableId));
    return v === undefined ? 0 : Number(v);
  }
}

export class MetaWriter extends MetaReader {
  constructor(private readonly txn: Transaction) {
    super(txn);
  }

  /** Allocates `count` consecutive global ids (databases, tables, partitions share one space). */
  async allocGlobalIds(count: number): Promise<number[]> {
    const v = await this.txn.get(NEXT_GLOBAL_ID);
    const next = v === undefined ? 1 : Number(v);
    this.txn.set(NEXT_GLOBAL_ID, String(next + count));
    return Array.from({ length: count }, (_, i) => next + i);
  }

  async bumpSchemaVersion(): Promise<number> {
    const v = (await this.schemaVersion()) + 1;
    this.txn.set(SCHEMA_VERSION, String(v));
    return v;
  }

  setBootstrapVersion(v: number): void {
    this.txn.set(BOOTSTRAP, String(v));
  }

  putDatabase(db: DBInfo): void {
    this.txn.set(dbKey(db.id), encodeJson(db));
  }

  deleteDatabase(dbId: number): void {
    this.txn.delete(dbKey(dbId));
  }

  putTable(dbId: number, t: TableInfo): void {
    this.txn.set(tableKey(dbId, t.id), encodeJson(t));
  }

  deleteTable(dbId: number, tableId: number): void {
    this.txn.delete(tableKey(dbId, tableId));
  }

  putPolicy(p: PolicyInfo): void {
    this.txn.set(POLICY_PREFIX + pad(p.id), encodeJson(p));
  }

  deletePolicy(policyId: number): void {
    this.txn.delete(POLICY_PREFIX + pad(policyId));
  }

  setAutoIdBase(tableId: number, base: number): void {
    this.txn.set(AUTO_ID_PREFIX + pad(tableId), String(base));
  }
}
