// JSON builtins that build or change documents: JSON_OBJECT, JSON_ARRAY, JSON_SET, JSON_INSERT,
// JSON_REPLACE, JSON_REMOVE, JSON_ARRAY_APPEND, JSON_MERGE_PATCH, JSON_MERGE_PRESERVE (JSON_MERGE).
import { ER, sqlError } from '../../errors/index.js';
import { JSON_TYPE } from '../../types/field-type.js';
import {
  type JsonNode,
  type JsonObject,
  JsonValue,
  parsePath,
  removePath,
  type SetMode,
  selectAll,
  setPath,
  sortedObject,
} from '../../types/json.js';
import { defineFunction } from '../function.js';
import { fnClass, lenientImpl, strConv, strictImpl } from './string-common.js';
import { docConv, valueConv } from './json.js';

const isObject = (n: JsonNode): n is JsonObject => n instanceof Map;
const jsonType = () => ({ ...JSON_TYPE });

defineFunction(
  'json_object',
  fnClass(0, Infinity, (args, _bctx, name) => {
    if (args.length % 2 === 1) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
    const keys = args.filter((_a, i) => i % 2 === 0).map((a) => strConv(a, false));
    const values = args.filter((_a, i) => i % 2 === 1).map(valueConv);
    const impl = lenientImpl('JSONObjectSig', (vals, ctx) => {
      const entries = new Map<string, JsonNode>();
      for (let i = 0; i < keys.length; i++) {
        const k = vals[2 * i];
        if (k === null || k === undefined) throw sqlError(ER.JSON_DOCUMENT_NULL_KEY);
        const v = vals[2 * i + 1];
        entries.set(keys[i]!(k), v === null || v === undefined ? null : values[i]!(v, ctx).node);
      }
      return new JsonValue(sortedObject(entries));
    });
    return { type: jsonType(), args, impl };
  }),
);

defineFunction(
  'json_array',
  fnClass(0, Infinity, (args) => {
    const values = args.map(valueConv);
    const impl = lenientImpl(
      'JSONArraySig',
      (vals, ctx) => new JsonValue(vals.map((v, i) => (v === null ? null : values[i]!(v, ctx).node))),
    );
    return { type: jsonType(), args, impl };
  }),
);

/** JSON_SET/INSERT/REPLACE(doc, path, value, ...): pairs applied left to right. */
function modifier(sig: string, mode: SetMode) {
  return fnClass(3, Infinity, (args, _bctx, name) => {
    if (args.length % 2 === 0) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
    const doc = docConv(args[0]!, 1, name);
    const paths = args.filter((_a, i) => i % 2 === 1).map((a) => strConv(a, false));
    const values = args.filter((_a, i) => i > 0 && i % 2 === 0).map(valueConv);
    const impl = lenientImpl(sig, (vals, ctx) => {
      if (vals[0] === null) return null;
      let d = doc(vals[0]!, ctx);
      for (let i = 0; i < paths.length; i++) {
        const p = vals[2 * i + 1];
        if (p === null || p === undefined) return null;
        const v = vals[2 * i + 2];
        d = setPath(d, paths[i]!(p), v === null || v === undefined ? JsonValue.NULL : values[i]!(v, ctx), mode);
      }
      return d;
    });
    return { type: jsonType(), args, impl };
  });
}
defineFunction('json_set', modifier('JSONSetSig', 'set'));
defineFunction('json_insert', modifier('JSONInsertSig', 'insert'));
defineFunction('json_replace', modifier('JSONReplaceSig', 'replace'));

defineFunction(
  'json_remove',
  fnClass(2, Infinity, (args) => {
    const doc = docConv(args[0]!, 1, 'json_remove');
    const paths = args.slice(1).map((a) => strConv(a, false));
    const impl = strictImpl('JSONRemoveSig', (vals, ctx) => {
      let d = doc(vals[0]!, ctx);
      for (let i = 0; i < paths.length; i++) {
        const text = paths[i]!(vals[i + 1]!);
        if (text.trim() === '$') throw sqlError(ER.INVALID_JSON_PATH_WILDCARD);
        d = removePath(d, text);
      }
      return d;
    });
    return { type: jsonType(), args, impl };
  }),
);

defineFunction(
  'json_array_append',
  fnClass(3, Infinity, (args, _bctx, name) => {
    if (args.length % 2 === 0) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
    const doc = docConv(args[0]!, 1, name);
    const paths = args.filter((_a, i) => i % 2 === 1).map((a) => strConv(a, false));
    const values = args.filter((_a, i) => i > 0 && i % 2 === 0).map(valueConv);
    const impl = lenientImpl('JSONArrayAppendSig', (vals, ctx) => {
      if (vals[0] === null) return null;
      let d = doc(vals[0]!, ctx);
      for (let i = 0; i < paths.length; i++) {
        const p = vals[2 * i + 1];
        if (p === null || p === undefined) return null;
        const text = paths[i]!(p);
        const found = selectAll(d.node, parsePath(text));
        if (found.length === 0) continue;
        const v = vals[2 * i + 2];
        const item = v === null || v === undefined ? null : values[i]!(v, ctx).node;
        const cur = found[0]!;
        const next = Array.isArray(cur) ? [...cur, item] : [cur, item];
        d = text.trim() === '$' ? new JsonValue(next) : setPath(d, text, new JsonValue(next), 'replace');
      }
      return d;
    });
    return { type: jsonType(), args, impl };
  }),
);

/** RFC 7396 merge: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target: JsonNode, patch: JsonNode): JsonNode {
  if (!isObject(patch)) return patch;
  const out = new Map<string, JsonNode>(isObject(target) ? target : []);
  for (const [k, v] of patch) {
    if (v === null) out.delete(k);
    else out.set(k, mergePatch(out.get(k) ?? null, v));
  }
  return sortedObject(out);
}

/** JSON_MERGE_PRESERVE: arrays concatenate, objects merge (clashing values merge), scalars wrap. */
export function mergePreserve(a: JsonNode, b: JsonNode): JsonNode {
  if (isObject(a) && isObject(b)) {
    const out = new Map<string, JsonNode>(a);
    for (const [k, v] of b) out.set(k, out.has(k) ? mergePreserve(out.get(k)!, v) : v);
    return sortedObject(out);
  }
  const left = Array.isArray(a) ? a : [a];
  const right = Array.isArray(b) ? b : [b];
  return [...left, ...right];
}

defineFunction(
  'json_merge_patch',
  fnClass(2, Infinity, (args, _bctx, name) => {
    const docs = args.map((a, i) => docConv(a, i + 1, name));
    const impl = lenientImpl('JSONMergePatchSig', (vals, ctx) => {
      // A NULL document stays NULL under an object patch; a non-object patch replaces it.
      let acc: JsonNode | undefined = vals[0] === null ? undefined : docs[0]!(vals[0]!, ctx).node;
      for (let i = 1; i < vals.length; i++) {
        if (vals[i] === null) {
          acc = undefined;
          continue;
        }
        const patch = docs[i]!(vals[i]!, ctx).node;
        if (acc === undefined) acc = isObject(patch) ? undefined : patch;
        else acc = mergePatch(acc, patch);
      }
      return acc === undefined ? null : new JsonValue(acc);
    });
    return { type: jsonType(), args, impl };
  }),
);

function mergePreserveClass(sig: string) {
  return fnClass(2, Infinity, (args, _bctx, name) => {
    const docs = args.map((a, i) => docConv(a, i + 1, name));
    const impl = strictImpl(sig, (vals, ctx) => {
      let acc = docs[0]!(vals[0]!, ctx).node;
      for (let i = 1; i < vals.length; i++) acc = mergePreserve(acc, docs[i]!(vals[i]!, ctx).node);
      return new JsonValue(acc);
    });
    return { type: jsonType(), args, impl };
  });
}
defineFunction('json_merge_preserve', mergePreserveClass('JSONMergePreserveSig'));
defineFunction('json_merge', mergePreserveClass('JSONMergeSig'));
