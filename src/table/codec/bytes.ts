// Building and reading byte strings (one char code per byte, see kv.ts), and fixed-width integers.
import { internalError } from '../../errors/index.js';

const TWO_32 = 2 ** 32;

/** Accumulates bytes; long byte strings are appended whole instead of byte by byte. */
export class ByteWriter {
  private readonly parts: string[] = [];
  private buf: number[] = [];
  /** Bytes written so far. */
  length = 0;

  byte(b: number): void {
    this.buf.push(b);
    this.length++;
    if (this.buf.length >= 4096) this.flush();
  }

  bytes(s: string): void {
    if (s.length < 32) {
      for (let i = 0; i < s.length; i++) this.byte(s.charCodeAt(i));
      return;
    }
    this.flush();
    this.parts.push(s);
    this.length += s.length;
  }

  /** 8 bytes, big-endian, of a 64-bit two's complement (or unsigned) value given as hi/lo 32-bit words. */
  u64Words(hi: number, lo: number): void {
    this.byte((hi >>> 24) & 0xff);
    this.byte((hi >>> 16) & 0xff);
    this.byte((hi >>> 8) & 0xff);
    this.byte(hi & 0xff);
    this.byte((lo >>> 24) & 0xff);
    this.byte((lo >>> 16) & 0xff);
    this.byte((lo >>> 8) & 0xff);
    this.byte(lo & 0xff);
  }

  /** A non-negative integer below 2**53 in 7-bit groups, low first. */
  uvarint(n: number): void {
    while (n >= 0x80) {
      this.byte((n % 0x80) | 0x80);
      n = Math.floor(n / 0x80);
    }
    this.byte(n);
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    this.parts.push(String.fromCharCode.apply(null, this.buf));
    this.buf = [];
  }

  finish(): string {
    this.flush();
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }
}

/** Reads a byte string from a position. */
export class ByteReader {
  constructor(
    readonly s: string,
    public pos = 0,
  ) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  byte(): number {
    if (this.pos >= this.s.length) throw internalError('corrupted key or row: unexpected end of data');
    return this.s.charCodeAt(this.pos++);
  }

  bytes(n: number): string {
    if (this.pos + n > this.s.length) throw internalError('corrupted key or row: unexpected end of data');
    const out = this.s.slice(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  u32(): number {
    return ((this.byte() << 24) | (this.byte() << 16) | (this.byte() << 8) | this.byte()) >>> 0;
  }

  uvarint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.byte();
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  }
}

/** Splits a 64-bit integer into its two's complement hi/lo 32-bit words. */
export function int64Words(v: number | bigint): [number, number] {
  if (typeof v === 'number') {
    const hi = Math.floor(v / TWO_32);
    return [hi | 0, v - hi * TWO_32];
  }
  const u = BigInt.asUintN(64, v);
  return [Number(u >> 32n) | 0, Number(u & 0xffffffffn)];
}

/** The integer from hi/lo words: number when safe, otherwise bigint. */
export function wordsToInt(hi: number, lo: number, unsigned: boolean): number | bigint {
  const h = unsigned ? hi >>> 0 : hi | 0;
  if (h >= -0x200000 && h < 0x200000) {
    const n = h * TWO_32 + (lo >>> 0);
    if (Number.isSafeInteger(n)) return n;
  }
  return (BigInt(h) << 32n) | BigInt(lo >>> 0);
}

export function utf8ToBytes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) return Buffer.from(s, 'utf8').toString('latin1');
  }
  return s;
}

export function bytesToUtf8(b: string): string {
  return isAscii(b) ? b : Buffer.from(b, 'latin1').toString('utf8');
}

const NON_ASCII = /[\x80-\xff]/;

/** Whether every byte is below 0x80; the regular expression scans long strings faster than a loop. */
function isAscii(b: string): boolean {
  if (b.length > 16) return !NON_ASCII.test(b);
  for (let i = 0; i < b.length; i++) if (b.charCodeAt(i) >= 0x80) return false;
  return true;
}
