// Prepared statements over the binary protocol: COM_STMT_PREPARE / EXECUTE / SEND_LONG_DATA / CLOSE / RESET.
import { ER, sqlError } from '../errors/index.js';
import { convertStringParam, type ParamType, readParamValue } from './binary-values.js';
import { sendError, sendOk } from './replies.js';
import type { Connection } from './connection.js';
import type { PreparedInfo } from './engine-types.js';
import { columnDefinition, paramDefinition, writeFieldsEnd, writeResult } from './result-writer.js';
import { PacketReader, PacketWriter } from './wire.js';

/** What the server remembers about a prepared statement between commands. */
export interface StatementState {
  info: PreparedInfo;
  /** Parameter types from the last execute that bound them (clients may send them once). */
  paramTypes: ParamType[] | null;
  /** Data sent with COM_STMT_SEND_LONG_DATA, per parameter, until the next execute or reset. */
  longData: Map<number, Buffer[]>;
}

export async function prepareStatement(conn: Connection, packet: Buffer): Promise<undefined> {
  const sql = packet.toString('utf8', 1);
  let info: PreparedInfo;
  try {
    if (!conn.session) throw sqlError(ER.INTERNAL, 'connection has no session');
    info = await conn.session.prepare(sql);
  } catch (e) {
    sendError(conn, e);
    return undefined;
  }
  conn.statements.set(info.id, { info, paramTypes: null, longData: new Map() });
  const fields = info.fields ?? [];
  conn.io.write(
    new PacketWriter(12).int1(0x00).int4(info.id).int2(fields.length).int2(info.paramCount).int1(0).int2(0).toBuffer(),
  );
  if (info.paramCount > 0) {
    for (let i = 0; i < info.paramCount; i++) conn.io.write(paramDefinition());
    writeFieldsEnd(conn, conn.status());
  }
  if (fields.length > 0) {
    for (const f of fields) conn.io.write(columnDefinition(f));
    writeFieldsEnd(conn, conn.status());
  }
  return undefined;
}

function lookup(conn: Connection, id: number, command: string): StatementState {
  const st = conn.statements.get(id);
  if (!st) throw sqlError(ER.UNKNOWN_STMT_HANDLER, String(id), command);
  return st;
}

/** Decodes the parameters of a COM_STMT_EXECUTE packet positioned after the iteration count. */
export function readExecuteParams(r: PacketReader, st: StatementState): unknown[] {
  const n = st.info.paramCount;
  if (n === 0) return [];
  const nullBitmap = r.bytes((n + 7) >> 3);
  if (r.int1() === 1) {
    const types: ParamType[] = [];
    for (let i = 0; i < n; i++) {
      const type = r.int1();
      types.push({ type, unsigned: (r.int1() & 0x80) !== 0 });
    }
    st.paramTypes = types;
  }
  const types = st.paramTypes;
  if (!types) throw sqlError(ER.WRONG_ARGUMENTS, 'mysqld_stmt_execute');
  const params: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const long = st.longData.get(i);
    if (long) params.push(convertStringParam(Buffer.concat(long), types[i].type));
    else if (nullBitmap[i >> 3] & (1 << (i & 7))) params.push(null);
    else params.push(readParamValue(r, types[i]));
  }
  return params;
}

export async function executeStatement(conn: Connection, packet: Buffer): Promise<undefined> {
  const r = new PacketReader(packet, 1);
  const id = r.int4();
  r.int1(); // cursor flags: results are always sent in full
  r.int4(); // iteration count, always 1
  let st: StatementState;
  let params: unknown[];
  try {
    st = lookup(conn, id, 'mysqld_stmt_execute');
    params = readExecuteParams(r, st);
  } catch (e) {
    sendError(conn, e);
    return undefined;
  }
  st.longData.clear();
  conn.server.questions++;
  try {
    if (!conn.session) throw sqlError(ER.INTERNAL, 'connection has no session');
    const result = await conn.session.execute(id, params, { rowMode: 'array' });
    await writeResult(conn, result, conn.status(), 'binary');
  } catch (e) {
    sendError(conn, e);
  }
  return undefined;
}

/** COM_STMT_SEND_LONG_DATA: appends a chunk to a parameter; never answered. */
export function sendLongData(conn: Connection, packet: Buffer): undefined {
  const r = new PacketReader(packet, 1);
  const id = r.int4();
  const param = r.int2();
  const st = conn.statements.get(id);
  if (!st || param >= st.info.paramCount) return undefined;
  const chunks = st.longData.get(param);
  const data = Buffer.from(r.rest());
  if (chunks) chunks.push(data);
  else st.longData.set(param, [data]);
  return undefined;
}

/** COM_STMT_CLOSE: never answered. */
export async function closeStatement(conn: Connection, packet: Buffer): Promise<undefined> {
  const id = new PacketReader(packet, 1).int4();
  if (!conn.statements.delete(id)) return undefined;
  try {
    await conn.session?.closeStatement(id);
  } catch (e) {
    conn.server.log(`connection ${conn.id}: closing statement ${id}: ${(e as Error).message}`);
  }
  return undefined;
}

/** COM_STMT_RESET: forgets long data sent so far. */
export function resetStatement(conn: Connection, packet: Buffer): undefined {
  const id = new PacketReader(packet, 1).int4();
  try {
    lookup(conn, id, 'mysqld_stmt_reset').longData.clear();
    sendOk(conn);
  } catch (e) {
    sendError(conn, e);
  }
  return undefined;
}
