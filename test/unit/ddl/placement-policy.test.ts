// Placement policies live in the catalog: a persistent store keeps them, and the references to them,
// across a close and reopen; the parser accepts TiDB's statement forms.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { TiLite } from '../../../src/index.js';
import { parseOne } from '../../../src/parser/index.js';

const parse = (sql: string) => parseOne(sql).stmt;

describe('placement policies', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tilite-placement-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('survive reopening a persistent store', async () => {
    let db = await TiLite.open({ dir });
    await db.query('CREATE PLACEMENT POLICY p1 REGIONS="r1,r2" PRIMARY_REGION="r1" LEARNERS=1');
    await db.query('CREATE DATABASE d PLACEMENT POLICY=p1');
    await db.query('CREATE TABLE d.t (a INT) PARTITION BY HASH (a) (PARTITION p0 PLACEMENT POLICY=p1, PARTITION p1)');
    await db.close();
    db = await TiLite.open({ dir });
    try {
      const policy = await db.query('SHOW CREATE PLACEMENT POLICY p1', [], { rowMode: 'array' });
      assert.deepEqual(policy.rows, [
        ['p1', 'CREATE PLACEMENT POLICY `p1` PRIMARY_REGION="r1" REGIONS="r1,r2" LEARNERS=1'],
      ]);
      const table = await db.query('SHOW CREATE TABLE d.t', [], { rowMode: 'array' });
      const text = String((table.rows[0] as unknown[])[1]);
      assert.match(text, /COLLATE=utf8mb4_bin \/\*T!\[placement\] PLACEMENT POLICY=`p1` \*\/\n/);
      assert.match(text, /PARTITION `p0` \/\*T!\[placement\] PLACEMENT POLICY=`p1` \*\//);
      await assert.rejects(db.query('DROP PLACEMENT POLICY p1'), { message: "Placement policy 'p1' is still in use" });
    } finally {
      await db.close();
    }
  });

  it('parses the statement forms', () => {
    const create = parse('CREATE OR REPLACE PLACEMENT POLICY IF NOT EXISTS x FOLLOWERS 3, SCHEDULE="EVEN"');
    assert.deepEqual(create, {
      kind: 'createPlacementPolicy',
      name: 'x',
      ifNotExists: true,
      orReplace: true,
      options: [
        { name: 'FOLLOWERS', value: 3 },
        { name: 'SCHEDULE', value: 'EVEN' },
      ],
    });
    assert.equal(parse('ALTER PLACEMENT POLICY IF EXISTS x VOTERS=1').kind, 'alterPlacementPolicy');
    assert.equal(parse('DROP PLACEMENT POLICY IF EXISTS x').kind, 'dropPlacementPolicy');
    assert.deepEqual(parse('ALTER DATABASE PLACEMENT POLICY = DEFAULT'), {
      kind: 'alterDatabase',
      options: [{ name: 'placement_policy', value: 'DEFAULT' }],
    });
    assert.throws(() => parse('CREATE PLACEMENT POLICY x FOLLOWERS="3"'));
  });
});
