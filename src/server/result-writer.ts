// Server responses: OK, ERR and EOF packets, column definitions, and whole result sets in the text
// protocol (COM_QUERY) and the binary protocol (COM_STMT_EXECUTE).
import type { FieldInfo, QueryResult } from '../api-types.js';
import { BINARY_COLLATION_ID, Cap, Status } from './constants.js';
import { bitTextBytes, stringBytes, writeBinaryValue } from './binary-values.js';
import type { PacketIO } from './packet-io.js';
import { PacketWriter } from './wire.js';

export interface OkInfo {
  affectedRows?: number | bigint;
  insertId?: number | bigint;
  status: number;
  warnings?: number;
  info?: string;
}

/** OK packet; header 0xfe when it ends a result set under CLIENT_DEPRECATE_EOF. */
export function okPacket(ok: OkInfo, header = 0x00): Buffer {
  const w = new PacketWriter(32)
    .int1(header)
    .lenenc(ok.affectedRows ?? 0)
    .lenenc(ok.insertId ?? 0)
    .int2(ok.status)
    .int2(Math.min(ok.warnings ?? 0, 0xffff));
  // Length-encoded, as MySQL servers send it (with or without CLIENT_SESSION_TRACK).
  if (ok.info) w.lenencBytes(ok.info);
  return w.toBuffer();
}

export function eofPacket(status: number, warnings = 0): Buffer {
  return new PacketWriter(5).int1(0xfe).int2(Math.min(warnings, 0xffff)).int2(status).toBuffer();
}

/** ERR packet with the SQLSTATE marker (every 4.1 client understands it). */
export function errPacket(code: number, sqlState: string, message: string): Buffer {
  return new PacketWriter(64)
    .int1(0xff)
    .int2(code)
    .int1(0x23)
    .bytes(Buffer.from(sqlState.padEnd(5, '0').slice(0, 5), 'latin1'))
    .eofString(message)
    .toBuffer();
}

/** Column definition (protocol 4.1); COM_FIELD_LIST adds a default-value field (sent as NULL). */
export function columnDefinition(f: FieldInfo, forFieldList = false): Buffer {
  const w = new PacketWriter(64)
    .lenencBytes('def')
    .lenencBytes(f.db)
    .lenencBytes(f.table)
    .lenencBytes(f.orgTable)
    .lenencBytes(f.name)
    .lenencBytes(f.orgName)
    .lenenc(0x0c)
    .int2(f.charsetId)
    .int4(Math.max(0, Math.min(f.length, 0xffffffff)))
    .int1(f.type)
    .int2(f.flags)
    .int1(f.decimals)
    .int2(0);
  if (forFieldList) w.int1(0xfb);
  return w.toBuffer();
}

/** The parameter placeholders COM_STMT_PREPARE describes: untyped '?' columns. */
export function paramDefinition(): Buffer {
  return columnDefinition({
    name: '?',
    orgName: '',
    table: '',
    orgTable: '',
    db: '',
    type: 253,
    typeName: 'varchar',
    flags: 0,
    length: 0,
    decimals: 0,
    charsetId: BINARY_COLLATION_ID,
    collation: 'binary',
  });
}

/** Per-connection facts every response depends on. */
export interface ResponseContext {
  io: PacketIO;
  capabilities: number;
}

/** Ends a run of column definitions: an EOF packet unless the client deprecated it. */
export function writeFieldsEnd(ctx: ResponseContext, status: number): void {
  if (!(ctx.capabilities & Cap.DEPRECATE_EOF)) ctx.io.write(eofPacket(status));
}

/** Ends a result set: EOF, or an OK packet with header 0xfe under CLIENT_DEPRECATE_EOF. */
export function writeResultEnd(ctx: ResponseContext, status: number, warnings: number): void {
  if (ctx.capabilities & Cap.DEPRECATE_EOF) ctx.io.write(okPacket({ status, warnings }, 0xfe));
  else ctx.io.write(eofPacket(status, warnings));
}

const ROWS_MATCHED = /^Rows matched: (\d+)/;

/** Affected rows as the client asked for them: CLIENT_FOUND_ROWS reports matched rather than changed rows. */
function affectedRows(ctx: ResponseContext, r: QueryResult): number | bigint {
  if (ctx.capabilities & Cap.FOUND_ROWS) {
    const m = ROWS_MATCHED.exec(r.info ?? '');
    if (m) return Number(m[1]);
  }
  return r.affectedRows;
}

/** Text protocol cell: NULL marker or length-encoded bytes. */
function writeTextCell(w: PacketWriter, v: unknown, binary: boolean): void {
  if (v === null || v === undefined) w.int1(0xfb);
  else w.lenencBytes(stringBytes(v, binary));
}

function writeColumns(ctx: ResponseContext, fields: readonly FieldInfo[], status: number): void {
  ctx.io.write(new PacketWriter(9).lenenc(fields.length).toBuffer());
  for (const f of fields) ctx.io.write(columnDefinition(f));
  writeFieldsEnd(ctx, status);
}

/**
 * Writes one statement's result: an OK packet, or a result set whose rows are text ('text' row mode) or
 * binary ('array' row mode). `status` includes MORE_RESULTS_EXISTS when further results follow.
 */
export async function writeResult(
  ctx: ResponseContext,
  r: QueryResult,
  status: number,
  protocol: 'text' | 'binary',
): Promise<void> {
  const warnings = r.warnings?.length ?? 0;
  if (!r.fields || r.fields.length === 0) {
    ctx.io.write(
      okPacket({ affectedRows: affectedRows(ctx, r), insertId: r.insertId, status, warnings, info: r.info }),
    );
    return;
  }
  const fields = r.fields;
  writeColumns(ctx, fields, status);
  const binaryCols = fields.map((f) => f.charsetId === BINARY_COLLATION_ID);
  const rows = r.rows as unknown[][];
  for (const row of rows) {
    const w = new PacketWriter(128);
    if (protocol === 'text') {
      for (let i = 0; i < fields.length; i++) {
        const v = row[i];
        if (fields[i]!.type === BIT_TYPE && typeof v === 'string' && /^\d+$/.test(v)) {
          w.lenencBytes(bitTextBytes(v, fields[i]!.length));
        } else writeTextCell(w, v, binaryCols[i]);
      }
    } else {
      writeBinaryRow(w, fields, row);
    }
    ctx.io.write(w.toBuffer());
    await ctx.io.maybeFlush();
  }
  writeResultEnd(ctx, status, warnings);
}

/** MYSQL_TYPE_BIT: its text-protocol value is the bits' bytes, not a number. */
const BIT_TYPE = 16;

/** Binary row: header 0x00, NULL bitmap with a 2-bit offset, then the non-NULL values. */
export function writeBinaryRow(w: PacketWriter, fields: readonly FieldInfo[], row: readonly unknown[]): void {
  w.int1(0x00);
  const bitmap = Buffer.alloc((fields.length + 7 + 2) >> 3);
  for (let i = 0; i < fields.length; i++) {
    if (row[i] === null || row[i] === undefined || fields[i].type === 6) {
      const bit = i + 2;
      bitmap[bit >> 3] |= 1 << (bit & 7);
    }
  }
  w.bytes(bitmap);
  for (let i = 0; i < fields.length; i++) {
    const v = row[i];
    if (v === null || v === undefined || fields[i].type === 6) continue;
    writeBinaryValue(w, fields[i], v);
  }
}

/** The status flags for a response, from the session's transaction state. */
export function statusFlags(s: { inTransaction: boolean; autocommit: boolean } | null, more = false): number {
  let st = 0;
  if (!s || s.autocommit) st |= Status.AUTOCOMMIT;
  if (s?.inTransaction) st |= Status.IN_TRANS;
  if (more) st |= Status.MORE_RESULTS_EXISTS;
  return st;
}
