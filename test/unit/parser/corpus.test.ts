// Smoke test: every statement of the sqllogictest and TiDB partition corpora that MySQL syntax accepts parses.

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from '../../../src/parser/index.js';
import { listTestFiles, mysqltestStatements, sltStatements } from './corpus-util.js';

const SLT = '/work/shared/corpora/sqllogictest/test/select1.test';
const PARTITION_DIR = '/work/shared/corpora/tidb-partition/t';
/** TiDB-only statements outside MySQL's grammar (placement policies, SPLIT TABLE). */
const TIDB_ONLY = /^\s*(create|drop|alter)\s+placement\s+policy|^\s*split\s+(partition\s+)?table/i;

describe('corpus smoke test', () => {
  it('parses every statement of select1.test', { skip: !existsSync(SLT) }, () => {
    const failures: string[] = [];
    for (const sql of sltStatements(SLT)) {
      try {
        parse(sql);
      } catch (e) {
        failures.push(`${sql}: ${(e as Error).message}`);
      }
    }
    assert.deepEqual(failures, []);
  });
  it('parses the statements of the TiDB partition tests', { skip: !existsSync(PARTITION_DIR) }, () => {
    const failures: string[] = [];
    let count = 0;
    for (const file of listTestFiles(PARTITION_DIR)) {
      for (const st of mysqltestStatements(file)) {
        if (st.expectError || TIDB_ONLY.test(st.sql)) continue;
        count++;
        try {
          parse(st.sql);
        } catch (e) {
          failures.push(`${file}:${st.line}: ${(e as Error).message.slice(150)}`);
        }
      }
    }
    assert.ok(count > 1000);
    assert.deepEqual(failures, []);
  });
});
