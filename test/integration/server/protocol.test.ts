// The protocol layer with a real client (mysql2) against a stand-in engine: text and binary result sets of
// every column type, parameter decoding, multi-statements, errors, auth plugins, limits and isolation.
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import {
  CACHING_SHA2_PASSWORD,
  PasswordAuthenticator,
  type RunningServer,
  startServer,
} from '../../../src/server/index.js';
import { FakeEngine } from './fake-engine.js';

const { TypedParameter: T } = mysql as unknown as {
  TypedParameter: Record<string, ((v: unknown) => unknown) & { unsigned?: (v: unknown) => unknown }>;
};

let engine: FakeEngine;
let server: RunningServer;
const logs: string[] = [];

function client(extra: mysql.ConnectionOptions = {}) {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: server.port,
    user: 'root',
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    ...extra,
  });
}

before(async () => {
  engine = new FakeEngine();
  server = await startServer({
    port: 0,
    engine,
    log: (s) => logs.push(s),
    authenticator: new PasswordAuthenticator({
      root: '',
      alice: 's3cret',
      bob: { password: 'hunter2', plugin: CACHING_SHA2_PASSWORD },
    }),
  });
});

after(async () => {
  await server.close();
});

describe('text protocol', () => {
  test('simple select', async () => {
    const c = await client();
    const [rows] = await c.query('select 1');
    assert.deepEqual(rows, [{ 1: '1' }]);
    await c.end();
  });

  test('every column type in text form', async () => {
    const c = await client();
    const [rows, fields] = await c.query({ sql: 'select * from t', rowsAsArray: true });
    const row = (rows as unknown[][])[0];
    assert.equal(row[0], -5);
    assert.equal(row[1], 300);
    assert.equal(row[2], -70000);
    assert.equal(row[3], '18446744073709551615');
    assert.equal(row[4], 1.5);
    assert.equal(row[5], 2.25);
    assert.equal(row[6], '12.340');
    assert.equal(row[7], '2024-02-29');
    assert.equal(row[8], '2024-02-29 13:14:15.123456');
    assert.equal(row[9], '-38:01:02.500000');
    assert.equal(row[10], 'héllo');
    assert.deepEqual(row[11], Buffer.from([0, 1, 255]));
    assert.equal(row[12], null);
    assert.equal(row[13], 2024);
    assert.deepEqual(row[14], Buffer.from([0, 5]));
    assert.equal(fields?.[3].flags, 32);
    assert.equal(fields?.[10].characterSet, 46);
    assert.equal(fields?.[0].table, 't');
    assert.equal(fields?.[0].schema, 'test');
    await c.end();
  });

  test('OK packet: affected rows, insert id, warnings, info; FOUND_ROWS reports matched rows', async () => {
    const c = await client();
    const [ins] = (await c.query('insert into t values (1),(2)')) as [mysql.ResultSetHeader, unknown];
    assert.equal(ins.affectedRows, 2);
    assert.equal(ins.insertId, 42);
    assert.equal(ins.warningStatus, 1);
    assert.equal(ins.info, 'Records: 2  Duplicates: 0  Warnings: 1');
    const [upd] = (await c.query('update t set a = 1')) as [mysql.ResultSetHeader, unknown];
    assert.equal(upd.affectedRows, 3, 'mysql2 sets CLIENT_FOUND_ROWS');
    await c.end();
  });

  test('errors carry code, SQLSTATE and message; the connection stays usable', async () => {
    const c = await client();
    await assert.rejects(c.query('select * from nosuch'), (e: { errno: number; sqlState: string; message: string }) => {
      assert.equal(e.errno, 1146);
      assert.equal(e.sqlState, '42S02');
      assert.equal(e.message, "Table 'test.nosuch' doesn't exist");
      return true;
    });
    const [rows] = await c.query('select 2');
    assert.deepEqual(rows, [{ 2: '2' }]);
    await c.end();
  });

  test('multi-statements give one result per statement, then the error', async () => {
    const c = await client({ multipleStatements: true });
    const [results] = (await c.query('select 1; insert into t values (1); select 2')) as [unknown[], unknown];
    assert.equal(results.length, 3);
    assert.deepEqual(results[0], [{ 1: '1' }]);
    assert.equal((results[1] as mysql.ResultSetHeader).insertId, 42);
    assert.deepEqual(results[2], [{ 2: '2' }]);
    await assert.rejects(c.query('select 1; select * from nosuch; select 2'), { errno: 1146 });
    const [again] = await c.query('select 3');
    assert.deepEqual(again, [{ 3: '3' }]);
    await c.end();
  });

  test('without multi-statements the script goes to the engine as one statement', async () => {
    const c = await client();
    await assert.rejects(c.query('select 1; select 2'), { errno: 1064 });
    await c.end();
  });

  test('transaction status flag follows the session', async () => {
    const c = await client();
    const [begin] = (await c.query('begin')) as [mysql.ResultSetHeader, unknown];
    assert.equal(begin.serverStatus & 1, 1);
    const [commit] = (await c.query('commit')) as [mysql.ResultSetHeader, unknown];
    assert.equal(commit.serverStatus & 1, 0);
    assert.equal(commit.serverStatus & 2, 2);
    await c.end();
  });

  test('results and queries larger than 16 MiB cross packet boundaries', async () => {
    const c = await client();
    const n = 16 * 1024 * 1024 + 10;
    const [rows] = (await c.query(`select repeat('x', ${n})`)) as [{ r: string }[], unknown];
    assert.equal(rows[0].r.length, n);
    const sql = `select length('${'y'.repeat(n)}')`;
    const [len] = (await c.query(sql)) as [{ len: string }[], unknown];
    assert.equal(Number(len[0].len), sql.length);
    await c.end();
  });
});

describe('binary protocol', () => {
  test('every column type in binary form', async () => {
    const c = await client();
    const [rows] = await c.execute({ sql: 'select * from t', rowsAsArray: true });
    const row = (rows as unknown[][])[0];
    assert.deepEqual(row.slice(0, 11), [
      -5,
      300,
      -70000,
      '18446744073709551615',
      1.5,
      2.25,
      '12.340',
      '2024-02-29',
      '2024-02-29 13:14:15.123456',
      '-38:01:02.5', // mysql2 trims the microseconds it receives
      'héllo',
    ]);
    assert.deepEqual(row[11], Buffer.from([0, 1, 255]));
    assert.equal(row[12], null);
    assert.equal(row[13], 2024);
    assert.deepEqual(row[14], Buffer.from([0, 5]));
    assert.equal(row[15], -8388608);
    assert.equal(row[16], '-9223372036854775808');
    await c.end();
  });

  test('parameters of every type arrive decoded', async () => {
    const c = await client({ timezone: 'Z' });
    const params = [
      1.5,
      'héllo',
      Buffer.from([0, 255]),
      null,
      true,
      T.TINY(-3),
      T.TINY.unsigned?.(200),
      T.SHORT(-300),
      T.LONG(-70000),
      T.LONGLONG(-9007199254740993n),
      T.LONGLONG.unsigned?.(18446744073709551615n),
      T.FLOAT(0.5),
      T.DECIMAL('123.4500'),
      T.DATE('2024-02-29T00:00:00Z'),
      T.DATETIME('2024-02-29T13:14:15.123Z'),
      T.TIME('-50:06:07.25'),
      T.TIME('00:00:00'),
      T.JSON('{"a":1}'),
      new Date(Date.UTC(2020, 0, 2, 3, 4, 5)),
    ];
    const sql = `select ${params.map(() => '?').join(', ')}`;
    const [rows] = await c.execute({ sql, rowsAsArray: true }, params as never);
    assert.deepEqual((rows as string[][])[0], [
      'number:1.5',
      'string:héllo',
      'bytes:00ff',
      'null',
      'number:1',
      'number:-3',
      'number:200',
      'number:-300',
      'number:-70000',
      'bigint:-9007199254740993',
      'bigint:18446744073709551615',
      'number:0.5',
      'string:123.4500',
      'string:2024-02-29',
      'string:2024-02-29 13:14:15.123000',
      'string:-50:06:07.250000',
      'string:00:00:00',
      'string:{"a":1}',
      'string:2020-01-02 03:04:05',
    ]);
    await c.end();
  });

  test('re-executing reuses the bound parameter types; unknown statements and prepare errors', async () => {
    const c = await client();
    const [a] = await c.execute({ sql: 'select ?', rowsAsArray: true }, ['x']);
    const [b] = await c.execute({ sql: 'select ?', rowsAsArray: true }, [7]);
    assert.deepEqual([a, b], [[['string:x']], [['number:7']]]);
    await assert.rejects(c.execute('select * from nosuch where a = ?', [1]), { errno: 1146 });
    const stmt = await c.prepare('select ?');
    await stmt.close();
    await c.end();
  });

  test('DML through execute returns OK', async () => {
    const c = await client();
    const [r] = (await c.execute('insert into t values (?)', [1])) as [mysql.ResultSetHeader, unknown];
    assert.equal(r.insertId, 42);
    assert.equal(r.affectedRows, 2);
    await c.end();
  });
});

describe('commands', () => {
  test('ping, change user and change database', async () => {
    const c = await client();
    await c.ping();
    await c.changeUser({ user: 'alice', password: 's3cret', database: 'db2' });
    const [u] = (await c.query('select current_user()')) as [{ u: string }[], unknown];
    assert.equal(u[0].u, 'alice@%');
    const [d] = (await c.query('select database()')) as [Record<string, string>[], unknown];
    assert.equal(d[0]['database()'], 'db2');
    await assert.rejects(c.changeUser({ user: 'alice', password: 'wrong' }), { errno: 1045 });
    await c.end().catch(() => {});
  });

  test('connect with a database, and to an unknown one', async () => {
    const c = await client({ database: 'mydb' });
    const [d] = (await c.query('select database()')) as [Record<string, string>[], unknown];
    assert.equal(d[0]['database()'], 'mydb');
    await c.end();
    await assert.rejects(client({ database: 'nosuchdb' }), { errno: 1049 });
  });

  test('connection ids increase and reach the session', async () => {
    const c1 = await client();
    const c2 = await client();
    assert.ok(c2.threadId > c1.threadId);
    const [r] = (await c2.query('select connection_id()')) as [{ id: string }[], unknown];
    assert.equal(Number(r[0].id), c2.threadId);
    await c1.end();
    await c2.end();
  });

  test('closing a connection closes its session', async () => {
    const c = await client();
    const id = c.threadId;
    await c.end();
    await waitFor(() => engine.sessions.some((s) => s.opts.connectionId === id && s.closed));
  });
});

describe('authentication', () => {
  test('mysql_native_password with a password; wrong and missing passwords are refused', async () => {
    const c = await client({ user: 'alice', password: 's3cret' });
    await c.ping();
    await c.end();
    await assert.rejects(client({ user: 'alice', password: 'nope' }), (e: { errno: number; message: string }) => {
      assert.equal(e.errno, 1045);
      assert.equal(e.message, "Access denied for user 'alice'@'127.0.0.1' (using password: YES)");
      return true;
    });
    await assert.rejects(client({ user: 'alice' }), {
      message: "Access denied for user 'alice'@'127.0.0.1' (using password: NO)",
    });
    await assert.rejects(client({ user: 'mallory', password: 'x' }), { errno: 1045 });
  });

  test('caching_sha2_password: auth switch, full auth with the RSA key, then fast auth', async () => {
    const c1 = await client({ user: 'bob', password: 'hunter2' });
    await c1.ping();
    await c1.end();
    const c2 = await client({ user: 'bob', password: 'hunter2' });
    await c2.ping();
    await c2.end();
    await assert.rejects(client({ user: 'bob', password: 'wrong' }), { errno: 1045 });
  });
});

/** A raw socket for what no well-behaved client does. */
function rawSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(server.port, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
}

function closed(s: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  s.on('data', (d) => chunks.push(d));
  return new Promise((resolve) => s.on('close', () => resolve(Buffer.concat(chunks))));
}

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('isolation and limits', () => {
  test('a stalled client does not stall others; a malformed packet closes only its connection', async () => {
    const stalled = await rawSocket();
    stalled.write(Buffer.from([0x40, 0, 0, 1, 1, 2])); // half a handshake response
    const c = await client();
    const [rows] = await c.query('select 5');
    assert.deepEqual(rows, [{ 5: '5' }]);
    const bad = await rawSocket();
    const done = closed(bad);
    bad.write(Buffer.from([3, 0, 0, 1, 1, 2, 3])); // a 3-byte "handshake response"
    await done;
    const [again] = await c.query('select 6');
    assert.deepEqual(again, [{ 6: '6' }]);
    stalled.destroy();
    await c.end();
  });

  test('a slow query on one connection does not delay another', async () => {
    const slow = await client();
    const fast = await client();
    const started = Date.now();
    const pending = slow.query('select sleep(0.5)');
    await fast.query('select 1');
    assert.ok(Date.now() - started < 400);
    await pending;
    await slow.end();
    await fast.end();
  });

  test('packets over max_allowed_packet get error 1153 and the connection is closed', async () => {
    engine.vars.max_allowed_packet = '1024';
    try {
      const c = await client();
      await assert.rejects(c.query(`select '${'z'.repeat(2000)}'`), { errno: 1153 });
      await c.end().catch(() => {});
    } finally {
      engine.vars.max_allowed_packet = String(64 * 1024 * 1024);
    }
  });

  test('idle connections are closed after wait_timeout', async () => {
    engine.vars.wait_timeout = '1';
    try {
      const c = await client();
      const core = (c as unknown as { connection: import('node:events').EventEmitter }).connection;
      const ended = new Promise((resolve) => core.once('end', resolve));
      c.on('error', () => {});
      await ended;
    } finally {
      engine.vars.wait_timeout = '28800';
    }
  });
});
