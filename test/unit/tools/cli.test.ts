import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FieldInfo, QueryResult } from '../../../src/api-types.js';
import { parseCliArgs } from '../../../src/cli/main.js';
import { errorMessage, renderInteractive, runBatch, StatementBuffer } from '../../../src/cli/shell.js';
import { displayWidth, escapeBatch, formatBatch, formatTable, statusLine } from '../../../src/cli/table-printer.js';
import type { EngineDb } from '../../../src/tools/engine.js';

function field(name: string, type: number): FieldInfo {
  return {
    name,
    orgName: name,
    table: '',
    orgTable: '',
    db: '',
    type,
    typeName: '',
    flags: 0,
    length: 0,
    decimals: 0,
    charsetId: 0,
    collation: '',
  };
}

function result(
  fields: FieldInfo[],
  rows: (string | null)[][],
  extra: Partial<Omit<QueryResult, 'rows'>> = {},
): QueryResult<(string | null)[]> {
  return { fields, affectedRows: 0, insertId: 0, info: '', warnings: [], ...extra, rows };
}

describe('table printer', () => {
  it('draws a boxed table with numbers right-aligned and NULLs', () => {
    const text = formatTable(
      [field('id', 3), field('name', 253)],
      [
        ['1', 'alice'],
        ['100', null],
      ],
    );
    assert.equal(
      text,
      [
        '+-----+-------+',
        '| id  | name  |',
        '+-----+-------+',
        '|   1 | alice |',
        '| 100 | NULL  |',
        '+-----+-------+',
      ].join('\n'),
    );
  });

  it('measures wide characters as two columns', () => {
    assert.equal(displayWidth('日本'), 4);
    assert.equal(displayWidth('abc'), 3);
  });

  it('prints batch output like mysql -B, escaping tabs and newlines', () => {
    assert.equal(escapeBatch('a\tb\nc\\'), 'a\\tb\\nc\\\\');
    assert.equal(formatBatch([field('a', 3), field('b', 253)], [['1', null]]), 'a\tb\n1\tNULL');
  });

  it('formats status lines', () => {
    assert.equal(statusLine('rows', 0, 0), 'Empty set (0.00 sec)');
    assert.equal(statusLine('rows', 1, 0.012), '1 row in set (0.01 sec)');
    assert.equal(statusLine('ok', 3, 0, 1), 'Query OK, 3 rows affected, 1 warning (0.00 sec)');
  });
});

describe('shell', () => {
  it('buffers lines into complete statements', () => {
    const b = new StatementBuffer();
    assert.deepEqual(b.push('select 1,'), []);
    assert.equal(b.pending, true);
    assert.deepEqual(b.push("  ';' ; select 2;"), ["select 1,\n  ';' ;", 'select 2;']);
    assert.equal(b.pending, false);
  });

  it('renders results and statements like the mysql client', () => {
    assert.equal(
      renderInteractive(result([], [], { affectedRows: 2, info: 'Records: 2  Duplicates: 0  Warnings: 0' }), 0),
      'Query OK, 2 rows affected (0.00 sec)\nRecords: 2  Duplicates: 0  Warnings: 0',
    );
    assert.equal(renderInteractive(result([field('a', 3)], []), 0), 'Empty set (0.00 sec)');
    assert.equal(
      errorMessage(Object.assign(new Error("Table 'test.t' doesn't exist"), { code: 1146, sqlState: '42S02' })),
      "ERROR 1146 (42S02): Table 'test.t' doesn't exist",
    );
  });

  it('runs -e statements in batch mode and stops at the first error', async () => {
    const seen: string[] = [];
    const db = {
      async query(sql: string) {
        seen.push(sql);
        if (sql === 'bad') throw Object.assign(new Error('syntax'), { code: 1064, sqlState: '42000' });
        return sql.startsWith('select') ? result([field('x', 3)], [['1']]) : result([], []);
      },
    } as unknown as EngineDb;
    const out: string[] = [];
    const err: string[] = [];
    const code = await runBatch(
      db,
      'create table t(x int); select x from t; bad; select 2;',
      (s) => out.push(s),
      (s) => err.push(s),
    );
    assert.equal(code, 1);
    assert.deepEqual(seen, ['create table t(x int)', 'select x from t', 'bad']);
    assert.deepEqual(out, ['x\n1']);
    assert.deepEqual(err, ['ERROR 1064 (42000): syntax']);
  });

  it('parses command-line arguments', () => {
    assert.deepEqual(parseCliArgs(['serve', '--port', '4001', '--dir', '/d']), {
      command: 'serve',
      host: '127.0.0.1',
      port: 4001,
      dir: '/d',
    });
    assert.equal(parseCliArgs(['-e', 'select 1']).command, 'shell');
    assert.equal(parseCliArgs(['--version']).command, 'version');
    assert.throws(() => parseCliArgs(['--bogus']));
    const run = parseCliArgs(['run', 'script.sql', '--dir', '/d']);
    assert.equal(run.command, 'run');
    assert.equal(run.file, 'script.sql');
    assert.equal(run.dir, '/d');
  });
});
