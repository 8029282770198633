import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JoinNode, TableName } from '../../../src/parser/index.js';
import { parse } from '../../../src/parser/index.js';
import { query, select } from './helpers.js';

describe('SELECT', () => {
  it('fields, aliases and options', () => {
    const s = select("SELECT DISTINCT SQL_CALC_FOUND_ROWS a AS x, b y, c 'z', t.*, db.t.*, *, a+1 FROM t");
    assert.equal(s.distinct, true);
    assert.deepEqual(s.options, ['sql_calc_found_rows']);
    assert.deepEqual(
      s.fields.map((f) => f.alias),
      ['x', 'y', 'z', undefined, undefined, undefined, undefined],
    );
    assert.deepEqual(s.fields[3].star, { table: 't' });
    assert.deepEqual(s.fields[4].star, { db: 'db', table: 't' });
    assert.deepEqual(s.fields[5].star, {});
    assert.equal(s.fields[6].text, 'a+1');
  });
  it('select without FROM and FROM DUAL', () => {
    assert.equal(select('SELECT 1').from, undefined);
    assert.equal(select('SELECT 1 FROM DUAL').from, undefined);
  });
  it('every join form', () => {
    // The comma binds looser than JOIN.
    const top = select('SELECT * FROM a, b JOIN c ON b.x = c.x LEFT OUTER JOIN d USING (x) NATURAL RIGHT JOIN e')
      .from as JoinNode;
    assert.equal(top.type, 'cross');
    const j = top.right as JoinNode;
    assert.equal(j.type, 'right');
    assert.equal(j.natural, true);
    const l = j.left as JoinNode;
    assert.equal(l.type, 'left');
    assert.deepEqual(l.using, ['x']);
    const c = select('SELECT * FROM a CROSS JOIN b STRAIGHT_JOIN c ON a.x = c.x').from as JoinNode;
    assert.equal(c.straight, true);
    assert.equal((c.left as JoinNode).type, 'cross');
    const p = select('SELECT * FROM (a JOIN b ON a.x = b.x) LEFT JOIN (c, d) ON c.y = a.y').from as JoinNode;
    assert.equal(p.type, 'left');
    assert.equal(p.left.kind, 'join');
    assert.equal(p.right.kind, 'join');
    const n = select('SELECT * FROM a LEFT JOIN b JOIN c ON b.x = c.x ON a.x = b.x').from as JoinNode;
    assert.equal(n.type, 'left');
    assert.equal(n.right.kind, 'join');
  });
  it('derived tables, partitions, index hints, AS OF', () => {
    const s = select(
      'SELECT * FROM (SELECT 1 AS a) AS d (x), t PARTITION (p0, p1) AS t1 USE INDEX (i1) FORCE KEY FOR ORDER BY (i2)',
    );
    const j = s.from as JoinNode;
    assert.deepEqual(j.left, {
      kind: 'derived',
      query: select('SELECT 1 AS a'),
      alias: 'd',
      columns: ['x'],
    });
    const t = j.right as TableName;
    assert.deepEqual(t.partitions, ['p0', 'p1']);
    assert.equal(t.alias, 't1');
    assert.deepEqual(t.indexHints, [
      { type: 'use', indexes: ['i1'] },
      { type: 'force', scope: 'order', indexes: ['i2'] },
    ]);
    const a = select("SELECT * FROM t AS OF TIMESTAMP '2020-01-01' x").from as TableName;
    assert.equal(a.asOf?.kind, 'literal');
    assert.equal(a.alias, 'x');
  });
  it('clauses', () => {
    const s = select(
      'SELECT a, COUNT(*) FROM t WHERE a > 1 GROUP BY a WITH ROLLUP HAVING COUNT(*) > 1 WINDOW w AS (ORDER BY a) ORDER BY a DESC LIMIT 10 OFFSET 5 FOR UPDATE NOWAIT',
    );
    assert.equal(s.groupBy?.rollup, true);
    assert.ok(s.having);
    assert.equal(s.windows?.[0].name, 'w');
    assert.equal(s.orderBy?.[0].desc, true);
    assert.deepEqual(s.limit, {
      count: { kind: 'literal', type: 'int', text: '10' },
      offset: { kind: 'literal', type: 'int', text: '5' },
    });
    assert.deepEqual(s.lock, { mode: 'update', noWait: true, skipLocked: false });
    assert.deepEqual(select('SELECT * FROM t LIMIT 2, 3').limit, {
      count: { kind: 'literal', type: 'int', text: '3' },
      offset: { kind: 'literal', type: 'int', text: '2' },
    });
    assert.deepEqual(select('SELECT * FROM t LIMIT ?').limit, { count: { kind: 'param', index: 0 } });
    assert.equal(select('SELECT * FROM t LOCK IN SHARE MODE').lock?.mode, 'share');
    assert.equal(select('SELECT * FROM t FOR SHARE SKIP LOCKED').lock?.skipLocked, true);
    assert.deepEqual(select('SELECT a INTO @x FROM t').into, ['x']);
    assert.deepEqual(select('SELECT a FROM t INTO @x, @y').into, ['x', 'y']);
  });
  it('set operations: INTERSECT binds tighter, left-assoc', () => {
    const q = query('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT ALL SELECT 4 ORDER BY 1 LIMIT 1');
    assert.ok(q.kind === 'setop' && q.op === 'except' && q.all);
    assert.ok(q.orderBy && q.limit);
    if (q.kind !== 'setop') return;
    const u = q.left;
    assert.ok(u.kind === 'setop' && u.op === 'union' && !u.all);
    if (u.kind === 'setop') assert.ok(u.right.kind === 'setop' && u.right.op === 'intersect');
  });
  it('parenthesized queries keep their own ORDER BY / LIMIT', () => {
    const q = query('(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u) ORDER BY 1');
    assert.ok(q.kind === 'setop');
    if (q.kind !== 'setop') return;
    assert.ok(q.left.kind === 'select' && q.left.limit && q.left.orderBy);
    assert.equal(q.orderBy?.length, 1);
  });
  it('WITH, VALUES and TABLE', () => {
    const q = query('WITH RECURSIVE c (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 5) SELECT * FROM c');
    assert.equal(q.kind === 'select' && q.with?.recursive, true);
    assert.deepEqual(q.kind === 'select' && q.with?.ctes[0].columns, ['n']);
    const v = query('VALUES ROW(1, 2), ROW(3, 4)');
    assert.ok(v.kind === 'valuesQuery' && v.rows.length === 2);
    const t = select('TABLE t');
    assert.deepEqual(t.from, { kind: 'table', name: 't' });
  });
  it('hints after SELECT only', () => {
    const s = select('SELECT /*+ USE_INDEX(@qb1 t idx), MAX_EXECUTION_TIME(1000), SET_VAR(sql_mode = "") */ 1');
    assert.deepEqual(s.hints, [
      { name: 'use_index', args: ['t', 'idx'], queryBlock: 'qb1' },
      { name: 'max_execution_time', args: ['1000'] },
      { name: 'set_var', args: ['sql_mode=""'] },
    ]);
    assert.deepEqual(select('SELECT 1 /*+ NOT_A_HINT() */').hints, []);
  });
  it('comments and executable comments', () => {
    assert.equal(select('SELECT /* c */ 1 -- tail\n # more').fields.length, 1);
    assert.equal(select('SELECT /*! STRAIGHT_JOIN */ 1').options[0], 'straight_join');
    assert.equal(select('SELECT 1 /*!80000 , 2 */').fields.length, 2);
    assert.equal(select('SELECT 1 /*!99999 , 2 */').fields.length, 1);
    assert.equal(select('SELECT 1 /*T![feature] , 2 */').fields.length, 2);
  });
  it('scripts split statements with their own text, offsets and params', () => {
    const r = parse('SELECT ?; ; INSERT INTO t VALUES (?, ?);\nSELECT 1;');
    assert.equal(r.length, 3);
    assert.deepEqual(
      r.map((s) => [s.text, s.offset, s.paramCount]),
      [
        ['SELECT ?', 0, 1],
        ['INSERT INTO t VALUES (?, ?)', 12, 2],
        ['SELECT 1', 41, 0],
      ],
    );
  });
});
