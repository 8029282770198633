import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { constants, publicEncrypt } from 'node:crypto';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import {
  CACHING_SHA2_PASSWORD,
  CLEAR_PASSWORD,
  cachingSha2Token,
  checkNativeToken,
  checkSha2Token,
  decryptPassword,
  generateRsaKeys,
  generateScramble,
  NATIVE_PASSWORD,
  nativePasswordHash,
  nativePasswordToken,
  PasswordAuthenticator,
  sha2PasswordHash,
  verifyPassword,
} from '../../../src/server/auth.js';

// mysql2's client-side implementations serve as independent references.
const require = createRequire(import.meta.url);
const mysql2Dir = dirname(require.resolve('mysql2'));
const auth41 = require(join(mysql2Dir, 'lib/auth_41.js')) as {
  calculateToken(password: string, s1: Buffer, s2: Buffer): Buffer;
};
const sha2Plugin = require(join(mysql2Dir, 'lib/auth_plugins/caching_sha2_password.js')) as {
  calculateToken(password: string, scramble: Buffer): Buffer;
};

const scramble = Buffer.from('0123456789abcdefghij');

test('mysql_native_password: stored hash is SHA1(SHA1(pw)), as in mysql.user', () => {
  assert.equal(
    nativePasswordHash('password').toString('hex').toUpperCase(),
    '2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19',
  );
});

test('mysql_native_password: token matches the reference client and verifies', () => {
  const token = nativePasswordToken('s3cret', scramble);
  assert.deepEqual(token, auth41.calculateToken('s3cret', scramble.subarray(0, 8), scramble.subarray(8)));
  assert.ok(checkNativeToken(nativePasswordHash('s3cret'), scramble, token));
  assert.ok(!checkNativeToken(nativePasswordHash('other'), scramble, token));
  assert.ok(!checkNativeToken(nativePasswordHash('s3cret'), Buffer.from('x'.repeat(20)), token));
  assert.equal(nativePasswordToken('', scramble).length, 0);
});

test('caching_sha2_password: token is SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + nonce)', () => {
  const token = cachingSha2Token('hunter2', scramble);
  assert.deepEqual(token, sha2Plugin.calculateToken('hunter2', scramble));
  assert.equal(token.length, 32);
  assert.ok(checkSha2Token(sha2PasswordHash('hunter2'), scramble, token));
  assert.ok(!checkSha2Token(sha2PasswordHash('hunter3'), scramble, token));
});

test('verifyPassword across plugins, and empty passwords', () => {
  assert.ok(verifyPassword('pw', NATIVE_PASSWORD, scramble, nativePasswordToken('pw', scramble)));
  assert.ok(verifyPassword('pw', CACHING_SHA2_PASSWORD, scramble, cachingSha2Token('pw', scramble)));
  assert.ok(verifyPassword('pw', CLEAR_PASSWORD, scramble, Buffer.from('pw')));
  assert.ok(!verifyPassword('pw', NATIVE_PASSWORD, scramble, Buffer.alloc(0)));
  assert.ok(verifyPassword('', NATIVE_PASSWORD, scramble, Buffer.alloc(0)));
  assert.ok(!verifyPassword('', NATIVE_PASSWORD, scramble, nativePasswordToken('x', scramble)));
  assert.ok(!verifyPassword('pw', 'sha256_password', scramble, Buffer.from('pw')));
});

test('PasswordAuthenticator: default root without password; unknown users refused', async () => {
  const a = new PasswordAuthenticator();
  assert.ok(await a.verify('root', 'h', NATIVE_PASSWORD, scramble, Buffer.alloc(0)));
  assert.equal(a.hasPassword('root'), false);
  assert.ok(!(await a.verify('nobody', 'h', NATIVE_PASSWORD, scramble, Buffer.alloc(0))));
  const b = new PasswordAuthenticator({ u: { password: 'p', plugin: CACHING_SHA2_PASSWORD } });
  assert.equal(b.accountPlugin('u'), CACHING_SHA2_PASSWORD);
  assert.ok(b.hasPassword('u'));
});

test('scrambles are 20 bytes without NUL or $', () => {
  for (let i = 0; i < 50; i++) {
    const s = generateScramble();
    assert.equal(s.length, 20);
    assert.ok(!s.includes(0) && !s.includes(0x24));
  }
});

test('RSA full authentication: OAEP(SHA-1) of (password + NUL) XOR scramble decrypts to the password', () => {
  const keys = generateRsaKeys();
  const plain = Buffer.from('hunter2\0');
  for (let i = 0; i < plain.length; i++) plain[i] ^= scramble[i % scramble.length];
  const encrypted = publicEncrypt(
    { key: keys.publicKeyPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    plain,
  );
  assert.equal(decryptPassword(keys, scramble, encrypted)?.toString(), 'hunter2');
  assert.equal(decryptPassword(keys, scramble, Buffer.from('garbage')), null);
});
