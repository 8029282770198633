import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeleteStmt, InsertStmt, JoinNode, UpdateStmt } from '../../../src/parser/index.js';
import { stmt } from './helpers.js';

describe('INSERT / REPLACE', () => {
  it('VALUES rows with DEFAULT and ON DUPLICATE KEY UPDATE', () => {
    const s = stmt(
      'INSERT /*+ HINT1() */ LOW_PRIORITY IGNORE INTO db.t PARTITION (p0) (a, b) VALUES (1, DEFAULT), (2, 3) ON DUPLICATE KEY UPDATE a = VALUES(a) + 1',
    ) as InsertStmt;
    assert.equal(s.ignore, true);
    assert.deepEqual(s.hints, [{ name: 'hint1', args: [] }]);
    assert.deepEqual(s.table, { kind: 'table', db: 'db', name: 't', partitions: ['p0'] });
    assert.deepEqual(s.columns, ['a', 'b']);
    assert.deepEqual(s.values?.[0][1], { kind: 'default' });
    assert.equal(s.onDuplicate?.[0].value.kind, 'binary');
  });
  it('empty column list and VALUE', () => {
    const s = stmt('INSERT INTO t () VALUES ()') as InsertStmt;
    assert.deepEqual(s.columns, []);
    assert.deepEqual(s.values, [[]]);
    assert.equal((stmt('INSERT t VALUE (1)') as InsertStmt).values?.length, 1);
  });
  it('INSERT ... SELECT and SET forms, REPLACE', () => {
    const s = stmt('INSERT INTO t (a) SELECT b FROM u') as InsertStmt;
    assert.equal(s.query?.kind, 'select');
    const p = stmt('INSERT INTO t (SELECT b FROM u)') as InsertStmt;
    assert.equal(p.query?.kind, 'select');
    const set = stmt("INSERT INTO t SET a = 1, b = 'x'") as InsertStmt;
    assert.equal(set.set?.length, 2);
    const r = stmt('REPLACE INTO t VALUES (1)') as InsertStmt;
    assert.equal(r.replace, true);
  });
});

describe('UPDATE', () => {
  it('single table with ORDER BY and LIMIT', () => {
    const s = stmt('UPDATE IGNORE t SET a = a + 1, t.b = DEFAULT WHERE c = 1 ORDER BY d LIMIT 3') as UpdateStmt;
    assert.equal(s.ignore, true);
    assert.deepEqual(s.set[1].column, { kind: 'column', table: 't', column: 'b' });
    assert.equal(s.orderBy?.length, 1);
    assert.ok(s.limit);
  });
  it('multi-table and WITH', () => {
    const s = stmt('UPDATE t1 JOIN t2 ON t1.a = t2.a SET t1.b = t2.b') as UpdateStmt;
    assert.equal(s.table.kind, 'join');
    const w = stmt('WITH c AS (SELECT 1 AS a) UPDATE t SET a = (SELECT a FROM c)') as UpdateStmt;
    assert.equal(w.with?.ctes[0].name, 'c');
  });
});

describe('DELETE', () => {
  it('single table', () => {
    const s = stmt('DELETE QUICK FROM t PARTITION (p1) WHERE a = 1 ORDER BY b LIMIT 1') as DeleteStmt;
    assert.deepEqual(s.from, { kind: 'table', name: 't', partitions: ['p1'] });
    assert.equal(s.quick, true);
    assert.equal(s.targets, undefined);
    assert.ok(s.where && s.orderBy && s.limit);
  });
  it('multi-table forms', () => {
    const a = stmt('DELETE t1, t2.* FROM t1 JOIN t2 ON t1.a = t2.a WHERE t1.b = 1') as DeleteStmt;
    assert.deepEqual(
      a.targets?.map((t) => t.name),
      ['t1', 't2'],
    );
    assert.equal((a.from as JoinNode).type, 'inner');
    const b = stmt('DELETE FROM t1, t2 USING t1 JOIN t2 JOIN t3') as DeleteStmt;
    assert.equal(b.targets?.length, 2);
    assert.equal(b.from.kind, 'join');
  });
});
