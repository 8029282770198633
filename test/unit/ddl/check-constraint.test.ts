import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restoreCheckExpr } from '../../../src/ddl/check-constraint.js';
import { parseExpression } from '../../../src/parser/index.js';
import { TiLite } from '../../../src/index.js';

describe('check constraints', () => {
  it('restores conditions in the stored form', () => {
    assert.equal(restoreCheckExpr(parseExpression('test.t.a > 1')), '`a` > 1');
    assert.equal(restoreCheckExpr(parseExpression("a > '12345'")), "`a` > _utf8mb4'12345'");
    assert.equal(restoreCheckExpr(parseExpression('b < 75 or b > 100')), '`b` < 75 OR `b` > 100');
    assert.equal(restoreCheckExpr(parseExpression('a < b+1')), '`a` < `b` + 1');
  });

  it('are stored, enforced and dropped only with tidb_enable_check_constraint', async () => {
    const db = await TiLite.open();
    await db.query('CREATE TABLE t0 (a INT CHECK (a > 0))');
    await db.query('INSERT INTO t0 VALUES (-1)');
    await db.query('SET GLOBAL tidb_enable_check_constraint = ON');
    await db.query('CREATE TABLE t (a INT CHECK (a > 0) CHECK (a < 10), b INT, CONSTRAINT c1 CHECK (b <> a))');
    await assert.rejects(db.query('INSERT INTO t VALUES (0, 1)'), {
      code: 3819,
      message: "Check constraint 't_chk_1' is violated.",
    });
    await assert.rejects(db.query('INSERT INTO t VALUES (10, 1)'), {
      code: 3819,
      message: "Check constraint 't_chk_2' is violated.",
    });
    await assert.rejects(db.query('INSERT INTO t VALUES (1, 1)'), {
      code: 3819,
      message: "Check constraint 'c1' is violated.",
    });
    await db.query('INSERT INTO t VALUES (1, NULL)');
    await db.query('SET GLOBAL tidb_enable_check_constraint = OFF');
    await db.query('ALTER TABLE t DROP CHECK c1');
    await assert.rejects(db.query('INSERT INTO t VALUES (1, 1)'), { code: 3819 });
  });
});
