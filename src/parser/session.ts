// Session and utility statements: SET (variables, NAMES, CHARACTER SET, TRANSACTION, PASSWORD), transactions,
// savepoints, prepared statements, KILL, ADMIN, ANALYZE, DO, FLUSH, LOCK/UNLOCK TABLES.

import type { ExprNode, SetStmt, SetTarget, SetTransactionStmt, Statement, TableName } from './ast.js';
import { parseSetPassword } from './account.js';
import { parseExpr, parseExprList, strLit } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parseTableName } from './tables.js';
import { charsetName } from './types.js';

export function parseSet(p: Parser): Statement {
  p.expectKw('SET');
  if (p.acceptKw('NAMES')) {
    if (p.acceptKw('DEFAULT')) return { kind: 'setNames', characterSet: false };
    const charset = charsetName(p);
    if (p.acceptKw('COLLATE')) {
      const collate = p.acceptKw('DEFAULT') ? undefined : charsetName(p);
      return collate
        ? { kind: 'setNames', charset, collate, characterSet: false }
        : { kind: 'setNames', charset, characterSet: false };
    }
    return { kind: 'setNames', charset, characterSet: false };
  }
  if (p.acceptKw('CHARSET') || acceptCharacterSet(p)) {
    if (p.acceptKw('DEFAULT')) return { kind: 'setNames', characterSet: true };
    return { kind: 'setNames', charset: charsetName(p), characterSet: true };
  }
  if (p.acceptKw('PASSWORD')) return parseSetPassword(p);
  const scopeWord = p.tok.t === Tk.Ident ? p.tok.up : '';
  if (p.isKw('TRANSACTION')) return parseSetTransaction(p, 'next');
  if ((scopeWord === 'GLOBAL' || scopeWord === 'SESSION' || scopeWord === 'LOCAL') && p.isKwAt(1, 'TRANSACTION')) {
    p.pos++;
    return parseSetTransaction(p, scopeWord === 'GLOBAL' ? 'global' : 'session');
  }
  const stmt: SetStmt = { kind: 'set', assignments: p.list(() => parseSetAssignment(p)) };
  return stmt;
}

function acceptCharacterSet(p: Parser): boolean {
  if (!p.isKw('CHARACTER') || !p.isKwAt(1, 'SET')) return false;
  p.pos += 2;
  return true;
}

function parseSetAssignment(p: Parser): { target: SetTarget; value?: ExprNode } {
  const t = p.tok;
  let target: SetTarget;
  if (t.t === Tk.UserVar) {
    p.pos++;
    target = { kind: 'user', name: t.text };
    if (!p.acceptOp(':=')) p.expectOp('=');
    return { target, value: parseExpr(p) };
  }
  if (t.t === Tk.SysVar) {
    p.pos++;
    target = { kind: 'system', name: t.text.toLowerCase(), scope: t.scope ?? 'default' };
  } else {
    let scope: 'global' | 'session' | 'default' = 'default';
    if (p.acceptKw('GLOBAL')) scope = 'global';
    else if (p.acceptKw('SESSION') || p.acceptKw('LOCAL')) scope = 'session';
    let name = p.anyWord();
    if (p.acceptOp('.')) name = `${name}.${p.anyWord()}`;
    target = { kind: 'system', name: name.toLowerCase(), scope };
  }
  if (!p.acceptOp('=')) p.expectOp(':=');
  return { target, value: parseSetValue(p) };
}

/** A system variable value: DEFAULT → undefined; a bare word (ON, OFF, ANSI) → its text as a string. */
function parseSetValue(p: Parser): ExprNode | undefined {
  const t = p.tok;
  if (t.t === Tk.Ident) {
    const next = p.peek();
    const ends = next.t === Tk.Eof || (next.t === Tk.Op && (next.up === ',' || next.up === ';'));
    if (t.up === 'DEFAULT' && ends) {
      p.pos++;
      return undefined;
    }
    if (ends && t.up !== 'NULL' && t.up !== 'TRUE' && t.up !== 'FALSE') {
      p.pos++;
      return strLit(t.text);
    }
  }
  return parseExpr(p);
}

const ISOLATION: Record<string, string> = {
  'READ UNCOMMITTED': 'READ-UNCOMMITTED',
  'READ COMMITTED': 'READ-COMMITTED',
  'REPEATABLE READ': 'REPEATABLE-READ',
  SERIALIZABLE: 'SERIALIZABLE',
};

/** `TRANSACTION ISOLATION LEVEL x | READ ONLY | READ WRITE [, ...]`; isolation as the sysvar value form. */
function parseSetTransaction(p: Parser, scope: SetTransactionStmt['scope']): SetTransactionStmt {
  p.expectKw('TRANSACTION');
  const stmt: SetTransactionStmt = { kind: 'setTransaction', scope };
  do {
    if (p.acceptKw('ISOLATION')) {
      p.expectKw('LEVEL');
      let words = p.anyWord().toUpperCase();
      if (words === 'READ' || words === 'REPEATABLE') words += ` ${p.anyWord().toUpperCase()}`;
      const level = ISOLATION[words];
      if (!level) p.fail(p.toks[p.pos - 1]);
      stmt.isolation = level;
    } else {
      p.expectKw('READ');
      if (p.acceptKw('ONLY')) stmt.readOnly = true;
      else {
        p.expectKw('WRITE');
        stmt.readOnly = false;
      }
    }
  } while (p.acceptOp(','));
  return stmt;
}

export function parseBegin(p: Parser): Statement {
  if (p.acceptKw('BEGIN')) {
    if (p.acceptKw('PESSIMISTIC'))
      return { kind: 'begin', readOnly: false, consistentSnapshot: false, mode: 'pessimistic' };
    if (p.acceptKw('OPTIMISTIC'))
      return { kind: 'begin', readOnly: false, consistentSnapshot: false, mode: 'optimistic' };
    p.acceptKw('WORK');
    return { kind: 'begin', readOnly: false, consistentSnapshot: false };
  }
  p.expectKw('START');
  p.expectKw('TRANSACTION');
  let readOnly = false;
  let consistentSnapshot = false;
  let asOf: ExprNode | undefined;
  if (!p.atEnd() && !p.isKw('AS')) {
    do {
      if (p.acceptKw('WITH')) {
        p.expectKw('CONSISTENT');
        p.expectKw('SNAPSHOT');
        consistentSnapshot = true;
      } else {
        p.expectKw('READ');
        if (p.acceptKw('ONLY')) readOnly = true;
        else p.expectKw('WRITE');
      }
    } while (p.acceptOp(','));
  }
  if (p.acceptKw('AS')) {
    p.expectKw('OF');
    p.expectKw('TIMESTAMP');
    asOf = parseExpr(p);
  }
  return asOf ? { kind: 'begin', readOnly, consistentSnapshot, asOf } : { kind: 'begin', readOnly, consistentSnapshot };
}

function skipChainRelease(p: Parser): void {
  if (p.acceptKw('AND')) {
    p.acceptKw('NO');
    p.expectKw('CHAIN');
  }
  if (p.isKw('NO') && p.isKwAt(1, 'RELEASE')) p.pos += 2;
  else p.acceptKw('RELEASE');
}

export function parseCommitRollback(p: Parser): Statement {
  const word = p.advance().up;
  p.acceptKw('WORK');
  if (word === 'COMMIT') {
    skipChainRelease(p);
    return { kind: 'commit' };
  }
  if (p.acceptKw('TO')) {
    p.acceptKw('SAVEPOINT');
    return { kind: 'rollback', savepoint: p.ident() };
  }
  skipChainRelease(p);
  return { kind: 'rollback' };
}

export function parseSavepoint(p: Parser): Statement {
  if (p.acceptKw('RELEASE')) {
    p.expectKw('SAVEPOINT');
    return { kind: 'savepoint', name: p.ident(), release: true };
  }
  p.expectKw('SAVEPOINT');
  return { kind: 'savepoint', name: p.ident(), release: false };
}

export function parsePrepare(p: Parser): Statement {
  p.expectKw('PREPARE');
  const name = p.ident();
  p.expectKw('FROM');
  const t = p.tok;
  if (t.t === Tk.UserVar) {
    p.pos++;
    return { kind: 'prepare', name, fromVariable: t.text };
  }
  let text = p.string();
  while (p.tok.t === Tk.String) text += p.advance().text;
  return { kind: 'prepare', name, text };
}

export function parseExecute(p: Parser): Statement {
  p.expectKw('EXECUTE');
  const name = p.ident();
  const using: string[] = [];
  if (p.acceptKw('USING')) {
    do {
      const t = p.tok;
      if (t.t !== Tk.UserVar) p.fail();
      p.pos++;
      using.push(t.text);
    } while (p.acceptOp(','));
  }
  return { kind: 'execute', name, using };
}

export function parseDeallocate(p: Parser): Statement {
  p.expectKw('DEALLOCATE');
  p.expectKw('PREPARE');
  return { kind: 'deallocate', name: p.ident() };
}

export function parseKill(p: Parser): Statement {
  p.expectKw('KILL');
  const tidb = p.acceptKw('TIDB');
  let query = false;
  if (p.acceptKw('QUERY')) query = true;
  else p.acceptKw('CONNECTION');
  return { kind: 'kill', connectionId: p.int(), query, tidb };
}

/** ADMIN <words> [TABLE t1, t2 | args]: the command words are kept, table names parsed where they appear. */
export function parseAdmin(p: Parser): Statement {
  p.expectKw('ADMIN');
  const words: string[] = [];
  let tables: TableName[] | undefined;
  while (p.tok.t === Tk.Ident) {
    const w = p.advance().up;
    words.push(w.toLowerCase());
    if (w === 'TABLE') {
      tables = p.list(() => parseTableName(p));
      break;
    }
  }
  if (words.length === 0) p.fail();
  while (!p.atEnd()) p.pos++;
  return tables ? { kind: 'admin', command: words.join(' '), tables } : { kind: 'admin', command: words.join(' ') };
}

export function parseAnalyze(p: Parser): Statement {
  p.expectKw('ANALYZE');
  if (!p.acceptKw('NO_WRITE_TO_BINLOG')) p.acceptKw('LOCAL');
  p.expectKw('TABLE');
  const tables = p.list(() => parseTableName(p));
  // PARTITION / INDEX / COLUMNS / WITH n BUCKETS options are accepted and ignored.
  while (!p.atEnd()) p.pos++;
  return { kind: 'analyzeTable', tables };
}

export function parseDo(p: Parser): Statement {
  p.expectKw('DO');
  return { kind: 'do', exprs: parseExprList(p) };
}

export function parseFlush(p: Parser): Statement {
  p.expectKw('FLUSH');
  if (!p.acceptKw('NO_WRITE_TO_BINLOG')) p.acceptKw('LOCAL');
  const from = p.pos;
  while (!p.atEnd()) p.pos++;
  const what = p.textFrom(from).toLowerCase();
  if (what === '') p.fail();
  return { kind: 'flush', what };
}

export function parseLockTables(p: Parser): Statement {
  if (p.acceptKw('UNLOCK')) {
    if (!p.acceptKw('TABLES')) p.expectKw('TABLE');
    return { kind: 'unlockTables', tables: [] };
  }
  p.expectKw('LOCK');
  if (!p.acceptKw('TABLES')) p.expectKw('TABLE');
  const tables = p.list(() => {
    const table = parseTableName(p);
    if (p.acceptKw('AS')) table.alias = p.ident();
    else if (p.isIdentTok() && !p.isKw('READ') && !p.isKw('WRITE') && !p.isKw('LOW_PRIORITY')) table.alias = p.ident();
    let write = false;
    if (p.acceptKw('READ')) p.acceptKw('LOCAL');
    else {
      p.acceptKw('LOW_PRIORITY');
      p.expectKw('WRITE');
      write = true;
    }
    return { table, write };
  });
  return { kind: 'lockTables', tables };
}
