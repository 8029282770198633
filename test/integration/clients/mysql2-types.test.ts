// mysql2 against the server: every column type round-trips through the text protocol (query) and the binary
// protocol (execute), with extreme values, and column metadata carries MySQL's types and flags.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mysql from 'mysql2/promise';
import { type RunningServer, startServer } from '../../../src/server/index.js';

const DDL = `create table ty (
  id int primary key, ti tinyint, tiu tinyint unsigned, si smallint, siu smallint unsigned,
  mi mediumint, miu mediumint unsigned, i int, iu int unsigned, bi bigint, biu bigint unsigned,
  de decimal(65,30), f float, d double, ch char(5), vc varchar(20), tx text, bl blob, bn binary(4),
  vb varbinary(8), dt date, dtm datetime(6), ts timestamp, tm time, yr year, en enum('a','b','c'),
  st set('x','y','z'), js json, bt bit(10))`;

const VALUES: unknown[] = [
  0,
  -128,
  255,
  -32768,
  65535,
  -8388608,
  16777215,
  -2147483648,
  4294967295,
  '-9223372036854775808',
  '18446744073709551615',
  '12345678901234567890123456789012345.123456789012345678901234567891',
  1.5,
  -2.2250738585072014e-308,
  'ab',
  'héllo wörld',
  'long text ✓',
  Buffer.from([0, 1, 2, 255]),
  Buffer.from([1, 2, 3, 4]),
  Buffer.from([9, 8]),
  '2024-02-29',
  '2024-02-29 13:14:15.123456',
  '2038-01-19 03:14:07',
  '-838:59:59',
  2155,
  'b',
  'x,z',
  '{"a": [1, 2], "b": null}',
  Buffer.from([0x02, 0x01]),
];

/** What comes back (dateStrings, bigNumberStrings): the inputs, with strings for 64-bit integers and decimal. */
function expected(id: number): Record<string, unknown> {
  const names = ['id', 'ti', 'tiu', 'si', 'siu', 'mi', 'miu', 'i', 'iu', 'bi', 'biu', 'de', 'f', 'd', 'ch', 'vc'];
  names.push('tx', 'bl', 'bn', 'vb', 'dt', 'dtm', 'ts', 'tm', 'yr', 'en', 'st', 'js', 'bt');
  const row: Record<string, unknown> = {};
  names.forEach((n, i) => {
    row[n] = VALUES[i];
  });
  row.id = id;
  row.js = { a: [1, 2], b: null };
  return row;
}

describe('mysql2: every column type round-trips', { timeout: 60_000 }, () => {
  let server: RunningServer;
  let c: mysql.Connection;
  before(async () => {
    server = await startServer({ port: 0, memory: true });
    c = await mysql.createConnection({
      host: '127.0.0.1',
      port: server.port,
      user: 'root',
      database: 'test',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
    });
    await c.query(DDL);
    const marks = VALUES.map(() => '?').join(',');
    await c.query(`insert into ty values (${marks})`, [1, ...VALUES.slice(1)]);
    await c.execute(`insert into ty values (${marks})`, [2, ...VALUES.slice(1)] as mysql.ExecuteValues);
    await c.query('insert into ty (id) values (3)');
  });
  after(async () => {
    await c.end();
    await server.close();
  });

  test('text protocol reads what both protocols wrote', async () => {
    const [rows] = await c.query('select * from ty where id < 3 order by id');
    assert.deepEqual(rows, [expected(1), expected(2)]);
  });

  test('binary protocol reads the same', async () => {
    for (const id of [1, 2]) {
      const [rows] = await c.execute('select * from ty where id = ?', [id]);
      assert.deepEqual(rows, [expected(id)]);
    }
  });

  test('NULL in every column, both protocols', async () => {
    const [text] = await c.query<mysql.RowDataPacket[]>('select * from ty where id = 3');
    const [bin] = await c.execute<mysql.RowDataPacket[]>('select * from ty where id = ?', [3]);
    for (const r of [text[0]!, bin[0]!]) {
      for (const [k, v] of Object.entries(r)) if (k !== 'id') assert.equal(v, null, k);
    }
  });

  test('extreme integers as parameters and as results', async () => {
    const [rows] = await c.execute<mysql.RowDataPacket[]>('select cast(? as unsigned) a, ? b, ? c', [
      '18446744073709551615',
      -9007199254740993n,
      2 ** 53,
    ]);
    assert.deepEqual(rows[0], { a: '18446744073709551615', b: '-9007199254740993', c: '9007199254740992' });
    const [r2] = await c.execute<mysql.RowDataPacket[]>('select biu, bi from ty where biu = ?', [
      '18446744073709551615',
    ]);
    assert.equal(r2.length, 2);
  });

  test('column definitions: type codes, flags, decimals, lengths', async () => {
    const [, fields] = await c.query('select id, tiu, biu, de, f, ch, bl, dtm, yr, en, st, js, bt from ty limit 0');
    const got = fields.map((f) => [f.name, f.columnType, f.decimals, f.columnLength]);
    assert.deepEqual(got, [
      ['id', 3, 0, 11],
      ['tiu', 1, 0, 3],
      ['biu', 8, 0, 20],
      ['de', 246, 30, 67],
      ['f', 4, 31, 12],
      ['ch', 254, 0, 20],
      ['bl', 252, 0, 65535],
      ['dtm', 12, 6, 26],
      ['yr', 13, 0, 4],
      ['en', 254, 0, 1],
      ['st', 254, 0, 5],
      ['js', 245, 0, 4294967295],
      ['bt', 16, 0, 10],
    ]);
    const flags = Object.fromEntries(fields.map((f) => [f.name, Number(f.flags)]));
    assert.ok(flags.id! & 2, 'PRI_KEY');
    assert.ok(flags.tiu! & 32, 'UNSIGNED');
    assert.ok(flags.bl! & 128, 'BINARY');
    assert.ok(flags.en! & 256, 'ENUM');
    assert.ok(flags.st! & 2048, 'SET');
  });
});
