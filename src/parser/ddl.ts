// CREATE / DROP dispatch and the smaller DDL statements: indexes, databases, views, DROP/TRUNCATE/RENAME TABLE.

import type { CreateViewStmt, Statement, TableOption } from './ast.js';
import { parseCreateUser, parseDropUser, parseUserSpec } from './account.js';
import { parseCreateTable, parseIfExists, parseIfNotExists, parseIndexOptions, parseIndexPart } from './ddl-table.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseCreatePlacementPolicy, parseDropPlacementPolicy } from './placement.js';
import { parseQuery } from './query.js';
import { parseTableName } from './tables.js';
import { charsetName } from './types.js';

export function parseCreate(p: Parser): Statement {
  p.expectKw('CREATE');
  if (p.acceptKw('TEMPORARY')) return parseCreateTable(p, true);
  if (p.isKw('GLOBAL') && p.isKwAt(1, 'TEMPORARY')) {
    p.pos += 2;
    return { ...parseCreateTable(p, true), globalTemporary: true };
  }
  if (p.isKw('TABLE')) return parseCreateTable(p, false);
  if (p.isKw('PLACEMENT')) return parseCreatePlacementPolicy(p, false);
  if (p.isKw('OR') && p.isKwAt(1, 'REPLACE') && p.isKwAt(2, 'PLACEMENT')) {
    p.pos += 2;
    return parseCreatePlacementPolicy(p, true);
  }
  if (p.isKw('DATABASE') || p.isKw('SCHEMA')) {
    p.pos++;
    const ifNotExists = parseIfNotExists(p);
    const name = p.ident();
    return { kind: 'createDatabase', name, ifNotExists, options: parseDatabaseOptions(p) };
  }
  if (p.isKw('USER')) return parseCreateUser(p);
  if (p.isKw('UNIQUE') || p.isKw('INDEX') || p.isKw('FULLTEXT') || p.isKw('SPATIAL')) {
    const unique = p.acceptKw('UNIQUE');
    if (!unique && !p.acceptKw('FULLTEXT')) p.acceptKw('SPATIAL');
    p.expectKw('INDEX');
    const ifNotExists = parseIfNotExists(p);
    const name = p.ident();
    const opts: { indexType?: string; comment?: string; global?: boolean } = {};
    parseIndexOptions(p, opts);
    p.expectKw('ON');
    const table = parseTableName(p);
    const parts = p.parenList(() => parseIndexPart(p));
    parseIndexOptions(p, opts);
    skipAlgorithmLock(p);
    return { kind: 'createIndex', name, table, parts, unique, ifNotExists, ...opts };
  }
  return parseCreateView(p);
}

function skipAlgorithmLock(p: Parser): void {
  while (p.isKw('ALGORITHM') || p.isKw('LOCK')) {
    p.pos++;
    p.acceptOp('=');
    p.anyWord();
  }
}

export function parseDatabaseOptions(p: Parser): TableOption[] {
  const out: TableOption[] = [];
  for (;;) {
    const save = p.pos;
    p.acceptKw('DEFAULT');
    let name: string;
    if (p.acceptKw('CHARSET')) name = 'charset';
    else if (p.isKw('CHARACTER') && p.isKwAt(1, 'SET')) {
      p.pos += 2;
      name = 'charset';
    } else if (p.acceptKw('COLLATE')) name = 'collate';
    else if (p.acceptKw('ENCRYPTION')) name = 'encryption';
    else if (p.isKw('PLACEMENT') && p.isKwAt(1, 'POLICY')) {
      p.pos += 2;
      name = 'placement_policy';
    } else {
      p.pos = save;
      return out;
    }
    p.acceptOp('=');
    if (name !== 'placement_policy') out.push({ name, value: charsetName(p) });
    else out.push({ name, value: p.tok.t === Tk.String ? p.string() : p.anyWord() });
  }
}

/** CREATE [OR REPLACE] [ALGORITHM=x] [DEFINER=u] [SQL SECURITY x] VIEW v [(cols)] AS query [WITH CHECK OPTION]. */
function parseCreateView(p: Parser): CreateViewStmt {
  let orReplace = false;
  if (p.acceptKw('OR')) {
    p.expectKw('REPLACE');
    orReplace = true;
  }
  let algorithm: string | undefined;
  let definer: string | undefined;
  let security: string | undefined;
  if (p.acceptKw('ALGORITHM')) {
    p.expectOp('=');
    algorithm = p.anyWord().toUpperCase();
  }
  if (p.acceptKw('DEFINER')) {
    p.expectOp('=');
    if (p.acceptKw('CURRENT_USER')) {
      if (p.acceptOp('(')) p.expectOp(')');
      definer = 'CURRENT_USER';
    } else {
      const u = parseUserSpec(p);
      definer = `${u.user}@${u.host}`;
    }
  }
  if (p.acceptKw('SQL')) {
    p.expectKw('SECURITY');
    security = p.anyWord().toUpperCase();
  }
  p.expectKw('VIEW');
  const name = parseTableName(p);
  const columns = p.isOp('(') ? p.parenList(() => p.ident()) : undefined;
  p.expectKw('AS');
  const from = p.pos;
  const query = parseQuery(p);
  const queryText = p.textFrom(from);
  const stmt: CreateViewStmt = { kind: 'createView', name, orReplace, query, queryText };
  if (columns) stmt.columns = columns;
  if (algorithm) stmt.algorithm = algorithm;
  if (definer) stmt.definer = definer;
  if (security) stmt.security = security;
  if (p.acceptKw('WITH')) {
    let check = 'CASCADED';
    if (p.acceptKw('LOCAL')) check = 'LOCAL';
    else p.acceptKw('CASCADED');
    p.expectKw('CHECK');
    p.expectKw('OPTION');
    stmt.checkOption = check;
  }
  return stmt;
}

export function parseDrop(p: Parser): Statement {
  p.expectKw('DROP');
  if (p.isKw('PLACEMENT')) return parseDropPlacementPolicy(p);
  const temporary = p.acceptKw('TEMPORARY');
  const t = p.advance();
  switch (t.up) {
    case 'TABLE':
    case 'TABLES': {
      const ifExists = parseIfExists(p);
      const tables = p.list(() => parseTableName(p));
      if (!p.acceptKw('RESTRICT')) p.acceptKw('CASCADE');
      return { kind: 'dropTable', tables, ifExists, temporary };
    }
    case 'DATABASE':
    case 'SCHEMA': {
      const ifExists = parseIfExists(p);
      return { kind: 'dropDatabase', name: p.ident(), ifExists };
    }
    case 'VIEW': {
      const ifExists = parseIfExists(p);
      const names = p.list(() => parseTableName(p));
      if (!p.acceptKw('RESTRICT')) p.acceptKw('CASCADE');
      return { kind: 'dropView', names, ifExists };
    }
    case 'INDEX': {
      const ifExists = parseIfExists(p);
      const name = p.ident();
      p.expectKw('ON');
      const table = parseTableName(p);
      skipAlgorithmLock(p);
      return { kind: 'dropIndex', name, table, ifExists };
    }
    case 'USER':
      return parseDropUser(p);
    case 'PREPARE':
      return { kind: 'deallocate', name: p.ident() };
    default:
      return p.fail(t);
  }
}

export function parseTruncate(p: Parser): Statement {
  p.expectKw('TRUNCATE');
  p.acceptKw('TABLE');
  return { kind: 'truncateTable', table: parseTableName(p) };
}

export function parseRename(p: Parser): Statement {
  p.expectKw('RENAME');
  if (p.tok.t !== Tk.Ident || (p.tok.up !== 'TABLE' && p.tok.up !== 'TABLES')) p.fail();
  p.pos++;
  const pairs = p.list(() => {
    const from = parseTableName(p);
    p.expectKw('TO');
    return { from, to: parseTableName(p) };
  });
  return { kind: 'renameTable', pairs };
}
