// A tiny stand-in for the embedded engine, so the protocol layer is tested with real clients on its own.
// It understands a handful of statements (see FakeSession.run) and echoes prepared-statement parameters.
import type { FieldInfo, QueryResult, RowMode } from '../../../src/api-types.js';
import type { Engine, EngineSession, PreparedInfo, SessionOptions } from '../../../src/server/index.js';

type Cell = { text: string | null; value: unknown };

function field(name: string, type: number, opts: Partial<FieldInfo> = {}): FieldInfo {
  return {
    name,
    orgName: name,
    table: 't',
    orgTable: 't',
    db: 'test',
    type,
    typeName: '',
    flags: 0,
    length: 20,
    decimals: 0,
    charsetId: 63,
    collation: 'binary',
    ...opts,
  };
}

const UTF8 = { charsetId: 46, collation: 'utf8mb4_bin' };

/** One row of every column type, with its text-protocol form and its 'array' form. */
export const TYPED_TABLE: { fields: FieldInfo[]; cells: Cell[] } = {
  fields: [
    field('i8', 1),
    field('i16', 2),
    field('i32', 3),
    field('u64', 8, { flags: 32 }),
    field('f', 4),
    field('d', 5),
    field('dec', 246, { decimals: 3 }),
    field('dt', 10),
    field('ts', 12, { decimals: 6 }),
    field('tm', 11, { decimals: 6 }),
    field('v', 253, UTF8),
    field('bl', 252, { flags: 128 }),
    field('n', 3),
    field('y', 13),
    field('bits', 16, { length: 10 }),
    field('i24', 9),
    field('s64', 8),
  ],
  cells: [
    { text: '-5', value: -5 },
    { text: '300', value: 300 },
    { text: '-70000', value: -70000 },
    { text: '18446744073709551615', value: 18446744073709551615n },
    { text: '1.5', value: 1.5 },
    { text: '2.25', value: 2.25 },
    { text: '12.340', value: '12.340' },
    { text: '2024-02-29', value: '2024-02-29' },
    { text: '2024-02-29 13:14:15.123456', value: '2024-02-29 13:14:15.123456' },
    { text: '-38:01:02.500000', value: '-38:01:02.500000' },
    { text: 'héllo', value: 'héllo' },
    { text: '\u0000\u0001\u00ff', value: new Uint8Array([0, 1, 255]) },
    { text: null, value: null },
    { text: '2024', value: 2024 },
    { text: '\u0000\u0005', value: 5 },
    { text: '-8388608', value: -8388608 },
    { text: '-9223372036854775808', value: -9223372036854775808n },
  ],
};

function result(fields: FieldInfo[], rows: unknown[][], extra: Partial<QueryResult> = {}): QueryResult {
  return { rows, fields, affectedRows: 0, insertId: 0, info: '', warnings: [], ...extra };
}

function sqlErr(code: number, sqlState: string, message: string): Error {
  return Object.assign(new Error(message), { code, sqlState });
}

export class FakeEngine implements Engine {
  readonly sessions: FakeSession[] = [];
  closed = false;
  /** Values the server reads at connect time. */
  vars = { wait_timeout: '28800', max_allowed_packet: String(64 * 1024 * 1024) };

  async session(opts: SessionOptions): Promise<FakeSession> {
    const s = new FakeSession(this, opts);
    this.sessions.push(s);
    return s;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class FakeSession implements EngineSession {
  database = '';
  closed = false;
  killed = false;
  status = { inTransaction: false, autocommit: true };
  private statements = new Map<number, string>();
  private nextStmt = 1;

  constructor(
    readonly engine: FakeEngine,
    readonly opts: SessionOptions,
  ) {}

  async query(sql: string, params?: readonly unknown[], options?: { rowMode?: RowMode }): Promise<QueryResult> {
    return this.run(sql.trim(), params ?? [], options?.rowMode ?? 'text');
  }

  async exec(script: string, options?: { rowMode?: RowMode }): Promise<QueryResult[]> {
    const results: QueryResult[] = [];
    for (const stmt of script
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean)) {
      try {
        results.push(await this.run(stmt, [], options?.rowMode ?? 'text'));
      } catch (e) {
        throw Object.assign(e as Error, { results });
      }
    }
    return results;
  }

  private async run(sql: string, params: readonly unknown[], mode: RowMode): Promise<QueryResult> {
    const lower = sql.toLowerCase();
    let m: RegExpExecArray | null;
    if ((m = /^select @@(\w+), @@max_allowed_packet$/.exec(lower))) {
      const vars = this.engine.vars as Record<string, string>;
      return result([field('a', 8), field('b', 8)], [[vars[m[1]] ?? vars.wait_timeout, vars.max_allowed_packet]]);
    }
    if ((m = /^select (-?\d+)$/.exec(lower)))
      return result([field(m[1], 8)], [[mode === 'text' ? m[1] : Number(m[1])]]);
    if ((m = /^select '([^']*)'$/.exec(sql))) return result([field(m[1], 253, UTF8)], [[m[1]]]);
    if ((m = /^select repeat\('x', (\d+)\)$/.exec(lower)))
      return result([field('r', 251, UTF8)], [['x'.repeat(Number(m[1]))]]);
    if (lower === 'select length_of_query' || lower.startsWith('select length(')) {
      return result([field('len', 8)], [[mode === 'text' ? String(sql.length) : sql.length]]);
    }
    if (lower === 'select database()') return result([field('database()', 253, UTF8)], [[this.database || null]]);
    if (lower === 'select connection_id()') return result([field('id', 8)], [[String(this.opts.connectionId)]]);
    if (lower === 'select current_user()') return result([field('u', 253, UTF8)], [[`${this.opts.user}@%`]]);
    if (lower === 'select * from `t` limit 0') return result(TYPED_TABLE.fields, []);
    if (lower === 'select * from t') {
      return result(TYPED_TABLE.fields, [TYPED_TABLE.cells.map((c) => (mode === 'text' ? c.text : c.value))]);
    }
    if ((m = /^select sleep\((\d+(?:\.\d+)?)\)$/.exec(lower))) {
      await new Promise((r) => setTimeout(r, Number(m?.[1]) * 1000));
      return result([field('sleep', 8)], [[mode === 'text' ? '0' : 0]]);
    }
    if (lower.startsWith('insert')) {
      return result([], [], {
        affectedRows: 2,
        insertId: 42,
        info: 'Records: 2  Duplicates: 0  Warnings: 1',
        warnings: [{ level: 'Warning', code: 1265, message: 'Data truncated' }],
      });
    }
    if (lower.startsWith('update'))
      return result([], [], { affectedRows: 1, info: 'Rows matched: 3  Changed: 1  Warnings: 0' });
    if (lower === 'begin') {
      this.status = { inTransaction: true, autocommit: true };
      return result([], []);
    }
    if (lower === 'commit') {
      this.status = { inTransaction: false, autocommit: true };
      return result([], []);
    }
    if (lower.startsWith('select ?')) return this.echoParams(params);
    if (lower.startsWith('select * from nosuch')) throw sqlErr(1146, '42S02', "Table 'test.nosuch' doesn't exist");
    throw sqlErr(1064, '42000', `You have an error in your SQL syntax near '${sql}'`);
  }

  /** One VARCHAR column per parameter describing what arrived: 'type:value'. */
  private echoParams(params: readonly unknown[]): QueryResult {
    const describe = (p: unknown) => {
      if (p === null) return 'null';
      if (p instanceof Uint8Array) return `bytes:${Buffer.from(p).toString('hex')}`;
      return `${typeof p}:${String(p)}`;
    };
    return result(
      params.map((_, i) => field(`p${i}`, 253, UTF8)),
      [params.map(describe)],
    );
  }

  useDatabase(name: string): void {
    if (name === 'nosuchdb') throw sqlErr(1049, '42000', `Unknown database '${name}'`);
    this.database = name;
  }

  prepare(sql: string): PreparedInfo {
    if (sql.toLowerCase().includes('nosuch')) throw sqlErr(1146, '42S02', "Table 'test.nosuch' doesn't exist");
    const id = this.nextStmt++;
    this.statements.set(id, sql);
    const paramCount = (sql.match(/\?/g) ?? []).length;
    const lower = sql.toLowerCase();
    let fields: FieldInfo[] | null = null;
    if (lower === 'select * from t') fields = TYPED_TABLE.fields;
    else if (lower.startsWith('select'))
      fields = Array.from({ length: Math.max(1, paramCount) }, (_, i) => field(`p${i}`, 253, UTF8));
    return { id, paramCount, fields };
  }

  async execute(id: number, params: readonly unknown[], options?: { rowMode?: RowMode }): Promise<QueryResult> {
    const sql = this.statements.get(id);
    if (sql === undefined) throw sqlErr(1243, 'HY000', `Unknown prepared statement handler (${id}) given to EXECUTE`);
    return this.run(sql, params, options?.rowMode ?? 'array');
  }

  closeStatement(id: number): void {
    this.statements.delete(id);
  }

  kill(query: boolean): void {
    if (!query) this.killed = true;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
