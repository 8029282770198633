// JSON builtins that read documents: JSON_EXTRACT (and ->, ->>), JSON_UNQUOTE, JSON_TYPE, JSON_VALID,
// JSON_QUOTE, JSON_CONTAINS, JSON_CONTAINS_PATH, JSON_LENGTH, JSON_KEYS, JSON_DEPTH, JSON_SEARCH,
// JSON_PRETTY and MEMBER OF. Constructors and modifiers are in json-modify.ts.
import { ER, sqlError } from '../../errors/index.js';
import { EvalType, JSON_TYPE } from '../../types/field-type.js';
import { type JsonNode, type JsonObject, JsonValue, parsePath, selectAll } from '../../types/json.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import type { Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import { castToJson } from './cast-json.js';
import {
  connectionCollation,
  fnClass,
  intResult,
  lenientImpl,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';

export type JsonConv = (v: Value, ctx: EvalContext) => JsonValue;

const UTF8_BIN = { charset: 'utf8mb4', collate: 'utf8mb4_bin' };

/** A document argument: JSON as is, strings parsed (error 3141 when invalid), other types rejected (3146). */
export function docConv(e: Expression, argNo: number, fn: string): JsonConv {
  if (e.evalType === EvalType.Json) return (v) => v as JsonValue;
  if (e.evalType !== EvalType.String) {
    return () => {
      throw sqlError(ER.INVALID_TYPE_FOR_JSON, argNo, fn);
    };
  }
  const conv = strConv(e, false);
  return (v) => {
    const text = conv(v);
    const r = JsonValue.tryParse(text);
    if (r instanceof JsonValue) return r;
    throw sqlError(ER.INVALID_JSON_TEXT_IN_PARAM, argNo, fn, r.reason, r.position);
  };
}

/** A value argument (JSON_OBJECT, JSON_SET...): strings become JSON strings, not parsed text. */
export function valueConv(e: Expression): JsonConv {
  if (e.evalType === EvalType.String) {
    const conv = strConv(e, false);
    return (v) => new JsonValue(conv(v));
  }
  const cast = castToJson(e.type);
  return (v, ctx) => cast(v, ctx) as JsonValue;
}

/** Path arguments as text. */
function pathConv(e: Expression): (v: Value) => string {
  return strConv(e, false);
}

const isObject = (n: JsonNode): n is JsonObject => n instanceof Map;

export function nodesEqual(a: JsonNode, b: JsonNode): boolean {
  return new JsonValue(a).compare(new JsonValue(b)) === 0;
}

defineFunction(
  'json_extract',
  fnClass(2, Infinity, (args) => {
    const doc = docConv(args[0]!, 1, 'json_extract');
    const paths = args.slice(1).map(pathConv);
    const impl = strictImpl('JSONExtractSig', (vals, ctx) =>
      doc(vals[0]!, ctx).extract(paths.map((p, i) => p(vals[i + 1]!))),
    );
    return { type: { ...JSON_TYPE }, args, impl };
  }),
);

/** JSON_UNQUOTE's text: a JSON string's contents; other JSON as its text. */
export function unquoteText(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    const r = JsonValue.tryParse(s);
    if (r instanceof JsonValue && typeof r.node === 'string') return r.node;
    throw sqlError(ER.INVALID_JSON_TEXT, 'The document root must not be followed by other values.');
  }
  return s;
}

defineFunction(
  'json_unquote',
  fnClass(1, 1, (args) => {
    const arg = args[0]!;
    if (arg.evalType === EvalType.Json) {
      const impl = strictImpl('JSONUnquoteSig', ([v]) => {
        const j = v as JsonValue;
        return typeof j.node === 'string' ? j.node : j.toString();
      });
      return { type: stringResult(arg.type.flen, UTF8_BIN), args, impl };
    }
    const conv = strConv(arg, false);
    const impl = strictImpl('JSONUnquoteSig', ([v]) => unquoteText(conv(v!)));
    return { type: stringResult(arg.type.flen, UTF8_BIN), args, impl };
  }),
);

defineFunction(
  'json_type',
  fnClass(1, 1, (args) => {
    const doc = docConv(args[0]!, 1, 'json_type');
    const impl = strictImpl('JSONTypeSig', ([v], ctx) => doc(v!, ctx).typeName());
    return { type: stringResult(51, UTF8_BIN), args, impl };
  }),
);

defineFunction(
  'json_valid',
  fnClass(1, 1, (args) => {
    const arg = args[0]!;
    if (arg.evalType === EvalType.Json) {
      return { type: intResult(1), args, impl: strictImpl('JSONValidJSONSig', () => 1) };
    }
    if (arg.evalType !== EvalType.String) {
      return { type: intResult(1), args, impl: strictImpl('JSONValidOthersSig', () => 0) };
    }
    const conv = strConv(arg, false);
    const impl = strictImpl('JSONValidStringSig', ([v]) => (JsonValue.tryParse(conv(v!)) instanceof JsonValue ? 1 : 0));
    return { type: intResult(1), args, impl };
  }),
);

defineFunction(
  'json_quote',
  fnClass(1, 1, (args, bctx) => {
    if (args[0]!.evalType !== EvalType.String) throw sqlError(ER.INVALID_TYPE_FOR_JSON, 1, 'json_quote');
    const conv = strConv(args[0]!, false);
    const impl = strictImpl('JSONQuoteSig', ([v]) => new JsonValue(conv(v!)).toString());
    return { type: stringResult(Math.max(args[0]!.type.flen, 0) * 6 + 2, connectionCollation(bctx)), args, impl };
  }),
);

/** JSON_CONTAINS: whether candidate is contained in target (MySQL's containment rules). */
export function jsonContains(target: JsonNode, candidate: JsonNode): boolean {
  if (Array.isArray(target)) {
    if (Array.isArray(candidate)) return candidate.every((c) => target.some((t) => jsonContains(t, c)));
    return target.some((t) => jsonContains(t, candidate));
  }
  if (isObject(target)) {
    if (!isObject(candidate)) return false;
    for (const [k, v] of candidate) {
      const t = target.get(k);
      if (t === undefined || !jsonContains(t, v)) return false;
    }
    return true;
  }
  return !Array.isArray(candidate) && !isObject(candidate) && nodesEqual(target, candidate);
}

function requireSimplePath(text: string): ReturnType<typeof parsePath> {
  const p = parsePath(text);
  if (p.multi) throw sqlError(ER.INVALID_JSON_PATH_WILDCARD);
  return p;
}

defineFunction(
  'json_contains',
  fnClass(2, 3, (args) => {
    const [target, candidate] = [docConv(args[0]!, 1, 'json_contains'), docConv(args[1]!, 2, 'json_contains')];
    const path = args[2] ? pathConv(args[2]) : undefined;
    const impl = strictImpl('JSONContainsSig', ([t, c, p], ctx) => {
      let node = target(t!, ctx).node;
      if (path) {
        const found = selectAll(node, requireSimplePath(path(p!)));
        if (found.length === 0) return null;
        node = found[0]!;
      }
      return jsonContains(node, candidate(c!, ctx).node) ? 1 : 0;
    });
    return { type: intResult(1), args, impl };
  }),
);

defineFunction(
  'json_contains_path',
  fnClass(3, Infinity, (args) => {
    const doc = docConv(args[0]!, 1, 'json_contains_path');
    const mode = strConv(args[1]!, false);
    const paths = args.slice(2).map(pathConv);
    const impl = strictImpl('JSONContainsPathSig', (vals, ctx) => {
      const m = mode(vals[1]!).toLowerCase();
      if (m !== 'one' && m !== 'all') throw sqlError(ER.INVALID_JSON_CONTAINS_PATH_TYPE);
      const node = doc(vals[0]!, ctx).node;
      const hits = paths.map((p, i) => selectAll(node, parsePath(p(vals[i + 2]!))).length > 0);
      return (m === 'one' ? hits.some(Boolean) : hits.every(Boolean)) ? 1 : 0;
    });
    return { type: intResult(1), args, impl };
  }),
);

/** The node at an optional path argument; undefined when the path matches nothing. */
function atPath(node: JsonNode, path: string | undefined): JsonNode | undefined {
  if (path === undefined) return node;
  const found = selectAll(node, requireSimplePath(path));
  return found.length === 0 ? undefined : found[0];
}

defineFunction(
  'json_length',
  fnClass(1, 2, (args) => {
    const doc = docConv(args[0]!, 1, 'json_length');
    const path = args[1] ? pathConv(args[1]) : undefined;
    const impl = strictImpl('JSONLengthSig', ([d, p], ctx) => {
      const n = atPath(doc(d!, ctx).node, path ? path(p!) : undefined);
      if (n === undefined) return null;
      return Array.isArray(n) ? n.length : isObject(n) ? n.size : 1;
    });
    return { type: intResult(21), args, impl };
  }),
);

defineFunction(
  'json_keys',
  fnClass(1, 2, (args) => {
    const doc = docConv(args[0]!, 1, 'json_keys');
    const path = args[1] ? pathConv(args[1]) : undefined;
    const impl = strictImpl(args.length === 1 ? 'JSONKeysSig' : 'JSONKeys2ArgsSig', ([d, p], ctx) => {
      const n = atPath(doc(d!, ctx).node, path ? path(p!) : undefined);
      return n !== undefined && isObject(n) ? new JsonValue([...n.keys()]) : null;
    });
    return { type: { ...JSON_TYPE }, args, impl };
  }),
);

function depth(n: JsonNode): number {
  if (Array.isArray(n)) return n.length === 0 ? 1 : 1 + Math.max(...n.map(depth));
  if (isObject(n)) return n.size === 0 ? 1 : 1 + Math.max(...[...n.values()].map(depth));
  return 1;
}

defineFunction(
  'json_depth',
  fnClass(1, 1, (args) => {
    const doc = docConv(args[0]!, 1, 'json_depth');
    return { type: intResult(21), args, impl: strictImpl('JSONDepthSig', ([d], ctx) => depth(doc(d!, ctx).node)) };
  }),
);

/** MySQL's JSON_PRETTY layout: two-space indents, one member per line, empty containers inline. */
export function prettyNode(n: JsonNode, indent = ''): string {
  const inner = `${indent}  `;
  if (Array.isArray(n)) {
    if (n.length === 0) return '[]';
    return `[\n${n.map((v) => inner + prettyNode(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (isObject(n)) {
    if (n.size === 0) return '{}';
    const parts = [...n].map(([k, v]) => `${inner}${new JsonValue(k).toString()}: ${prettyNode(v, inner)}`);
    return `{\n${parts.join(',\n')}\n${indent}}`;
  }
  return new JsonValue(n).toString();
}

defineFunction(
  'json_pretty',
  fnClass(1, 1, (args) => {
    const doc = docConv(args[0]!, 1, 'json_pretty');
    const impl = strictImpl('JSONPrettySig', ([d], ctx) => prettyNode(doc(d!, ctx).node));
    return { type: stringResult(-1, UTF8_BIN), args, impl };
  }),
);

// ---- JSON_SEARCH ----

/** A LIKE pattern as a regular expression (% any run, _ one character, escape char quoting). */
function likeRegex(pattern: string, escapeChar: string): RegExp {
  let re = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === escapeChar && i + 1 < chars.length) re += chars[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (ch === '%') re += '[\\s\\S]*';
    else if (ch === '_') re += '[\\s\\S]';
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

function pathKey(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? `.${k}` : `.${new JsonValue(k).toString()}`;
}

/** Paths (in document order) of string scalars under node matching re. */
function searchPaths(node: JsonNode, re: RegExp, at: string, out: string[]): void {
  if (typeof node === 'string') {
    if (re.test(node)) out.push(at);
  } else if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) searchPaths(node[i]!, re, `${at}[${i}]`, out);
  } else if (isObject(node)) {
    for (const [k, v] of node) searchPaths(v, re, at + pathKey(k), out);
  }
}

defineFunction(
  'json_search',
  fnClass(3, Infinity, (args) => {
    const doc = docConv(args[0]!, 1, 'json_search');
    const [mode, search] = [strConv(args[1]!, false), strConv(args[2]!, false)];
    const escapeConv = args[3] ? strConv(args[3], false) : undefined;
    const paths = args.slice(4).map(pathConv);
    const impl = lenientImpl('JSONSearchSig', (vals, ctx) => {
      if (vals[0] === null || vals[1] === null || vals[2] === null) return null;
      const m = mode(vals[1]).toLowerCase();
      if (m !== 'one' && m !== 'all') throw sqlError(ER.INVALID_JSON_CONTAINS_PATH_TYPE);
      const esc = escapeConv && vals[3] !== null ? escapeConv(vals[3]!) || '\\' : '\\';
      const re = likeRegex(search(vals[2]), esc);
      const node = doc(vals[0], ctx).node;
      const found: string[] = [];
      if (paths.length === 0) searchPaths(node, re, '$', found);
      for (let i = 0; i < paths.length; i++) {
        const pv = vals[i + 4];
        if (pv === null || pv === undefined) return null;
        const text = paths[i]!(pv);
        // Search below each selected location; the location's own path prefixes the results.
        const p = parsePath(text);
        if (!p.multi) for (const sub of selectAll(node, p)) searchPaths(sub, re, text.trim(), found);
        else searchPaths(node, re, '$', found);
      }
      const unique = [...new Set(found)];
      if (unique.length === 0) return null;
      if (m === 'one') return new JsonValue(unique[0]!);
      return new JsonValue(unique.length === 1 ? unique[0]! : unique);
    });
    return { type: { ...JSON_TYPE }, args, impl };
  }),
);

defineFunction(
  ['member_of', 'member of'],
  fnClass(2, 2, (args) => {
    const value = args[0]!.evalType === EvalType.Json ? docConv(args[0]!, 1, 'member of') : valueConv(args[0]!);
    const arr = docConv(args[1]!, 2, 'member of');
    const impl = strictImpl('JSONMemberOfSig', ([v, a], ctx) => {
      const target = arr(a!, ctx).node;
      const needle = value(v!, ctx).node;
      if (Array.isArray(target)) return target.some((t) => nodesEqual(t, needle)) ? 1 : 0;
      return nodesEqual(target, needle) ? 1 : 0;
    });
    return { type: intResult(1), args, impl };
  }),
);
