// MySQL's JSON path language ('$.a[0].b', '$[*]', '$**.x', '$[last-1]', '$[1 to 3]') and the
// lookups and copy-on-write updates built on it.
import { ER, sqlError } from '../errors/index.js';
import { isObject, type JsonNode, type JsonObject, sortedObject } from './json-node.js';

/** An array position: n from the start, or n before the last element ('last - n'). */
export interface ArrayIndex {
  fromEnd: boolean;
  n: number;
}

export type PathLeg =
  | { kind: 'key'; name: string }
  | { kind: 'anyKey' }
  | { kind: 'index'; index: ArrayIndex }
  | { kind: 'range'; from: ArrayIndex; to: ArrayIndex }
  | { kind: 'anyIndex' }
  | { kind: 'anyDepth' };

export interface JsonPath {
  readonly text: string;
  readonly legs: readonly PathLeg[];
  /** True when the path can match several values (wildcards, '**', ranges). */
  readonly multi: boolean;
}

const pathCache = new Map<string, JsonPath>();

class PathParser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw sqlError(ER.INVALID_JSON_PATH, this.text);
  }

  space(): void {
    while (/\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  eat(s: string): boolean {
    this.space();
    if (!this.text.startsWith(s, this.pos)) return false;
    this.pos += s.length;
    return true;
  }

  parse(): JsonPath {
    if (!this.eat('$')) this.fail();
    const legs: PathLeg[] = [];
    for (;;) {
      this.space();
      if (this.pos >= this.text.length) break;
      if (this.eat('**')) legs.push({ kind: 'anyDepth' });
      else if (this.eat('.')) legs.push(this.member());
      else if (this.eat('[')) legs.push(this.arrayLeg());
      else this.fail();
    }
    if (legs.length > 0 && legs[legs.length - 1]!.kind === 'anyDepth') this.fail();
    const multi = legs.some((l) => l.kind !== 'key' && l.kind !== 'index');
    return { text: this.text, legs, multi };
  }

  member(): PathLeg {
    this.space();
    if (this.eat('*')) return { kind: 'anyKey' };
    const t = this.text;
    if (t[this.pos] === '"') {
      let end = this.pos + 1;
      while (end < t.length && t[end] !== '"') end += t[end] === '\\' ? 2 : 1;
      if (end >= t.length) this.fail();
      let name: string;
      try {
        name = JSON.parse(t.slice(this.pos, end + 1)) as string;
      } catch {
        return this.fail();
      }
      this.pos = end + 1;
      return { kind: 'key', name };
    }
    const m = /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$_]*/u.exec(t.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return { kind: 'key', name: m[0] };
  }

  index(): ArrayIndex {
    this.space();
    if (this.eat('last')) {
      if (this.eat('-')) return { fromEnd: true, n: this.number() };
      return { fromEnd: true, n: 0 };
    }
    return { fromEnd: false, n: this.number() };
  }

  number(): number {
    this.space();
    const m = /^\d+/.exec(this.text.slice(this.pos));
    if (!m) this.fail();
    this.pos += m[0].length;
    return Number(m[0]);
  }

  arrayLeg(): PathLeg {
    let leg: PathLeg;
    if (this.eat('*')) leg = { kind: 'anyIndex' };
    else {
      const from = this.index();
      this.space();
      if (/^to\b/.test(this.text.slice(this.pos))) {
        this.pos += 2;
        leg = { kind: 'range', from, to: this.index() };
      } else leg = { kind: 'index', index: from };
    }
    if (!this.eat(']')) this.fail();
    return leg;
  }
}

/** Parses a path expression (cached); an invalid one is error 3143. */
export function parsePath(text: string): JsonPath {
  let p = pathCache.get(text);
  if (!p) {
    p = new PathParser(text).parse();
    if (pathCache.size > 1000) pathCache.clear();
    pathCache.set(text, p);
  }
  return p;
}

function resolve(i: ArrayIndex, len: number): number {
  return i.fromEnd ? len - 1 - i.n : i.n;
}

function walk(node: JsonNode, legs: readonly PathLeg[], i: number, out: JsonNode[]): void {
  if (i === legs.length) {
    out.push(node);
    return;
  }
  const leg = legs[i]!;
  const arr = Array.isArray(node) ? node : null;
  switch (leg.kind) {
    case 'key':
      if (isObject(node) && node.has(leg.name)) walk(node.get(leg.name)!, legs, i + 1, out);
      return;
    case 'anyKey':
      if (isObject(node)) for (const v of node.values()) walk(v, legs, i + 1, out);
      return;
    case 'index': {
      // A non-array value acts as a one-element array holding itself.
      const len = arr ? arr.length : 1;
      const k = resolve(leg.index, len);
      if (k >= 0 && k < len) walk(arr ? arr[k]! : node, legs, i + 1, out);
      return;
    }
    case 'range': {
      const len = arr ? arr.length : 1;
      const from = Math.max(resolve(leg.from, len), 0);
      const to = Math.min(resolve(leg.to, len), len - 1);
      for (let k = from; k <= to; k++) walk(arr ? arr[k]! : node, legs, i + 1, out);
      return;
    }
    case 'anyIndex':
      if (arr) for (const v of arr) walk(v, legs, i + 1, out);
      return;
    case 'anyDepth':
      walk(node, legs, i + 1, out);
      if (arr) for (const v of arr) walk(v, legs, i, out);
      else if (isObject(node)) for (const v of node.values()) walk(v, legs, i, out);
      return;
  }
}

/** All values a path selects, in document order. */
export function selectAll(node: JsonNode, path: JsonPath): JsonNode[] {
  const out: JsonNode[] = [];
  walk(node, path.legs, 0, out);
  return out;
}

/**
 * JSON_EXTRACT: one path without wildcards gives the value itself; several paths or wildcards
 * give an array of all matches. undefined when nothing matches.
 */
export function extractNode(node: JsonNode, paths: readonly string[]): JsonNode | undefined {
  const parsed = paths.map(parsePath);
  if (parsed.length === 1 && !parsed[0]!.multi) {
    const r = selectAll(node, parsed[0]!);
    return r.length === 0 ? undefined : r[0];
  }
  const all: JsonNode[] = [];
  for (const p of parsed) all.push(...selectAll(node, p));
  return all.length === 0 ? undefined : all;
}

function requireSimple(path: JsonPath): void {
  if (path.multi) throw sqlError(ER.INVALID_JSON_PATH_WILDCARD);
}

/** Rebuilds node with the value at legs[i..] replaced by edit(old parent of the last leg). */
function updateAt(node: JsonNode, legs: readonly PathLeg[], i: number, edit: (parent: JsonNode) => JsonNode): JsonNode {
  if (i === legs.length - 1) return edit(node);
  const leg = legs[i]!;
  if (leg.kind === 'key') {
    if (!isObject(node) || !node.has(leg.name)) return node;
    const child = node.get(leg.name)!;
    const updated = updateAt(child, legs, i + 1, edit);
    if (updated === child) return node;
    const copy: JsonObject = new Map(node);
    copy.set(leg.name, updated);
    return copy;
  }
  if (leg.kind === 'index') {
    if (!Array.isArray(node)) return resolve(leg.index, 1) === 0 ? updateAt(node, legs, i + 1, edit) : node;
    const k = resolve(leg.index, node.length);
    if (k < 0 || k >= node.length) return node;
    const updated = updateAt(node[k]!, legs, i + 1, edit);
    if (updated === node[k]) return node;
    const copy = node.slice();
    copy[k] = updated;
    return copy;
  }
  return node;
}

export type SetMode = 'set' | 'insert' | 'replace';

/**
 * JSON_SET / JSON_INSERT / JSON_REPLACE for one path: set writes new and existing places,
 * insert only new ones, replace only existing ones. Arrays grow at the end; a non-array value
 * addressed past index 0 is wrapped into an array first.
 */
export function setNodePath(doc: JsonNode, pathText: string, v: JsonNode, mode: SetMode): JsonNode {
  const path = parsePath(pathText);
  requireSimple(path);
  if (path.legs.length === 0) return mode === 'insert' ? doc : v;
  const last = path.legs[path.legs.length - 1]!;
  return updateAt(doc, path.legs, 0, (parent) => {
    if (last.kind === 'key') {
      if (!isObject(parent)) return parent;
      const exists = parent.has(last.name);
      if (exists ? mode === 'insert' : mode === 'replace') return parent;
      if (exists) {
        const copy: JsonObject = new Map(parent);
        copy.set(last.name, v);
        return copy;
      }
      return sortedObject([...parent.entries(), [last.name, v]]);
    }
    if (last.kind !== 'index') return parent;
    const arr = Array.isArray(parent) ? parent : null;
    const len = arr ? arr.length : 1;
    const k = resolve(last.index, len);
    if (k >= 0 && k < len) {
      if (mode === 'insert') return parent;
      if (!arr) return v;
      const copy = arr.slice();
      copy[k] = v;
      return copy;
    }
    if (k < len || mode === 'replace') return parent;
    return arr ? [...arr, v] : [parent, v];
  });
}

/** JSON_REMOVE for one path; removing '$' itself is an error. */
export function removeNodePath(doc: JsonNode, pathText: string): JsonNode {
  const path = parsePath(pathText);
  requireSimple(path);
  if (path.legs.length === 0) throw sqlError(ER.INVALID_JSON_PATH, pathText);
  const last = path.legs[path.legs.length - 1]!;
  return updateAt(doc, path.legs, 0, (parent) => {
    if (last.kind === 'key') {
      if (!isObject(parent) || !parent.has(last.name)) return parent;
      const copy: JsonObject = new Map(parent);
      copy.delete(last.name);
      return copy;
    }
    if (last.kind !== 'index' || !Array.isArray(parent)) return parent;
    const k = resolve(last.index, parent.length);
    if (k < 0 || k >= parent.length) return parent;
    return parent.filter((_, j) => j !== k);
  });
}
