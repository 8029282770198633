// One client connection: handshake, then a strictly sequential command loop over its own engine session.
// Idle connections are closed after wait_timeout; malformed input closes only this connection.
import type { Socket } from 'node:net';
import { ER, sqlError } from '../errors/index.js';
import { type AuthContext, type ClientInfo, performHandshake } from './handshake.js';
import { generateScramble } from './auth.js';
import { dispatchCommand } from './commands.js';
import { Cap, CONNECT_TIMEOUT, DEFAULT_MAX_ALLOWED_PACKET, DEFAULT_WAIT_TIMEOUT } from './constants.js';
import type { Engine, EngineSession } from './engine-types.js';
import { PacketIO, PacketTooLargeError } from './packet-io.js';
import type { StatementState } from './prepared.js';
import { type ClientError, toClientError } from './replies.js';
import { errPacket, okPacket, statusFlags } from './result-writer.js';

/** What all connections of one server share. */
export interface ServerState {
  engine: Engine;
  auth: AuthContext;
  connections: Map<number, Connection>;
  startedAt: number;
  /** Statements received, for COM_STATISTICS. */
  questions: number;
  log: (s: string) => void;
}

export class Connection {
  readonly io: PacketIO;
  readonly client: ClientInfo;
  user = '';
  session: EngineSession | null = null;
  multiStatements = false;
  readonly statements = new Map<number, StatementState>();
  /** Set once the connection is going away; the command loop stops at the next packet. */
  closing = false;
  private waitTimeout = DEFAULT_WAIT_TIMEOUT;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Resolves when the connection has fully ended (session closed). */
  readonly done: Promise<void>;

  constructor(
    readonly server: ServerState,
    readonly socket: Socket,
    readonly id: number,
  ) {
    socket.setNoDelay(true);
    this.io = new PacketIO(socket);
    this.client = {
      io: this.io,
      connectionId: id,
      host: normalizeHost(socket.remoteAddress),
      scramble: generateScramble(),
      capabilities: 0,
      secure: false,
    };
    this.done = this.run();
  }

  get host(): string {
    return this.client.host;
  }

  get capabilities(): number {
    return this.client.capabilities;
  }

  /** Transaction status flags for responses. */
  status(more = false): number {
    return statusFlags(this.session?.status ?? null, more);
  }

  private async run(): Promise<void> {
    try {
      if (await this.connect()) await this.commandLoop();
    } catch (e) {
      await this.fail(e);
    } finally {
      this.clearIdleTimer();
      this.endSocket();
      await this.closeSession();
      this.server.connections.delete(this.id);
    }
  }

  /** Handshake and session creation; false when the client was refused. */
  private async connect(): Promise<boolean> {
    const timer = setTimeout(() => this.socket.destroy(), CONNECT_TIMEOUT * 1000);
    try {
      const resp = await performHandshake(this.server.auth, this.client);
      this.user = resp.user;
      this.multiStatements = (this.capabilities & Cap.MULTI_STATEMENTS) !== 0;
      await this.openSession(resp.database);
      this.io.write(okPacket({ status: this.status() }));
      await this.io.flush();
      return true;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Opens this connection's engine session (again, after COM_CHANGE_USER or COM_RESET_CONNECTION). */
  async openSession(database: string): Promise<void> {
    const session = await this.server.engine.session({
      user: this.user,
      host: this.host,
      connectionId: this.id,
      database: null,
      onKill: () => this.shutdown(),
    });
    this.session = session;
    if (database) await session.useDatabase(database);
    await this.readLimits(session);
  }

  /** wait_timeout (interactive_timeout for interactive clients) and max_allowed_packet from the session. */
  async readLimits(session: EngineSession): Promise<void> {
    const timeoutVar = this.capabilities & Cap.INTERACTIVE ? 'interactive_timeout' : 'wait_timeout';
    try {
      const r = await session.query(`select @@${timeoutVar}, @@max_allowed_packet`, undefined, { rowMode: 'text' });
      const row = r.rows[0] as (string | null)[] | undefined;
      const timeout = Number(row?.[0]);
      const maxPacket = Number(row?.[1]);
      this.waitTimeout = timeout > 0 ? timeout : DEFAULT_WAIT_TIMEOUT;
      this.io.maxAllowedPacket = maxPacket > 0 ? maxPacket : DEFAULT_MAX_ALLOWED_PACKET;
    } catch {
      // An engine without these variables keeps MySQL's defaults.
    }
  }

  async closeSession(): Promise<void> {
    const s = this.session;
    this.session = null;
    this.statements.clear();
    if (!s) return;
    try {
      await s.close();
    } catch (e) {
      this.server.log(`connection ${this.id}: closing session: ${(e as Error).message}`);
    }
  }

  private async commandLoop(): Promise<void> {
    while (!this.closing) {
      this.armIdleTimer();
      const packet = await this.io.readPacket();
      this.clearIdleTimer();
      if (packet === null || this.closing) return;
      if (packet.length === 0) throw sqlError(ER.NET_READ_ERROR);
      if (!(await dispatchCommand(this, packet))) return;
      await this.io.flush();
    }
  }

  private armIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      this.server.log(`connection ${this.id}: closed after ${this.waitTimeout}s idle (wait_timeout)`);
      this.shutdown();
    }, this.waitTimeout * 1000);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Sends an error before closing when the failure is one the client should hear about. */
  private async fail(e: unknown): Promise<void> {
    if (e instanceof PacketTooLargeError) {
      await this.sendFatal(sqlError(ER.NET_PACKET_TOO_LARGE));
      return;
    }
    const err = e as { code?: unknown; name?: string };
    if (typeof err?.code === 'number') {
      await this.sendFatal(toClientError(e));
      return;
    }
    if (!this.closing) this.server.log(`connection ${this.id}: ${(e as Error)?.message ?? String(e)}`);
  }

  private async sendFatal(e: ClientError): Promise<void> {
    try {
      this.io.write(errPacket(e.code, e.sqlState, e.message));
      await this.io.flush();
    } catch {
      // The client is gone; nothing more to tell it.
    }
  }

  /** Half-closes after the last response is written; a client that never closes its side is cut off. */
  private endSocket(): void {
    const stream = this.io.socket;
    stream.end();
    setTimeout(() => {
      stream.destroy();
      this.socket.destroy();
    }, 2000).unref();
  }

  /** Ends the connection from outside (KILL, idle timeout, server shutdown): interrupts any running statement. */
  shutdown(): void {
    if (this.closing) return;
    this.closing = true;
    try {
      this.session?.kill(false);
    } catch {
      // A session that cannot be killed is closed by the run loop's cleanup anyway.
    }
    this.socket.destroy();
  }
}

/** IPv4 clients on a dual-stack socket show up as ::ffff:a.b.c.d; MySQL reports a.b.c.d. */
function normalizeHost(addr: string | undefined): string {
  if (!addr) return 'localhost';
  return addr.startsWith('::ffff:') ? addr.slice(7) : addr;
}
