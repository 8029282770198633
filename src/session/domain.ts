// The domain: the one owner of process-wide state — the store, the published schema, global
// variables, the session registry and the telemetry collector. Every change goes through its
// methods, each of which completes its read-modify-write without an await in between.
import { InfoSchema, type SchemaChange } from '../catalog/infoschema.js';
import { MetaReader, MetaWriter } from '../catalog/meta.js';
import type { DBInfo, TableInfo } from '../catalog/model.js';
import type { Storage } from '../kv/kv.js';
import { openStorage } from '../store/open-storage.js';
import { TelemetryCollector } from '../telemetry/collector.js';
import { GlobalVariables } from '../variables/global-vars.js';

const BOOTSTRAP_VERSION = 1;
const GLOBAL_VARS_KEY = 'mGlobalVars';

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

  private constructor(
    readonly storage: Storage,
    readonly globals: GlobalVariables,
    schema: InfoSchema,
  ) {
    this.schema = schema;
  }

  static async open(opts: { dir?: string }): Promise<Domain> {
    const storage = await openStorage({ dir: opts.dir });
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
    const d = new Domain(storage, globals, InfoSchema.build(version, content));
    globals.onChange(() => d.persistGlobals());
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

  allocConnectionId(): number {
    return this.nextConnId++;
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
