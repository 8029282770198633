// TLS: clients that ask for it switch after the SSL request; caching_sha2 full auth then sends the password
// in clear over the encrypted channel.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import mysql from 'mysql2/promise';
import {
  CACHING_SHA2_PASSWORD,
  PasswordAuthenticator,
  type RunningServer,
  startServer,
} from '../../../src/server/index.js';
import { FakeEngine } from './fake-engine.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const skip = hasOpenssl() ? false : 'the openssl command is needed to make a test certificate';
let dir = '';
let server: RunningServer;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'tilite-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  server = await startServer({
    port: 0,
    engine: new FakeEngine(),
    tlsCert: join(dir, 'cert.pem'),
    tlsKey: join(dir, 'key.pem'),
    authenticator: new PasswordAuthenticator({ root: '', carol: { password: 'pw', plugin: CACHING_SHA2_PASSWORD } }),
  });
});

after(async () => {
  if (skip) return;
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const connect = (opts: mysql.ConnectionOptions) =>
  mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'root', ...opts });

test('queries over TLS', { skip }, async () => {
  const c = await connect({ ssl: { rejectUnauthorized: false } });
  const [rows] = await c.query('select 7');
  assert.deepEqual(rows, [{ 7: 7 }]);
  await c.end();
});

test('caching_sha2_password full authentication over TLS', { skip }, async () => {
  const c = await connect({ user: 'carol', password: 'pw', ssl: { rejectUnauthorized: false } });
  await c.ping();
  await c.end();
  await assert.rejects(connect({ user: 'carol', password: 'bad', ssl: { rejectUnauthorized: false } }), {
    errno: 1045,
  });
});

test('clients without TLS still connect to a TLS-capable server', { skip }, async () => {
  const c = await connect({});
  await c.ping();
  await c.end();
});
