// Accounts and privileges: CREATE/ALTER/DROP USER, SET PASSWORD, GRANT, REVOKE.

import type { AlterUserStmt, CreateUserStmt, DropUserStmt, GrantStmt, UserSpec } from './ast.js';
import { parseIfExists, parseIfNotExists } from './ddl-table.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';

/** `'u'@'h'`, `u@h`, `u` (host '%'), or CURRENT_USER[()]. */
export function parseUserSpec(p: Parser): UserSpec {
  if (p.acceptKw('CURRENT_USER')) {
    if (p.acceptOp('(')) p.expectOp(')');
    return { user: 'CURRENT_USER', host: '' };
  }
  const t = p.tok;
  if (t.t !== Tk.String && t.t !== Tk.QIdent && t.t !== Tk.Ident) p.fail();
  p.pos++;
  let host = '%';
  if (p.tok.t === Tk.UserVar && p.tok.start === t.end) host = p.advance().text;
  return { user: t.text, host };
}

function parseAuthUsers(p: Parser): { user: UserSpec; password?: string; plugin?: string }[] {
  return p.list(() => {
    const entry: { user: UserSpec; password?: string; plugin?: string } = { user: parseUserSpec(p) };
    if (p.acceptKw('IDENTIFIED')) {
      if (p.acceptKw('WITH')) entry.plugin = p.identOrString().toLowerCase();
      if (p.acceptKw('BY')) {
        p.acceptKw('PASSWORD');
        entry.password = p.string();
      } else if (p.acceptKw('AS')) p.string();
    }
    return entry;
  });
}

/** Account options after the user list (REQUIRE, WITH ..., PASSWORD EXPIRE, ACCOUNT LOCK, ...) are skipped. */
function skipRest(p: Parser): void {
  while (!p.atEnd()) p.pos++;
}

export function parseCreateUser(p: Parser): CreateUserStmt {
  p.expectKw('USER');
  const ifNotExists = parseIfNotExists(p);
  const users = parseAuthUsers(p);
  skipRest(p);
  return { kind: 'createUser', ifNotExists, users };
}

export function parseAlterUser(p: Parser): AlterUserStmt {
  p.expectKw('USER');
  const ifExists = parseIfExists(p);
  const users = parseAuthUsers(p);
  skipRest(p);
  return { kind: 'alterUser', ifExists, users };
}

export function parseDropUser(p: Parser): DropUserStmt {
  const ifExists = parseIfExists(p);
  return { kind: 'dropUser', ifExists, users: p.list(() => parseUserSpec(p)) };
}

/** SET PASSWORD [FOR u] = 'p' (PASSWORD already consumed) → an ALTER USER. */
export function parseSetPassword(p: Parser): AlterUserStmt {
  const user = p.acceptKw('FOR') ? parseUserSpec(p) : { user: 'CURRENT_USER', host: '' };
  p.expectOp('=');
  let password: string;
  if (p.acceptKw('PASSWORD')) {
    p.expectOp('(');
    password = p.string();
    p.expectOp(')');
  } else password = p.string();
  return { kind: 'alterUser', ifExists: false, users: [{ user, password }] };
}

/** GRANT ... TO / REVOKE ... FROM; the keyword is the current token. */
export function parseGrant(p: Parser): GrantStmt {
  const kind = p.advance().up === 'GRANT' ? 'grant' : 'revoke';
  const privileges = p.list(() => {
    const words: string[] = [];
    while (p.tok.t === Tk.Ident && p.tok.up !== 'ON' && !p.isOp(',')) {
      words.push(p.advance().up);
    }
    if (words.length === 0) p.fail();
    let name = words.join(' ');
    if (name === 'ALL PRIVILEGES') name = 'ALL';
    const priv: { name: string; columns?: string[] } = { name };
    if (p.isOp('(')) priv.columns = p.parenList(() => p.ident());
    return priv;
  });
  p.expectKw('ON');
  if (!p.acceptKw('TABLE') && !p.acceptKw('FUNCTION')) p.acceptKw('PROCEDURE');
  const on = parseGrantLevel(p);
  if (kind === 'grant') p.expectKw('TO');
  else p.expectKw('FROM');
  const users = p.list(() => parseUserSpec(p));
  let withGrantOption = false;
  if (kind === 'grant' && p.isKw('WITH') && p.isKwAt(1, 'GRANT')) {
    p.pos += 2;
    p.expectKw('OPTION');
    withGrantOption = true;
  }
  return { kind, privileges, on, users, withGrantOption };
}

function parseGrantLevel(p: Parser): { db?: string; table: string } {
  const part = (): string => {
    if (p.acceptOp('*')) return '*';
    return p.identAfterDot();
  };
  const first = part();
  if (p.acceptOp('.')) return { db: first, table: part() };
  return { table: first };
}
