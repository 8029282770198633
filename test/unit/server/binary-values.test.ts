import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type BinaryColumn,
  readBinaryDatetime,
  readBinaryTime,
  readParamValue,
  writeBinaryDatetime,
  writeBinaryTime,
  writeBinaryValue,
} from '../../../src/server/binary-values.js';
import { PacketReader, PacketWriter } from '../../../src/server/wire.js';

const hex = (f: (w: PacketWriter) => void) => {
  const w = new PacketWriter();
  f(w);
  return w.toBuffer().toString('hex');
};

test('DATETIME binary form uses length 0, 4, 7 or 11', () => {
  assert.equal(
    hex((w) => writeBinaryDatetime(w, '0000-00-00 00:00:00')),
    '00',
  );
  assert.equal(
    hex((w) => writeBinaryDatetime(w, '2024-02-29')),
    '04e807021d',
  );
  assert.equal(
    hex((w) => writeBinaryDatetime(w, '2024-02-29 13:14:15')),
    '07e807021d0d0e0f',
  );
  assert.equal(
    hex((w) => writeBinaryDatetime(w, '2024-02-29 13:14:15.000001')),
    '0be807021d0d0e0f01000000',
  );
  assert.equal(
    hex((w) => writeBinaryDatetime(w, '2024-02-29 13:14:15.5')),
    '0be807021d0d0e0f20a10700',
  );
});

test('TIME binary form: sign, days, hours, minutes, seconds, microseconds', () => {
  assert.equal(
    hex((w) => writeBinaryTime(w, '00:00:00')),
    '00',
  );
  assert.equal(
    hex((w) => writeBinaryTime(w, '-38:01:02')),
    '080101000000' + '0e0102',
  );
  assert.equal(
    hex((w) => writeBinaryTime(w, '838:59:59.000001')),
    '0c0022000000' + '163b3b' + '01000000',
  );
});

test('temporal values read back from their binary forms', () => {
  for (const [text, dateOnly] of [
    ['2024-02-29', true],
    ['2024-02-29 00:00:00', false],
    ['1999-12-31 23:59:59.123456', false],
    ['0000-00-00 00:00:00', false],
  ] as const) {
    const w = new PacketWriter();
    writeBinaryDatetime(w, text);
    assert.equal(readBinaryDatetime(new PacketReader(w.toBuffer()), dateOnly), text);
  }
  for (const text of ['-38:01:02.500000', '00:00:00', '838:59:59', '-00:00:01']) {
    const w = new PacketWriter();
    writeBinaryTime(w, text);
    assert.equal(readBinaryTime(new PacketReader(w.toBuffer())), text);
  }
});

test('parameters: integers by size and signedness, floats, strings, blobs, temporals', () => {
  const read = (bytes: number[] | Buffer, type: number, unsigned = false) =>
    readParamValue(new PacketReader(Buffer.from(bytes)), { type, unsigned });
  assert.equal(read([0xff], 1), -1);
  assert.equal(read([0xff], 1, true), 255);
  assert.equal(read([0xfe, 0xff], 2), -2);
  assert.equal(read([0xfe, 0xff], 2, true), 65534);
  assert.equal(read([0xff, 0xff, 0xff, 0xff], 3), -1);
  assert.equal(read([0xff, 0xff, 0xff, 0xff], 3, true), 4294967295);
  assert.equal(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 8), -1);
  assert.equal(read([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 8, true), 18446744073709551615n);
  assert.equal(read([0, 0, 0, 0, 0, 0, 0, 0x80], 8), -9223372036854775808n);
  const f = Buffer.alloc(4);
  f.writeFloatLE(0.25);
  assert.equal(read(f, 4), 0.25);
  const d = Buffer.alloc(8);
  d.writeDoubleLE(-1e300);
  assert.equal(read(d, 5), -1e300);
  assert.equal(read([3, 0x31, 0x2e, 0x35], 246), '1.5');
  assert.equal(read(Buffer.from([2, 0xc3, 0xa9]), 253), 'é');
  assert.deepEqual(read([2, 0, 0xff], 252), Buffer.from([0, 0xff]));
  assert.equal(read([4, 0xe8, 0x07, 2, 29], 10), '2024-02-29');
  assert.equal(read([4, 0xe8, 0x07, 2, 29], 12), '2024-02-29 00:00:00');
  assert.equal(read([0], 11), '00:00:00');
  assert.equal(read([], 6), null);
});

const col = (type: number, extra: Partial<BinaryColumn> = {}): BinaryColumn => ({
  type,
  flags: 0,
  length: 20,
  charsetId: 63,
  ...extra,
});

test('result values: each type in its binary width', () => {
  const enc = (c: BinaryColumn, v: unknown) => hex((w) => writeBinaryValue(w, c, v));
  assert.equal(enc(col(1), -1), 'ff');
  assert.equal(enc(col(2), 300), '2c01');
  assert.equal(enc(col(13), 2024), 'e807');
  assert.equal(enc(col(9), -2), 'feffffff');
  assert.equal(enc(col(3), 4294967295), 'ffffffff');
  assert.equal(enc(col(8), -1), 'ffffffffffffffff');
  assert.equal(enc(col(8, { flags: 32 }), 18446744073709551615n), 'ffffffffffffffff');
  assert.equal(enc(col(4), 1.5), '0000c03f');
  assert.equal(enc(col(5), 1.5), '000000000000f83f');
  assert.equal(enc(col(246), '-1.50'), '052d312e3530');
  assert.equal(enc(col(253, { charsetId: 46 }), 'é'), '02c3a9');
  assert.equal(enc(col(252), new Uint8Array([1, 2])), '020102');
  assert.equal(enc(col(16, { length: 10 }), 5), '020005');
  assert.equal(enc(col(16, { length: 1 }), 1), '0101');
  assert.equal(enc(col(245, { charsetId: 63 }), '{"a":1}'), `07${Buffer.from('{"a":1}').toString('hex')}`);
  assert.equal(enc(col(12), '2024-02-29 13:14:15'), '07e807021d0d0e0f');
  assert.equal(enc(col(245), { a: [1] }), `09${Buffer.from('{"a":[1]}').toString('hex')}`);
  const decimalLike = { toString: () => '3.14' };
  Object.setPrototypeOf(decimalLike, { toString: () => '3.14' });
  assert.equal(enc(col(246), decimalLike), `04${Buffer.from('3.14').toString('hex')}`);
  assert.equal(enc(col(11), '01:00:00'), '080000000000010000');
});
