// Connection phase: the protocol-10 greeting, the client's handshake response (with an optional switch to
// TLS), and authentication with mysql_native_password or caching_sha2_password (fast auth, or full auth
// over TLS or with the server's RSA public key), switching the client's plugin when needed.
import type { SecureContext } from 'node:tls';
import { TLSSocket } from 'node:tls';
import { ER, sqlError } from '../errors/index.js';
import {
  type Authenticator,
  CACHING_SHA2_PASSWORD,
  CLEAR_PASSWORD,
  decryptPassword,
  NATIVE_PASSWORD,
  type RsaKeys,
  SUPPORTED_PLUGINS,
  stripNul,
} from './auth.js';
import { Cap, DEFAULT_COLLATION_ID, SERVER_CAPABILITIES, Status } from './constants.js';
import type { PacketIO } from './packet-io.js';
import { MalformedPacketError, PacketReader, PacketWriter } from './wire.js';

/** Server-wide facts the connection phase needs. */
export interface AuthContext {
  serverVersion: string;
  authenticator: Authenticator;
  rsaKeys: RsaKeys;
  /** Plugin announced in the greeting (and used for accounts without their own). */
  defaultPlugin: string;
  tls: SecureContext | null;
  /** Accounts (user@host) that completed caching_sha2 full authentication: they may use fast auth. */
  sha2Cache: Set<string>;
}

/** One connection's handshake state. */
export interface ClientInfo {
  io: PacketIO;
  connectionId: number;
  /** The client's address as MySQL reports it in errors ('127.0.0.1'). */
  host: string;
  scramble: Buffer;
  capabilities: number;
  secure: boolean;
}

export interface HandshakeResponse {
  capabilities: number;
  maxPacket: number;
  collationId: number;
  user: string;
  authResponse: Buffer;
  database: string;
  plugin: string;
  attributes: Record<string, string>;
}

export function serverCapabilities(tls: boolean): number {
  return SERVER_CAPABILITIES | (tls ? Cap.SSL : 0);
}

/** The Protocol::HandshakeV10 packet. */
export function greetingPacket(opts: {
  serverVersion: string;
  connectionId: number;
  scramble: Buffer;
  capabilities: number;
  plugin: string;
}): Buffer {
  const { scramble, capabilities } = opts;
  return new PacketWriter(128)
    .int1(10)
    .zstring(opts.serverVersion)
    .int4(opts.connectionId)
    .bytes(scramble.subarray(0, 8))
    .int1(0)
    .int2(capabilities & 0xffff)
    .int1(DEFAULT_COLLATION_ID)
    .int2(Status.AUTOCOMMIT)
    .int2((capabilities >>> 16) & 0xffff)
    .int1(scramble.length + 1)
    .zeros(10)
    .bytes(scramble.subarray(8))
    .int1(0)
    .zstring(opts.plugin)
    .toBuffer();
}

/** Parses Protocol::HandshakeResponse41. */
export function parseHandshakeResponse(payload: Buffer): HandshakeResponse {
  const r = new PacketReader(payload);
  const capabilities = r.int4();
  if (!(capabilities & Cap.PROTOCOL_41)) throw sqlError(ER.NOT_SUPPORTED_AUTH_MODE);
  const maxPacket = r.int4();
  const collationId = r.int1();
  r.bytes(23);
  const user = r.zstring();
  let authResponse: Buffer;
  if (capabilities & Cap.PLUGIN_AUTH_LENENC_CLIENT_DATA) authResponse = r.lenencBytes();
  else if (capabilities & Cap.SECURE_CONNECTION) authResponse = r.bytes(r.int1());
  else authResponse = r.zbytes();
  const database = capabilities & Cap.CONNECT_WITH_DB && r.remaining > 0 ? r.zstring() : '';
  const plugin = capabilities & Cap.PLUGIN_AUTH && r.remaining > 0 ? r.zstring() : NATIVE_PASSWORD;
  const attributes = capabilities & Cap.CONNECT_ATTRS && r.remaining > 0 ? readAttributes(r) : {};
  return { capabilities, maxPacket, collationId, user, authResponse, database, plugin, attributes };
}

/** Connection attributes: a length-prefixed list of key/value strings. */
function readAttributes(r: PacketReader): Record<string, string> {
  const total = r.lenenc() ?? 0;
  const end = r.pos + total;
  if (end > r.buf.length) throw new MalformedPacketError('connection attributes overrun the packet');
  const attrs: Record<string, string> = {};
  while (r.pos < end) {
    const k = r.lenencBytes().toString('utf8');
    attrs[k] = r.lenencBytes().toString('utf8');
  }
  return attrs;
}

/** COM_CHANGE_USER's payload (after the command byte). */
export interface ChangeUserRequest {
  user: string;
  authResponse: Buffer;
  database: string;
  collationId: number;
  plugin: string;
}

export function parseChangeUser(payload: Buffer, capabilities: number): ChangeUserRequest {
  const r = new PacketReader(payload, 1);
  const user = r.zstring();
  const authResponse = capabilities & Cap.SECURE_CONNECTION ? r.bytes(r.int1()) : r.zbytes();
  const database = r.remaining > 0 ? r.zstring() : '';
  const collationId = r.remaining >= 2 ? r.int2() : DEFAULT_COLLATION_ID;
  const plugin = capabilities & Cap.PLUGIN_AUTH && r.remaining > 0 ? r.zstring() : NATIVE_PASSWORD;
  if (capabilities & Cap.CONNECT_ATTRS && r.remaining > 0) readAttributes(r);
  return { user, authResponse, database, collationId, plugin };
}

async function readOrFail(io: PacketIO): Promise<Buffer> {
  const p = await io.readPacket();
  if (p === null) throw new MalformedPacketError('client closed the connection during authentication');
  return p;
}

/** Sends the greeting, reads the response (switching to TLS first if asked) and authenticates. */
export async function performHandshake(ctx: AuthContext, client: ClientInfo): Promise<HandshakeResponse> {
  const { io } = client;
  const capabilities = serverCapabilities(ctx.tls !== null);
  io.seq = 0;
  io.write(
    greetingPacket({
      serverVersion: ctx.serverVersion,
      connectionId: client.connectionId,
      scramble: client.scramble,
      capabilities,
      plugin: ctx.defaultPlugin,
    }),
  );
  await io.flush();
  let payload = await readOrFail(io);
  if (payload.length >= 4 && payload.readUInt32LE(0) & Cap.SSL && payload.length === 32) {
    if (!ctx.tls) throw sqlError(ER.HANDSHAKE);
    await upgradeToTls(io, ctx.tls);
    client.secure = true;
    payload = await readOrFail(io);
  }
  const resp = parseHandshakeResponse(payload);
  client.capabilities = resp.capabilities & capabilities;
  await authenticate(ctx, client, resp.user, resp.plugin, resp.authResponse);
  return resp;
}

/** Wraps the socket in TLS (the client sent an SSL request and starts its TLS handshake next). */
async function upgradeToTls(io: PacketIO, secureContext: SecureContext): Promise<void> {
  const raw = io.detach();
  const tls = new TLSSocket(raw as import('node:net').Socket, { isServer: true, secureContext });
  await new Promise<void>((resolve, reject) => {
    tls.once('secure', () => resolve());
    tls.once('error', reject);
  });
  io.replaceStream(tls);
}

/**
 * Runs the authentication exchange for `user`, whose client answered the scramble using `clientPlugin`.
 * Resolves when the account is verified (the caller then sends OK); throws ACCESS_DENIED otherwise.
 */
export async function authenticate(
  ctx: AuthContext,
  client: ClientInfo,
  user: string,
  clientPlugin: string,
  response: Buffer,
): Promise<void> {
  const { io } = client;
  const account = ctx.authenticator.accountPlugin?.(user, client.host);
  const wanted =
    [account, clientPlugin].find((p) => p !== undefined && SUPPORTED_PLUGINS.includes(p)) ?? ctx.defaultPlugin;
  let plugin = clientPlugin;
  if (clientPlugin !== wanted) {
    if (!(client.capabilities & Cap.PLUGIN_AUTH)) throw sqlError(ER.NOT_SUPPORTED_AUTH_MODE);
    io.write(new PacketWriter(64).int1(0xfe).zstring(wanted).bytes(client.scramble).int1(0).toBuffer());
    await io.flush();
    response = await readOrFail(io);
    plugin = wanted;
  }
  const denied = () => sqlError(ER.ACCESS_DENIED, user, client.host, response.length > 0 ? 'YES' : 'NO');
  if (plugin === CACHING_SHA2_PASSWORD) {
    if (!(await cachingSha2(ctx, client, user, response))) throw denied();
    return;
  }
  if (!(await ctx.authenticator.verify(user, client.host, NATIVE_PASSWORD, client.scramble, response))) throw denied();
}

/** caching_sha2_password: fast auth for cached accounts, otherwise the cleartext password over TLS or RSA. */
async function cachingSha2(ctx: AuthContext, client: ClientInfo, user: string, response: Buffer): Promise<boolean> {
  const { io } = client;
  const auth = ctx.authenticator;
  if (response.length === 0) return auth.verify(user, client.host, CACHING_SHA2_PASSWORD, client.scramble, response);
  const key = `${user}@${client.host}`;
  if (
    ctx.sha2Cache.has(key) &&
    (await auth.verify(user, client.host, CACHING_SHA2_PASSWORD, client.scramble, response))
  ) {
    io.write(Buffer.from([0x01, 0x03]));
    return true;
  }
  io.write(Buffer.from([0x01, 0x04]));
  await io.flush();
  let packet = await readOrFail(io);
  let password: Buffer | null;
  if (client.secure) {
    password = stripNul(packet);
  } else {
    if (packet.length === 1 && packet[0] === 0x02) {
      io.write(Buffer.concat([Buffer.from([0x01]), Buffer.from(ctx.rsaKeys.publicKeyPem, 'latin1')]));
      await io.flush();
      packet = await readOrFail(io);
    }
    password = decryptPassword(ctx.rsaKeys, client.scramble, packet);
  }
  if (password === null) return false;
  const ok = await auth.verify(user, client.host, CLEAR_PASSWORD, client.scramble, password);
  if (ok) ctx.sha2Cache.add(key);
  return ok;
}
