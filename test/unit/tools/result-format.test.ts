import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareBytes,
  errorLine,
  formatReal3,
  formatSltValue,
  hashLine,
  hashSltValues,
  renderTabRow,
  sortSltValues,
  sortTextRows,
  stripOperatorId,
} from '../../../src/tools/result-format.js';

describe('sqllogictest value formatting', () => {
  it('formats I columns as integers, truncating toward zero', () => {
    assert.equal(formatSltValue('I', '42'), '42');
    assert.equal(formatSltValue('I', '-7'), '-7');
    assert.equal(formatSltValue('I', '1.9000'), '1');
    assert.equal(formatSltValue('I', '-1.9'), '-1');
    assert.equal(formatSltValue('I', 'abc'), '0');
    assert.equal(formatSltValue('I', '12abc'), '12');
    assert.equal(formatSltValue('I', '18446744073709551615'), '18446744073709551615');
    assert.equal(formatSltValue('I', null), 'NULL');
  });

  it('formats R columns with three decimals like printf %.3f', () => {
    assert.equal(formatSltValue('R', '1'), '1.000');
    assert.equal(formatSltValue('R', '-33.3333'), '-33.333');
    assert.equal(formatSltValue('R', '2.5e3'), '2500.000');
    assert.equal(formatSltValue('R', null), 'NULL');
    assert.equal(formatReal3(0.0005), '0.001'); // 0.0005 is slightly above the tie in binary
    assert.equal(formatReal3(0.0625), '0.062'); // exact tie: half to even
    assert.equal(formatReal3(0.1875), '0.188');
    assert.equal(formatReal3(-0.0625), '-0.062');
    assert.equal(formatReal3(2.0625), '2.062');
    assert.equal(formatReal3(-0.0001), '-0.000');
  });

  it('formats T columns: empty string and control characters', () => {
    assert.equal(formatSltValue('T', 'hello world'), 'hello world');
    assert.equal(formatSltValue('T', ''), '(empty)');
    assert.equal(formatSltValue('T', 'a\tb\nc'), 'a@b@c');
    assert.equal(formatSltValue('T', null), 'NULL');
    assert.equal(formatSltValue('T', 12), '12');
  });
});

describe('sqllogictest sorting and hashing', () => {
  it('compares strings in UTF-8 byte order', () => {
    const samples = [
      '',
      'a',
      'ab',
      'b',
      'B',
      '\u00e9',
      '\u07ff',
      '\u0800',
      '\ud7ff',
      '\ue000',
      '\uffff',
      '\u{1f600}',
      '\u{10000}x',
    ];
    for (const a of samples) {
      for (const b of samples) {
        const want = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        assert.equal(Math.sign(compareBytes(a, b)), want, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
        assert.equal(Math.sign(compareBytes(`p${a}`, `p${b}q`)), Math.sign(compareBytes(a, `${b}q`)));
      }
    }
  });

  const rows = [
    ['b', '2'],
    ['a', '10'],
    ['a', '1'],
  ];
  it('keeps order for nosort', () => {
    assert.deepEqual(sortSltValues(rows, 'nosort'), ['b', '2', 'a', '10', 'a', '1']);
  });
  it('sorts rows by their values as strings for rowsort', () => {
    assert.deepEqual(sortSltValues(rows, 'rowsort'), ['a', '1', 'a', '10', 'b', '2']);
  });
  it('compares rowsort rows value by value: a shorter value sorts before its extensions', () => {
    const prefixed = [
      ['ab', '1'],
      ['a', '2'],
      ['a b', '0'],
    ];
    assert.deepEqual(sortSltValues(prefixed, 'rowsort'), ['a', '2', 'a b', '0', 'ab', '1']);
  });
  it('sorts by UTF-8 bytes when values hold characters beyond the surrogates', () => {
    // U+FF01 is below U+1F600 in UTF-8 but above its leading surrogate in UTF-16.
    assert.deepEqual(sortSltValues([['\u{1F600}'], ['\uFF01']], 'valuesort'), ['\uFF01', '\u{1F600}']);
    assert.deepEqual(
      sortSltValues(
        [
          ['\u{1F600}', 'x'],
          ['\uFF01', 'y'],
        ],
        'rowsort',
      ),
      ['\uFF01', 'y', '\u{1F600}', 'x'],
    );
  });
  it('sorts all values for valuesort', () => {
    assert.deepEqual(sortSltValues(rows, 'valuesort'), ['1', '10', '2', 'a', 'a', 'b']);
  });
  it('hashes values each followed by a newline with md5', () => {
    assert.equal(hashSltValues(['1', '2']), '6ddb4095eb719e2a9f0a3f95677d24e0');
    assert.equal(hashSltValues([]), 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(hashSltValues(['a']), '60b725f10c9c85c70d97880dfe8191b3');
    assert.equal(hashLine(['a']), '1 values hashing to 60b725f10c9c85c70d97880dfe8191b3');
  });
});

describe('mysqltest rendering', () => {
  it('renders rows tab-separated with NULL', () => {
    assert.equal(renderTabRow(['1', null, '']), '1\tNULL\t');
  });
  it('sorts rows byte-wise, column by column', () => {
    assert.deepEqual(
      sortTextRows([
        ['9', 'x'],
        [null, null],
        ['10', 'y'],
        ['0', 'z'],
      ]),
      [
        [null, null],
        ['0', 'z'],
        ['10', 'y'],
        ['9', 'x'],
      ],
    );
  });
  it('formats errors and strips operator ids', () => {
    assert.equal(
      errorLine(1062, '23000', "Duplicate entry '1' for key 't.a'"),
      "Error 1062 (23000): Duplicate entry '1' for key 't.a'",
    );
    assert.equal(stripOperatorId('TableReader_7'), 'TableReader');
    assert.equal(stripOperatorId('  └─TableFullScan_5'), '  └─TableFullScan');
    assert.equal(stripOperatorId('HashAgg'), 'HashAgg');
    assert.equal(stripOperatorId('  ├─IndexRangeScan_13(Build)'), '  ├─IndexRangeScan(Build)');
    assert.equal(stripOperatorId('└─TableRowIDScan_5(Probe)'), '└─TableRowIDScan(Probe)');
    assert.equal(stripOperatorId('Selection_12(Build)x'), 'Selection_12(Build)x');
  });
});
