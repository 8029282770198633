// Commands and protocol variants exercised with a raw client: DEPRECATE_EOF, COM_INIT_DB, COM_FIELD_LIST,
// COM_STATISTICS, COM_SET_OPTION, COM_RESET_CONNECTION, long data, COM_PROCESS_KILL, unknown commands.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Cap, Com, Status } from '../../../src/server/constants.js';
import { type RunningServer, startServer } from '../../../src/server/index.js';
import { PacketReader, PacketWriter } from '../../../src/server/wire.js';
import { FakeEngine } from './fake-engine.js';
import { BASE_CAPS, cmd, parseErr, RawClient } from './raw-client.js';

let engine: FakeEngine;
let server: RunningServer;

before(async () => {
  engine = new FakeEngine();
  server = await startServer({ port: 0, engine });
});

after(async () => {
  await server.close();
});

const isEof = (p: Buffer) => p[0] === 0xfe && p.length < 9;

test('classic EOF framing of a result set', async () => {
  const c = await RawClient.open(server.port);
  const [count, def, eof1, row, eof2] = await c.command(cmd(Com.QUERY, 'select 1'), 5);
  assert.deepEqual([...count], [1]);
  assert.equal(new PacketReader(def).lenencBytes().toString(), 'def');
  assert.ok(isEof(eof1) && isEof(eof2));
  assert.deepEqual([...row], [1, 0x31]);
  assert.equal(eof2.readUInt16LE(3) & Status.AUTOCOMMIT, Status.AUTOCOMMIT);
  c.close();
});

test('CLIENT_DEPRECATE_EOF: no EOF after the columns; an OK packet with header 0xfe ends the rows', async () => {
  const c = await RawClient.open(server.port, BASE_CAPS | Cap.DEPRECATE_EOF);
  const [count, , row, end] = await c.command(cmd(Com.QUERY, 'select 1'), 4);
  assert.deepEqual([...count], [1]);
  assert.deepEqual([...row], [1, 0x31]);
  assert.equal(end[0], 0xfe);
  const r = new PacketReader(end, 1);
  assert.equal(r.lenenc(), 0);
  assert.equal(r.lenenc(), 0);
  assert.equal(r.int2(), Status.AUTOCOMMIT);
  await c.send(cmd(Com.PING));
  assert.equal((await c.read())[0], 0);
  c.close();
});

test('COM_INIT_DB, and connecting with a database', async () => {
  const c = await RawClient.open(server.port, BASE_CAPS, 'firstdb');
  assert.equal(engine.sessions.at(-1)?.database, 'firstdb');
  const [ok] = await c.command(cmd(Com.INIT_DB, 'other'), 1);
  assert.equal(ok[0], 0);
  assert.equal(engine.sessions.at(-1)?.database, 'other');
  const [err] = await c.command(cmd(Com.INIT_DB, 'nosuchdb'), 1);
  assert.deepEqual(parseErr(err), [1049, '42000', "Unknown database 'nosuchdb'"]);
  c.close();
});

test('COM_FIELD_LIST: column definitions with a NULL default, filtered by a wildcard', async () => {
  const c = await RawClient.open(server.port);
  await c.send(Buffer.concat([cmd(Com.FIELD_LIST, 't'), Buffer.from([0]), Buffer.from('i%')]));
  const names: string[] = [];
  for (;;) {
    const p = await c.read();
    if (isEof(p)) break;
    const r = new PacketReader(p);
    for (let i = 0; i < 4; i++) r.lenencBytes();
    names.push(r.lenencBytes().toString());
    assert.equal(p[p.length - 1], 0xfb);
  }
  assert.deepEqual(names, ['i8', 'i16', 'i32', 'i24']);
  c.close();
});

test('COM_STATISTICS and unknown commands', async () => {
  const c = await RawClient.open(server.port);
  const [stats] = await c.command([Com.STATISTICS], 1);
  assert.match(stats.toString(), /^Uptime: \d+ {2}Threads: \d+ {2}Questions: \d+ {2}Slow queries: 0/);
  const [err] = await c.command([0x0f], 1);
  assert.deepEqual(parseErr(err), [1047, '08S01', 'Unknown command']);
  const [pong] = await c.command([Com.PING], 1);
  assert.equal(pong[0], 0);
  c.close();
});

test('COM_SET_OPTION switches multi-statements; results are chained with MORE_RESULTS_EXISTS', async () => {
  const c = await RawClient.open(server.port);
  const [off] = await c.command(cmd(Com.QUERY, 'select 1; select 2'), 1);
  assert.equal(parseErr(off)[0], 1064);
  const [eof] = await c.command([Com.SET_OPTION, 0, 0], 1);
  assert.ok(isEof(eof));
  const packets = await c.command(cmd(Com.QUERY, 'select 1; select 2'), 10);
  assert.ok(packets[4].readUInt16LE(3) & Status.MORE_RESULTS_EXISTS);
  assert.deepEqual([...packets[8]], [1, 0x32]);
  assert.equal(packets[9].readUInt16LE(3) & Status.MORE_RESULTS_EXISTS, 0);
  c.close();
});

test('COM_RESET_CONNECTION replaces the session, keeping the connection id', async () => {
  const c = await RawClient.open(server.port);
  const before = engine.sessions.filter((s) => s.opts.connectionId === c.connectionId);
  const [ok] = await c.command([Com.RESET_CONNECTION], 1);
  assert.equal(ok[0], 0);
  const after = engine.sessions.filter((s) => s.opts.connectionId === c.connectionId);
  assert.equal(after.length, before.length + 1);
  assert.ok(before.every((s) => s.closed));
  c.close();
});

function prepareResponse(p: Buffer): { id: number; columns: number; params: number } {
  const r = new PacketReader(p, 1);
  return { id: r.int4(), columns: r.int2(), params: r.int2() };
}

test('long data, re-execution with remembered types, COM_STMT_RESET and COM_STMT_CLOSE', async () => {
  const c = await RawClient.open(server.port, BASE_CAPS | Cap.DEPRECATE_EOF);
  const [resp, , , ,] = await c.command(cmd(Com.STMT_PREPARE, 'select ?, ?'), 5);
  const { id, columns, params } = prepareResponse(resp);
  assert.deepEqual([columns, params], [2, 2]);
  const idBytes = new PacketWriter().int4(id).toBuffer();
  await c.send(
    Buffer.concat([Buffer.from([Com.STMT_SEND_LONG_DATA]), idBytes, Buffer.from([0, 0]), Buffer.from('ab')]),
  );
  await c.send(
    Buffer.concat([Buffer.from([Com.STMT_SEND_LONG_DATA]), idBytes, Buffer.from([0, 0]), Buffer.from('cd')]),
  );
  const exec = (bound: boolean, values: string[]) => {
    const w = new PacketWriter()
      .int1(Com.STMT_EXECUTE)
      .int4(id)
      .int1(0)
      .int4(1)
      .int1(0)
      .int1(bound ? 1 : 0);
    if (bound) w.int1(252).int1(0).int1(253).int1(0);
    for (const v of values) w.lenencBytes(v);
    return w.toBuffer();
  };
  const rows1 = await c.command(exec(true, ['x']), 5);
  const r1 = new PacketReader(rows1[3], 2);
  assert.equal(r1.lenencBytes().toString(), 'bytes:61626364');
  assert.equal(r1.lenencBytes().toString(), 'string:x');
  // Without new types the server reuses the bound ones; long data was consumed by the first execute.
  const rows2 = await c.command(exec(false, ['y', 'z']), 5);
  const r2 = new PacketReader(rows2[3], 2);
  assert.equal(r2.lenencBytes().toString(), 'bytes:79');
  assert.equal(r2.lenencBytes().toString(), 'string:z');
  c.close();
  const d = await RawClient.open(server.port, BASE_CAPS | Cap.DEPRECATE_EOF);
  const [resp2] = await d.command(cmd(Com.STMT_PREPARE, 'select ?'), 3);
  const id2 = prepareResponse(resp2).id;
  const id2Bytes = new PacketWriter().int4(id2).toBuffer();
  await d.send(Buffer.concat([Buffer.from([Com.STMT_SEND_LONG_DATA]), id2Bytes, Buffer.from([0, 0, 0x7a])]));
  const [reset] = await d.command(Buffer.concat([Buffer.from([Com.STMT_RESET]), id2Bytes]), 1);
  assert.equal(reset[0], 0);
  const w = new PacketWriter().int1(Com.STMT_EXECUTE).int4(id2).int1(0).int4(1).int1(0).int1(1).int1(253).int1(0);
  const rows3 = await d.command(w.lenencBytes('after-reset').toBuffer(), 4);
  assert.equal(new PacketReader(rows3[2], 2).lenencBytes().toString(), 'string:after-reset');
  await d.send(Buffer.concat([Buffer.from([Com.STMT_CLOSE]), id2Bytes]));
  const [gone] = await d.command(Buffer.concat([Buffer.from([Com.STMT_RESET]), id2Bytes]), 1);
  assert.deepEqual(parseErr(gone).slice(0, 2), [1243, 'HY000']);
  d.close();
});

test('COM_PROCESS_KILL ends another connection; unknown ids get 1094', async () => {
  const victim = await RawClient.open(server.port);
  const killer = await RawClient.open(server.port);
  const [err] = await killer.command([Com.PROCESS_KILL, 0xff, 0xff, 0, 0], 1);
  assert.deepEqual(parseErr(err), [1094, 'HY000', 'Unknown thread id: 65535']);
  const id = new PacketWriter().int4(victim.connectionId).toBuffer();
  const [ok] = await killer.command(Buffer.concat([Buffer.from([Com.PROCESS_KILL]), id]), 1);
  assert.equal(ok[0], 0);
  assert.equal(await victim.io.readPacket().catch(() => null), null);
  const killedSession = engine.sessions.find((s) => s.opts.connectionId === victim.connectionId);
  assert.ok(killedSession?.killed);
  killer.close();
});

test('a truncated command closes the connection; COM_QUIT closes it quietly', async () => {
  const c = await RawClient.open(server.port);
  await c.send([Com.STMT_EXECUTE, 1]);
  assert.equal(await c.io.readPacket().catch(() => null), null);
  const q = await RawClient.open(server.port);
  await q.send([Com.QUIT]);
  assert.equal(await q.io.readPacket(), null);
});
