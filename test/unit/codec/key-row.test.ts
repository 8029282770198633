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
  recordPrefix,
  tablePrefix,
} from '../../../src/table/codec/key.js';
import { encodeKeyValues } from '../../../src/table/codec/memcomparable.js';
import { decodeRow, encodeRow } from '../../../src/table/codec/row.js';
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
});
