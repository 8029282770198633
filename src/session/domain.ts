// The domain: the one owner of process-wide state — the store, the published schema, global
// variables, the session registry and the telemetry collector. Every change goes through its
// methods, each of which completes its read-modify-write without an await in between.
import { InfoSchema, type SchemaChange } from '../catalog/infoschema.js';
import { MetaReader, MetaWriter } from '../catalog/meta.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import type { Storage } from '../kv/kv.js';
import { PrivilegeChecker } from '../privilege/checker.js';
import { PrivilegeStore, type PrivilegeTables } from '../privilege/store.js';
import { columnTypeSignature } from '../statistics/stats-codec.js';
import type { RowChanges, StatsView, TableStats } from '../statistics/table-stats.js';
import { openStorage } from '../store/open-storage.js';
import { TelemetryCollector } from '../telemetry/collector.js';
import { parseGoDuration } from '../variables/duration.js';
import { GlobalVariables } from '../variables/global-vars.js';
import { deleteTableStats, loadTableStats, putStatsCounts, putTableStats } from './domain-stats.js';

const BOOTSTRAP_VERSION = 1;
const GLOBAL_VARS_KEY = 'mGlobalVars';
/** Accounts and grants (mysql.user/db/tables_priv) as one JSON meta value. */
const PRIVILEGES_KEY = 'mPrivileges';
/** Ids of the tables analyzed in dynamic prune mode (TiDB's global stats), as a JSON array. */
const GLOBAL_STATS_KEY = 'mGlobalStats';
/** Row counts since ANALYZE change on every DML commit: they are saved at most this often (and at close). */
const STATS_COUNTS_FLUSH_MS = 1000;

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
  private statsVersionValue = 0;
  /** ANALYZE results and the row changes committed since, by logical table id. */
  private tableStats = new Map<number, StatsView>();
  /** Tables whose counts changed since they were last saved, and the pending save. */
  private readonly dirtyCounts = new Set<number>();
  private countsTimer: NodeJS.Timeout | undefined;

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
    const schema = InfoSchema.build(version, content, await meta.listPolicies());
    const d = new Domain(storage, globals, schema, privileges);
    const savedStats = await snap.get(GLOBAL_STATS_KEY);
    if (savedStats) d.globalStats = new Set(JSON.parse(savedStats) as number[]);
    const { views, stale } = await loadTableStats(snap, d.schema);
    d.tableStats = views;
    if (stale.length && storage.persistent) d.deleteSavedStats(stale);
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
    const before = this.schema;
    this.schema = this.schema.apply(version, change);
    if (this.tableStats.size) this.reconcileStats(before, change);
  }

  /**
   * Statistics follow schema changes: a table that is gone (DROP TABLE/DATABASE, TRUNCATE gives
   * new ids) loses them, and a column whose type changed loses its histogram.
   */
  private reconcileStats(before: InfoSchema, change: SchemaChange): void {
    const gone: number[] = [];
    for (const [id, v] of this.tableStats) {
      const now = this.schema.tableById(id)?.table;
      if (!now || now.id !== id) {
        gone.push(id);
        continue;
      }
      const old = before.tableById(id)?.table;
      if (!old || old === now || !change.putTables?.some((p) => p.table.id === id)) continue;
      const oldTypes = new Map(old.columns.map((c) => [c.id, columnTypeSignature(c.type)]));
      const columns = new Map(v.stats.columns);
      for (const c of now.columns) if (oldTypes.get(c.id) !== columnTypeSignature(c.type)) columns.delete(c.id);
      if (columns.size !== v.stats.columns.size) this.tableStats.set(id, { ...v, stats: { ...v.stats, columns } });
    }
    for (const id of gone) {
      this.tableStats.delete(id);
      this.dirtyCounts.delete(id);
    }
    if (gone.length && this.storage.persistent) this.deleteSavedStats(gone);
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

  /** Counts ANALYZE runs: cached plans are planned again after fresh statistics (as TiDB does by default). */
  get statsVersion(): number {
    return this.statsVersionValue;
  }

  /** The statistics of a table, or undefined when it was never analyzed (the planner uses pseudo estimates). */
  statsOf(tableId: number): StatsView | undefined {
    return this.tableStats.get(tableId);
  }

  /**
   * Publishes a table's new statistics (ANALYZE TABLE, built under `table`'s columns); a persistent
   * store saves them, in order with the other meta writes: the statement awaits the write.
   */
  setTableStats(table: TableInfo, stats: TableStats): Promise<void> {
    this.tableStats.set(table.id, { stats, realtimeCount: stats.count, modifyCount: 0 });
    this.statsVersionValue++;
    this.dirtyCounts.delete(table.id);
    if (!this.storage.persistent) return Promise.resolve();
    const write = this.persistChain.then(async () => {
      const txn = this.storage.begin();
      putTableStats(txn, table, stats);
      await txn.commit();
    });
    this.persistChain = write.catch(() => {});
    return write;
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
    if (this.storage.persistent) this.scheduleCountsSave(tableId);
  }

  /** Counts are saved in a batch at most once a second, never by the commit itself. */
  private scheduleCountsSave(tableId: number): void {
    this.dirtyCounts.add(tableId);
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      this.saveDirtyCounts();
    }, STATS_COUNTS_FLUSH_MS);
    this.countsTimer.unref();
  }

  /** Queues a write of the changed counts, taken when the write runs (a table dropped by then is skipped). */
  private saveDirtyCounts(): void {
    if (this.dirtyCounts.size === 0) return;
    this.persistChain = this.persistChain
      .then(async () => {
        const ids = [...this.dirtyCounts];
        this.dirtyCounts.clear();
        const txn = this.storage.begin();
        for (const id of ids) {
          const v = this.tableStats.get(id);
          if (v) putStatsCounts(txn, id, v);
        }
        await txn.commit();
      })
      .catch(() => {});
  }

  private deleteSavedStats(tableIds: readonly number[]): void {
    this.persistChain = this.persistChain
      .then(async () => {
        const txn = this.storage.begin();
        for (const id of tableIds) deleteTableStats(txn, id);
        await txn.commit();
      })
      .catch(() => {});
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
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
    this.saveDirtyCounts();
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
