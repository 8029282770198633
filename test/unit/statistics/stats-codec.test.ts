// The stored form of table statistics: histograms over every kind of column value round-trip
// exactly, and statistics read against a changed table drop what no longer applies.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { ColumnInfo, IndexInfo } from '../../../src/catalog/model.js';
import {
  decodeStatsCounts,
  decodeTableStats,
  encodeStatsCounts,
  encodeTableStats,
} from '../../../src/statistics/stats-codec.js';
import { buildTableStats, type TableStats } from '../../../src/statistics/table-stats.js';
import { Decimal } from '../../../src/types/decimal.js';
import { type FieldType, Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import { JsonValue } from '../../../src/types/json.js';
import { Duration, MyTime } from '../../../src/types/time.js';
import { normalizeInt, type Value } from '../../../src/types/value.js';

function column(id: number, offset: number, type: FieldType): ColumnInfo {
  return { id, name: `c${id}`, offset, type, autoIncrement: false, onUpdateNow: false, comment: '', state: 'public' };
}

function index(id: number, offsets: number[]): IndexInfo {
  return {
    id,
    name: `i${id}`,
    columns: offsets.map((offset) => ({ name: `c${offset}`, offset, length: -1 })),
    unique: false,
    primary: false,
    comment: '',
    visible: true,
    indexType: 'BTREE',
    state: 'public',
  };
}

const bin = { charset: 'binary', collate: 'binary' };
const time = (tp: number, fsp: number) =>
  fc
    .record({
      y: fc.integer({ min: 1000, max: 9999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      us: fc.integer({ min: 0, max: 999_999 }),
    })
    .map((t) =>
      tp === TypeCode.Date
        ? new MyTime(t.y, t.mo, t.d, 0, 0, 0, 0, tp, 0)
        : new MyTime(t.y, t.mo, t.d, t.h, t.mi, t.s, t.us - (t.us % 10 ** (6 - fsp)), tp, fsp),
    );
const setElems = ['x', 'y', 'z'];

/** Each column kind with a generator of the values such a column holds. */
const kinds: { type: FieldType; values: fc.Arbitrary<Value> }[] = [
  { type: newFieldType(TypeCode.LongLong), values: fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(normalizeInt) },
  {
    type: newFieldType(TypeCode.LongLong, { flag: Flag.Unsigned }),
    values: fc.bigInt(0n, 2n ** 64n - 1n).map(normalizeInt),
  },
  { type: newFieldType(TypeCode.Long), values: fc.integer() },
  { type: newFieldType(TypeCode.Double), values: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { type: newFieldType(TypeCode.Float), values: fc.float({ noNaN: true, noDefaultInfinity: true }) },
  {
    type: newFieldType(TypeCode.NewDecimal, { flen: 40, decimal: 6 }),
    values: fc.bigInt(-(10n ** 40n) + 1n, 10n ** 40n - 1n).map((c) => new Decimal(c, 6)),
  },
  {
    type: newFieldType(TypeCode.Varchar, { collate: 'utf8mb4_general_ci' }),
    values: fc.string({ unit: 'grapheme', maxLength: 12 }),
  },
  {
    type: newFieldType(TypeCode.VarString, bin),
    values: fc.uint8Array({ maxLength: 40 }).map((b) => String.fromCharCode(...b)),
  },
  { type: newFieldType(TypeCode.Blob, bin), values: fc.string({ unit: 'binary-ascii', maxLength: 50 }) },
  { type: newFieldType(TypeCode.Date, { decimal: 0 }), values: time(TypeCode.Date, 0) },
  { type: newFieldType(TypeCode.Datetime, { decimal: 6 }), values: time(TypeCode.Datetime, 6) },
  { type: newFieldType(TypeCode.Timestamp, { decimal: 3 }), values: time(TypeCode.Timestamp, 3) },
  {
    type: newFieldType(TypeCode.Duration, { decimal: 2 }),
    values: fc.integer({ min: -3_020_399_99, max: 3_020_399_99 }).map((cs) => new Duration(cs * 10_000, 2)),
  },
  {
    type: newFieldType(TypeCode.JSON),
    values: fc.jsonValue({ maxDepth: 2 }).map((v) => JsonValue.fromJs(Object.is(v, -0) ? 0 : v)),
  },
  { type: newFieldType(TypeCode.Enum, { elems: ['a', 'b', 'c'] }), values: fc.constantFrom('a', 'b', 'c', '') },
  {
    type: newFieldType(TypeCode.Set, { elems: setElems }),
    values: fc.subarray(setElems).map((xs) => xs.join(',')),
  },
  { type: newFieldType(TypeCode.Bit, { flen: 64 }), values: fc.bigInt(0n, 2n ** 64n - 1n).map(normalizeInt) },
  { type: newFieldType(TypeCode.Year, { flag: Flag.Unsigned }), values: fc.integer({ min: 1901, max: 2155 }) },
];

const columns = kinds.map((k, i) => column(i + 1, i, k.type));
const indexes = [index(1, [0]), index(2, [1, 6])];

/** Rows of every kind, with NULLs and repeated values, so that buckets have repeats and several values. */
const rowsArb = fc
  .array(fc.tuple(...kinds.map((k) => fc.option(k.values, { freq: 6 }))), { minLength: 0, maxLength: 60 })
  .chain((rows) => fc.constantFrom(rows, [...rows, ...rows.slice(0, 10)]));

function roundTrip(stats: TableStats): TableStats {
  return decodeTableStats(encodeTableStats(stats, columns), columns, indexes);
}

describe('statistics codec', () => {
  it('round-trips histograms over every kind of value exactly', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 2 ** 45 }), (rows, at) => {
        const stats = buildTableStats(columns, indexes, rows as Value[][], at);
        const back = roundTrip(stats);
        assert.equal(back.count, stats.count);
        assert.equal(back.analyzedAt, at);
        assert.deepEqual(back.indexNdv, stats.indexNdv);
        assert.equal(back.columns.size, columns.length);
        for (const col of columns) {
          const a = stats.columns.get(col.id)!;
          const b = back.columns.get(col.id)!;
          assert.deepEqual([b.count, b.ndv, b.nullCount], [a.count, a.ndv, a.nullCount]);
          assert.deepEqual(b.histogram.buckets, a.histogram.buckets);
          // The decoded histogram orders values as the column does: estimates agree.
          for (const bucket of a.histogram.buckets) {
            assert.equal(b.equalRows(bucket.lower), a.equalRows(bucket.lower));
            assert.equal(
              b.rangeRows(bucket.lower, true, undefined, false, false),
              a.rangeRows(bucket.lower, true, undefined, false, false),
            );
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('round-trips histograms with many buckets', () => {
    const rows = Array.from({ length: 256 * 12 }, (_, i) => {
      const row: Value[] = columns.map(() => null);
      row[0] = BigInt(i) * 3_000_000_000_000_000n - 2n ** 62n;
      row[0] = normalizeInt(row[0]);
      row[6] = `s${i % 700}`;
      row[7] = String.fromCharCode(i % 256, 255 - (i % 256), 0);
      return row;
    });
    const stats = buildTableStats(columns, indexes, rows, 1);
    assert.equal(stats.columns.get(1)!.histogram.buckets.length, 256);
    const back = roundTrip(stats);
    for (const id of [1, 7, 8]) {
      assert.deepEqual(back.columns.get(id)!.histogram.buckets, stats.columns.get(id)!.histogram.buckets);
    }
  });

  it('drops columns and indexes dropped since, and columns whose type changed', () => {
    const rows: Value[][] = [columns.map(() => null)];
    rows[0]![0] = 5;
    rows[0]![2] = 7;
    const stats = buildTableStats(columns, indexes, rows, 1);
    const bytes = encodeTableStats(stats, columns);
    const changed = columns
      .filter((c) => c.id !== 2)
      .map((c) => (c.id === 3 ? column(3, c.offset, newFieldType(TypeCode.Varchar)) : c));
    const back = decodeTableStats(bytes, changed, [indexes[1]!]);
    assert.equal(back.columns.has(2), false, 'dropped column');
    assert.equal(back.columns.has(3), false, 'retyped column');
    assert.equal(back.columns.size, columns.length - 2);
    assert.deepEqual([...back.indexNdv.keys()], [2]);
    assert.deepEqual(back.columns.get(1)!.histogram.buckets, stats.columns.get(1)!.histogram.buckets);
  });

  it('rejects bytes it did not write', () => {
    const stats = buildTableStats(columns, indexes, [], 1);
    const bytes = encodeTableStats(stats, columns);
    assert.throws(() => decodeTableStats(`\x09${bytes.slice(1)}`, columns, indexes));
    assert.throws(() => decodeTableStats(bytes.slice(0, -1), columns, indexes));
    assert.throws(() => decodeTableStats(`${bytes}\x00`, columns, indexes));
  });

  it('round-trips the row counts since ANALYZE', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 0, max: 2 ** 45 }),
        (realtimeCount, modifyCount, analyzedAt) => {
          const c = { analyzedAt, realtimeCount, modifyCount };
          assert.deepEqual(decodeStatsCounts(encodeStatsCounts(c)), c);
        },
      ),
    );
  });
});
