// A minimal protocol client for commands that mysql2 does not send (or sends only one way).
import { connect } from 'node:net';
import { Cap } from '../../../src/server/constants.js';
import { PacketIO } from '../../../src/server/packet-io.js';
import { PacketReader, PacketWriter } from '../../../src/server/wire.js';

export const BASE_CAPS =
  Cap.LONG_PASSWORD |
  Cap.PROTOCOL_41 |
  Cap.SECURE_CONNECTION |
  Cap.PLUGIN_AUTH |
  Cap.PLUGIN_AUTH_LENENC_CLIENT_DATA |
  Cap.TRANSACTIONS |
  Cap.MULTI_RESULTS;

export class RawClient {
  private constructor(
    readonly io: PacketIO,
    readonly connectionId: number,
  ) {}

  /** Connects as root (empty password) with the given capabilities; `database` uses CONNECT_WITH_DB. */
  static async open(port: number, caps = BASE_CAPS, database?: string): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const io = new PacketIO(socket);
    const greeting = await io.readPacket();
    if (!greeting) throw new Error('no greeting');
    const r = new PacketReader(greeting, 1);
    r.zstring();
    const connectionId = r.int4();
    const flags = caps | (database ? Cap.CONNECT_WITH_DB : 0);
    const w = new PacketWriter()
      .int4(flags)
      .int4(1 << 24)
      .int1(46)
      .zeros(23)
      .zstring('root')
      .lenenc(0);
    if (database) w.zstring(database);
    w.zstring('mysql_native_password');
    io.write(w.toBuffer());
    await io.flush();
    const ok = await io.readPacket();
    if (ok?.[0] !== 0) throw new Error(`handshake failed: ${ok?.toString('latin1')}`);
    return new RawClient(io, connectionId);
  }

  /** Sends one command packet (sequence 0). */
  async send(payload: Buffer | number[]): Promise<void> {
    this.io.resetSequence();
    this.io.write(Buffer.isBuffer(payload) ? payload : Buffer.from(payload));
    await this.io.flush();
  }

  async read(): Promise<Buffer> {
    const p = await this.io.readPacket();
    if (!p) throw new Error('connection closed');
    return p;
  }

  /** Sends a command and reads exactly n response packets. */
  async command(payload: Buffer | number[], n: number): Promise<Buffer[]> {
    await this.send(payload);
    const out: Buffer[] = [];
    for (let i = 0; i < n; i++) out.push(await this.read());
    return out;
  }

  close(): void {
    this.io.socket.destroy();
  }
}

/** The command byte followed by a UTF-8 string. */
export function cmd(code: number, text = ''): Buffer {
  return Buffer.concat([Buffer.from([code]), Buffer.from(text, 'utf8')]);
}

/** [code, sqlState, message] of an ERR packet. */
export function parseErr(p: Buffer): [number, string, string] {
  if (p[0] !== 0xff) throw new Error(`not an error packet: ${p.toString('hex')}`);
  return [p.readUInt16LE(1), p.toString('latin1', 4, 9), p.toString('utf8', 9)];
}
