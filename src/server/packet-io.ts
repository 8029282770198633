// Packet framing over a byte stream: each packet is a 3-byte payload length, a sequence id and the payload;
// payloads of 16 MiB - 1 or more continue in further packets (ended by a shorter one, possibly empty).
// Reading buffers what the socket delivers and pauses it when the reader falls behind; writing collects
// packets and flushes them in one write, waiting for 'drain' when the socket's buffer is full.
import type { Duplex } from 'node:stream';
import { DEFAULT_MAX_ALLOWED_PACKET, MAX_PACKET_PAYLOAD } from './constants.js';
import { MalformedPacketError } from './wire.js';

/** A client sent a packet larger than max_allowed_packet (MySQL error 1153). */
export class PacketTooLargeError extends Error {
  constructor() {
    super("Got a packet bigger than 'max_allowed_packet' bytes");
    this.name = 'PacketTooLargeError';
  }
}

/** Bytes buffered before the socket is paused. */
const READ_HIGH_WATER = 1 << 20;
/** Pending output flushed automatically once it grows past this. */
const WRITE_FLUSH_AT = 1 << 16;

/** Splits one payload into framed packets, starting at sequence id `seq`; returns the frames and the next id. */
export function framePayload(payload: Uint8Array, seq: number): { frames: Buffer[]; nextSeq: number } {
  const frames: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const len = Math.min(MAX_PACKET_PAYLOAD, payload.length - offset);
    const frame = Buffer.allocUnsafe(4 + len);
    frame.writeUIntLE(len, 0, 3);
    frame[3] = seq & 0xff;
    frame.set(payload.subarray(offset, offset + len), 4);
    frames.push(frame);
    seq = (seq + 1) & 0xff;
    offset += len;
    // A full-size piece is always followed by another (possibly empty) one.
    if (len < MAX_PACKET_PAYLOAD) break;
  }
  return { frames, nextSeq: seq };
}

export class PacketIO {
  /** The sequence id of the next packet to send (and the one expected next from the client). */
  seq = 0;
  maxAllowedPacket = DEFAULT_MAX_ALLOWED_PACKET;
  private stream: Duplex;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private out: Buffer[] = [];
  private outBytes = 0;
  private readonly onData = (chunk: Buffer) => {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > READ_HIGH_WATER && !this.wake) this.stream.pause();
    this.notify();
  };
  private readonly onEnd = () => {
    this.ended = true;
    this.notify();
  };
  private readonly onError = (e: Error) => {
    this.failure = e;
    this.notify();
  };

  constructor(stream: Duplex) {
    this.stream = stream;
    this.attach();
  }

  get socket(): Duplex {
    return this.stream;
  }

  private attach(): void {
    this.stream.on('data', this.onData);
    this.stream.on('end', this.onEnd);
    this.stream.on('close', this.onEnd);
    this.stream.on('error', this.onError);
  }

  /**
   * Stops reading from the current stream (to wrap it in TLS). Bytes already received past the last packet
   * (the start of the client's TLS handshake) are put back into the stream for its next reader.
   */
  detach(): Duplex {
    this.stream.pause();
    this.stream.off('data', this.onData);
    this.stream.off('end', this.onEnd);
    this.stream.off('close', this.onEnd);
    this.stream.off('error', this.onError);
    if (this.buffered > 0) this.stream.unshift(this.take(this.buffered));
    return this.stream;
  }

  /** Continues on a new stream (the TLS socket wrapping the old one). */
  replaceStream(stream: Duplex): void {
    this.stream = stream;
    this.ended = false;
    this.attach();
  }

  private notify(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Waits until at least n bytes are buffered; false when the stream ended first. */
  private async fill(n: number): Promise<boolean> {
    while (this.buffered < n) {
      if (this.failure) throw this.failure;
      if (this.ended) return false;
      this.stream.resume();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
    return true;
  }

  private take(n: number): Buffer {
    this.buffered -= n;
    const first = this.chunks[0];
    if (first.length >= n) {
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.chunks[0];
      const part = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, part);
      filled += part;
      if (part === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(part);
    }
    return out;
  }

  /**
   * Reads one logical packet (joining continuation packets). Null when the client closed the connection
   * cleanly between packets; a connection closed inside a packet is a MalformedPacketError.
   */
  async readPacket(): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let total = 0;
    for (;;) {
      if (!(await this.fill(4))) {
        if (parts.length === 0 && this.buffered === 0) return null;
        throw new MalformedPacketError('connection closed inside a packet');
      }
      const header = this.take(4);
      const len = header.readUIntLE(0, 3);
      this.seq = (header[3] + 1) & 0xff;
      total += len;
      if (total > this.maxAllowedPacket) throw new PacketTooLargeError();
      if (!(await this.fill(len))) throw new MalformedPacketError('connection closed inside a packet');
      parts.push(this.take(len));
      if (this.buffered < READ_HIGH_WATER) this.stream.resume();
      if (len < MAX_PACKET_PAYLOAD) break;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  }

  /** Queues one logical packet (split into frames as needed) with the next sequence ids. */
  write(payload: Uint8Array): void {
    const { frames, nextSeq } = framePayload(payload, this.seq);
    this.seq = nextSeq;
    for (const f of frames) {
      this.out.push(f);
      this.outBytes += f.length;
    }
  }

  /** Flushes when enough output has accumulated (used while streaming rows). */
  async maybeFlush(): Promise<void> {
    if (this.outBytes >= WRITE_FLUSH_AT) await this.flush();
  }

  /** Sends all queued packets; waits for 'drain' when the socket applies backpressure. */
  async flush(): Promise<void> {
    if (this.out.length === 0) return;
    const data = this.out.length === 1 ? this.out[0] : Buffer.concat(this.out, this.outBytes);
    this.out = [];
    this.outBytes = 0;
    if (this.stream.destroyed || !this.stream.writable) return;
    if (this.stream.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('close', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('close', done);
    });
  }

  /** Starts a new command: the client's next packet and our reply start at sequence 0 / 1. */
  resetSequence(): void {
    this.seq = 0;
  }
}
