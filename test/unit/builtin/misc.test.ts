import assert from 'node:assert/strict';
import { test } from 'node:test';
import '../../../src/expression/builtin/misc.js';
import '../../../src/expression/builtin/encryption.js';
import '../../../src/expression/builtin/string-code.js';
import { userLocks } from '../../../src/expression/builtin/misc.js';
import { bin, build, c, newEvalContext, run, show } from './ctx-strings.js';

test('uuid, uuid_short, is_uuid', () => {
  const a = run('uuid', []) as string;
  const b = run('uuid', []) as string;
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
  assert.equal(run('is_uuid', [a]), 1);
  assert.equal(run('is_uuid', ['6ccd780c-baba-1026-9564-5b8c656024db']), 1);
  assert.equal(run('is_uuid', ['{6ccd780c-baba-1026-9564-5b8c656024db}']), 1);
  assert.equal(run('is_uuid', ['6ccd780cbaba102695645b8c656024db']), 1);
  assert.equal(run('is_uuid', ['6ccd780c-baba-1026-9564-5b8c6560']), 0);
  assert.equal(run('is_uuid', [null]), null);
  const s1 = BigInt(run('uuid_short', []) as bigint);
  assert.equal(BigInt(run('uuid_short', []) as bigint) - s1, 1n);
  assert.equal(build('uuid', []).impl.deterministic, false);
});

test('inet_aton, inet_ntoa, inet6', () => {
  assert.equal(run('inet_aton', ['10.0.5.9']), 167773449);
  assert.equal(run('inet_aton', ['127.1']), 2130706433);
  assert.equal(run('inet_aton', ['127.0.1']), 2130706433);
  assert.equal(run('inet_aton', ['1.2.3.256']), null);
  assert.equal(run('inet_aton', ['1.2.3.']), null);
  assert.equal(run('inet_ntoa', [167773449]), '10.0.5.9');
  assert.equal(run('inet_ntoa', [4294967296]), null);
  assert.equal(
    run('hex', [bin(run('inet6_aton', ['fdfe::5a55:caff:fefa:9089']) as string)]),
    'FDFE0000000000005A55CAFFFEFA9089',
  );
  assert.equal(run('hex', [bin(run('inet6_aton', ['10.0.5.9']) as string)]), '0A000509');
  assert.equal(run('inet6_aton', ['1::2::3']), null);
  assert.equal(
    run('inet6_ntoa', [bin('\xfd\xfe\0\0\0\0\0\0\x5a\x55\xca\xff\xfe\xfa\x90\x89')]),
    'fdfe::5a55:caff:fefa:9089',
  );
  assert.equal(run('inet6_ntoa', [bin('\x0a\0\x05\x09')]), '10.0.5.9');
  assert.equal(run('inet6_ntoa', [bin(`${'\0'.repeat(10)}\xff\xff\x01\x02\x03\x04`)]), '::ffff:1.2.3.4');
  assert.equal(run('inet6_ntoa', [bin(`${'\0'.repeat(15)}\x01`)]), '::1');
  assert.equal(run('inet6_ntoa', ['abc']), null);
  assert.equal(run('is_ipv4', ['10.0.5.9']), 1);
  assert.equal(run('is_ipv4', ['10.0.5.256']), 0);
  assert.equal(run('is_ipv6', ['10.0.5.9']), 0);
  assert.equal(run('is_ipv6', ['::1']), 1);
  assert.equal(run('is_ipv6', ['::ffff:10.0.5.9']), 1);
  assert.equal(run('is_ipv4_mapped', [bin(`${'\0'.repeat(10)}\xff\xff\x01\x02\x03\x04`)]), 1);
  assert.equal(run('is_ipv4_compat', [bin(`${'\0'.repeat(12)}\x01\x02\x03\x04`)]), 1);
});

test('user-level locks are per connection and re-entrant', () => {
  const ctx = newEvalContext();
  assert.equal(run('is_free_lock', ['l1'], ctx), 1);
  assert.equal(run('get_lock', ['l1', 10], ctx), 1);
  assert.equal(run('get_lock', ['L1', 10], ctx), 1);
  assert.equal(run('is_used_lock', ['l1'], ctx), 7);
  assert.equal(userLocks.acquire('l1', 99), 0);
  assert.equal(run('release_lock', ['l1'], ctx), 1);
  assert.equal(run('is_free_lock', ['l1'], ctx), 0);
  assert.equal(run('release_lock', ['l1'], ctx), 1);
  assert.equal(run('is_free_lock', ['l1'], ctx), 1);
  assert.equal(run('release_lock', ['l1'], ctx), null);
  assert.equal(userLocks.acquire('l2', 99), 1);
  assert.equal(run('release_lock', ['l2'], ctx), 0);
  assert.equal(run('get_lock', ['l2', 0], ctx), 0);
  assert.equal(userLocks.releaseAll(99), 1);
  run('get_lock', ['a', 1], ctx);
  run('get_lock', ['b', 1], ctx);
  assert.equal(run('release_all_locks', [], ctx), 2);
  assert.throws(() => run('get_lock', ['', 1], ctx), /Incorrect user-level lock name/);
  assert.equal(build('get_lock', [c('x'), c(1)]).impl.sideEffects, true);
});

test('any_value and tidb_parse_tso', () => {
  assert.equal(run('any_value', ['x']), 'x');
  assert.equal(build('any_value', [c('x')]).impl.sig, 'StringAnyValue');
  const ms = Date.UTC(2023, 0, 2, 3, 4, 5, 678);
  assert.equal(show('tidb_parse_tso', [BigInt(ms) << 18n]), '2023-01-02 03:04:05.678000');
  assert.equal(run('tidb_parse_tso', [0]), null);
});

test('digests, aes, compression', () => {
  assert.equal(run('md5', ['testing']), 'ae2b1fca515949e5d54fb22b8ed95575');
  assert.equal(run('sha1', ['abc']), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(run('sha', ['abc']), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  assert.equal(run('sha2', ['abc', 224]), '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
  assert.equal(run('sha2', ['abc', 0]), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(run('sha2', ['abc', 1]), null);
  assert.equal(
    run('hex', [bin(run('aes_encrypt', ['text', 'password']) as string)]),
    'F6BD0FA8DCB7F8CD4A2FAABC54668044',
  );
  assert.equal(run('aes_decrypt', [bin(run('aes_encrypt', ['text', 'password']) as string), 'password']), 'text');
  assert.equal(run('aes_decrypt', [bin(run('aes_encrypt', ['text', 'password']) as string), 'wrong']), null);
  assert.equal((run('random_bytes', [8]) as string).length, 8);
  assert.throws(() => run('random_bytes', [0]), /out of range/);
  const z = bin(run('compress', ['a'.repeat(1000)]) as string);
  assert.ok((z.value as string).length < 50);
  assert.equal(run('uncompressed_length', [z]), 1000);
  assert.equal(run('uncompress', [z]), 'a'.repeat(1000));
  assert.equal(run('compress', ['']), '');
  const ctx = newEvalContext();
  assert.equal(run('uncompress', ['garbage!'], ctx), null);
  assert.equal(ctx.warnings[0]?.code, 1259);
});
