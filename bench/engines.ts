// In-process engine adapters with one shape, so each benchmark runs the same SQL and parameters on every engine.
// Peers are optional: an adapter whose package fails to load reports why, and the bench skips that peer.
import type { TiLite } from '../src/index.js';

export type Row = unknown[];
/** A prepared statement: sync engines return rows directly, async ones a promise. */
export type Prepared = (params: readonly unknown[]) => Row[] | Promise<Row[]>;

export interface Engine {
  readonly name: string;
  /** One or more statements without results (DDL, BEGIN, COMMIT). */
  exec(sql: string): Promise<void>;
  /** One statement with parameters (`?` placeholders), rows as arrays. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  prepare(sql: string): Promise<Prepared>;
  /** Stops the running statement when the engine supports it. */
  interrupt?(): void;
  close(): Promise<void>;
}

export type EngineName = 'tilite' | 'sqlite' | 'pglite' | 'duckdb';
export const ENGINE_LABEL: Record<EngineName, string> = {
  tilite: 'TiLite',
  sqlite: 'better-sqlite3',
  pglite: 'PGlite',
  duckdb: 'DuckDB',
};

class TiLiteEngine implements Engine {
  readonly name = 'tilite';
  constructor(readonly db: TiLite) {}
  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }
  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(sql, params, { rowMode: 'array' })).rows;
  }
  async prepare(sql: string): Promise<Prepared> {
    const { id } = this.db.prepare(sql);
    return async (params) => (await this.db.execute<Row>(id, params, { rowMode: 'array' })).rows;
  }
  /** Kills the running statement (used for the TPC-H time limit). */
  interrupt(): void {
    for (const s of this.db.processList()) s.kill(true);
  }
  close(): Promise<void> {
    return this.db.close();
  }
}

interface SqliteStatement {
  reader: boolean;
  raw(on: boolean): SqliteStatement;
  all(...params: unknown[]): Row[];
  run(...params: unknown[]): unknown;
}
interface SqliteDb {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

class SqliteEngine implements Engine {
  readonly name = 'sqlite';
  constructor(readonly db: SqliteDb) {}
  async exec(sql: string): Promise<void> {
    this.db.exec(sql);
  }
  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return this.prepareSync(sql)(params);
  }
  async prepare(sql: string): Promise<Prepared> {
    return this.prepareSync(sql);
  }
  prepareSync(sql: string): (params: readonly unknown[]) => Row[] {
    const st = this.db.prepare(sql);
    if (!st.reader) {
      return (params) => {
        st.run(...params);
        return [];
      };
    }
    st.raw(true);
    return (params) => st.all(...params);
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

/** `?` placeholders to PostgreSQL's `$n`. */
function dollarParams(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

interface PgliteDb {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[], opts?: { rowMode?: 'array' | 'object' }): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

class PgliteEngine implements Engine {
  readonly name = 'pglite';
  constructor(readonly db: PgliteDb) {}
  async exec(sql: string): Promise<void> {
    await this.db.exec(sql);
  }
  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    return (await this.db.query<Row>(dollarParams(sql), [...params], { rowMode: 'array' })).rows;
  }
  async prepare(sql: string): Promise<Prepared> {
    const text = dollarParams(sql);
    return async (params) => (await this.db.query<Row>(text, [...params], { rowMode: 'array' })).rows;
  }
  close(): Promise<void> {
    return this.db.close();
  }
}

type DuckValue = string | number | boolean | bigint | null;
interface DuckPrepared {
  bind(values: DuckValue[]): void;
  runAndReadAll(): Promise<{ getRowsJS(): Row[] }>;
}
interface DuckConnection {
  run(sql: string): Promise<unknown>;
  runAndReadAll(sql: string, values?: DuckValue[]): Promise<{ getRowsJS(): Row[] }>;
  prepare(sql: string): Promise<DuckPrepared>;
  closeSync(): void;
}

class DuckEngine implements Engine {
  readonly name = 'duckdb';
  constructor(
    readonly conn: DuckConnection,
    private readonly instance: { closeSync(): void },
  ) {}
  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }
  async query(sql: string, params: readonly unknown[] = []): Promise<Row[]> {
    const r = await this.conn.runAndReadAll(sql, params.length ? (params as DuckValue[]) : undefined);
    return r.getRowsJS();
  }
  async prepare(sql: string): Promise<Prepared> {
    const st = await this.conn.prepare(sql);
    return async (params) => {
      st.bind(params as DuckValue[]);
      return (await st.runAndReadAll()).getRowsJS();
    };
  }
  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** Opens an in-memory engine; throws with the load error when a peer package is not installed or does not load. */
export async function openEngine(name: EngineName): Promise<Engine> {
  switch (name) {
    case 'tilite': {
      // What `import 'tilite'` gives a user: the bundled library through its code cache (src/package-entry).
      const mod = await import('../src/package-entry/index.js');
      return new TiLiteEngine(await mod.TiLite.open());
    }
    case 'sqlite': {
      const mod = (await import('better-sqlite3' as string)) as { default: new (file: string) => SqliteDb };
      return new SqliteEngine(new mod.default(':memory:'));
    }
    case 'pglite': {
      const mod = (await import('@electric-sql/pglite' as string)) as { PGlite: new () => PgliteDb };
      const db = new mod.PGlite();
      await db.query('SELECT 1');
      return new PgliteEngine(db);
    }
    case 'duckdb': {
      const mod = (await import('@duckdb/node-api' as string)) as {
        DuckDBInstance: { create(path: string): Promise<{ connect(): Promise<DuckConnection>; closeSync(): void }> };
      };
      const inst = await mod.DuckDBInstance.create(':memory:');
      return new DuckEngine(await inst.connect(), inst);
    }
  }
}

/** Opens an engine, or gives the reason it cannot be opened here (the bench then skips that peer). */
export async function tryOpen(name: EngineName): Promise<Engine | string> {
  try {
    return await openEngine(name);
  } catch (err) {
    return (err as Error).message.split('\n')[0];
  }
}
