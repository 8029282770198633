// Statement dispatch on the leading keyword.

import type { Statement } from './ast.js';
import { parseDelete, parseInsert, parseUpdate } from './dml.js';
import { parseAlterUser, parseGrant } from './account.js';
import { parseAlterTable } from './alter.js';
import { parseCreate, parseDrop, parseRename, parseTruncate } from './ddl.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseAlterDatabase, parseAlterPlacementPolicy } from './placement.js';
import {
  parseAdmin,
  parseAnalyze,
  parseBegin,
  parseCommitRollback,
  parseDeallocate,
  parseDo,
  parseExecute,
  parseFlush,
  parseKill,
  parseLockTables,
  parsePrepare,
  parseSavepoint,
  parseSet,
} from './session.js';
import { parseExplain, parseShow } from './show.js';
import { parseQuery, parseWith } from './query.js';

export function parseStatement(p: Parser): Statement {
  const t = p.tok;
  switch (t.up) {
    case 'SELECT':
    case 'VALUES':
    case 'TABLE':
    case '(':
      return { kind: 'query', query: parseQuery(p) };
    case 'WITH': {
      const save = p.pos;
      const withClause = parseWith(p);
      if (p.isKw('UPDATE')) return parseUpdate(p, withClause);
      if (p.isKw('DELETE')) return parseDelete(p, withClause);
      p.pos = save;
      return { kind: 'query', query: parseQuery(p) };
    }
    case 'INSERT':
    case 'REPLACE':
      return parseInsert(p);
    case 'UPDATE':
      return parseUpdate(p, undefined);
    case 'DELETE':
      return parseDelete(p, undefined);
    default:
      return parseOtherStatement(p);
  }
}

function parseOtherStatement(p: Parser): Statement {
  const t = p.tok;
  if (t.t !== Tk.Ident) return p.fail();
  switch (t.up) {
    case 'CREATE':
      return parseCreate(p);
    case 'ALTER':
      p.pos++;
      if (p.isKw('USER')) return parseAlterUser(p);
      if (p.isKw('PLACEMENT')) return parseAlterPlacementPolicy(p);
      if (p.isKw('DATABASE') || p.isKw('SCHEMA')) return parseAlterDatabase(p);
      return parseAlterTable(p);
    case 'DROP':
      return parseDrop(p);
    case 'TRUNCATE':
      return parseTruncate(p);
    case 'RENAME':
      return parseRename(p);
    case 'USE':
      p.pos++;
      return { kind: 'use', db: p.ident() };
    case 'SET':
      return parseSet(p);
    case 'SHOW':
      return parseShow(p);
    case 'EXPLAIN':
    case 'DESCRIBE':
    case 'DESC':
      return parseExplain(p);
    case 'BEGIN':
    case 'START':
      return parseBegin(p);
    case 'COMMIT':
    case 'ROLLBACK':
      return parseCommitRollback(p);
    case 'SAVEPOINT':
      return parseSavepoint(p);
    case 'RELEASE':
      return parseSavepoint(p);
    case 'PREPARE':
      return parsePrepare(p);
    case 'EXECUTE':
      return parseExecute(p);
    case 'DEALLOCATE':
      return parseDeallocate(p);
    case 'GRANT':
    case 'REVOKE':
      return parseGrant(p);
    case 'KILL':
      return parseKill(p);
    case 'ADMIN':
      return parseAdmin(p);
    case 'ANALYZE':
      return parseAnalyze(p);
    case 'DO':
      return parseDo(p);
    case 'FLUSH':
      return parseFlush(p);
    case 'LOCK':
    case 'UNLOCK':
      return parseLockTables(p);
    default:
      return p.fail();
  }
}
