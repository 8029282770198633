// Primitive encodings of the MySQL protocol: fixed-size little-endian integers, length-encoded integers and
// strings, NUL-terminated strings. A writer builds one payload; a reader walks one received payload.

/** A received packet ended early or held an impossible value: the connection is closed. */
export class MalformedPacketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedPacketError';
  }
}

/** Appends protocol values to a growing buffer. */
export class PacketWriter {
  private buf: Buffer;
  private pos = 0;

  constructor(initialSize = 256) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  get length(): number {
    return this.pos;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  int1(v: number): this {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  int2(v: number): this {
    this.ensure(2);
    this.buf.writeUInt16LE(v & 0xffff, this.pos);
    this.pos += 2;
    return this;
  }

  int3(v: number): this {
    this.ensure(3);
    this.buf.writeUIntLE(v & 0xffffff, this.pos, 3);
    this.pos += 3;
    return this;
  }

  int4(v: number): this {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  int8(v: number | bigint): this {
    this.ensure(8);
    this.buf.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)), this.pos);
    this.pos += 8;
    return this;
  }

  float(v: number): this {
    this.ensure(4);
    this.buf.writeFloatLE(v, this.pos);
    this.pos += 4;
    return this;
  }

  double(v: number): this {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
    return this;
  }

  /** Length-encoded integer: 1, 3, 4 or 9 bytes. */
  lenenc(v: number | bigint): this {
    const n = typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
    if (n < 0n) throw new RangeError('length-encoded integers are unsigned');
    if (n < 251n) return this.int1(Number(n));
    if (n < 0x10000n) return this.int1(0xfc).int2(Number(n));
    if (n < 0x1000000n) return this.int1(0xfd).int3(Number(n));
    return this.int1(0xfe).int8(n);
  }

  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }

  zeros(n: number): this {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Length-encoded string (UTF-8 for a JS string). */
  lenencBytes(b: Uint8Array | string): this {
    const bytes = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
    return this.lenenc(bytes.length).bytes(bytes);
  }

  /** NUL-terminated string. */
  zstring(s: string | Uint8Array): this {
    return this.bytes(typeof s === 'string' ? Buffer.from(s, 'utf8') : s).int1(0);
  }

  /** A string that runs to the end of the packet. */
  eofString(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  toBuffer(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/** Reads protocol values from one payload; running past its end throws MalformedPacketError. */
export class PacketReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MalformedPacketError('packet too short');
  }

  int1(): number {
    this.need(1);
    return this.buf[this.pos++];
  }

  int2(): number {
    this.need(2);
    const v = this.buf.readUInt16LE(this.pos);
    this.pos += 2;
    return v;
  }

  int3(): number {
    this.need(3);
    const v = this.buf.readUIntLE(this.pos, 3);
    this.pos += 3;
    return v;
  }

  int4(): number {
    this.need(4);
    const v = this.buf.readUInt32LE(this.pos);
    this.pos += 4;
    return v;
  }

  int8(): bigint {
    this.need(8);
    const v = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  float(): number {
    this.need(4);
    const v = this.buf.readFloatLE(this.pos);
    this.pos += 4;
    return v;
  }

  double(): number {
    this.need(8);
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** Length-encoded integer; null for the NULL marker 0xfb. */
  lenenc(): number | null {
    const first = this.int1();
    if (first < 0xfb) return first;
    if (first === 0xfb) return null;
    if (first === 0xfc) return this.int2();
    if (first === 0xfd) return this.int3();
    if (first === 0xfe) {
      const v = this.int8();
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedPacketError('length out of range');
      return Number(v);
    }
    throw new MalformedPacketError('invalid length-encoded integer');
  }

  bytes(n: number): Buffer {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  lenencBytes(): Buffer {
    const n = this.lenenc();
    if (n === null) throw new MalformedPacketError('unexpected NULL');
    return this.bytes(n);
  }

  /** NUL-terminated bytes (the NUL is consumed); the whole rest when no NUL follows. */
  zbytes(): Buffer {
    const end = this.buf.indexOf(0, this.pos);
    const stop = end < 0 ? this.buf.length : end;
    const b = this.buf.subarray(this.pos, stop);
    this.pos = end < 0 ? stop : stop + 1;
    return b;
  }

  zstring(): string {
    return this.zbytes().toString('utf8');
  }

  rest(): Buffer {
    const b = this.buf.subarray(this.pos);
    this.pos = this.buf.length;
    return b;
  }
}
