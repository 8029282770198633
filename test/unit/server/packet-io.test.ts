import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { framePayload, PacketIO, PacketTooLargeError } from '../../../src/server/packet-io.js';
import { MalformedPacketError } from '../../../src/server/wire.js';

const MAX = 0xffffff;

test('small payloads get a 4-byte header: 3-byte length and sequence id', () => {
  const { frames, nextSeq } = framePayload(Buffer.from('abc'), 7);
  assert.equal(frames.length, 1);
  assert.equal(frames[0].toString('hex'), '03000007616263');
  assert.equal(nextSeq, 8);
  assert.equal(framePayload(Buffer.alloc(0), 255).nextSeq, 0, 'sequence ids wrap at 256');
});

test('payloads of 16 MiB - 1 or more are split, with an empty packet after an exact multiple', () => {
  const exact = framePayload(Buffer.alloc(MAX, 1), 0);
  assert.deepEqual(
    exact.frames.map((f) => [f.readUIntLE(0, 3), f[3]]),
    [
      [MAX, 0],
      [0, 1],
    ],
  );
  const longer = framePayload(Buffer.alloc(MAX + 10, 2), 3);
  assert.deepEqual(
    longer.frames.map((f) => [f.readUIntLE(0, 3), f[3]]),
    [
      [MAX, 3],
      [10, 4],
    ],
  );
});

function io(): { stream: PassThrough; io: PacketIO } {
  const stream = new PassThrough();
  return { stream, io: new PacketIO(stream) };
}

test('packets are read across arbitrary chunk boundaries; a clean end reads as null', async () => {
  const { stream, io: pio } = io();
  const bytes = Buffer.concat([
    ...framePayload(Buffer.from('hello'), 0).frames,
    ...framePayload(Buffer.from('x'), 1).frames,
  ]);
  const reading = (async () => [await pio.readPacket(), await pio.readPacket(), await pio.readPacket()])();
  for (const b of bytes) stream.write(Buffer.from([b]));
  stream.end();
  const [a, b, c] = await reading;
  assert.equal(a?.toString(), 'hello');
  assert.equal(b?.toString(), 'x');
  assert.equal(c, null);
  assert.equal(pio.seq, 2, 'the reply continues the sequence');
});

test('split packets are joined', async () => {
  const { stream, io: pio } = io();
  const payload = Buffer.alloc(MAX + 5, 7);
  payload[MAX + 4] = 9;
  for (const f of framePayload(payload, 0).frames) stream.write(f);
  const got = await pio.readPacket();
  assert.equal(got?.length, MAX + 5);
  assert.equal(got?.[MAX + 4], 9);
});

test('a packet larger than max_allowed_packet is refused from its header', async () => {
  const { stream, io: pio } = io();
  pio.maxAllowedPacket = 100;
  stream.write(Buffer.from([101, 0, 0, 0]));
  await assert.rejects(pio.readPacket(), PacketTooLargeError);
});

test('a connection closed inside a packet is malformed', async () => {
  const { stream, io: pio } = io();
  stream.write(Buffer.from([10, 0, 0, 0, 1, 2]));
  stream.end();
  await assert.rejects(pio.readPacket(), MalformedPacketError);
});

test('the reader pauses the socket when input piles up and resumes when it reads', async () => {
  const { stream, io: pio } = io();
  const big = framePayload(Buffer.alloc(600 * 1024), 0).frames[0];
  stream.write(big);
  stream.write(big);
  await new Promise((r) => setImmediate(r));
  assert.ok(stream.isPaused());
  await pio.readPacket();
  await pio.readPacket();
  assert.ok(!stream.isPaused());
});

test('writes are queued and flushed in order with increasing sequence ids', async () => {
  const { stream, io: pio } = io();
  const out: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (d) => out.push(d));
  const writer = new PacketIO(sink);
  writer.seq = 1;
  writer.write(Buffer.from('a'));
  writer.write(Buffer.from('bc'));
  await writer.flush();
  await new Promise((r) => setImmediate(r));
  assert.equal(Buffer.concat(out).toString('hex'), '01000001610200000262 63'.replace(' ', ''));
  stream.end();
  assert.equal(await pio.readPacket(), null);
});
