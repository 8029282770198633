// The server over the real engine, with mysql2 as the client: text queries of common types, prepared
// statements, multi-statements, errors, ping, changing database and user, transactions.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import { type RunningServer, startServer } from '../../../src/server/index.js';

/** Why these tests cannot run yet, or false. Checked against the engine module next to the server's. */
async function engineMissing(): Promise<string | false> {
  try {
    const mod = (await import(new URL('../../../src/index.js', import.meta.url).href)) as { TiLite?: unknown };
    return mod.TiLite ? false : 'src/index.ts does not export TiLite yet';
  } catch (e) {
    return `the engine (src/index.ts) cannot be loaded: ${(e as Error).message}`;
  }
}

async function preparedMissing(): Promise<string | false> {
  const mod = (await import(new URL('../../../src/index.js', import.meta.url).href)) as {
    TiLite: { open(o: object): Promise<{ session(o: object): Promise<object>; close(): Promise<void> }> };
  };
  const db = await mod.TiLite.open({});
  const s = (await db.session({})) as { prepare?: unknown; close(): Promise<void> };
  const missing = typeof s.prepare !== 'function';
  await s.close();
  await db.close();
  return missing ? 'the engine session has no prepare()/execute() yet' : false;
}

/** The mariadb (or mysql) command-line client, when installed. */
function cliClient(): string | null {
  for (const name of ['mariadb', 'mysql']) {
    try {
      execFileSync(name, ['--version'], { stdio: 'ignore' });
      return name;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

function runCli(cli: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cli, ['-h127.0.0.1', `-P${server.port}`, '-uroot', ...args], { timeout: 20000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const cli = cliClient();
const skip = await engineMissing();
const skipPrepared = skip || (await preparedMissing());

let server: RunningServer;

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

describe('server over the engine', { skip }, () => {
  before(async () => {
    server = await startServer({ port: 0, memory: true });
    const c = await client({ multipleStatements: true });
    await c.query(
      'create database srv; use srv; ' +
        'create table t (id int primary key auto_increment, a varchar(20), b decimal(10,2), c datetime(3), ' +
        'd double, e bigint unsigned, g date, h time, n int)',
    );
    await c.end();
  });

  after(async () => {
    await server?.close();
  });

  test('greeting and session variables', async () => {
    const c = await client();
    const [rows] = (await c.query('select @@version v, database() d, connection_id() id')) as [
      { v: string; d: string | null; id: string }[],
      unknown,
    ];
    assert.equal(rows[0].v, '8.0.11-TiDB-v7.5.0-tilite');
    assert.equal(rows[0].d, null);
    assert.equal(Number(rows[0].id), c.threadId);
    await c.end();
  });

  test('insert and select through the text protocol', async () => {
    const c = await client({ database: 'srv' });
    const [ins] = (await c.query(
      "insert into t (a, b, c, d, e, g, h) values ('héllo', 1.5, '2024-01-02 03:04:05.678', 2.5, 18446744073709551615, '2024-02-29', '-10:00:01'), ('x', null, null, null, 0, null, null)",
    )) as [mysql.ResultSetHeader, unknown];
    assert.equal(ins.affectedRows, 2);
    assert.equal(ins.insertId, 1);
    const [rows] = (await c.query({ sql: 'select a, b, c, d, e, g, h, n from t order by id', rowsAsArray: true })) as [
      unknown[][],
      unknown,
    ];
    assert.deepEqual(rows, [
      ['héllo', '1.50', '2024-01-02 03:04:05.678', 2.5, '18446744073709551615', '2024-02-29', '-10:00:01', null],
      ['x', null, null, null, '0', null, null, null],
    ]);
    const [upd] = (await c.query("update t set a = 'x' where id <= 2")) as [mysql.ResultSetHeader, unknown];
    assert.equal(upd.affectedRows, 2, 'CLIENT_FOUND_ROWS: matched rows');
    assert.equal(upd.info, 'Rows matched: 2  Changed: 1  Warnings: 0');
    await c.query('delete from t');
    await c.end();
  });

  test('multi-statements and errors', async () => {
    const c = await client({ multipleStatements: true, database: 'srv' });
    const [results] = (await c.query('select 1 a; select 2 b')) as [unknown[], unknown];
    assert.deepEqual(results, [[{ a: '1' }], [{ b: '2' }]]);
    await assert.rejects(
      c.query('select 1; select * from nosuch'),
      (e: { errno: number; sqlState: string; message: string }) => {
        assert.equal(e.errno, 1146);
        assert.equal(e.sqlState, '42S02');
        assert.equal(e.message, "Table 'srv.nosuch' doesn't exist");
        return true;
      },
    );
    await assert.rejects(c.query('selec 1'), { errno: 1064, sqlState: '42000' });
    const [again] = await c.query('select 3 c');
    assert.deepEqual(again, [{ c: '3' }]);
    await c.end();
  });

  test('ping, change database and user', async () => {
    const c = await client();
    await c.ping();
    await c.query('use srv');
    let [rows] = (await c.query('select database() d')) as [{ d: string }[], unknown];
    assert.equal(rows[0].d, 'srv');
    await c.changeUser({ user: 'root', database: 'test' });
    [rows] = (await c.query('select database() d')) as [{ d: string }[], unknown];
    assert.equal(rows[0].d, 'test');
    await assert.rejects(c.query('use nosuchdb'), { errno: 1049 });
    await assert.rejects(client({ database: 'nosuchdb' }), { errno: 1049 });
    await c.end();
  });

  test('transactions: status flags, and a closed connection rolls back', async () => {
    const c = await client({ database: 'srv' });
    const [begin] = (await c.query('begin')) as [mysql.ResultSetHeader, unknown];
    assert.equal(begin.serverStatus & 1, 1);
    await c.query("insert into t (a) values ('uncommitted')");
    c.destroy();
    const d = await client({ database: 'srv' });
    for (let i = 0; i < 50; i++) {
      const [rows] = (await d.query("select count(*) n from t where a = 'uncommitted'")) as [{ n: string }[], unknown];
      if (rows[0].n === '0') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const [rows] = (await d.query("select count(*) n from t where a = 'uncommitted'")) as [{ n: string }[], unknown];
    assert.equal(rows[0].n, '0');
    await d.end();
  });

  test('prepared statements: parameters and binary rows', { skip: skipPrepared }, async () => {
    const c = await client({ database: 'srv', timezone: 'Z' });
    await c.execute('insert into t (a, b, c, d, e, g, h, n) values (?, ?, ?, ?, ?, ?, ?, ?)', [
      'prep',
      '12.34',
      '2024-05-06 07:08:09.123',
      0.5,
      '18446744073709551615',
      '2024-02-29',
      '838:59:59',
      -7,
    ]);
    const [rows] = await c.execute({ sql: 'select a, b, c, d, e, g, h, n from t where a = ?', rowsAsArray: true }, [
      'prep',
    ]);
    assert.deepEqual(rows, [
      ['prep', '12.34', '2024-05-06 07:08:09.123', 0.5, '18446744073709551615', '2024-02-29', '838:59:59', -7],
    ]);
    const [none] = await c.execute('select a from t where id = ?', [123456]);
    assert.deepEqual(none, []);
    await assert.rejects(c.execute('select * from nosuch where id = ?', [1]), { errno: 1146 });
    await c.query("delete from t where a = 'prep'");
    await c.end();
  });

  test('the mariadb/mysql command-line client', {
    skip: skip || (cli ? false : 'no mariadb or mysql client installed'),
  }, async () => {
    const ok = await runCli(cli as string, [
      '-D',
      'srv',
      '-e',
      "select 1 + 1 two, 'héllo' s; select count(*) from t where id < 0",
    ]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, 'two\ts\n2\théllo\ncount(*)\n0\n');
    const bad = await runCli(cli as string, ['-e', 'select * from nosuch.t']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ERROR 1146 \(42S02\)/);
    const denied = await runCli(cli as string, ['-pwrong', '-e', 'select 1']);
    assert.match(
      denied.stderr,
      /ERROR 1045 \(28000\): Access denied for user 'root'@'127.0.0.1' \(using password: YES\)/,
    );
  });
});
