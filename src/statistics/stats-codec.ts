// The stored form of a table's statistics (TiDB keeps them in mysql.stats_histograms/stats_buckets;
// TiLite keeps one meta value per table). Histogram bounds are written with the row codec under the
// column's type, so every value kind round-trips exactly as the table's own rows do. Each column's
// section carries its length and a signature of the type it was analyzed under: on load, a column
// dropped since is skipped and one whose type changed since loses its statistics instead of being
// misread. The realtime and modify counts change with every DML commit, so they have a record of
// their own that is written lazily.
import type { ColumnInfo, IndexInfo } from '../catalog/model.js';
import { internalError } from '../errors/index.js';
import { comparatorFor } from '../expression/value-compare.js';
import { ByteReader, ByteWriter, bytesToUtf8, utf8ToBytes } from '../table/codec/bytes.js';
import { readValue, writeValue } from '../table/codec/row.js';
import { type FieldType, Flag } from '../types/field-type.js';
import { type Bucket, Histogram } from './histogram.js';
import { ColumnStats, type TableStats } from './table-stats.js';

const STATS_VERSION = 1;
const COUNTS_VERSION = 1;

/** A table's row counts since ANALYZE, tied to the ANALYZE they count from by its time. */
export interface StatsCounts {
  readonly analyzedAt: number;
  readonly realtimeCount: number;
  readonly modifyCount: number;
}

/**
 * What of a column's type decides how its values are stored and compared: a change to any of it
 * (MODIFY COLUMN) makes stored histogram bounds unreadable or wrongly ordered.
 */
export function columnTypeSignature(ft: FieldType): string {
  return JSON.stringify([ft.tp, ft.flag & Flag.Unsigned, ft.decimal, ft.charset, ft.collate, ft.elems ?? []]);
}

/** Encodes a table's statistics; `columns` are the table's columns as analyzed (their types encode the bounds). */
export function encodeTableStats(stats: TableStats, columns: readonly ColumnInfo[]): string {
  const w = new ByteWriter();
  w.byte(STATS_VERSION);
  w.uvarint(stats.count);
  w.uvarint(stats.analyzedAt);
  w.uvarint(stats.indexNdv.size);
  for (const [id, ndv] of stats.indexNdv) {
    w.uvarint(id);
    w.uvarint(ndv);
  }
  const byId = new Map(columns.map((c) => [c.id, c]));
  const sections: [number, string][] = [];
  for (const [id, cs] of stats.columns) {
    const col = byId.get(id);
    if (col) sections.push([id, encodeColumnStats(cs, col.type)]);
  }
  w.uvarint(sections.length);
  for (const [id, section] of sections) {
    w.uvarint(id);
    w.uvarint(section.length);
    w.bytes(section);
  }
  return w.finish();
}

function encodeColumnStats(cs: ColumnStats, ft: FieldType): string {
  const w = new ByteWriter();
  writeString(w, columnTypeSignature(ft));
  w.uvarint(cs.count);
  w.uvarint(cs.ndv);
  w.uvarint(cs.nullCount);
  const buckets = cs.histogram.buckets;
  w.uvarint(buckets.length);
  for (const b of buckets) {
    w.uvarint(b.cumulative);
    w.uvarint(b.repeats);
    w.uvarint(b.ndv);
    writeValue(w, b.lower, ft);
    writeValue(w, b.upper, ft);
  }
  return w.finish();
}

/**
 * Decodes statistics against the table's current definition: statistics of columns and indexes
 * that no longer exist, and of columns whose type changed, are left out. Throws on corrupt bytes.
 */
export function decodeTableStats(
  bytes: string,
  columns: readonly ColumnInfo[],
  indexes: readonly IndexInfo[],
): TableStats {
  const r = new ByteReader(bytes);
  const version = r.byte();
  if (version !== STATS_VERSION) throw internalError(`unknown statistics format ${version}`);
  const count = r.uvarint();
  const analyzedAt = r.uvarint();
  const indexIds = new Set(indexes.map((i) => i.id));
  const indexNdv = new Map<number, number>();
  for (let n = r.uvarint(); n > 0; n--) {
    const id = r.uvarint();
    const ndv = r.uvarint();
    if (indexIds.has(id)) indexNdv.set(id, ndv);
  }
  const byId = new Map(columns.map((c) => [c.id, c]));
  const stats = new Map<number, ColumnStats>();
  for (let n = r.uvarint(); n > 0; n--) {
    const id = r.uvarint();
    const section = r.bytes(r.uvarint());
    const col = byId.get(id);
    if (!col) continue;
    const cs = decodeColumnStats(section, col.type);
    if (cs) stats.set(id, cs);
  }
  if (!r.done) throw internalError('corrupted statistics: trailing bytes');
  return { count, columns: stats, indexNdv, analyzedAt };
}

/** A column's statistics, or undefined when they were taken under another type. */
function decodeColumnStats(section: string, ft: FieldType): ColumnStats | undefined {
  const r = new ByteReader(section);
  if (readString(r) !== columnTypeSignature(ft)) return undefined;
  const count = r.uvarint();
  const ndv = r.uvarint();
  const nullCount = r.uvarint();
  const buckets: Bucket[] = [];
  for (let n = r.uvarint(); n > 0; n--) {
    const cumulative = r.uvarint();
    const repeats = r.uvarint();
    const bucketNdv = r.uvarint();
    const lower = readValue(r, ft);
    const upper = readValue(r, ft);
    buckets.push({ lower, upper, cumulative, repeats, ndv: bucketNdv });
  }
  if (!r.done) throw internalError('corrupted statistics: trailing bytes in a column');
  return new ColumnStats(count, ndv, nullCount, new Histogram(buckets, comparatorFor(ft)));
}

export function encodeStatsCounts(c: StatsCounts): string {
  const w = new ByteWriter();
  w.byte(COUNTS_VERSION);
  w.uvarint(c.analyzedAt);
  w.uvarint(c.realtimeCount);
  w.uvarint(c.modifyCount);
  return w.finish();
}

export function decodeStatsCounts(bytes: string): StatsCounts {
  const r = new ByteReader(bytes);
  const version = r.byte();
  if (version !== COUNTS_VERSION) throw internalError(`unknown statistics counts format ${version}`);
  const analyzedAt = r.uvarint();
  const realtimeCount = r.uvarint();
  const modifyCount = r.uvarint();
  if (!r.done) throw internalError('corrupted statistics counts: trailing bytes');
  return { analyzedAt, realtimeCount, modifyCount };
}

function writeString(w: ByteWriter, s: string): void {
  const b = utf8ToBytes(s);
  w.uvarint(b.length);
  w.bytes(b);
}

function readString(r: ByteReader): string {
  return bytesToUtf8(r.bytes(r.uvarint()));
}
