import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeRowKeyHandle,
  decodeTableId,
  encodeCommonHandleKey,
  encodeIndexKey,
  encodeRowKey,
  indexPrefix,
  prefixNext,
  prefixRange,
  recordPrefix,
  tablePrefix,
} from '../../../src/table/codec/key.js';
import { encodeKeyValues } from '../../../src/table/codec/memcomparable.js';
import { ByteWriter } from '../../../src/table/codec/bytes.js';
import { decodeRow, encodeRow, rowDecodePlan, writeValue } from '../../../src/table/codec/row.js';
import { Decimal } from '../../../src/types/decimal.js';
import { Flag, newFieldType, TypeCode } from '../../../src/types/field-type.js';
import { JsonValue } from '../../../src/types/json.js';
import { Duration, MyTime } from '../../../src/types/time.js';
import { normalizeInt } from '../../../src/types/value.js';

const INT = newFieldType(TypeCode.LongLong);

describe('table keys', () => {
  it('round-trips int handles and keeps handle order', () => {
    const h = fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(normalizeInt);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), h, h, (tid, a, b) => {
        const ka = encodeRowKey(tid, a);
        assert.equal(decodeRowKeyHandle(ka), a);
        assert.equal(decodeTableId(ka), tid);
        assert.ok(ka.startsWith(recordPrefix(tid)));
        const kb = encodeRowKey(tid, b);
        assert.equal(ka < kb, a < b);
      }),
    );
  });

  it('lays out row, index and common-handle keys under the table prefix', () => {
    const vals = encodeKeyValues(
      [5, 'x'],
      [INT, newFieldType(TypeCode.Varchar, { charset: 'binary', collate: 'binary' })],
    );
    const ik = encodeIndexKey(7, 2, vals);
    assert.ok(ik.startsWith(indexPrefix(7, 2)) && ik.startsWith(tablePrefix(7)));
    assert.equal(recordPrefix(7), `${tablePrefix(7)}_r`);
    assert.equal(decodeRowKeyHandle(encodeCommonHandleKey(7, vals)), vals);
    const end = prefixNext(tablePrefix(7));
    assert.ok(ik < end && encodeRowKey(7, 2n ** 63n - 1n) < end && tablePrefix(8) >= end);
    assert.equal(prefixNext('a\xff\xff'), 'b');
  });

  it('prefixRange(p, s) is [p + s, prefixNext(p + s)]', () => {
    const bytes = fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(255)), { maxLength: 300 });
    const str = (b: number[]) => String.fromCharCode(...b);
    fc.assert(
      fc.property(bytes, bytes, (p, s) => {
        const key = str(p) + str(s);
        fc.pre(/[^\xff]/.test(key));
        assert.deepEqual(prefixRange(str(p), str(s)), [key, prefixNext(key)]);
      }),
    );
    assert.throws(() => prefixRange('\xff', '\xff'), /no upper bound/);
  });
});

describe('row codec', () => {
  const types = [
    INT,
    newFieldType(TypeCode.LongLong, { flag: Flag.Unsigned }),
    newFieldType(TypeCode.Double),
    newFieldType(TypeCode.NewDecimal, { decimal: 2 }),
    newFieldType(TypeCode.Varchar),
    newFieldType(TypeCode.Blob, { charset: 'binary', collate: 'binary' }),
    newFieldType(TypeCode.Datetime, { decimal: 3 }),
    newFieldType(TypeCode.Duration, { decimal: 0 }),
    newFieldType(TypeCode.JSON),
    INT,
  ];
  const ids = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('round-trips every kind of value', () => {
    const values = [
      -(2n ** 63n),
      2n ** 64n - 1n,
      1.5,
      new Decimal(-12345n, 2),
      'héllo 😀',
      '\x00\xff',
      new MyTime(2024, 2, 29, 13, 14, 15, 123000, TypeCode.Datetime, 3),
      new Duration(-3_600_000_000, 0),
      JsonValue.parse('{"a": [1, 2.5, "x"]}'),
      null,
    ];
    const row = encodeRow(ids, values, types);
    const back = decodeRow(row, { colIds: ids, types });
    assert.deepEqual(back.slice(0, 8), values.slice(0, 8));
    assert.equal(String(back[8]), '{"a": [1, 2.5, "x"]}');
    assert.equal(back[9], null);
  });

  it('round-trips integers of every size', () => {
    fc.assert(
      fc.property(fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n).map(normalizeInt), (v) => {
        assert.equal(decodeRow(encodeRow([3], [v], [INT]), { colIds: [3], types: [INT] })[0], v);
      }),
    );
  });

  it('reads added columns as undefined and skips dropped ones', () => {
    const row = encodeRow([1, 2, 3], [1, 'two', 3.5], [INT, types[4], types[2]]);
    assert.deepEqual(decodeRow(row, { colIds: [3, 4, 1], types: [types[2], INT, INT] }), [3.5, undefined, 1]);
  });

  it('uses 1-, 2- and 4-byte value offsets as the row grows, reading columns after a long value', () => {
    const str = types[4]!;
    for (const [size, version] of [
      [10, 0x81],
      [300, 0x82],
      [70_000, 0x83],
    ] as const) {
      const long = 'x'.repeat(size);
      const row = encodeRow([7, 200, 3], [long, new Decimal(-314, 2), 42], [str, types[3]!, INT]);
      assert.equal(row.charCodeAt(0), version);
      assert.deepEqual(decodeRow(row, { colIds: [3, 200], types: [INT, types[3]!] }), [42, new Decimal(-314, 2)]);
      assert.deepEqual(decodeRow(row, rowDecodePlan([7, 3], [str, INT])), [long, 42]);
    }
  });

  it('still reads rows in the first layout (ID and value in turn)', () => {
    const w = new ByteWriter();
    w.byte(0x80);
    w.uvarint(3);
    const cols: [number, unknown][] = [
      [1, 5],
      [300, 'old row'],
      [4, new Decimal(1234567, 3)],
    ];
    const colTypes = [INT, types[4]!, types[3]!];
    cols.forEach(([id, v], i) => {
      w.uvarint(id);
      writeValue(w, v as never, colTypes[i]!);
    });
    const row = w.finish();
    assert.deepEqual(decodeRow(row, { colIds: [4, 300, 1, 9], types: [types[3]!, types[4]!, INT, INT] }), [
      new Decimal(1234567, 3),
      'old row',
      5,
      undefined,
    ]);
  });

  it('reads back integers at every length of the small-int varint (1 to 5 bytes and beyond)', () => {
    const bounds = [0, 2 ** 6, 2 ** 13, 2 ** 20, 2 ** 27, 2 ** 34, 2 ** 41];
    const values: number[] = [];
    for (const b of bounds) for (const d of [-2, -1, 0, 1]) values.push(b + d, -(b + d));
    const ids = values.map((_, i) => i + 1);
    const row = encodeRow(
      ids,
      values,
      ids.map(() => INT),
    );
    assert.deepEqual(
      decodeRow(
        row,
        rowDecodePlan(
          ids,
          ids.map(() => INT),
        ),
      ),
      values.map((v) => v + 0),
    );
  });

  it('decodes any subset of columns, in any order, as the full decode gives them', () => {
    const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { nil: null }), {
          minLength: 10,
          maxLength: 10,
        }),
        fc.array(fc.string({ maxLength: 80 }), { minLength: 10, maxLength: 10 }),
        fc.shuffledSubarray(all),
        (ints, strs, wanted) => {
          // Odd columns hold integers, even ones strings: rows of every length and offset width.
          const colTypes = all.map((id) => (id % 2 ? INT : types[4]!));
          const values = all.map((id, i) => (id % 2 ? ints[i]! : strs[i]!));
          const row = encodeRow(all, values, colTypes);
          const got = decodeRow(
            row,
            rowDecodePlan(
              wanted,
              wanted.map((id) => colTypes[id - 1]!),
            ),
          );
          assert.deepEqual(
            got,
            wanted.map((id) => values[id - 1]),
          );
        },
      ),
    );
  });
});
