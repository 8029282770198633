// SHOW statements, DESCRIBE/DESC table, and EXPLAIN.

import type { ShowStmt, ShowTarget, Statement } from './ast.js';
import { parseUserSpec } from './account.js';
import { parseIfNotExists } from './ddl-table.js';
import { parseExpr } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseLimit } from './query.js';
import { parseStatement } from './statement.js';
import { parseTableName } from './tables.js';

function show(target: ShowTarget): ShowStmt {
  return { kind: 'show', target, full: false, global: false, count: false };
}

function parseLikeOrWhere(p: Parser, s: ShowStmt): void {
  if (p.acceptKw('LIKE')) s.like = p.string();
  else if (p.acceptKw('WHERE')) s.where = parseExpr(p);
}

function parseFromDb(p: Parser, s: ShowStmt): void {
  if (p.acceptKw('FROM') || p.acceptKw('IN')) s.db = p.ident();
}

/** `FROM|IN t [FROM|IN db]` for SHOW COLUMNS / INDEX. */
function parseShowTable(p: Parser, s: ShowStmt): void {
  if (!p.acceptKw('FROM')) p.expectKw('IN');
  s.table = parseTableName(p);
  if (p.acceptKw('FROM') || p.acceptKw('IN')) s.table.db = p.ident();
}

export function parseShow(p: Parser): ShowStmt {
  p.expectKw('SHOW');
  let full = false;
  let global = false;
  if (p.acceptKw('FULL')) full = true;
  else if (p.acceptKw('EXTENDED')) full = p.acceptKw('FULL');
  if (p.acceptKw('GLOBAL')) global = true;
  else if (!p.acceptKw('SESSION')) p.acceptKw('LOCAL');
  const t = p.advance();
  let s: ShowStmt;
  switch (t.up) {
    case 'TABLES':
      s = show('tables');
      parseFromDb(p, s);
      parseLikeOrWhere(p, s);
      break;
    case 'DATABASES':
    case 'SCHEMAS':
      s = show('databases');
      parseLikeOrWhere(p, s);
      break;
    case 'COLUMNS':
    case 'FIELDS':
      s = show('columns');
      parseShowTable(p, s);
      parseLikeOrWhere(p, s);
      break;
    case 'INDEX':
    case 'INDEXES':
    case 'KEYS':
      s = show('index');
      parseShowTable(p, s);
      parseLikeOrWhere(p, s);
      break;
    case 'CREATE':
      s = parseShowCreate(p);
      break;
    case 'VARIABLES':
    case 'STATUS':
      s = show(t.up === 'STATUS' ? 'status' : 'variables');
      parseLikeOrWhere(p, s);
      break;
    case 'WARNINGS':
    case 'ERRORS':
      s = show(t.up === 'WARNINGS' ? 'warnings' : 'errors');
      if (p.isKw('LIMIT')) s.limit = parseLimit(p);
      break;
    case 'COUNT': {
      p.expectOp('(');
      p.expectOp('*');
      p.expectOp(')');
      const w = p.advance();
      if (w.up !== 'WARNINGS' && w.up !== 'ERRORS') p.fail(w);
      s = show(w.up === 'WARNINGS' ? 'warnings' : 'errors');
      s.count = true;
      break;
    }
    case 'PROCESSLIST':
      s = show('processlist');
      break;
    case 'STORAGE':
      p.expectKw('ENGINES');
      s = show('engines');
      break;
    case 'ENGINES':
      s = show('engines');
      parseLikeOrWhere(p, s);
      break;
    case 'CHARACTER':
    case 'CHARSET':
      if (t.up === 'CHARACTER') p.expectKw('SET');
      s = show('charset');
      parseLikeOrWhere(p, s);
      break;
    case 'COLLATION':
      s = show('collation');
      parseLikeOrWhere(p, s);
      break;
    case 'GRANTS':
      s = show('grants');
      if (p.acceptKw('FOR')) {
        s.user = parseUserSpec(p);
        if (p.acceptKw('USING')) p.list(() => parseUserSpec(p));
      }
      break;
    case 'PRIVILEGES':
      s = show('privileges');
      break;
    case 'TABLE':
      if (p.acceptKw('STATUS')) {
        s = show('tableStatus');
        parseFromDb(p, s);
        parseLikeOrWhere(p, s);
        break;
      }
      s = show('tableRegions');
      s.table = parseTableName(p);
      if (p.acceptKw('PARTITION')) p.parenList(() => p.ident());
      if (p.acceptKw('INDEX')) p.ident();
      p.expectKw('REGIONS');
      parseLikeOrWhere(p, s);
      break;
    case 'PLUGINS':
      s = show('plugins');
      parseLikeOrWhere(p, s);
      break;
    case 'TRIGGERS':
    case 'EVENTS':
      s = show(t.up === 'TRIGGERS' ? 'triggers' : 'events');
      parseFromDb(p, s);
      parseLikeOrWhere(p, s);
      break;
    case 'PROCEDURE':
    case 'FUNCTION':
      p.expectKw('STATUS');
      s = show(t.up === 'PROCEDURE' ? 'procedureStatus' : 'functionStatus');
      parseLikeOrWhere(p, s);
      break;
    case 'MASTER':
      p.expectKw('STATUS');
      s = show('masterStatus');
      break;
    case 'STATS_META':
    case 'STATS_HEALTHY':
      s = show(t.up === 'STATS_META' ? 'statsMeta' : 'statsHealthy');
      parseLikeOrWhere(p, s);
      break;
    case 'CONFIG':
      s = show('config');
      parseLikeOrWhere(p, s);
      break;
    case 'BUILTINS':
      s = show('builtins');
      break;
    case 'PLACEMENT':
      s = show('placement');
      parseLikeOrWhere(p, s);
      break;
    default:
      return p.fail(t);
  }
  s.full = full;
  s.global = global;
  return s;
}

function parseShowCreate(p: Parser): ShowStmt {
  const t = p.advance();
  switch (t.up) {
    case 'TABLE':
    case 'VIEW': {
      const s = show(t.up === 'TABLE' ? 'createTable' : 'createView');
      s.table = parseTableName(p);
      return s;
    }
    case 'DATABASE':
    case 'SCHEMA': {
      const s = show('createDatabase');
      if (parseIfNotExists(p)) s.ifNotExists = true;
      s.db = p.ident();
      return s;
    }
    case 'PLACEMENT': {
      p.expectKw('POLICY');
      const s = show('createPlacementPolicy');
      s.policy = p.ident();
      return s;
    }
    case 'USER': {
      const s = show('createUser');
      s.user = parseUserSpec(p);
      return s;
    }
    default:
      return p.fail(t);
  }
}

const EXPLAINABLE = new Set(['SELECT', 'WITH', 'INSERT', 'REPLACE', 'UPDATE', 'DELETE', 'TABLE', 'VALUES', '(']);

/** EXPLAIN/DESCRIBE/DESC: a statement plan, EXPLAIN FOR CONNECTION, or `DESC t [col]` (SHOW COLUMNS). */
export function parseExplain(p: Parser): Statement {
  p.advance();
  const t = p.tok;
  const isPlan =
    EXPLAINABLE.has(t.up) ||
    (t.t === Tk.Ident && t.up === 'ANALYZE') ||
    (t.t === Tk.Ident && t.up === 'FORMAT' && p.isOpAt(1, '=')) ||
    (t.t === Tk.Ident && t.up === 'FOR' && p.isKwAt(1, 'CONNECTION'));
  if (!isPlan) {
    const s = show('columns');
    s.table = parseTableName(p);
    if (!p.atEnd()) s.like = p.tok.t === Tk.String ? p.string() : p.ident();
    return s;
  }
  const analyze = p.acceptKw('ANALYZE');
  let format = 'row';
  if (p.acceptKw('FORMAT')) {
    p.expectOp('=');
    const f = p.advance();
    if (f.t !== Tk.String && f.t !== Tk.Ident && f.t !== Tk.QIdent) p.fail(f);
    format = f.text.toLowerCase();
  }
  if (p.acceptKw('FOR')) {
    p.expectKw('CONNECTION');
    const connectionId = p.int();
    return { kind: 'explain', analyze, format, stmt: { kind: 'commit' }, connectionId };
  }
  return { kind: 'explain', analyze, format, stmt: parseStatement(p) };
}
