// PARTITION BY clauses (RANGE [COLUMNS], LIST [COLUMNS], [LINEAR] HASH/KEY, TiDB's RANGE INTERVAL, SUBPARTITION)
// and partition definitions with the source text of their bounds.

import type { ExprNode, PartitionDef, PartitionOptions, TableOption } from './ast.js';
import { parseExpr } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';

/** After `PARTITION BY`. */
export function parsePartitionOptions(p: Parser): PartitionOptions {
  const linear = p.acceptKw('LINEAR');
  const t = p.advance();
  let opts: PartitionOptions;
  switch (t.up) {
    case 'HASH': {
      opts = { type: 'hash', columnsForm: false, linear, definitions: [] };
      parseParenExpr(p, opts);
      break;
    }
    case 'KEY': {
      opts = { type: 'key', columnsForm: false, linear, definitions: [] };
      if (p.acceptKw('ALGORITHM')) {
        p.expectOp('=');
        opts.algorithm = p.int();
      }
      p.expectOp('(');
      opts.columns = p.isOp(')') ? [] : p.list(() => p.ident());
      p.expectOp(')');
      break;
    }
    case 'RANGE':
    case 'LIST': {
      if (linear) p.fail(t);
      const type = t.up === 'RANGE' ? 'range' : 'list';
      opts = { type, columnsForm: false, linear: false, definitions: [] };
      if (p.acceptKw('COLUMNS')) {
        opts.columnsForm = true;
        opts.columns = p.parenList(() => p.ident());
      } else parseParenExpr(p, opts);
      if (type === 'range' && p.isKw('INTERVAL')) parseRangeInterval(p, opts);
      break;
    }
    default:
      return p.fail(t);
  }
  if (p.acceptKw('PARTITIONS')) opts.count = p.int();
  if (p.acceptKw('SUBPARTITION')) {
    p.expectKw('BY');
    p.acceptKw('LINEAR');
    const st = p.advance();
    if (st.up === 'HASH') {
      p.expectOp('(');
      parseExpr(p);
      p.expectOp(')');
    } else if (st.up === 'KEY') {
      if (p.acceptKw('ALGORITHM')) {
        p.expectOp('=');
        p.int();
      }
      p.parenList(() => p.ident());
    } else p.fail(st);
    const sub: NonNullable<PartitionOptions['subpartition']> = { type: st.up === 'HASH' ? 'hash' : 'key' };
    if (p.acceptKw('SUBPARTITIONS')) sub.count = p.int();
    opts.subpartition = sub;
  }
  if (p.isOp('(')) opts.definitions = parsePartitionDefs(p);
  return opts;
}

function parseParenExpr(p: Parser, opts: PartitionOptions): void {
  p.expectOp('(');
  const from = p.pos;
  opts.expr = parseExpr(p);
  opts.exprText = p.textFrom(from);
  p.expectOp(')');
}

/** `INTERVAL (n [unit]) FIRST PARTITION LESS THAN (x) LAST PARTITION LESS THAN (y) [NULL PARTITION] [MAXVALUE PARTITION]`. */
function parseRangeInterval(p: Parser, opts: PartitionOptions): void {
  p.expectKw('INTERVAL');
  p.expectOp('(');
  const expr = parseExpr(p);
  let unit: string | undefined;
  if (p.tok.t === Tk.Ident) unit = p.advance().up;
  p.expectOp(')');
  p.expectKw('FIRST');
  const first = parsePartitionLessThan(p);
  p.expectKw('LAST');
  const last = parsePartitionLessThan(p);
  let nullPartition = false;
  let maxValuePartition = false;
  if (p.isKw('NULL') && p.isKwAt(1, 'PARTITION')) {
    p.pos += 2;
    nullPartition = true;
  }
  if (p.isKw('MAXVALUE') && p.isKwAt(1, 'PARTITION')) {
    p.pos += 2;
    maxValuePartition = true;
  }
  opts.interval = { expr, first, last, nullPartition, maxValuePartition };
  if (unit) opts.interval.unit = unit;
}

/** `PARTITION LESS THAN (expr)` as used by RANGE INTERVAL and ALTER TABLE FIRST/LAST PARTITION. */
export function parsePartitionLessThan(p: Parser): ExprNode {
  p.expectKw('PARTITION');
  p.expectKw('LESS');
  p.expectKw('THAN');
  p.expectOp('(');
  const e = parseExpr(p);
  p.expectOp(')');
  return e;
}

/** `( PARTITION p ..., ... )`. */
export function parsePartitionDefs(p: Parser): PartitionDef[] {
  return p.parenList(() => parsePartitionDef(p));
}

function parsePartitionDef(p: Parser): PartitionDef {
  p.expectKw('PARTITION');
  const def: PartitionDef = { name: p.ident(), options: [] };
  if (p.acceptKw('VALUES')) {
    if (p.acceptKw('LESS')) {
      p.expectKw('THAN');
      if (p.acceptKw('MAXVALUE')) {
        def.lessThan = ['MAXVALUE'];
      } else {
        def.lessThan = [];
        p.expectOp('(');
        do {
          if (p.acceptKw('MAXVALUE')) def.lessThan.push('MAXVALUE');
          else {
            rejectBareDefault(p);
            def.lessThan.push(parseExpr(p));
          }
        } while (p.acceptOp(','));
        p.expectOp(')');
      }
    } else {
      p.expectKw('IN');
      parseInValues(p, def);
    }
  } else if (p.acceptKw('DEFAULT')) def.isDefault = true;
  else if ((p.isKw('HISTORY') || p.isKw('CURRENT')) && (p.isOpAt(1, ',') || p.isOpAt(1, ')'))) {
    def.systemTime = p.advance().up as 'HISTORY' | 'CURRENT';
  }
  parsePartitionDefOptions(p, def);
  if (p.isOp('(')) {
    p.parenList(() => {
      p.expectKw('SUBPARTITION');
      const sub: PartitionDef = { name: p.ident(), options: [] };
      parsePartitionDefOptions(p, sub);
      return sub;
    });
  }
  return def;
}

/**
 * DEFAULT is a LIST partition of its own (`VALUES IN (..., DEFAULT)`), never a bound inside a tuple or
 * a LESS THAN list: there only DEFAULT(col) is an expression, so TiDB reports the token after it.
 */
function rejectBareDefault(p: Parser): void {
  if (p.isKw('DEFAULT') && !p.isOpAt(1, '(')) p.fail(p.peek(1));
}

function parseInValues(p: Parser, def: PartitionDef): void {
  def.inValues = [];
  p.expectOp('(');
  do {
    if (p.isKw('DEFAULT')) {
      p.pos++;
      def.isDefault = true;
      def.defaultAt = def.inValues.length;
      continue;
    }
    const tuple: ExprNode[] = [];
    if (p.acceptOp('(')) {
      do {
        rejectBareDefault(p);
        tuple.push(parseExpr(p));
      } while (p.acceptOp(','));
      p.expectOp(')');
    } else {
      tuple.push(parseExpr(p));
    }
    def.inValues.push(tuple);
  } while (p.acceptOp(','));
  p.expectOp(')');
}

function parsePartitionDefOptions(p: Parser, def: PartitionDef): void {
  for (;;) {
    let opt: TableOption | undefined;
    if (p.acceptKw('COMMENT')) {
      p.acceptOp('=');
      def.comment = p.string();
      continue;
    }
    if (p.isKw('STORAGE') && p.isKwAt(1, 'ENGINE')) p.pos++;
    if (p.isKw('PLACEMENT') && p.isKwAt(1, 'POLICY')) {
      p.pos += 2;
      p.acceptOp('=');
      opt = { name: 'placement_policy', value: p.tok.t === Tk.String ? p.string() : p.anyWord() };
    } else if ((p.isKw('DATA') || p.isKw('INDEX')) && p.isKwAt(1, 'DIRECTORY')) {
      const name = p.advance().up === 'DATA' ? 'data_directory' : 'index_directory';
      p.pos++;
      p.acceptOp('=');
      opt = { name, value: p.string() };
    } else {
      const t = p.tok;
      if (
        t.t !== Tk.Ident ||
        !(
          t.up === 'ENGINE' ||
          t.up === 'MAX_ROWS' ||
          t.up === 'MIN_ROWS' ||
          t.up === 'TABLESPACE' ||
          t.up === 'NODEGROUP'
        )
      )
        return;
      p.pos++;
      p.acceptOp('=');
      const v = p.advance();
      if (v.t === Tk.Eof || v.t === Tk.Op) p.fail(v);
      opt = { name: t.up.toLowerCase(), value: v.text };
    }
    def.options.push(opt);
  }
}
