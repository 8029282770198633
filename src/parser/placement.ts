// TiDB's placement policy statements: CREATE [OR REPLACE] / ALTER / DROP PLACEMENT POLICY and ALTER DATABASE.

import type { PlacementOption, Statement } from './ast.js';
import { parseIfExists, parseIfNotExists } from './ddl-table.js';
import { parseDatabaseOptions } from './ddl.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';

/** Options taking a replica count; the others take a string. */
const COUNT_OPTIONS = new Set(['FOLLOWERS', 'VOTERS', 'LEARNERS']);
const STRING_OPTIONS = new Set([
  'PRIMARY_REGION',
  'REGIONS',
  'SCHEDULE',
  'CONSTRAINTS',
  'LEADER_CONSTRAINTS',
  'FOLLOWER_CONSTRAINTS',
  'VOTER_CONSTRAINTS',
  'LEARNER_CONSTRAINTS',
  'SURVIVAL_PREFERENCES',
]);

function isPlacementOption(p: Parser): boolean {
  const t = p.tok;
  return t.t === Tk.Ident && (COUNT_OPTIONS.has(t.up) || STRING_OPTIONS.has(t.up));
}

/** One or more `NAME [=] value`, optionally comma-separated. */
function parsePlacementOptions(p: Parser): PlacementOption[] {
  const out: PlacementOption[] = [];
  do {
    if (!isPlacementOption(p)) return p.fail();
    const name = p.advance().up;
    p.acceptOp('=');
    out.push({ name, value: COUNT_OPTIONS.has(name) ? p.int() : p.string() });
    if (p.isOp(',')) p.pos++;
  } while (!p.atEnd());
  return out;
}

/** After CREATE [OR REPLACE]: `PLACEMENT POLICY [IF NOT EXISTS] name options`. */
export function parseCreatePlacementPolicy(p: Parser, orReplace: boolean): Statement {
  p.expectKw('PLACEMENT');
  p.expectKw('POLICY');
  const ifNotExists = parseIfNotExists(p);
  const name = p.ident();
  return { kind: 'createPlacementPolicy', name, ifNotExists, orReplace, options: parsePlacementOptions(p) };
}

/** After ALTER: `PLACEMENT POLICY [IF EXISTS] name options`. */
export function parseAlterPlacementPolicy(p: Parser): Statement {
  p.expectKw('PLACEMENT');
  p.expectKw('POLICY');
  const ifExists = parseIfExists(p);
  const name = p.ident();
  return { kind: 'alterPlacementPolicy', name, ifExists, options: parsePlacementOptions(p) };
}

/** After DROP: `PLACEMENT POLICY [IF EXISTS] name`. */
export function parseDropPlacementPolicy(p: Parser): Statement {
  p.expectKw('PLACEMENT');
  p.expectKw('POLICY');
  const ifExists = parseIfExists(p);
  return { kind: 'dropPlacementPolicy', name: p.ident(), ifExists };
}

/** After ALTER: `DATABASE|SCHEMA [name] options` (charset, collation, placement policy). */
export function parseAlterDatabase(p: Parser): Statement {
  p.pos++;
  const name = p.isIdentTok(p.tok) && !isDatabaseOptionStart(p) ? p.ident() : undefined;
  const options = parseDatabaseOptions(p);
  if (options.length === 0) p.fail();
  return name === undefined ? { kind: 'alterDatabase', options } : { kind: 'alterDatabase', name, options };
}

function isDatabaseOptionStart(p: Parser): boolean {
  const up = p.tok.up;
  return (
    up === 'DEFAULT' ||
    up === 'CHARSET' ||
    up === 'COLLATE' ||
    up === 'ENCRYPTION' ||
    (up === 'CHARACTER' && p.isKwAt(1, 'SET')) ||
    (up === 'PLACEMENT' && p.isKwAt(1, 'POLICY'))
  );
}
