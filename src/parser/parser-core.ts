// Token cursor shared by the statement parsers: lookahead, keyword/operator matching, identifiers and errors.

import { ParseError } from './errors.js';
import { isReservedUpper } from './keywords.js';
import { type Token, Tk } from './lexer.js';

export class Parser {
  readonly sql: string;
  readonly toks: Token[];
  pos = 0;
  /** `?` markers seen in the current statement. */
  paramIdx = 0;

  constructor(sql: string, toks: Token[]) {
    this.sql = sql;
    this.toks = toks;
  }

  get tok(): Token {
    return this.toks[this.pos];
  }

  peek(k = 1): Token {
    const i = this.pos + k;
    return this.toks[i < this.toks.length ? i : this.toks.length - 1];
  }

  advance(): Token {
    const t = this.toks[this.pos];
    if (t.t !== Tk.Eof) this.pos++;
    return t;
  }

  /** End offset of the last consumed token. */
  get lastEnd(): number {
    return this.pos > 0 ? this.toks[this.pos - 1].end : 0;
  }

  atEnd(): boolean {
    const t = this.toks[this.pos];
    return t.t === Tk.Eof || (t.t === Tk.Op && t.up === ';');
  }

  isKw(up: string): boolean {
    const t = this.toks[this.pos];
    return t.t === Tk.Ident && t.up === up;
  }

  isKwAt(k: number, up: string): boolean {
    const t = this.peek(k);
    return t.t === Tk.Ident && t.up === up;
  }

  acceptKw(up: string): boolean {
    if (this.isKw(up)) {
      this.pos++;
      return true;
    }
    return false;
  }

  expectKw(up: string): void {
    if (!this.acceptKw(up)) this.fail();
  }

  isOp(op: string): boolean {
    const t = this.toks[this.pos];
    return t.t === Tk.Op && t.up === op;
  }

  isOpAt(k: number, op: string): boolean {
    const t = this.peek(k);
    return t.t === Tk.Op && t.up === op;
  }

  acceptOp(op: string): boolean {
    if (this.isOp(op)) {
      this.pos++;
      return true;
    }
    return false;
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail();
  }

  fail(tok: Token = this.tok): never {
    throw new ParseError(this.sql, tok.start, tok.end);
  }

  /** Whether the token can serve as an identifier (non-reserved word or backquoted). */
  isIdentTok(t: Token = this.tok): boolean {
    return t.t === Tk.QIdent || (t.t === Tk.Ident && !isReservedUpper(t.up));
  }

  ident(): string {
    const t = this.tok;
    if (!this.isIdentTok(t)) this.fail();
    this.pos++;
    return t.text;
  }

  /** An identifier after a dot, where reserved words are allowed (`t.key`). */
  identAfterDot(): string {
    const t = this.tok;
    if (t.t !== Tk.QIdent && t.t !== Tk.Ident) this.fail();
    this.pos++;
    return t.text;
  }

  /** Identifier or quoted string (aliases, user names, options). */
  identOrString(): string {
    const t = this.tok;
    if (t.t === Tk.String) {
      this.pos++;
      return t.text;
    }
    return this.ident();
  }

  /** Any word, reserved or not, or a backquoted identifier (option names, options values). */
  anyWord(): string {
    const t = this.tok;
    if (t.t !== Tk.QIdent && t.t !== Tk.Ident) this.fail();
    this.pos++;
    return t.text;
  }

  string(): string {
    const t = this.tok;
    if (t.t !== Tk.String) this.fail();
    this.pos++;
    return t.text;
  }

  /** An unsigned integer literal. */
  int(): number {
    const t = this.tok;
    if (t.t !== Tk.Number || t.numKind !== 'int') this.fail();
    this.pos++;
    return Number(t.text);
  }

  /** Source text from the start of token index `from` to the end of the last consumed token. */
  textFrom(from: number): string {
    if (from >= this.pos) return '';
    return this.sql.slice(this.toks[from].start, this.toks[this.pos - 1].end);
  }

  /** Parses `item (, item)*`. */
  list<T>(item: () => T): T[] {
    const out = [item()];
    while (this.acceptOp(',')) out.push(item());
    return out;
  }

  /** Parses `( item, ... )`. */
  parenList<T>(item: () => T): T[] {
    this.expectOp('(');
    const out = this.list(item);
    this.expectOp(')');
    return out;
  }
}
