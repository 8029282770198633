// Logins against the engine's accounts over the wire with mysql2: no-password root, native and caching_sha2
// passwords, error 1045 for a wrong password or unknown user, and privilege errors reaching the client.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import { type RunningServer, startServer } from '../../../src/server/index.js';

describe('accounts over the wire', { timeout: 60_000 }, () => {
  let server: RunningServer;
  const connect = (user: string, password?: string, database?: string) =>
    mysql.createConnection({ host: '127.0.0.1', port: server.port, user, password, database });

  before(async () => {
    server = await startServer({ port: 0, memory: true });
    const root = await connect('root');
    await root.query("create user 'nat'@'%' identified with mysql_native_password by 'n-pw'");
    await root.query("create user 'sha'@'localhost' identified with caching_sha2_password by 's-pw'");
    await root.query('create table test.t (a int)');
    await root.query("grant select on test.t to 'nat'@'%'");
    await root.end();
  });
  after(() => server.close());

  test('root logs in without a password', async () => {
    const c = await connect('root');
    const [rows] = await c.query('select current_user() cu');
    assert.deepEqual(rows, [{ cu: 'root@%' }]);
    await c.end();
  });

  test('mysql_native_password account', async () => {
    const c = await connect('nat', 'n-pw', 'test');
    const [rows] = await c.query('select current_user() cu, user() u');
    assert.deepEqual(rows, [{ cu: 'nat@%', u: 'nat@127.0.0.1' }]);
    assert.deepEqual((await c.query('select * from t'))[0], []);
    await assert.rejects(c.query('insert into t values (1)'), (e: { errno?: number; message?: string }) => {
      assert.equal(e.errno, 1142);
      assert.match(e.message ?? '', /INSERT command denied to user 'nat'@'%' for table 't'/);
      return true;
    });
    await c.end();
  });

  test('caching_sha2_password account (localhost matches the loopback address)', async () => {
    const c = await connect('sha', 's-pw');
    const [rows] = await c.query('select current_user() cu');
    assert.deepEqual(rows, [{ cu: 'sha@localhost' }]);
    await c.end();
    const again = await connect('sha', 's-pw');
    await again.end();
  });

  test('1045 for a wrong password, a missing password and an unknown user', async () => {
    for (const [user, pw] of [
      ['nat', 'wrong'],
      ['nat', undefined],
      ['ghost', 'x'],
      ['sha', 'bad'],
    ] as const) {
      await assert.rejects(connect(user, pw), (e: { errno?: number; message?: string }) => {
        assert.equal(e.errno, 1045, `${user}: ${e.message}`);
        assert.match(e.message ?? '', new RegExp(`Access denied for user '${user}'@'127.0.0.1'`));
        return true;
      });
    }
  });

  test('1044 when the login names a database without privileges', async () => {
    await assert.rejects(connect('sha', 's-pw', 'test'), (e: { errno?: number }) => e.errno === 1044);
  });

  test('a changed password takes effect for new logins', async () => {
    const root = await connect('root');
    await root.query("alter user 'nat'@'%' identified by 'n-pw2'");
    await root.end();
    await assert.rejects(connect('nat', 'n-pw'), (e: { errno?: number }) => e.errno === 1045);
    const c = await connect('nat', 'n-pw2');
    await c.end();
    const r2 = await connect('root');
    await r2.query("alter user 'nat'@'%' identified by 'n-pw'");
    await r2.end();
  });
});
