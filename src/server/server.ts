// The TCP server: accepts connections, gives each an increasing connection id and its own engine session,
// and shuts down gracefully (stop accepting, end connections, roll back via session close, close the engine).
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import { type Authenticator, lazyRsaKeys, NATIVE_PASSWORD, PasswordAuthenticator } from './auth.js';
import { Connection, type ServerState } from './connection.js';
import { DEFAULT_SERVER_VERSION } from './constants.js';
import type { Engine, EngineClass } from './engine-types.js';

export interface ServerOptions {
  host?: string;
  port?: number;
  /** Data directory of the engine (persistent); omitted or with `memory`, the database lives in memory. */
  dir?: string;
  memory?: boolean;
  /** PEM file paths; with both, clients may switch to TLS. */
  tlsCert?: string;
  tlsKey?: string;
  log?: (s: string) => void;
  /** Who may connect; by default the engine's accounts (root@% without password on a new store). */
  authenticator?: Authenticator;
  /** Plugin announced in the greeting: mysql_native_password (TiDB's default) or caching_sha2_password. */
  defaultAuthPlugin?: string;
  /** An already open engine to serve (it is closed with the server); by default one is opened from `dir`. */
  engine?: Engine;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

/** Time given to connections to finish their current command at shutdown before their sockets are cut. */
const SHUTDOWN_GRACE_MS = 5000;

/** The embedded engine, loaded by URL so the protocol layer builds and tests on its own. */
async function openEngine(opts: ServerOptions): Promise<Engine> {
  const mod = (await import(new URL('../index.js', import.meta.url).href)) as { TiLite?: EngineClass };
  if (!mod.TiLite) throw new Error('src/index.ts does not export TiLite');
  return mod.TiLite.open(opts.memory ? {} : { dir: opts.dir });
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? (() => {});
  const tls =
    opts.tlsCert && opts.tlsKey
      ? createSecureContext({ cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey) })
      : null;
  const engine = opts.engine ?? (await openEngine(opts));
  const state: ServerState = {
    engine,
    auth: {
      serverVersion: engine.serverVersion ?? DEFAULT_SERVER_VERSION,
      authenticator: opts.authenticator ?? engine.authenticator ?? new PasswordAuthenticator(),
      rsaKeys: lazyRsaKeys(),
      defaultPlugin: opts.defaultAuthPlugin ?? NATIVE_PASSWORD,
      tls,
      sha2Cache: new Set(),
    },
    connections: new Map(),
    startedAt: Date.now(),
    questions: 0,
    log,
  };
  let nextId = 1;
  const server: Server = createServer((socket: Socket) => {
    const id = engine.allocConnectionId?.() ?? nextId++;
    socket.on('error', () => {});
    state.connections.set(id, new Connection(state, socket, id));
  });
  server.on('error', (e) => log(`server: ${e.message}`));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 4000, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (opts.port ?? 4000);
  let closed: Promise<void> | null = null;
  return {
    port,
    close() {
      closed ??= shutdown(server, state);
      return closed;
    },
  };
}

async function shutdown(server: Server, state: ServerState): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  const conns = [...state.connections.values()];
  for (const c of conns) c.shutdown();
  await Promise.race([
    Promise.all(conns.map((c) => c.done)),
    new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref()),
  ]);
  await stopped;
  await state.engine.close();
}
