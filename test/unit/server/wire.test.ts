import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MalformedPacketError, PacketReader, PacketWriter } from '../../../src/server/wire.js';

const hex = (w: PacketWriter) => w.toBuffer().toString('hex');

test('length-encoded integers use 1, 3, 4 or 9 bytes', () => {
  assert.equal(hex(new PacketWriter().lenenc(0)), '00');
  assert.equal(hex(new PacketWriter().lenenc(250)), 'fa');
  assert.equal(hex(new PacketWriter().lenenc(251)), 'fcfb00');
  assert.equal(hex(new PacketWriter().lenenc(65535)), 'fcffff');
  assert.equal(hex(new PacketWriter().lenenc(65536)), 'fd000001');
  assert.equal(hex(new PacketWriter().lenenc(0xffffff)), 'fdffffff');
  assert.equal(hex(new PacketWriter().lenenc(0x1000000)), 'fe0000000100000000');
  assert.equal(hex(new PacketWriter().lenenc(18446744073709551615n)), 'feffffffffffffffff');
  assert.throws(() => new PacketWriter().lenenc(-1), RangeError);
});

test('length-encoded integers read back, 0xfb is NULL', () => {
  for (const v of [0, 250, 251, 65535, 65536, 0xffffff, 0x1000000, 2 ** 40]) {
    assert.equal(new PacketReader(new PacketWriter().lenenc(v).toBuffer()).lenenc(), v);
  }
  assert.equal(new PacketReader(Buffer.from([0xfb])).lenenc(), null);
  assert.throws(() => new PacketReader(Buffer.from([0xff])).lenenc(), MalformedPacketError);
});

test('strings: length-encoded (UTF-8), NUL-terminated, to end of packet', () => {
  const w = new PacketWriter(2).lenencBytes('héllo').zstring('root').eofString('rest');
  assert.equal(
    w.toBuffer().toString('hex'),
    `06${Buffer.from('héllo').toString('hex')}726f6f7400${Buffer.from('rest').toString('hex')}`,
  );
  const r = new PacketReader(w.toBuffer());
  assert.equal(r.lenencBytes().toString(), 'héllo');
  assert.equal(r.zstring(), 'root');
  assert.equal(r.rest().toString(), 'rest');
  assert.equal(r.remaining, 0);
});

test('fixed-size integers are little-endian; reading past the end throws', () => {
  const w = new PacketWriter().int1(0x1ff).int2(0x1234).int3(0x123456).int4(0xdeadbeef).int8(-1n);
  assert.equal(hex(w), 'ff3412563412efbeaddeffffffffffffffff');
  const r = new PacketReader(w.toBuffer());
  assert.deepEqual(
    [r.int1(), r.int2(), r.int3(), r.int4(), r.int8()],
    [0xff, 0x1234, 0x123456, 0xdeadbeef, 2n ** 64n - 1n],
  );
  assert.throws(() => r.int1(), MalformedPacketError);
  assert.throws(() => new PacketReader(Buffer.from([5, 1, 2])).lenencBytes(), MalformedPacketError);
});

test('a NUL-terminated string without its NUL takes the rest', () => {
  const r = new PacketReader(Buffer.from('abc'));
  assert.equal(r.zstring(), 'abc');
  assert.equal(r.remaining, 0);
});
