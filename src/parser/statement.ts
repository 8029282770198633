// Statement dispatch on the leading keyword.

import type { Statement } from './ast.js';
import { parseDelete, parseInsert, parseUpdate } from './dml.js';
import type { Parser } from './parser-core.js';
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
  return p.fail();
}
