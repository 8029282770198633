// The domain: the one owner of process-wide state — the store, the published schema, global
// variables, the session registry and the telemetry collector. Every change goes through its
// methods, each of which completes its read-modify-write without an await in between.
import { InfoSchema, type SchemaChange } from '../catalog/infoschema.js';
import { MetaReader, MetaWriter } from '../catalog/meta.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import type { Storage } from '../kv/kv.js';
import { PrivilegeChecker } from '../privilege/checker.js';
import { PrivilegeStore, type PrivilegeTables } from '../privilege/store.js';
import type { RowChanges, StatsView, TableStats } from '../statistics/table-stats.js';
import { openStorage } from '../store/open-storage.js';
import { TelemetryCollector } from '../telemetry/collector.js';
import { parseGoDuration } from '../variables/duration.js';
import { GlobalVariables } from '../variables/global-vars.js';

const BOOTSTRAP_VERSION = 1;
const GLOBAL_VARS_KEY = 'mGlobalVars';
/** Accounts and grants (mysql.user/db/tables_priv) as one JSON meta value. */
const PRIVILEGES_KEY = 'mPrivileges';
/** Ids of the tables analyzed in dynamic prune mode (TiDB's global stats), as a JSON array. */
const GLOBAL_STATS_KEY = 'mGlobalStats';

export interface SessionEntry {
  id: number;
  user: string;
  host: string;
  db(): string | null;
  command(): string;
  time(): number;
  info(): string | null;
  kill(query: boolean): void;
}

export class Domain {
  private schema: InfoSchema;
  private nextConnId = 1;
  readonly sessions = new Map<number, SessionEntry>();
  private persistChain: Promise<unknown> = Promise.resolve();
  /** Builtin-function usage merged from closed sessions (ADMIN SHOW TELEMETRY). */
  readonly telemetry = new TelemetryCollector();
  readonly privilegeChecker: PrivilegeChecker;
  /** Tables with global statistics: dynamic prune mode plans them as one reader (see PlanEnv.prune). */
  private globalStats = new Set<number>();
  /** ANALYZE results and the row changes committed since, by logical table id. */
  private readonly tableStats = new Map<number, StatsView>();

  private constructor(
    readonly storage: Storage,
    readonly globals: GlobalVariables,
    schema: InfoSchema,
    readonly privileges: PrivilegeStore,
  ) {
    this.schema = schema;
    this.privilegeChecker = new PrivilegeChecker(privileges);
  }

  /** Opens the store in `dir` (memory without one), or runs on a given `storage` (clones). */
  static async open(opts: { dir?: string; storage?: Storage }): Promise<Domain> {
    const storage = opts.storage ?? (await openStorage({ dir: opts.dir }));
    await bootstrap(storage);
    const snap = storage.snapshot();
    const meta = new MetaReader(snap);
    const version = await meta.schemaVersion();
    const content: { db: DBInfo; tables: TableInfo[] }[] = [];
    for (const db of await meta.listDatabases()) content.push({ db, tables: await meta.listTables(db.id) });
    const globals = new GlobalVariables();
    const saved = await snap.get(GLOBAL_VARS_KEY);
    if (saved)
      globals.load(Object.entries(JSON.parse(Buffer.from(saved, 'latin1').toString('utf8')) as Record<string, string>));
    const savedPrivs = await snap.get(PRIVILEGES_KEY);
    const privileges = new PrivilegeStore(
      savedPrivs ? (JSON.parse(Buffer.from(savedPrivs, 'latin1').toString('utf8')) as PrivilegeTables) : undefined,
    );
    const d = new Domain(storage, globals, InfoSchema.build(version, content), privileges);
    const savedStats = await snap.get(GLOBAL_STATS_KEY);
    if (savedStats) d.globalStats = new Set(JSON.parse(savedStats) as number[]);
    d.applyGcLifeTime();
    globals.onChange((name) => {
      if (name === 'tidb_gc_life_time') d.applyGcLifeTime();
      d.persistGlobals();
    });
    return d;
  }

  infoSchema(): InfoSchema {
    return this.schema;
  }

  /** Publishes a committed schema change; versions only move forward. */
  publish(version: number, change: SchemaChange): void {
    if (version <= this.schema.version) return;
    this.schema = this.schema.apply(version, change);
  }

  /** Replaces the schema after the store's data was restored to an earlier state (db.restore). */
  replaceSchema(schema: InfoSchema): void {
    this.schema = schema;
  }

  /** ANALYZE TABLE in dynamic prune mode: the table now has global statistics. */
  recordGlobalStats(tableId: number): void {
    if (this.globalStats.has(tableId)) return;
    this.globalStats.add(tableId);
    if (!this.storage.persistent) return;
    const text = JSON.stringify([...this.globalStats]);
    this.persistChain = this.persistChain.then(async () => {
      const txn = this.storage.begin();
      txn.set(GLOBAL_STATS_KEY, text);
      await txn.commit();
    });
  }

  /** The statistics of a table, or undefined when it was never analyzed (the planner uses pseudo estimates). */
  statsOf(tableId: number): StatsView | undefined {
    return this.tableStats.get(tableId);
  }

  /** Publishes a table's new statistics (ANALYZE TABLE). */
  setTableStats(tableId: number, stats: TableStats): void {
    this.tableStats.set(tableId, { stats, realtimeCount: stats.count, modifyCount: 0 });
  }

  /** Counts committed row changes against the table's statistics (analyzed tables only). */
  noteRowChanges(tableId: number, c: RowChanges): void {
    const v = this.tableStats.get(tableId);
    if (!v) return;
    this.tableStats.set(tableId, {
      stats: v.stats,
      realtimeCount: Math.max(0, v.realtimeCount + c.inserted - c.deleted),
      modifyCount: v.modifyCount + c.inserted + c.deleted + c.updated,
    });
  }

  /** Every analyzed table's statistics (SHOW STATS_META). */
  allTableStats(): ReadonlyMap<number, StatsView> {
    return this.tableStats;
  }

  hasGlobalStats(tableId: number): boolean {
    return this.globalStats.has(tableId);
  }

  allocConnectionId(): number {
    return this.nextConnId++;
  }

  /** The store keeps old versions readable for tidb_gc_life_time (stale reads, tidb_snapshot). */
  private applyGcLifeTime(): void {
    const store = this.storage as { setGcLifeTime?: (ms: number) => void };
    const ns = parseGoDuration(this.globals.get('tidb_gc_life_time'));
    if (ns !== undefined) store.setGcLifeTime?.(Number(ns / 1_000_000n));
  }

  /** SET GLOBAL values survive restarts of a persistent store (written in order, one at a time). */
  private persistGlobals(): void {
    if (!this.storage.persistent) return;
    const text = JSON.stringify(Object.fromEntries(this.globals.all()));
    this.persistChain = this.persistChain.then(async () => {
      const txn = this.storage.begin();
      txn.set(GLOBAL_VARS_KEY, Buffer.from(text, 'utf8').toString('latin1'));
      await txn.commit();
    });
  }

  /** Writes the account and grant tables after a change (in order, one write at a time); awaited by the statement. */
  persistPrivileges(): Promise<void> {
    if (!this.storage.persistent) return Promise.resolve();
    const text = JSON.stringify(this.privileges.toJSON());
    const write = this.persistChain.then(async () => {
      const txn = this.storage.begin();
      txn.set(PRIVILEGES_KEY, Buffer.from(text, 'utf8').toString('latin1'));
      await txn.commit();
    });
    this.persistChain = write.catch(() => {});
    return write;
  }

  async close(): Promise<void> {
    await this.persistChain;
    await this.storage.close();
  }
}

/** A new store gets the `test` and `mysql` databases, as TiDB's bootstrap creates them. */
async function bootstrap(storage: Storage): Promise<void> {
  const txn = storage.begin();
  const meta = new MetaWriter(txn);
  if ((await meta.bootstrapVersion()) >= BOOTSTRAP_VERSION) {
    txn.rollback();
    return;
  }
  for (const name of ['mysql', 'test']) {
    const [id] = await meta.allocGlobalIds(1);
    meta.putDatabase({ id: id!, name, charset: 'utf8mb4', collate: 'utf8mb4_bin' });
  }
  await meta.bumpSchemaVersion();
  meta.setBootstrapVersion(BOOTSTRAP_VERSION);
  await txn.commit();
}
