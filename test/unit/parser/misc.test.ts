import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ExplainStmt, ShowStmt } from '../../../src/parser/index.js';
import { stmt } from './helpers.js';

describe('SET', () => {
  it('variables of every form', () => {
    assert.deepEqual(stmt("SET @a = 1, @@global.x = 'v', GLOBAL y = ON, SESSION z = DEFAULT, w := 2, LOCAL q = 1"), {
      kind: 'set',
      assignments: [
        { target: { kind: 'user', name: 'a' }, value: { kind: 'literal', type: 'int', text: '1' } },
        {
          target: { kind: 'system', name: 'x', scope: 'global' },
          value: { kind: 'literal', type: 'string', text: 'v' },
        },
        {
          target: { kind: 'system', name: 'y', scope: 'global' },
          value: { kind: 'literal', type: 'string', text: 'ON' },
        },
        { target: { kind: 'system', name: 'z', scope: 'session' }, value: undefined },
        { target: { kind: 'system', name: 'w', scope: 'default' }, value: { kind: 'literal', type: 'int', text: '2' } },
        { target: { kind: 'system', name: 'q', scope: 'session' }, value: { kind: 'literal', type: 'int', text: '1' } },
      ],
    });
  });
  it('NAMES, CHARACTER SET, TRANSACTION, PASSWORD', () => {
    assert.deepEqual(stmt("SET NAMES 'utf8mb4' COLLATE utf8mb4_bin"), {
      kind: 'setNames',
      charset: 'utf8mb4',
      collate: 'utf8mb4_bin',
      characterSet: false,
    });
    assert.deepEqual(stmt('SET NAMES DEFAULT'), { kind: 'setNames', characterSet: false });
    assert.deepEqual(stmt('SET CHARACTER SET utf8'), { kind: 'setNames', charset: 'utf8', characterSet: true });
    assert.deepEqual(stmt('SET GLOBAL TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY'), {
      kind: 'setTransaction',
      scope: 'global',
      isolation: 'READ-COMMITTED',
      readOnly: true,
    });
    assert.deepEqual(stmt('SET TRANSACTION READ WRITE'), { kind: 'setTransaction', scope: 'next', readOnly: false });
    assert.equal(stmt("SET PASSWORD FOR 'u'@'%' = 'p'").kind, 'alterUser');
  });
});

describe('SHOW / DESCRIBE / EXPLAIN', () => {
  const target = (sql: string) => (stmt(sql) as ShowStmt).target;
  it('targets', () => {
    const cases: [string, string][] = [
      ['SHOW FULL TABLES FROM db LIKE "t%"', 'tables'],
      ['SHOW DATABASES', 'databases'],
      ['SHOW SCHEMAS WHERE 1', 'databases'],
      ['SHOW FULL COLUMNS FROM t FROM db', 'columns'],
      ['SHOW FIELDS IN t', 'columns'],
      ['SHOW INDEX FROM t', 'index'],
      ['SHOW KEYS IN t', 'index'],
      ['SHOW CREATE TABLE t', 'createTable'],
      ['SHOW CREATE VIEW v', 'createView'],
      ['SHOW CREATE DATABASE IF NOT EXISTS d', 'createDatabase'],
      ["SHOW CREATE USER 'u'@'h'", 'createUser'],
      ['SHOW GLOBAL VARIABLES LIKE "x"', 'variables'],
      ['SHOW SESSION STATUS', 'status'],
      ['SHOW WARNINGS LIMIT 1', 'warnings'],
      ['SHOW ERRORS', 'errors'],
      ['SHOW COUNT(*) WARNINGS', 'warnings'],
      ['SHOW FULL PROCESSLIST', 'processlist'],
      ['SHOW ENGINES', 'engines'],
      ['SHOW CHARACTER SET', 'charset'],
      ['SHOW CHARSET', 'charset'],
      ['SHOW COLLATION', 'collation'],
      ['SHOW GRANTS FOR root', 'grants'],
      ['SHOW PRIVILEGES', 'privileges'],
      ['SHOW TABLE STATUS FROM db', 'tableStatus'],
      ['SHOW PLUGINS', 'plugins'],
      ['SHOW TRIGGERS', 'triggers'],
      ['SHOW EVENTS', 'events'],
      ['SHOW PROCEDURE STATUS', 'procedureStatus'],
      ['SHOW FUNCTION STATUS', 'functionStatus'],
      ['SHOW MASTER STATUS', 'masterStatus'],
      ['SHOW TABLE t REGIONS', 'tableRegions'],
      ['SHOW STATS_META', 'statsMeta'],
      ['SHOW CONFIG', 'config'],
      ['SHOW BUILTINS', 'builtins'],
    ];
    for (const [sql, t] of cases) assert.equal(target(sql), t, sql);
    const s = stmt('SHOW FULL COLUMNS FROM t FROM db LIKE "a%"') as ShowStmt;
    assert.deepEqual([s.full, s.table, s.like], [true, { kind: 'table', name: 't', db: 'db' }, 'a%']);
    const g = stmt('SHOW GLOBAL VARIABLES WHERE variable_name = "x"') as ShowStmt;
    assert.ok(g.global && g.where);
    assert.equal((stmt('SHOW COUNT(*) ERRORS') as ShowStmt).count, true);
    assert.deepEqual((stmt("SHOW GRANTS FOR 'u'@'localhost'") as ShowStmt).user, { user: 'u', host: 'localhost' });
  });
  it('DESC table and EXPLAIN', () => {
    const d = stmt('DESC t c') as ShowStmt;
    assert.deepEqual([d.target, d.table?.name, d.like], ['columns', 't', 'c']);
    assert.equal((stmt('DESCRIBE db.t') as ShowStmt).table?.db, 'db');
    const e = stmt("EXPLAIN ANALYZE FORMAT = 'brief' SELECT 1") as ExplainStmt;
    assert.deepEqual([e.analyze, e.format, e.stmt.kind], [true, 'brief', 'query']);
    assert.equal((stmt('EXPLAIN FORMAT = "row" DELETE FROM t') as ExplainStmt).format, 'row');
    assert.equal((stmt('EXPLAIN FORMAT = brief INSERT INTO t VALUES (1)') as ExplainStmt).stmt.kind, 'insert');
    assert.equal((stmt('EXPLAIN FOR CONNECTION 5') as ExplainStmt).connectionId, 5);
    assert.equal((stmt('DESC SELECT 1') as ExplainStmt).kind, 'explain');
  });
});

describe('transactions and prepared statements', () => {
  it('transactions', () => {
    assert.deepEqual(stmt('BEGIN'), { kind: 'begin', readOnly: false, consistentSnapshot: false });
    assert.deepEqual(stmt('BEGIN PESSIMISTIC'), {
      kind: 'begin',
      readOnly: false,
      consistentSnapshot: false,
      mode: 'pessimistic',
    });
    assert.deepEqual(stmt('START TRANSACTION READ ONLY, WITH CONSISTENT SNAPSHOT'), {
      kind: 'begin',
      readOnly: true,
      consistentSnapshot: true,
    });
    const asOf = stmt("START TRANSACTION READ ONLY AS OF TIMESTAMP '2020-01-01 00:00:00'");
    assert.ok(asOf.kind === 'begin' && asOf.asOf && asOf.readOnly);
    assert.deepEqual(stmt('COMMIT WORK'), { kind: 'commit' });
    assert.deepEqual(stmt('ROLLBACK'), { kind: 'rollback' });
    assert.deepEqual(stmt('ROLLBACK WORK TO SAVEPOINT s1'), { kind: 'rollback', savepoint: 's1' });
    assert.deepEqual(stmt('ROLLBACK TO s1'), { kind: 'rollback', savepoint: 's1' });
    assert.deepEqual(stmt('SAVEPOINT s1'), { kind: 'savepoint', name: 's1', release: false });
    assert.deepEqual(stmt('RELEASE SAVEPOINT s1'), { kind: 'savepoint', name: 's1', release: true });
  });
  it('prepare / execute / deallocate', () => {
    assert.deepEqual(stmt("PREPARE s FROM 'SELECT ?'"), { kind: 'prepare', name: 's', text: 'SELECT ?' });
    assert.deepEqual(stmt('PREPARE s FROM @q'), { kind: 'prepare', name: 's', fromVariable: 'q' });
    assert.deepEqual(stmt('EXECUTE s USING @a, @b'), { kind: 'execute', name: 's', using: ['a', 'b'] });
    assert.deepEqual(stmt('DEALLOCATE PREPARE s'), { kind: 'deallocate', name: 's' });
    assert.deepEqual(stmt('DROP PREPARE s'), { kind: 'deallocate', name: 's' });
  });
});

describe('accounts, admin and utility', () => {
  it('users and grants', () => {
    assert.deepEqual(stmt("CREATE USER IF NOT EXISTS 'u'@'localhost' IDENTIFIED WITH mysql_native_password BY 'p'"), {
      kind: 'createUser',
      ifNotExists: true,
      users: [{ user: { user: 'u', host: 'localhost' }, plugin: 'mysql_native_password', password: 'p' }],
    });
    assert.deepEqual(stmt("ALTER USER u IDENTIFIED BY 'x'"), {
      kind: 'alterUser',
      ifExists: false,
      users: [{ user: { user: 'u', host: '%' }, password: 'x' }],
    });
    assert.deepEqual(stmt("DROP USER IF EXISTS 'a'@'%', b"), {
      kind: 'dropUser',
      ifExists: true,
      users: [
        { user: 'a', host: '%' },
        { user: 'b', host: '%' },
      ],
    });
    assert.deepEqual(stmt("GRANT SELECT, INSERT (a, b), ALL PRIVILEGES ON db.* TO 'u'@'%' WITH GRANT OPTION"), {
      kind: 'grant',
      privileges: [{ name: 'SELECT' }, { name: 'INSERT', columns: ['a', 'b'] }, { name: 'ALL' }],
      on: { db: 'db', table: '*' },
      users: [{ user: 'u', host: '%' }],
      withGrantOption: true,
    });
    assert.deepEqual(stmt('REVOKE CREATE VIEW ON *.* FROM u'), {
      kind: 'revoke',
      privileges: [{ name: 'CREATE VIEW' }],
      on: { db: '*', table: '*' },
      users: [{ user: 'u', host: '%' }],
      withGrantOption: false,
    });
  });
  it('kill, admin, analyze, do, flush, lock, use', () => {
    assert.deepEqual(stmt('KILL TIDB QUERY 12'), { kind: 'kill', connectionId: 12, query: true, tidb: true });
    assert.deepEqual(stmt('KILL 3'), { kind: 'kill', connectionId: 3, query: false, tidb: false });
    assert.deepEqual(stmt('ADMIN SHOW TELEMETRY'), { kind: 'admin', command: 'show telemetry' });
    assert.deepEqual(stmt('ADMIN CHECK TABLE t1, t2'), {
      kind: 'admin',
      command: 'check table',
      tables: [
        { kind: 'table', name: 't1' },
        { kind: 'table', name: 't2' },
      ],
    });
    assert.deepEqual(stmt('ADMIN SHOW DDL JOBS 10'), { kind: 'admin', command: 'show ddl jobs' });
    assert.equal(stmt('ANALYZE TABLE t1, t2').kind, 'analyzeTable');
    assert.equal(stmt('DO 1, SLEEP(0)').kind, 'do');
    assert.deepEqual(stmt('FLUSH PRIVILEGES'), { kind: 'flush', what: 'privileges' });
    assert.deepEqual(stmt('LOCK TABLES t READ, u AS x WRITE'), {
      kind: 'lockTables',
      tables: [
        { table: { kind: 'table', name: 't' }, write: false },
        { table: { kind: 'table', name: 'u', alias: 'x' }, write: true },
      ],
    });
    assert.deepEqual(stmt('UNLOCK TABLES'), { kind: 'unlockTables', tables: [] });
    assert.deepEqual(stmt('USE `my db`'), { kind: 'use', db: 'my db' });
  });
});
