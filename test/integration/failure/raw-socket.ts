// A bare protocol socket for the fuzz test: frames packets without checking sequence ids, so it can
// send malformed input and still tell a reply (OK, ERR, result) from a closed connection.
import { connect, type Socket } from 'node:net';
import { Cap } from '../../../src/server/constants.js';
import { PacketWriter } from '../../../src/server/wire.js';

export const LOGIN_CAPS =
  Cap.LONG_PASSWORD |
  Cap.PROTOCOL_41 |
  Cap.SECURE_CONNECTION |
  Cap.PLUGIN_AUTH |
  Cap.PLUGIN_AUTH_LENENC_CLIENT_DATA |
  Cap.TRANSACTIONS |
  Cap.MULTI_RESULTS |
  Cap.CONNECT_WITH_DB;

/** A header for `payload` with sequence id `seq` (or a forged length). */
export function frame(payload: Buffer, seq: number, length = payload.length): Buffer {
  const header = Buffer.alloc(4);
  header.writeUIntLE(length, 0, 3);
  header[3] = seq & 0xff;
  return Buffer.concat([header, payload]);
}

/** The handshake response logging in as root without a password into `test`. */
export function loginPayload(): Buffer {
  return new PacketWriter()
    .int4(LOGIN_CAPS)
    .int4(1 << 24)
    .int1(46)
    .zeros(23)
    .zstring('root')
    .lenenc(0)
    .zstring('test')
    .zstring('mysql_native_password')
    .toBuffer();
}

export class RawSocket {
  private buf = Buffer.alloc(0);
  closed = false;
  private wake: (() => void) | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake?.();
    });
    const end = () => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', end);
    socket.on('end', end);
    socket.on('error', end);
  }

  static async open(port: number): Promise<RawSocket> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    return new RawSocket(socket);
  }

  /** Opens a connection and logs in; the socket is ready for commands. */
  static async login(port: number): Promise<RawSocket> {
    const s = await RawSocket.open(port);
    const greeting = await s.read(5000);
    if (!Buffer.isBuffer(greeting)) throw new Error('no greeting');
    s.write(frame(loginPayload(), 1));
    const ok = await s.read(5000);
    if (!Buffer.isBuffer(ok) || ok[0] !== 0) throw new Error('login failed');
    return s;
  }

  write(bytes: Buffer): void {
    if (!this.closed) this.socket.write(bytes);
  }

  /** The next packet's payload, 'closed' when the server ended the connection, or 'timeout'. */
  async read(timeoutMs: number): Promise<Buffer | 'closed' | 'timeout'> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buf.length >= 4) {
        const len = this.buf.readUIntLE(0, 3);
        if (this.buf.length >= 4 + len) {
          const payload = this.buf.subarray(4, 4 + len);
          this.buf = this.buf.subarray(4 + len);
          return payload;
        }
      }
      if (this.closed) return 'closed';
      const left = deadline - Date.now();
      if (left <= 0) return 'timeout';
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }
}
