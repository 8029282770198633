// JSON values (MySQL's JSON type): an immutable wrapper over a JsonNode tree.
import {
  compareNodes,
  formatNode,
  JSON_VALUE_BRAND,
  type JsonNode,
  type JsonSyntaxError,
  type JsonTypeName,
  nodeFromJs,
  nodeHashKey,
  nodeTypeName,
  parseNode,
  tryParseNode,
} from './json-node.js';
import { extractNode, removeNodePath, type SetMode, setNodePath } from './json-path.js';

export type { JsonNode, JsonObject, JsonSyntaxError, JsonTypeName } from './json-node.js';
export { compareKeys, sortedObject } from './json-node.js';
export { type JsonPath, type PathLeg, parsePath, type SetMode, selectAll } from './json-path.js';

export class JsonValue {
  static readonly NULL = new JsonValue(null);
  readonly [JSON_VALUE_BRAND] = true;

  constructor(readonly node: JsonNode) {}

  /** Parses JSON text; invalid text is error 3140. */
  static parse(text: string): JsonValue {
    return new JsonValue(parseNode(text));
  }

  /** Parses JSON text, returning MySQL's syntax error description instead of throwing. */
  static tryParse(text: string): JsonValue | JsonSyntaxError {
    const r = tryParseNode(text);
    return 'error' in r ? r.error : new JsonValue(r.node);
  }

  /**
   * From a JS value: null, boolean, number (safe integers become JSON integers, others doubles),
   * bigint, string, Decimal, arrays, Maps, plain objects and JsonValues.
   */
  static fromJs(v: unknown): JsonValue {
    return v instanceof JsonValue ? v : new JsonValue(nodeFromJs(v));
  }

  /** A JSON double, even for integral values (CAST(1e0 AS JSON) is 1.0). */
  static fromDouble(x: number): JsonValue {
    return new JsonValue(x);
  }

  /** The underlying tree: integers are bigint, doubles number, objects Maps in MySQL key order. */
  get value(): JsonNode {
    return this.node;
  }

  typeName(): JsonTypeName {
    return nodeTypeName(this.node);
  }

  /** MySQL's text form: '{"a": 1, "b": [1, 2]}'. */
  toString(): string {
    return formatNode(this.node);
  }

  /** MySQL's JSON ordering: by type precedence, then by value. */
  compare(o: JsonValue): number {
    return compareNodes(this.node, o.node);
  }

  /** Equal keys for values that compare equal (1 and 1.0 included). */
  hashKey(): string {
    return nodeHashKey(this.node);
  }

  /** JSON_EXTRACT: null when no path matches; wildcard or multi-path results come as an array. */
  extract(paths: string[]): JsonValue | null {
    const r = extractNode(this.node, paths);
    return r === undefined ? null : new JsonValue(r);
  }
}

/** JSON_SET / JSON_INSERT / JSON_REPLACE for one path. */
export function setPath(doc: JsonValue, path: string, v: JsonValue, mode: SetMode): JsonValue {
  return new JsonValue(setNodePath(doc.node, path, v.node, mode));
}

/** JSON_REMOVE for one path. */
export function removePath(doc: JsonValue, path: string): JsonValue {
  return new JsonValue(removeNodePath(doc.node, path));
}
