import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  databaseNameFor,
  isExplainBlock,
  type MtDb,
  type MtResultLike,
  planShape,
  resultPathFor,
  runMysqltestFile,
  segmentExpected,
} from '../../../src/tools/mysqltest.js';
import { parseMysqltest, parseReplaceRegex, splitStatements } from '../../../src/tools/mysqltest-parse.js';

describe('parseMysqltest', () => {
  it('joins lines until one ends with ; and reads directives', () => {
    const cmds = parseMysqltest(
      [
        '# comment',
        '--echo # Title',
        'create table t (',
        '\t\ta int);',
        '-- error 1062, ER_DUP_ENTRY',
        'insert into t values (1);',
        '--sorted_result',
        'select * from t; select 2;',
        '--enable_warnings',
        'connect (conn1, localhost, root,, db1);',
        'connection default;',
        'disconnect conn1;',
        '--replace_column 1 X 3 Y',
        '--frobnicate',
      ].join('\n'),
    );
    assert.deepEqual(cmds[0], { kind: 'echo', line: 2, text: '# Title' });
    assert.deepEqual(cmds[1], { kind: 'query', line: 3, text: 'create table t (\na int);' });
    assert.deepEqual(cmds[2], { kind: 'error', line: 5, codes: ['1062', 'ER_DUP_ENTRY'] });
    assert.equal(cmds[4].kind, 'sorted_result');
    assert.deepEqual(cmds[6], { kind: 'flag', line: 9, name: 'warnings', on: true });
    assert.deepEqual(cmds[7], { kind: 'connect', line: 10, name: 'conn1', user: 'root', db: 'db1' });
    assert.deepEqual(cmds[8], { kind: 'connection', line: 11, name: 'default' });
    assert.deepEqual(cmds[9], { kind: 'disconnect', line: 12, name: 'conn1' });
    assert.deepEqual(cmds[10], {
      kind: 'replace_column',
      line: 13,
      pairs: [
        { col: 1, value: 'X' },
        { col: 3, value: 'Y' },
      ],
    });
    assert.equal(cmds[11].kind, 'unsupported');
  });

  it('splits statements outside quotes and comments, keeping doubled semicolons together', () => {
    assert.deepEqual(splitStatements("select ';' as a; select 2;"), ["select ';' as a;", 'select 2;']);
    assert.deepEqual(splitStatements('update t set a=1;;'), ['update t set a=1;;']);
    assert.deepEqual(splitStatements('select /* ; */ 1'), ['select /* ; */ 1']);
    assert.deepEqual(splitStatements('select `a;b` from t;\nselect "x;";'), ['select `a;b` from t;', 'select "x;";']);
  });

  it('parses replace_regex rules', () => {
    const [r] = parseReplaceRegex('/INTEGER/DOUBLE/');
    assert.equal('Truncated incorrect INTEGER value'.replace(r.re, r.replacement), 'Truncated incorrect DOUBLE value');
  });
});

describe('paths and explain shapes', () => {
  it('maps test files to result files and database names', () => {
    assert.equal(resultPathFor('/c/t/ddl/partition.test'), '/c/r/ddl/partition.result');
    assert.equal(databaseNameFor('/c/t/executor/partition/write.test'), 'executor__partition__write');
  });

  it('reduces plans to operator names and access objects', () => {
    const plan = [
      'id\testRows\ttask\taccess object\toperator info',
      'TableReader_7\t20.00\troot\t\tdata:Selection_6',
      '└─TableFullScan_5\t10000.00\tcop[tikv]\ttable:t2, partition:p0\tkeep order:false',
    ];
    assert.deepEqual(planShape(plan), ['TableReader\t', '└─TableFullScan\ttable:t2, partition:p0']);
    assert.equal(isExplainBlock("explain format='brief' select 1;", plan), true);
    assert.equal(isExplainBlock('desc t;', ['Field\tType\tNull\tKey\tDefault\tExtra']), false);
  });

  it('segments expected output by locating each echo in order', () => {
    const block = (sql: string) => ({ line: 1, sql, echo: [sql], output: [], isEcho: false });
    const segs = segmentExpected(
      [block('select 1;'), block('missing;'), block('select 2;')],
      ['select 1;', '1', '1', 'select 2;', '2', '2'],
    );
    assert.deepEqual(segs, [['1', '1'], null, ['2', '2']]);
  });
});

/** A fake engine answering from a table of canned results; errors carry MySQL code and SQLSTATE. */
function cannedDb(answers: Record<string, MtResultLike | Error>, log: string[]): MtDb {
  const conn = (name: string): MtDb => ({
    async query(sql) {
      log.push(`${name}: ${sql}`);
      const a = answers[sql];
      if (a instanceof Error) throw a;
      return a ?? { rows: [] };
    },
    async close() {},
    async session() {
      return conn('s');
    },
  });
  return conn('main');
}

describe('runMysqltestFile', () => {
  it('renders results, errors, info and warnings and compares block by block', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mt-'));
    await mkdir(join(dir, 't'));
    await mkdir(join(dir, 'r'));
    await writeFile(
      join(dir, 't', 'x.test'),
      [
        '--sorted_result',
        'select a, b from t;',
        '-- error 1062',
        'insert into t values (1);',
        '--enable_info',
        'delete from t;',
        '--disable_info',
        'explain select a from t;',
        'connect (c1, localhost, root,,);',
        'select 1;',
        'connection default;',
        'select 2;',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'r', 'x.result'),
      [
        'select a, b from t;',
        'a\tb',
        'NULL\tz',
        '1\tx',
        '2\ty',
        'insert into t values (1);',
        "Error 1062 (23000): Duplicate entry '1' for key 't.PRIMARY'",
        'delete from t;',
        'affected rows: 3',
        'info: ',
        'explain select a from t;',
        'id\testRows\ttask\taccess object\toperator info',
        'TableReader_5\t3.00\troot\t\tdata:TableFullScan_4',
        '└─TableFullScan_4\t3.00\tcop[tikv]\ttable:t\tkeep order:false',
        'select 1;',
        '1',
        '1',
        'select 2;',
        '2',
        'wrong',
        '',
      ].join('\n'),
    );
    const log: string[] = [];
    const db = cannedDb(
      {
        'select a, b from t;': {
          fields: [{ name: 'a' }, { name: 'b' }],
          rows: [
            ['2', 'y'],
            [null, 'z'],
            ['1', 'x'],
          ],
        },
        'insert into t values (1);': Object.assign(new Error("Duplicate entry '1' for key 't.PRIMARY'"), {
          code: 1062,
          sqlState: '23000',
        }),
        'delete from t;': { rows: [], affectedRows: 3, info: '' },
        'explain select a from t;': {
          fields: ['id', 'estRows', 'task', 'access object', 'operator info'].map((name) => ({ name })),
          rows: [
            ['TableReader_9', '10000.00', 'root', '', 'data:TableFullScan_8'],
            ['└─TableFullScan_8', '10000.00', 'cop', 'table:t', 'keep order:false, stats:pseudo'],
          ],
        },
        'select 1;': { fields: [{ name: '1' }], rows: [['1']] },
        'select 2;': { fields: [{ name: '2' }], rows: [['2']] },
      },
      log,
    );
    const r = await runMysqltestFile(join(dir, 't', 'x.test'), { open: async () => db });
    assert.equal(r.error, undefined);
    assert.deepEqual(r.explain, { passed: 1, failed: 0 });
    assert.deepEqual(r.other, { passed: 4, failed: 1 });
    assert.equal(r.differences[0].sql, 'select 2;');
    assert.deepEqual(r.differences[0].got, ['2', '2']);
    assert.equal(log[0], 'main: create database if not exists `x`');
    assert.ok(
      log.includes('s: select 1;'),
      'select 1 runs on the new connection, sent with its delimiter as mysql-tester does',
    );
    assert.ok(log.includes('main: select 2;'), 'connection default switches back');
  });
});
