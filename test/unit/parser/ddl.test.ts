import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type {
  AlterTableStmt,
  CreateTableStmt,
  CreateViewStmt,
  ExprNode,
  PartitionOptions,
} from '../../../src/parser/index.js';
import { exprToString } from '../../../src/parser/restore.js';
import { stmt } from './helpers.js';

function create(sql: string): CreateTableStmt {
  return stmt(sql) as CreateTableStmt;
}
function partitionOf(sql: string): PartitionOptions {
  const p = create(sql).partition;
  assert.ok(p);
  return p;
}
function alter(sql: string): AlterTableStmt {
  return stmt(sql) as AlterTableStmt;
}

describe('CREATE TABLE', () => {
  it('columns with types and attributes', () => {
    const s = create(`CREATE TEMPORARY TABLE IF NOT EXISTS db.t (
      id BIGINT(20) UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY CLUSTERED COMMENT 'pk',
      r BIGINT AUTO_RANDOM(5),
      n DECIMAL(10, 2) ZEROFILL DEFAULT -1.5,
      s VARCHAR(20) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'x' UNIQUE KEY,
      ts TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      g INT GENERATED ALWAYS AS (id + 1) STORED,
      v INT AS (n * 2),
      e ENUM('a', 'b') DEFAULT 'a',
      b BOOL, f FLOAT(30), d DOUBLE PRECISION, c CHAR, txt TEXT, j JSON,
      dd INT DEFAULT (id * 2) CHECK (dd > 0),
      fk INT REFERENCES p (id)
    )`);
    assert.equal(s.temporary, true);
    assert.equal(s.ifNotExists, true);
    const [id, r, n, str, ts, g, v, e, b, f, d] = s.columns;
    assert.deepEqual(id.type, { name: 'BIGINT', length: 20, unsigned: true });
    assert.ok(id.notNull && id.autoIncrement && id.primaryKey && id.clustered);
    assert.equal(id.comment, 'pk');
    assert.equal(r.autoRandom, 5);
    assert.deepEqual(n.type, { name: 'DECIMAL', length: 10, decimals: 2, zerofill: true, unsigned: true });
    assert.equal(n.defaultText, '-1.5');
    assert.deepEqual(str.type, { name: 'VARCHAR', length: 20, charset: 'utf8mb4', collate: 'utf8mb4_bin' });
    assert.equal(str.unique, true);
    assert.equal(ts.notNull, false);
    assert.equal(exprToString(ts.default!), 'current_timestamp(3)');
    assert.equal(exprToString(ts.onUpdate!), 'current_timestamp(3)');
    assert.deepEqual(g.generated && { stored: g.generated.stored, text: g.generated.text }, {
      stored: true,
      text: 'id + 1',
    });
    assert.equal(v.generated?.stored, false);
    assert.deepEqual(e.type.elems, ['a', 'b']);
    assert.deepEqual(b.type, { name: 'TINYINT', length: 1 });
    assert.equal(f.type.name, 'DOUBLE');
    assert.equal(d.type.name, 'DOUBLE');
    assert.equal(s.columns[14].checks?.[0]?.expr.kind, 'binary');
    assert.equal(s.columns[14].checks?.[0]?.enforced, true);
    assert.equal(s.columns[14].defaultText, '(id * 2)');
    assert.equal(s.columns[15].references?.table.name, 'p');
  });
  it('table constraints and options', () => {
    const s = create(`CREATE TABLE t (a INT, b INT, c VARCHAR(10),
      CONSTRAINT pk PRIMARY KEY NONCLUSTERED (a, b),
      UNIQUE KEY uk (c(5) DESC) USING BTREE COMMENT 'u',
      KEY idx USING HASH (b) INVISIBLE,
      INDEX ((a + b)),
      FULLTEXT KEY ft (c),
      CONSTRAINT fk FOREIGN KEY (b) REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL,
      CHECK (a > 0)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE utf8mb4_bin COMMENT='x' AUTO_INCREMENT=10 SHARD_ROW_ID_BITS=4 PRE_SPLIT_REGIONS=2 ROW_FORMAT=COMPACT`);
    const [pk, uk, idx, fn, ft, fk, ck] = s.constraints;
    assert.deepEqual(pk, {
      type: 'primary',
      name: 'pk',
      clustered: false,
      parts: [
        { column: 'a', desc: false },
        { column: 'b', desc: false },
      ],
    });
    assert.deepEqual(uk, {
      type: 'unique',
      name: 'uk',
      parts: [{ column: 'c', length: 5, desc: true }],
      indexType: 'BTREE',
      comment: 'u',
    });
    assert.equal(idx.indexType, 'HASH');
    assert.equal(idx.invisible, true);
    assert.equal(fn.parts[0].expr?.kind, 'binary');
    assert.equal(ft.type, 'fulltext');
    assert.deepEqual(fk.references, {
      table: { kind: 'table', name: 'p' },
      columns: ['id'],
      onDelete: 'CASCADE',
      onUpdate: 'SET NULL',
    });
    assert.equal(ck.type, 'check');
    assert.deepEqual(
      s.options.map((o) => `${o.name}=${o.value}`),
      [
        'engine=InnoDB',
        'charset=utf8mb4',
        'collate=utf8mb4_bin',
        'comment=x',
        'auto_increment=10',
        'shard_row_id_bits=4',
        'pre_split_regions=2',
        'row_format=COMPACT',
      ],
    );
  });
  it('LIKE and AS SELECT', () => {
    assert.deepEqual(create('CREATE TABLE t LIKE u').like, { kind: 'table', name: 'u' });
    assert.equal(create('CREATE TABLE t AS SELECT 1').query?.kind, 'select');
    assert.equal(create('CREATE TABLE t (a INT) SELECT 1 AS a').query?.kind, 'select');
  });
});

describe('PARTITION BY', () => {
  it('HASH and KEY', () => {
    const h = partitionOf('CREATE TABLE t (a INT) PARTITION BY LINEAR HASH (a % 3) PARTITIONS 4');
    assert.deepEqual(
      { type: h.type, linear: h.linear, text: h.exprText, count: h.count },
      { type: 'hash', linear: true, text: 'a % 3', count: 4 },
    );
    const k = partitionOf('CREATE TABLE t (a INT) PARTITION BY KEY ALGORITHM = 2 (a) PARTITIONS 2');
    assert.deepEqual(
      { type: k.type, algorithm: k.algorithm, columns: k.columns },
      { type: 'key', algorithm: 2, columns: ['a'] },
    );
  });
  const bound = (b: ExprNode | 'MAXVALUE') => (b === 'MAXVALUE' ? b : exprToString(b));
  it('RANGE and RANGE COLUMNS', () => {
    const r = partitionOf(`CREATE TABLE t (d DATE) PARTITION BY RANGE (TO_DAYS(d)) (
      PARTITION p0 VALUES LESS THAN (TO_DAYS('2020-01-01')) COMMENT 'first' ENGINE = InnoDB,
      PARTITION p1 VALUES LESS THAN MAXVALUE)`);
    assert.equal(exprToString(r.expr!), 'to_days(`d`)');
    assert.deepEqual(r.definitions[0].lessThan?.map(bound), ["to_days('2020-01-01')"]);
    assert.equal(r.definitions[0].comment, 'first');
    assert.deepEqual(r.definitions[0].options, [{ name: 'engine', value: 'InnoDB' }]);
    assert.deepEqual(r.definitions[1].lessThan, ['MAXVALUE']);
    const c = partitionOf(`CREATE TABLE t (a INT, b INT) PARTITION BY RANGE COLUMNS (a, b) (
      PARTITION p0 VALUES LESS THAN (1, MAXVALUE))`);
    assert.equal(c.columnsForm, true);
    assert.deepEqual(c.columns, ['a', 'b']);
    assert.deepEqual(c.definitions[0].lessThan?.map(bound), ['1', 'MAXVALUE']);
  });
  it("TiDB's RANGE INTERVAL", () => {
    const p = partitionOf(`CREATE TABLE t (id INT) PARTITION BY RANGE (id)
      INTERVAL (100) FIRST PARTITION LESS THAN (100) LAST PARTITION LESS THAN (1000) NULL PARTITION MAXVALUE PARTITION`);
    assert.ok(p.interval);
    assert.equal(p.interval.nullPartition, true);
    assert.equal(p.interval.maxValuePartition, true);
    assert.equal(exprToString(p.interval.last), '1000');
    const d = partitionOf(`CREATE TABLE t (d DATETIME) PARTITION BY RANGE COLUMNS (d)
      INTERVAL (1 MONTH) FIRST PARTITION LESS THAN ('2020-01-01') LAST PARTITION LESS THAN ('2021-01-01')`);
    assert.equal(d.interval?.unit, 'MONTH');
  });
  it('LIST and LIST COLUMNS with DEFAULT', () => {
    const l = partitionOf(`CREATE TABLE t (a INT) PARTITION BY LIST (a) (
      PARTITION p0 VALUES IN (1, 2), PARTITION p1 VALUES IN (NULL), PARTITION pd DEFAULT)`);
    assert.deepEqual(
      l.definitions[0].inValues?.map((t) => t.map(bound)),
      [['1'], ['2']],
    );
    assert.equal(l.definitions[2].isDefault, true);
    const c = partitionOf(`CREATE TABLE t (a INT, b CHAR(1)) PARTITION BY LIST COLUMNS (a, b) (
      PARTITION p0 VALUES IN ((1, 'a'), (2, 'b')), PARTITION p1 VALUES IN (DEFAULT))`);
    assert.deepEqual(
      c.definitions[0].inValues?.map((t) => t.map(bound)),
      [
        ['1', "'a'"],
        ['2', "'b'"],
      ],
    );
    assert.equal(c.definitions[1].isDefault, true);
  });
  it('SUBPARTITION BY parses', () => {
    const p =
      partitionOf(`CREATE TABLE t (a INT, b INT) PARTITION BY RANGE (a) SUBPARTITION BY HASH (b) SUBPARTITIONS 2 (
      PARTITION p0 VALUES LESS THAN (10))`);
    assert.deepEqual(p.subpartition, { type: 'hash', count: 2 });
  });
});

describe('ALTER TABLE', () => {
  it('column and index specs', () => {
    const s = alter(`ALTER TABLE t ADD COLUMN c INT FIRST, ADD (d INT, e INT), ADD f INT AFTER c,
      DROP COLUMN g, MODIFY h BIGINT NOT NULL, CHANGE i j INT AFTER c, RENAME COLUMN k TO l,
      ALTER COLUMN m SET DEFAULT 1, ALTER n DROP DEFAULT, ADD UNIQUE INDEX u (a), ADD PRIMARY KEY (a),
      ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES p (id), DROP INDEX u, DROP KEY v, DROP PRIMARY KEY,
      DROP FOREIGN KEY fk, DROP CHECK ck, RENAME TO t2, RENAME INDEX a TO b, ALTER INDEX i INVISIBLE,
      CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, ENGINE = InnoDB, COMMENT 'x'`);
    assert.deepEqual(
      s.specs.map((x) => x.type),
      [
        'addColumn',
        'addColumn',
        'addColumn',
        'dropColumn',
        'modifyColumn',
        'changeColumn',
        'renameColumn',
        'alterColumnDefault',
        'alterColumnDefault',
        'addConstraint',
        'addConstraint',
        'addConstraint',
        'dropIndex',
        'dropIndex',
        'dropPrimaryKey',
        'dropForeignKey',
        'dropCheck',
        'renameTable',
        'renameIndex',
        'alterIndexVisibility',
        'convertCharset',
        'options',
      ],
    );
    assert.deepEqual(s.specs[0], {
      type: 'addColumn',
      columns: [{ name: 'c', type: { name: 'INT' }, autoIncrement: false, primaryKey: false, unique: false }],
      position: { first: true },
    });
    assert.deepEqual((s.specs[2] as { position?: unknown }).position, { after: 'c' });
    assert.equal(s.specs[21].type === 'options' && s.specs[21].options.length, 2);
  });
  it('partition management', () => {
    const s = alter(`ALTER TABLE t ADD PARTITION (PARTITION p3 VALUES LESS THAN (30)), ADD PARTITION PARTITIONS 2,
      DROP PARTITION p1, p2, TRUNCATE PARTITION ALL, TRUNCATE PARTITION p0, COALESCE PARTITION 2,
      REORGANIZE PARTITION p0, p1 INTO (PARTITION p01 VALUES LESS THAN (20)),
      EXCHANGE PARTITION p0 WITH TABLE nt WITHOUT VALIDATION, REMOVE PARTITIONING`);
    assert.deepEqual(
      s.specs.map((x) => x.type),
      [
        'addPartition',
        'addPartition',
        'dropPartition',
        'truncatePartition',
        'truncatePartition',
        'coalescePartition',
        'reorganizePartition',
        'exchangePartition',
        'removePartitioning',
      ],
    );
    assert.deepEqual(s.specs[2], { type: 'dropPartition', names: ['p1', 'p2'] });
    assert.deepEqual(s.specs[3], { type: 'truncatePartition', names: [], all: true });
    assert.ok(s.specs[7].type === 'exchangePartition' && !s.specs[7].validation);
    const pb = alter('ALTER TABLE t PARTITION BY HASH (a) PARTITIONS 3');
    assert.ok(pb.specs[0].type === 'partitionBy' && pb.specs[0].partition.count === 3);
    const last = alter('ALTER TABLE t LAST PARTITION LESS THAN (2000)');
    assert.ok(last.specs[0].type === 'addPartition' && last.specs[0].intervalLessThan);
    const first = alter('ALTER TABLE t FIRST PARTITION LESS THAN (200)');
    assert.ok(first.specs[0].type === 'dropPartition' && first.specs[0].intervalLessThan);
  });
});

describe('other DDL', () => {
  it('indexes, databases, drops, truncate, rename', () => {
    assert.deepEqual(stmt('CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a, b(3) DESC) USING BTREE'), {
      kind: 'createIndex',
      name: 'i',
      table: { kind: 'table', name: 't' },
      parts: [
        { column: 'a', desc: false },
        { column: 'b', length: 3, desc: true },
      ],
      unique: true,
      ifNotExists: true,
      indexType: 'BTREE',
    });
    assert.deepEqual(stmt('DROP INDEX i ON db.t'), {
      kind: 'dropIndex',
      name: 'i',
      table: { kind: 'table', db: 'db', name: 't' },
      ifExists: false,
    });
    assert.deepEqual(stmt('CREATE SCHEMA IF NOT EXISTS d DEFAULT CHARACTER SET = utf8mb4 COLLATE utf8mb4_bin'), {
      kind: 'createDatabase',
      name: 'd',
      ifNotExists: true,
      options: [
        { name: 'charset', value: 'utf8mb4' },
        { name: 'collate', value: 'utf8mb4_bin' },
      ],
    });
    assert.deepEqual(stmt('DROP DATABASE IF EXISTS d'), { kind: 'dropDatabase', name: 'd', ifExists: true });
    assert.deepEqual(stmt('DROP TEMPORARY TABLE IF EXISTS t1, t2'), {
      kind: 'dropTable',
      tables: [
        { kind: 'table', name: 't1' },
        { kind: 'table', name: 't2' },
      ],
      ifExists: true,
      temporary: true,
    });
    assert.deepEqual(stmt('TRUNCATE t'), { kind: 'truncateTable', table: { kind: 'table', name: 't' } });
    assert.equal(stmt('RENAME TABLE a TO b, c TO d').kind, 'renameTable');
  });
  it('views', () => {
    const v = stmt(
      "CREATE OR REPLACE ALGORITHM = MERGE DEFINER = 'root'@'%' SQL SECURITY INVOKER VIEW v (x) AS SELECT a FROM t WITH CHECK OPTION",
    ) as CreateViewStmt;
    assert.equal(v.orReplace, true);
    assert.equal(v.queryText, 'SELECT a FROM t');
    assert.deepEqual(v.columns, ['x']);
    assert.equal(v.algorithm, 'MERGE');
    assert.equal(v.definer, 'root@%');
    assert.equal(v.security, 'INVOKER');
    assert.equal(v.checkOption, 'CASCADED');
    assert.deepEqual(stmt('DROP VIEW IF EXISTS v1, v2'), {
      kind: 'dropView',
      names: [
        { kind: 'table', name: 'v1' },
        { kind: 'table', name: 'v2' },
      ],
      ifExists: true,
    });
  });
});
