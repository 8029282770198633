// The command phase: one handler per command byte. Each handler queues its whole response; the
// connection flushes it. A handler returns false when the connection should end (COM_QUIT).
import type { QueryResult } from '../api-types.js';
import { ER, sqlError } from '../errors/index.js';
import { authenticate, parseChangeUser } from './handshake.js';
import { Cap, Com } from './constants.js';
import type { Connection } from './connection.js';
import type { EngineSession } from './engine-types.js';
import { closeStatement, executeStatement, prepareStatement, resetStatement, sendLongData } from './prepared.js';
import { sendError, sendOk } from './replies.js';
import { columnDefinition, writeFieldsEnd, writeResult, writeResultEnd } from './result-writer.js';
import { PacketReader } from './wire.js';

type Handler = (conn: Connection, packet: Buffer) => Promise<boolean | undefined> | boolean | undefined;

function session(conn: Connection): EngineSession {
  if (!conn.session) throw sqlError(ER.INTERNAL, 'connection has no session');
  return conn.session;
}

/** COM_QUERY: one statement, or a script when multi-statements are on (one result set per statement). */
async function comQuery(conn: Connection, packet: Buffer): Promise<undefined> {
  const sql = packet.toString('utf8', 1);
  const s = session(conn);
  conn.server.questions++;
  let results: QueryResult[];
  let failure: unknown = null;
  try {
    results = conn.multiStatements
      ? await s.exec(sql, { rowMode: 'text' })
      : [await s.query(sql, undefined, { rowMode: 'text' })];
  } catch (e) {
    failure = e;
    results = ((e as { results?: QueryResult[] })?.results ?? []).slice();
  }
  for (let i = 0; i < results.length; i++) {
    const more = i < results.length - 1 || failure !== null;
    await writeResult(conn, results[i], conn.status(more), 'text');
  }
  if (failure !== null) sendError(conn, failure);
  if (/wait_timeout|interactive_timeout|max_allowed_packet/i.test(sql) && conn.session)
    await conn.readLimits(conn.session);
  return undefined;
}

/** COM_INIT_DB: USE <db>. */
async function comInitDb(conn: Connection, packet: Buffer): Promise<undefined> {
  try {
    await session(conn).useDatabase(packet.toString('utf8', 1));
    sendOk(conn);
  } catch (e) {
    sendError(conn, e);
  }
  return undefined;
}

/** SQL LIKE with % and _ (COM_FIELD_LIST's wildcard), case-insensitively as MySQL matches column names. */
function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) {
    if (ch === '%') re += '.*';
    else if (ch === '_') re += '.';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'is');
}

/** COM_FIELD_LIST (deprecated; the mysql CLI's auto-rehash uses it): the column definitions of a table. */
async function comFieldList(conn: Connection, packet: Buffer): Promise<undefined> {
  const r = new PacketReader(packet, 1);
  const table = r.zstring();
  const wildcard = r.rest().toString('utf8');
  try {
    const res = await session(conn).query(`SELECT * FROM \`${table.replace(/`/g, '``')}\` LIMIT 0`, undefined, {
      rowMode: 'text',
    });
    const match = wildcard ? likeToRegExp(wildcard) : null;
    for (const f of res.fields) if (!match || match.test(f.name)) conn.io.write(columnDefinition(f, true));
    writeResultEnd(conn, conn.status(), 0);
  } catch (e) {
    sendError(conn, e);
  }
  return undefined;
}

function comStatistics(conn: Connection): undefined {
  const { server } = conn;
  const uptime = Math.max(1, Math.floor((Date.now() - server.startedAt) / 1000));
  const text =
    `Uptime: ${uptime}  Threads: ${server.connections.size}  Questions: ${server.questions}  Slow queries: 0  ` +
    `Opens: 0  Flush tables: 0  Open tables: 0  Queries per second avg: ${(server.questions / uptime).toFixed(3)}`;
  conn.io.write(Buffer.from(text, 'utf8'));
  return undefined;
}

/** COM_PROCESS_KILL: ends another connection (or this one). */
function comProcessKill(conn: Connection, packet: Buffer): boolean {
  const id = new PacketReader(packet, 1).int4();
  const target = conn.server.connections.get(id);
  if (!target) {
    sendError(conn, sqlError(ER.NO_SUCH_THREAD, id));
    return true;
  }
  if (target === conn) {
    conn.shutdown();
    return false;
  }
  target.shutdown();
  sendOk(conn);
  return true;
}

/** COM_SET_OPTION: turns multi-statements on (0) or off (1); answered with EOF. */
function comSetOption(conn: Connection, packet: Buffer): undefined {
  const option = new PacketReader(packet, 1).int2();
  if (option > 1) {
    sendError(conn, sqlError(ER.UNKNOWN_COM));
    return undefined;
  }
  conn.multiStatements = option === 0;
  writeFieldsEnd(conn, conn.status());
  if (conn.capabilities & Cap.DEPRECATE_EOF) sendOk(conn);
  return undefined;
}

/** COM_RESET_CONNECTION: a fresh session (rolls back, drops variables and prepared statements), same user. */
async function comResetConnection(conn: Connection): Promise<undefined> {
  await conn.closeSession();
  try {
    await conn.openSession('');
    sendOk(conn);
  } catch (e) {
    sendError(conn, e);
    conn.closing = true;
  }
  return undefined;
}

/** COM_CHANGE_USER: authenticates anew, then replaces the session; on failure the old session stays. */
async function comChangeUser(conn: Connection, packet: Buffer): Promise<undefined> {
  const req = parseChangeUser(packet, conn.capabilities);
  try {
    await authenticate(conn.server.auth, conn.client, req.user, req.plugin, req.authResponse);
  } catch (e) {
    sendError(conn, e);
    return undefined;
  }
  await conn.closeSession();
  conn.user = req.user;
  try {
    await conn.openSession(req.database);
    sendOk(conn);
  } catch (e) {
    sendError(conn, e);
    conn.closing = true;
  }
  return undefined;
}

const handlers: Partial<Record<number, Handler>> = {
  [Com.QUIT]: () => false,
  [Com.QUERY]: comQuery,
  [Com.INIT_DB]: comInitDb,
  [Com.FIELD_LIST]: comFieldList,
  [Com.STATISTICS]: comStatistics,
  [Com.PROCESS_KILL]: comProcessKill,
  [Com.PING]: (conn) => {
    sendOk(conn);
    return undefined;
  },
  [Com.DEBUG]: (conn) => {
    sendOk(conn);
    return undefined;
  },
  [Com.CHANGE_USER]: comChangeUser,
  [Com.RESET_CONNECTION]: comResetConnection,
  [Com.SET_OPTION]: comSetOption,
  [Com.STMT_PREPARE]: prepareStatement,
  [Com.STMT_EXECUTE]: executeStatement,
  [Com.STMT_SEND_LONG_DATA]: sendLongData,
  [Com.STMT_CLOSE]: closeStatement,
  [Com.STMT_RESET]: resetStatement,
};

/** Runs one command packet; false when the connection should close. */
export async function dispatchCommand(conn: Connection, packet: Buffer): Promise<boolean> {
  const handler = handlers[packet[0]];
  if (!handler) {
    sendError(conn, sqlError(ER.UNKNOWN_COM));
    return true;
  }
  return (await handler(conn, packet)) !== false;
}
