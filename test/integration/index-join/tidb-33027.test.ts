// TiDB issue 33027 made impossible: index lookup joins with concurrent inner workers over a
// partitioned inner table in dynamic prune mode, from many connections at once, while telemetry
// counts builtin functions. In TiDB this crashed the server (a concurrent map write in the shared
// telemetry counters). Here: the server stays up, every result equals the serial result and the
// telemetry totals are exactly the expected counts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import { type RunningServer, startServer } from '../../../src/server/index.js';

const CONNECTIONS = 16;
/** The storm repeats rounds until this much time has passed (at least one round per connection). */
const STORM_MS = 4_000;
const TIME_LIMIT_MS = 20_000;

let server: RunningServer;

function connect(): Promise<mysql.Connection> {
  return mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root', database: 'test' });
}

type Usage = Record<string, number>;

async function telemetryUsage(): Promise<Usage> {
  const c = await connect();
  try {
    const [rows] = await c.query('ADMIN SHOW TELEMETRY');
    const preview = JSON.parse(String((rows as Record<string, unknown>[])[0]!.DATA_PREVIEW));
    return preview.builtinFunctionsUsage as Usage;
  } finally {
    await c.end();
  }
}

/** Sessions merge their usage when they close, which follows the client's quit: wait for the total. */
async function waitForUsage(expected: Usage): Promise<Usage> {
  let last: Usage = {};
  for (let i = 0; i < 100; i++) {
    last = await telemetryUsage();
    if (JSON.stringify(sortKeys(last)) === JSON.stringify(sortKeys(expected))) return last;
    await new Promise((r) => setTimeout(r, 20));
  }
  return last;
}

function sortKeys(u: Usage): Usage {
  return Object.fromEntries(Object.entries(u).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

function add(into: Usage, u: Usage, times = 1): void {
  for (const [k, v] of Object.entries(u)) into[k] = (into[k] ?? 0) + v * times;
}

function diff(a: Usage, b: Usage): Usage {
  const out: Usage = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
}

const INNER: Record<string, string> = {
  ph: 'partition by hash(a) partitions 4',
  pk: 'partition by key(a) partitions 3',
  pr: 'partition by range (a) (partition p0 values less than (10), partition p1 values less than (25), partition p2 values less than maxvalue)',
  pl: `partition by list (a) (partition p0 values in (${range(0, 15)}), partition p1 values in (${range(15, 30)}), partition p2 values in (${range(30, 45)}))`,
};

function range(from: number, to: number): string {
  return Array.from({ length: to - from }, (_, i) => from + i).join(',');
}

const QUERIES: string[] = [];
for (const t of Object.keys(INNER)) {
  for (const hint of ['INL_JOIN', 'INL_HASH_JOIN']) {
    QUERIES.push(`select /*+ ${hint}(${t}) */ o.id, ${t}.v from o join ${t} on o.a = ${t}.a where o.id < 250`);
  }
}
QUERIES.push('select /*+ INL_JOIN(ph) */ o.id, ph.v from o join ph partition (p1, p3) on o.a = ph.a where o.id < 250');

before(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1' });
  const c = await connect();
  await c.query("SET GLOBAL tidb_partition_prune_mode = 'dynamic'");
  await c.query('SET GLOBAL tidb_enable_telemetry = ON');
  await c.query('SET GLOBAL tidb_index_lookup_join_concurrency = 8');
  await c.query('create table o (id int primary key, a int)');
  const ov: string[] = [];
  for (let n = 0; n < 300; n++) ov.push(`(${n}, ${n % 11 === 0 ? 'null' : (n * 7) % 45})`);
  await c.query(`insert into o values ${ov.join(',')}`);
  const iv: string[] = [];
  for (let n = 0; n < 135; n++) iv.push(`(${n % 45}, ${n})`);
  for (const [t, part] of Object.entries(INNER)) {
    await c.query(`create table ${t} (a int, v int, key ia(a)) ${part}`);
    await c.query(`insert into ${t} values ${iv.join(',')}`);
    // Dynamic prune mode plans a partitioned table as one reader once it has global stats.
    await c.query(`analyze table ${t}`);
  }
  await c.end();
});

after(async () => {
  await server?.close();
});

test('TiDB 33027: concurrent index joins over partitioned tables from 16 connections', async () => {
  const started = Date.now();
  // Serial results: one connection, one inner worker.
  const serial: string[][] = [];
  const s = await connect();
  await s.query('SET tidb_index_lookup_join_concurrency = 1');
  for (const q of QUERIES) {
    const [rows] = await s.query({ sql: q, rowsAsArray: true });
    serial.push((rows as unknown[][]).map((r) => JSON.stringify(r)).sort());
    const [warnings] = await s.query('SHOW WARNINGS');
    assert.deepEqual(warnings, [], q);
    const [plan] = await s.query({ sql: `EXPLAIN ${q}`, rowsAsArray: true });
    assert.match(String((plan as unknown[][]).map((r) => r[0]).join('\n')), /Index(Hash)?Join/, q);
  }
  assert.ok(serial.every((r) => r.length > 0));
  await s.end();

  // What one connection that runs nothing costs, and what each query costs, in builtin functions.
  const base = await waitForUsage(await telemetryUsage());
  const idle = await connect();
  await idle.end();
  const afterIdle = await waitForUsage(base);
  const perConnection = diff(afterIdle, base);
  const probe = await connect();
  await probe.query(QUERIES[0]!);
  await probe.end();
  const expectedProbe = { ...afterIdle };
  add(expectedProbe, perConnection);
  add(expectedProbe, { EQInt: 1, LTInt: 1 });
  const afterProbe = await waitForUsage(expectedProbe);
  assert.deepEqual(sortKeys(afterProbe), sortKeys(expectedProbe), 'one query counts eq and lt once each');

  // The storm: 16 connections, each running every query in its own order, round after round, at concurrency 8.
  const deadline = Date.now() + STORM_MS;
  const counts = new Array(QUERIES.length).fill(0);
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, ci) => {
      const c = await connect();
      try {
        for (let round = 0; round === 0 || Date.now() < deadline; round++) {
          for (let k = 0; k < QUERIES.length; k++) {
            const qi = (k * 5 + ci + round * 3) % QUERIES.length;
            const [rows] = await c.query({ sql: QUERIES[qi]!, rowsAsArray: true });
            assert.deepEqual((rows as unknown[][]).map((r) => JSON.stringify(r)).sort(), serial[qi], QUERIES[qi]);
            counts[qi]++;
          }
        }
      } finally {
        await c.end();
      }
    }),
  );
  const executions = counts.reduce((a, b) => a + b, 0);
  assert.equal(executions % QUERIES.length, 0);
  assert.ok(executions >= CONNECTIONS * QUERIES.length);

  const expected = { ...afterProbe };
  add(expected, perConnection, CONNECTIONS);
  add(expected, { EQInt: 1, LTInt: 1 }, executions);
  // The ADMIN SHOW TELEMETRY connections themselves add their connection cost; account for them as they run.
  let final: Usage = {};
  for (let i = 0; i < 100; i++) {
    final = await telemetryUsage();
    const extra = diff(final, expected);
    const onlyIdle = Object.entries(extra).every(
      ([k, v]) => (perConnection[k] ?? 0) > 0 && v % perConnection[k]! === 0,
    );
    if (onlyIdle && final.EQInt === expected.EQInt && final.LTInt === expected.LTInt) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.equal(final.EQInt, expected.EQInt);
  assert.equal(final.LTInt, expected.LTInt);

  // The server is still up.
  const last = await connect();
  const [one] = await last.query({ sql: 'select 1', rowsAsArray: true });
  assert.deepEqual(one, [[1]]);
  await last.end();
  assert.ok(Date.now() - started < TIME_LIMIT_MS, `took ${Date.now() - started} ms`);
});
