// Queueing the two simplest replies, OK and ERR, on a connection.
import type { QueryResult } from '../api-types.js';
import type { Connection } from './connection.js';
import { errPacket, okPacket } from './result-writer.js';

/** An error the client should see: MySQL code, SQLSTATE and message. */
export interface ClientError {
  code: number;
  sqlState: string;
  message: string;
}

/** Turns anything thrown by the engine into a MySQL error (1105 for errors without a MySQL code). */
export function toClientError(e: unknown): ClientError {
  const err = e as Partial<ClientError> | null;
  if (err && typeof err.code === 'number' && typeof err.message === 'string') {
    return {
      code: err.code,
      sqlState: typeof err.sqlState === 'string' ? err.sqlState : 'HY000',
      message: err.message,
    };
  }
  return { code: 1105, sqlState: 'HY000', message: e instanceof Error ? e.message : String(e) };
}

/** Queues an ERR packet for anything thrown; errors without a MySQL code are also logged. */
export function sendError(conn: Connection, e: unknown): void {
  const err = toClientError(e);
  if (typeof (e as { code?: unknown })?.code !== 'number') conn.server.log(`connection ${conn.id}: ${err.message}`);
  conn.io.write(errPacket(err.code, err.sqlState, err.message));
}

/** Queues an OK packet with the session's current status flags. */
export function sendOk(conn: Connection, info?: Partial<QueryResult>): void {
  conn.io.write(
    okPacket({
      affectedRows: info?.affectedRows,
      insertId: info?.insertId,
      status: conn.status(),
      warnings: info?.warnings?.length,
      info: info?.info,
    }),
  );
}
