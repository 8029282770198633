// Data types as written in column definitions and CAST/CONVERT targets, normalized to canonical names.

import type { TypeSpec } from './ast.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';

const INT_TYPES: Record<string, string> = {
  TINYINT: 'TINYINT',
  INT1: 'TINYINT',
  SMALLINT: 'SMALLINT',
  INT2: 'SMALLINT',
  MEDIUMINT: 'MEDIUMINT',
  MIDDLEINT: 'MEDIUMINT',
  INT3: 'MEDIUMINT',
  INT: 'INT',
  INTEGER: 'INT',
  INT4: 'INT',
  BIGINT: 'BIGINT',
  INT8: 'BIGINT',
};

const SIMPLE_TYPES: Record<string, string> = {
  DATE: 'DATE',
  JSON: 'JSON',
  TINYTEXT: 'TINYTEXT',
  MEDIUMTEXT: 'MEDIUMTEXT',
  LONGTEXT: 'LONGTEXT',
  TINYBLOB: 'TINYBLOB',
  MEDIUMBLOB: 'MEDIUMBLOB',
  LONGBLOB: 'LONGBLOB',
  // Spatial types: accepted and stored as opaque well-known-binary values (no spatial functions).
  GEOMETRY: 'GEOMETRY',
  POINT: 'POINT',
  LINESTRING: 'LINESTRING',
  POLYGON: 'POLYGON',
  MULTIPOINT: 'MULTIPOINT',
  MULTILINESTRING: 'MULTILINESTRING',
  MULTIPOLYGON: 'MULTIPOLYGON',
  GEOMETRYCOLLECTION: 'GEOMETRYCOLLECTION',
};

function optLength(p: Parser, spec: TypeSpec): void {
  if (p.acceptOp('(')) {
    spec.length = p.int();
    p.expectOp(')');
  }
}

function optPrecision(p: Parser, spec: TypeSpec): void {
  if (p.acceptOp('(')) {
    spec.length = p.int();
    if (p.acceptOp(',')) spec.decimals = p.int();
    p.expectOp(')');
  }
}

function numericAttrs(p: Parser, spec: TypeSpec): void {
  for (;;) {
    if (p.acceptKw('UNSIGNED')) spec.unsigned = true;
    else if (p.acceptKw('SIGNED')) continue;
    else if (p.acceptKw('ZEROFILL')) {
      spec.zerofill = true;
      spec.unsigned = true;
    } else return;
  }
}

/** `[BINARY] [CHARACTER SET cs | CHARSET cs | ASCII | UNICODE | BYTE] [COLLATE c]` after a string type. */
function stringAttrs(p: Parser, spec: TypeSpec): void {
  for (;;) {
    if (p.acceptKw('BINARY')) spec.binaryAttr = true;
    else if (p.isKw('CHARACTER') && p.isKwAt(1, 'SET')) {
      p.pos += 2;
      spec.charset = charsetName(p);
    } else if (p.acceptKw('CHARSET')) spec.charset = charsetName(p);
    else if (p.acceptKw('ASCII')) spec.charset = 'latin1';
    else if (p.acceptKw('UNICODE')) spec.charset = 'ucs2';
    else if (p.acceptKw('BYTE')) spec.charset = 'binary';
    else if (p.isKw('COLLATE')) {
      p.pos++;
      spec.collate = charsetName(p);
    } else return;
  }
}

/** A charset or collation name: identifier, string, or BINARY. */
export function charsetName(p: Parser): string {
  const t = p.tok;
  if (t.t === Tk.String || t.t === Tk.QIdent || t.t === Tk.Ident) {
    p.pos++;
    return t.text.toLowerCase();
  }
  return p.fail();
}

function stringList(p: Parser): string[] {
  p.expectOp('(');
  const out = p.list(() => {
    const t = p.tok;
    if (t.t !== Tk.String) p.fail();
    p.pos++;
    let s = t.text;
    while (p.tok.t === Tk.String) s += p.advance().text;
    return s;
  });
  p.expectOp(')');
  return out;
}

/** A column type in DDL. */
export function parseTypeSpec(p: Parser): TypeSpec {
  const t = p.tok;
  if (t.t !== Tk.Ident) return p.fail();
  let up = t.up;
  p.pos++;
  const intName = INT_TYPES[up];
  if (intName) {
    const spec: TypeSpec = { name: intName };
    optLength(p, spec);
    numericAttrs(p, spec);
    return spec;
  }
  const simple = SIMPLE_TYPES[up];
  if (simple) {
    const spec: TypeSpec = { name: simple };
    if (simple.endsWith('TEXT')) stringAttrs(p, spec);
    return spec;
  }
  if (up === 'NATIONAL') {
    const n = p.advance();
    up = n.up === 'VARCHAR' || n.up === 'CHARACTER' || n.up === 'CHAR' ? n.up : p.fail(n);
    if (up !== 'VARCHAR' && p.acceptKw('VARYING')) up = 'VARCHAR';
    up = up === 'VARCHAR' ? 'NVARCHAR' : 'NCHAR';
  }
  switch (up) {
    case 'BOOL':
    case 'BOOLEAN':
      return { name: 'TINYINT', length: 1 };
    case 'BIT': {
      const spec: TypeSpec = { name: 'BIT' };
      optLength(p, spec);
      return spec;
    }
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC':
    case 'FIXED': {
      const spec: TypeSpec = { name: 'DECIMAL' };
      optPrecision(p, spec);
      numericAttrs(p, spec);
      return spec;
    }
    case 'FLOAT':
    case 'FLOAT4':
    case 'DOUBLE':
    case 'FLOAT8':
    case 'REAL': {
      if (up === 'DOUBLE') p.acceptKw('PRECISION');
      const spec: TypeSpec = { name: up === 'FLOAT' || up === 'FLOAT4' ? 'FLOAT' : 'DOUBLE' };
      optPrecision(p, spec);
      // FLOAT(p) with p > 24 is a DOUBLE.
      if (spec.name === 'FLOAT' && spec.decimals === undefined && spec.length !== undefined) {
        if (spec.length > 24) spec.name = 'DOUBLE';
        delete spec.length;
      }
      numericAttrs(p, spec);
      return spec;
    }
    case 'DATETIME':
    case 'TIMESTAMP':
    case 'TIME':
    case 'YEAR': {
      const spec: TypeSpec = { name: up };
      optLength(p, spec);
      if (up === 'YEAR') numericAttrs(p, spec);
      return spec;
    }
    case 'CHAR':
    case 'CHARACTER':
    case 'NCHAR':
    case 'VARCHAR':
    case 'VARCHARACTER':
    case 'NVARCHAR': {
      let name = up === 'VARCHAR' || up === 'VARCHARACTER' || up === 'NVARCHAR' ? 'VARCHAR' : 'CHAR';
      if (name === 'CHAR' && p.acceptKw('VARYING')) name = 'VARCHAR';
      const spec: TypeSpec = { name };
      optLength(p, spec);
      if (name === 'VARCHAR' && spec.length === undefined) p.fail();
      if (up === 'NCHAR' || up === 'NVARCHAR') spec.charset = 'utf8';
      stringAttrs(p, spec);
      return spec;
    }
    case 'BINARY':
    case 'VARBINARY': {
      const spec: TypeSpec = { name: up };
      optLength(p, spec);
      if (up === 'VARBINARY' && spec.length === undefined) p.fail();
      return spec;
    }
    case 'TEXT':
    case 'BLOB': {
      const spec: TypeSpec = { name: up };
      optLength(p, spec);
      if (up === 'TEXT') stringAttrs(p, spec);
      return spec;
    }
    case 'LONG': {
      if (p.acceptKw('VARBINARY')) return { name: 'MEDIUMBLOB' };
      p.acceptKw('VARCHAR');
      const spec: TypeSpec = { name: 'MEDIUMTEXT' };
      stringAttrs(p, spec);
      return spec;
    }
    case 'ENUM':
    case 'SET': {
      const spec: TypeSpec = { name: up, elems: stringList(p) };
      stringAttrs(p, spec);
      return spec;
    }
    default:
      return p.fail(t);
  }
}

/** A CAST/CONVERT target type. */
export function parseCastType(p: Parser): TypeSpec {
  const t = p.tok;
  if (t.t !== Tk.Ident) return p.fail();
  p.pos++;
  switch (t.up) {
    case 'SIGNED':
    case 'UNSIGNED':
      if (!p.acceptKw('INTEGER')) p.acceptKw('INT');
      return t.up === 'UNSIGNED' ? { name: 'UNSIGNED', unsigned: true } : { name: 'SIGNED' };
    case 'BINARY': {
      const spec: TypeSpec = { name: 'BINARY' };
      optLength(p, spec);
      return spec;
    }
    case 'CHAR':
    case 'CHARACTER':
    case 'NCHAR': {
      const spec: TypeSpec = { name: 'CHAR' };
      optLength(p, spec);
      if (t.up === 'NCHAR') spec.charset = 'utf8';
      stringAttrs(p, spec);
      return spec;
    }
    case 'DATE':
    case 'JSON':
      return { name: t.up };

    case 'DATETIME':
    case 'TIME':
    case 'TIMESTAMP': {
      const spec: TypeSpec = { name: t.up };
      optLength(p, spec);
      return spec;
    }
    case 'YEAR':
      return { name: 'YEAR' };
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC': {
      const spec: TypeSpec = { name: 'DECIMAL' };
      optPrecision(p, spec);
      return spec;
    }
    case 'DOUBLE':
    case 'REAL':
      p.acceptKw('PRECISION');
      return { name: 'DOUBLE' };
    case 'FLOAT': {
      const spec: TypeSpec = { name: 'FLOAT' };
      optLength(p, spec);
      if (spec.length !== undefined) {
        if (spec.length > 24) spec.name = 'DOUBLE';
        delete spec.length;
      }
      return spec;
    }
    default:
      return p.fail(t);
  }
}
