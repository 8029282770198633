import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FieldInfo } from '../../../src/api-types.js';
import {
  columnDefinition,
  eofPacket,
  errPacket,
  okPacket,
  statusFlags,
  writeBinaryRow,
} from '../../../src/server/result-writer.js';
import { PacketWriter } from '../../../src/server/wire.js';

test('OK packet: header, affected rows, insert id, status, warnings, info', () => {
  assert.equal(okPacket({ status: 2 }).toString('hex'), '00' + '00' + '00' + '0200' + '0000');
  const p = okPacket({ affectedRows: 300, insertId: 7n, status: 3, warnings: 1, info: 'hi' }, 0xfe);
  assert.equal(p.toString('hex'), 'fe' + 'fc2c01' + '07' + '0300' + '0100' + '02' + '6869');
});

test('EOF and ERR packets', () => {
  assert.equal(eofPacket(0x0a, 2).toString('hex'), 'fe02000a00');
  assert.equal(errPacket(1146, '42S02', 'nope').toString('hex'), `ff7a04${Buffer.from('#42S02nope').toString('hex')}`);
});

const f: FieldInfo = {
  name: 'a',
  orgName: 'a_org',
  table: 't',
  orgTable: 't_org',
  db: 'd',
  type: 3,
  typeName: 'int',
  flags: 1 | 32,
  length: 10,
  decimals: 0,
  charsetId: 63,
  collation: 'binary',
};

test('column definition 4.1: catalog, names, fixed-length block', () => {
  const expected =
    '03646566' +
    '0164' +
    '0174' +
    '05745f6f7267' +
    '0161' +
    '05615f6f7267' +
    '0c' +
    '3f00' +
    '0a000000' +
    '03' +
    '2100' +
    '00' +
    '0000';
  assert.equal(columnDefinition(f).toString('hex'), expected);
  assert.equal(columnDefinition(f, true).toString('hex'), `${expected}fb`);
});

test('binary row: NULL bitmap starts at bit 2', () => {
  const w = new PacketWriter();
  const fields = Array.from({ length: 7 }, () => f);
  writeBinaryRow(w, fields, [null, 1, null, 2, 3, 4, null]);
  const b = w.toBuffer();
  assert.equal(b[0], 0);
  // NULLs at columns 0, 2, 6 → bits 2, 4, 8.
  assert.deepEqual([...b.subarray(1, 3)], [0b00010100, 0b00000001]);
  assert.equal(b.length, 3 + 4 * 4);
});

test('status flags reflect the transaction', () => {
  assert.equal(statusFlags(null), 2);
  assert.equal(statusFlags({ inTransaction: true, autocommit: false }), 1);
  assert.equal(statusFlags({ inTransaction: true, autocommit: true }, true), 11);
});
