// CREATE TABLE pieces shared with ALTER TABLE: column definitions, constraints, index parts, table options.

import type {
  CheckDef,
  ColumnDef,
  Constraint,
  CreateTableStmt,
  ExprNode,
  IndexPart,
  TableName,
  TableOption,
} from './ast.js';
import { parseExpr, parsePrimary } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parsePartitionOptions } from './partition.js';
import { isQueryStart, parseQuery } from './query.js';
import { parseTableName } from './tables.js';
import { charsetName, parseTypeSpec } from './types.js';

/** CREATE [TEMPORARY] TABLE ...; CREATE (and TEMPORARY) already consumed. */
export function parseCreateTable(p: Parser, temporary: boolean): CreateTableStmt {
  p.expectKw('TABLE');
  const ifNotExists = parseIfNotExists(p);
  const table = parseTableName(p);
  const stmt: CreateTableStmt = {
    kind: 'createTable',
    table,
    ifNotExists,
    temporary,
    columns: [],
    constraints: [],
    options: [],
  };
  if (p.acceptKw('LIKE')) {
    stmt.like = parseTableName(p);
    return stmt;
  }
  if (p.isOp('(') && p.isKwAt(1, 'LIKE')) {
    p.pos += 2;
    stmt.like = parseTableName(p);
    p.expectOp(')');
    return stmt;
  }
  if (p.isOp('(') && !isQueryStartAt(p)) {
    p.pos++;
    do {
      if (isConstraintStart(p)) stmt.constraints.push(parseConstraint(p));
      else stmt.columns.push(parseColumnDef(p));
    } while (p.acceptOp(','));
    p.expectOp(')');
  }
  stmt.options = parseTableOptions(p);
  parseOnCommit(p, stmt);
  if (p.isKw('PARTITION')) {
    p.pos++;
    p.expectKw('BY');
    stmt.partition = parsePartitionOptions(p);
    parseOnCommit(p, stmt);
  }
  if (!p.acceptKw('IGNORE')) p.acceptKw('REPLACE');
  p.acceptKw('AS');
  if (isQueryStart(p) || p.isOp('(')) stmt.query = parseQuery(p);
  return stmt;
}

/** TiDB global temporary tables: ON COMMIT DELETE ROWS | PRESERVE ROWS (before or after the partition clause). */
function parseOnCommit(p: Parser, stmt: CreateTableStmt): void {
  if (!p.isKw('ON') || !p.isKwAt(1, 'COMMIT')) return;
  p.pos += 2;
  let action = 'delete';
  if (!p.acceptKw('DELETE')) {
    p.expectKw('PRESERVE');
    action = 'preserve';
  }
  p.expectKw('ROWS');
  stmt.options.push({ name: 'on_commit', value: action });
}

function isQueryStartAt(p: Parser): boolean {
  const t = p.peek();
  return t.t === Tk.Ident && (t.up === 'SELECT' || t.up === 'WITH');
}

export function parseIfNotExists(p: Parser): boolean {
  if (p.isKw('IF') && p.isKwAt(1, 'NOT')) {
    p.pos += 2;
    p.expectKw('EXISTS');
    return true;
  }
  return false;
}

export function parseIfExists(p: Parser): boolean {
  if (p.isKw('IF') && p.isKwAt(1, 'EXISTS')) {
    p.pos += 2;
    return true;
  }
  return false;
}

export function isConstraintStart(p: Parser): boolean {
  const t = p.tok;
  if (t.t !== Tk.Ident) return false;
  switch (t.up) {
    case 'CONSTRAINT':
    case 'PRIMARY':
    case 'UNIQUE':
    case 'KEY':
    case 'INDEX':
    case 'FULLTEXT':
    case 'SPATIAL':
    case 'FOREIGN':
      return true;
    case 'CHECK':
      return p.isOpAt(1, '(');
    default:
      return false;
  }
}

export function parseColumnDef(p: Parser): ColumnDef {
  const name = p.ident();
  let col: ColumnDef;
  if (p.tok.t === Tk.Ident && p.tok.up === 'SERIAL') {
    // SERIAL is an alias for BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE.
    p.pos++;
    col = {
      name,
      type: { name: 'BIGINT', unsigned: true },
      notNull: true,
      autoIncrement: true,
      primaryKey: false,
      unique: true,
    };
  } else {
    col = { name, type: parseTypeSpec(p), autoIncrement: false, primaryKey: false, unique: false };
  }
  const type = col.type;
  if (type.collate) col.collate = type.collate;
  for (;;) {
    const t = p.tok;
    if (t.t !== Tk.Ident) break;
    switch (t.up) {
      case 'NOT':
        p.pos++;
        p.expectKw('NULL');
        col.notNull = true;
        continue;
      case 'NULL':
        p.pos++;
        col.notNull = false;
        continue;
      case 'DEFAULT': {
        p.pos++;
        const from = p.pos;
        col.default = parseDefaultValue(p);
        col.defaultText = p.textFrom(from);
        continue;
      }
      case 'ON':
        p.pos++;
        p.expectKw('UPDATE');
        col.onUpdate = parseDefaultValue(p);
        continue;
      case 'AUTO_INCREMENT':
        p.pos++;
        col.autoIncrement = true;
        continue;
      case 'AUTO_RANDOM':
        p.pos++;
        col.autoRandom = 5;
        if (p.acceptOp('(')) {
          col.autoRandom = p.int();
          if (p.acceptOp(',')) p.int();
          p.expectOp(')');
        }
        continue;
      case 'PRIMARY':
      case 'KEY':
        p.pos++;
        if (t.up === 'PRIMARY') p.expectKw('KEY');
        col.primaryKey = true;
        if (p.acceptKw('CLUSTERED')) col.clustered = true;
        else if (p.acceptKw('NONCLUSTERED')) col.clustered = false;
        continue;
      case 'UNIQUE':
        p.pos++;
        if (!p.acceptKw('KEY')) p.acceptKw('INDEX');
        col.unique = true;
        continue;
      case 'COMMENT':
        p.pos++;
        col.comment = p.string();
        continue;
      case 'COLLATE':
        p.pos++;
        col.collate = charsetName(p);
        type.collate = col.collate;
        continue;
      case 'GENERATED':
      case 'AS': {
        if (t.up === 'GENERATED') {
          p.pos++;
          p.expectKw('ALWAYS');
        }
        p.expectKw('AS');
        p.expectOp('(');
        const from = p.pos;
        const expr = parseExpr(p);
        const text = p.textFrom(from);
        p.expectOp(')');
        let stored = false;
        if (p.acceptKw('STORED')) stored = true;
        else p.acceptKw('VIRTUAL');
        col.generated = { expr, stored, text };
        continue;
      }
      case 'CONSTRAINT':
      case 'CHECK': {
        p.pos++;
        let name: string | undefined;
        if (t.up === 'CONSTRAINT') {
          if (!p.isKw('CHECK')) name = p.ident();
          p.expectKw('CHECK');
        }
        p.expectOp('(');
        const expr = parseExpr(p);
        p.expectOp(')');
        const check: CheckDef = { expr, enforced: parseEnforced(p) };
        if (name !== undefined) check.name = name;
        (col.checks ??= []).push(check);
        continue;
      }
      case 'REFERENCES':
        p.pos++;
        col.references = parseReferences(p);
        continue;
      case 'SERIAL':
        p.pos++;
        p.expectKw('DEFAULT');
        p.expectKw('VALUE');
        col.autoIncrement = true;
        col.notNull = true;
        col.unique = true;
        continue;
      case 'COLUMN_FORMAT':
      case 'STORAGE':
        p.pos++;
        p.anyWord();
        continue;
      case 'VISIBLE':
      case 'INVISIBLE':
        p.pos++;
        continue;
      default:
        break;
    }
    break;
  }
  return col;
}

/** A column DEFAULT / ON UPDATE value: a signed literal, a niladic call, or a parenthesized expression. */
function parseDefaultValue(p: Parser): ExprNode {
  if (p.isOp('-') || p.isOp('+')) {
    const neg = p.advance().up === '-';
    const operand = parsePrimary(p);
    return neg ? { kind: 'unary', op: '-', operand } : operand;
  }
  return parsePrimary(p);
}

/** `[NOT] ENFORCED`: false only for NOT ENFORCED. */
export function parseEnforced(p: Parser): boolean {
  if (p.isKw('NOT') && p.isKwAt(1, 'ENFORCED')) {
    p.pos += 2;
    return false;
  }
  p.acceptKw('ENFORCED');
  return true;
}

function parseReferences(p: Parser): {
  table: TableName;
  columns: string[];
  onDelete?: string;
  onUpdate?: string;
} {
  const table = parseTableName(p);
  const columns = p.parenList(() => p.ident());
  const ref: { table: TableName; columns: string[]; onDelete?: string; onUpdate?: string } = { table, columns };
  if (p.acceptKw('MATCH')) p.anyWord();
  while (p.isKw('ON') && (p.isKwAt(1, 'DELETE') || p.isKwAt(1, 'UPDATE'))) {
    p.pos++;
    const which = p.advance().up;
    let action: string;
    if (p.acceptKw('SET')) {
      if (!p.acceptKw('NULL')) p.expectKw('DEFAULT');
      action = p.toks[p.pos - 1].up === 'NULL' ? 'SET NULL' : 'SET DEFAULT';
    } else if (p.acceptKw('NO')) {
      p.expectKw('ACTION');
      action = 'NO ACTION';
    } else if (p.acceptKw('CASCADE')) action = 'CASCADE';
    else {
      p.expectKw('RESTRICT');
      action = 'RESTRICT';
    }
    if (which === 'DELETE') ref.onDelete = action;
    else ref.onUpdate = action;
  }
  return ref;
}

export function parseIndexPart(p: Parser): IndexPart {
  let part: IndexPart;
  if (p.acceptOp('(')) {
    part = { expr: parseExpr(p), desc: false };
    p.expectOp(')');
  } else {
    part = { column: p.ident(), desc: false };
    if (p.acceptOp('(')) {
      part.length = p.int();
      p.expectOp(')');
    }
  }
  if (p.acceptKw('DESC')) part.desc = true;
  else p.acceptKw('ASC');
  return part;
}

/** Index options after the key parts (or the index type before them). */
export function parseIndexOptions(
  p: Parser,
  c: { indexType?: string; comment?: string; invisible?: boolean; clustered?: boolean; global?: boolean },
): void {
  for (;;) {
    if (p.acceptKw('USING') || p.acceptKw('TYPE')) c.indexType = p.anyWord().toUpperCase();
    else if (p.acceptKw('COMMENT')) c.comment = p.string();
    else if (p.acceptKw('VISIBLE')) c.invisible = false;
    else if (p.acceptKw('INVISIBLE')) c.invisible = true;
    else if (p.acceptKw('CLUSTERED')) c.clustered = true;
    else if (p.acceptKw('NONCLUSTERED')) c.clustered = false;
    else if (p.acceptKw('GLOBAL')) c.global = true;
    else if (p.acceptKw('LOCAL')) c.global = false;
    else if (p.acceptKw('KEY_BLOCK_SIZE')) {
      p.acceptOp('=');
      p.int();
    } else if (p.isKw('WITH') && p.isKwAt(1, 'PARSER')) {
      p.pos += 2;
      p.ident();
    } else return;
  }
}

/** A table-level constraint or index definition. */
export function parseConstraint(p: Parser): Constraint {
  let name: string | undefined;
  if (p.acceptKw('CONSTRAINT')) {
    if (p.isIdentTok()) name = p.ident();
  }
  const t = p.advance();
  let c: Constraint;
  switch (t.up) {
    case 'PRIMARY':
      p.expectKw('KEY');
      c = { type: 'primary', parts: [] };
      break;
    case 'UNIQUE':
      if (!p.acceptKw('KEY')) p.acceptKw('INDEX');
      c = { type: 'unique', parts: [] };
      break;
    case 'KEY':
    case 'INDEX':
      c = { type: 'index', parts: [] };
      break;
    case 'FULLTEXT':
    case 'SPATIAL':
      if (!p.acceptKw('KEY')) p.acceptKw('INDEX');
      c = { type: 'fulltext', parts: [] };
      break;
    case 'FOREIGN': {
      p.expectKw('KEY');
      if (p.isIdentTok()) name = p.ident();
      const parts = p.parenList(() => parseIndexPart(p));
      p.expectKw('REFERENCES');
      c = { type: 'foreign', parts, references: parseReferences(p) };
      if (name !== undefined) c.name = name;
      return c;
    }
    case 'CHECK': {
      p.expectOp('(');
      c = { type: 'check', parts: [], check: parseExpr(p) };
      p.expectOp(')');
      c.enforced = parseEnforced(p);
      if (name !== undefined) c.name = name;
      return c;
    }
    default:
      return p.fail(t);
  }
  if (c.type !== 'primary' && p.isIdentTok() && !p.isKw('USING') && !p.isKw('TYPE')) name = p.ident();
  else if (
    c.type === 'primary' &&
    p.isIdentTok() &&
    !p.isKw('USING') &&
    !p.isKw('CLUSTERED') &&
    !p.isKw('NONCLUSTERED')
  )
    p.ident();
  parseIndexOptions(p, c);
  c.parts = p.parenList(() => parseIndexPart(p));
  parseIndexOptions(p, c);
  if (name !== undefined) c.name = name;
  return c;
}

const TABLE_OPTION_NAMES = new Set([
  'ENGINE',
  'CHARSET',
  'COLLATE',
  'COMMENT',
  'AUTO_INCREMENT',
  'AUTO_ID_CACHE',
  'AUTO_RANDOM_BASE',
  'SHARD_ROW_ID_BITS',
  'PRE_SPLIT_REGIONS',
  'ROW_FORMAT',
  'KEY_BLOCK_SIZE',
  'AVG_ROW_LENGTH',
  'CHECKSUM',
  'TABLE_CHECKSUM',
  'COMPRESSION',
  'CONNECTION',
  'PASSWORD',
  'DELAY_KEY_WRITE',
  'MAX_ROWS',
  'MIN_ROWS',
  'PACK_KEYS',
  'STATS_PERSISTENT',
  'STATS_AUTO_RECALC',
  'STATS_SAMPLE_PAGES',
  'STATS_BUCKETS',
  'STATS_TOPN',
  'STATS_COL_CHOICE',
  'STATS_COL_LIST',
  'STATS_SAMPLE_RATE',
  'TABLESPACE',
  'INSERT_METHOD',
  'UNION',
  'ENCRYPTION',
  'SECONDARY_ENGINE',
  'TTL',
  'TTL_ENABLE',
  'TTL_JOB_INTERVAL',
]);

/** Table options, optionally comma-separated; stops at the first word that is not one. */
export function parseTableOptions(p: Parser): TableOption[] {
  const out: TableOption[] = [];
  for (;;) {
    const save = p.pos;
    const opt = parseTableOption(p);
    if (!opt) {
      p.pos = save;
      return out;
    }
    out.push(opt);
    if (p.isOp(',')) {
      const next = p.peek();
      if (next.t === Tk.Ident && (TABLE_OPTION_NAMES.has(next.up) || next.up === 'DEFAULT' || next.up === 'CHARACTER'))
        p.pos++;
    }
  }
}

function parseTableOption(p: Parser): TableOption | undefined {
  p.acceptKw('DEFAULT');
  const t = p.tok;
  if (t.t !== Tk.Ident) return undefined;
  let name: string;
  if (t.up === 'CHARACTER' && p.isKwAt(1, 'SET')) {
    p.pos += 2;
    name = 'charset';
  } else if (t.up === 'PLACEMENT' && p.isKwAt(1, 'POLICY')) {
    p.pos += 2;
    name = 'placement_policy';
  } else if (t.up === 'STORAGE' && p.isKwAt(1, 'ENGINE')) {
    p.pos += 2;
    name = 'engine';
  } else if (TABLE_OPTION_NAMES.has(t.up)) {
    p.pos++;
    name = t.up === 'TABLE_CHECKSUM' ? 'checksum' : t.up.toLowerCase();
  } else return undefined;
  p.acceptOp('=');
  return { name, value: parseOptionValue(p, name) };
}

function parseOptionValue(p: Parser, name: string): string {
  if (name === 'union') return p.parenList(() => parseTableName(p).name).join(',');
  const t = p.tok;
  if (t.t === Tk.String || t.t === Tk.Number || t.t === Tk.QIdent || t.t === Tk.Ident) {
    p.pos++;
    return name === 'charset' || name === 'collate' ? t.text.toLowerCase() : t.text;
  }
  if (t.t === Tk.Hex || t.t === Tk.Bit) {
    // A hex or bit literal as a numeric option value (`TABLE_CHECKSUM 0x1`): its unsigned integer value.
    p.pos++;
    let v = 0n;
    for (let i = 0; i < t.text.length; i++) v = (v << 8n) | BigInt(t.text.charCodeAt(i));
    return v.toString();
  }
  return p.fail();
}
