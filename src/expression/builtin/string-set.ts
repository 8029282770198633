// String builtins that pick from lists: FIELD, ELT, FIND_IN_SET, MAKE_SET and EXPORT_SET.
import { getCollation } from '../../types/collation.js';
import { EvalType, UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import { defineFunction } from '../function.js';
import {
  deriveCollation,
  fnClass,
  intConv,
  intResult,
  lenientImpl,
  realConv,
  smallInt,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';

defineFunction(
  'field',
  fnClass(2, Infinity, (args, bctx) => {
    const ets = args.map((a) => a.evalType);
    if (ets.every((et) => et === EvalType.String)) {
      const coll = deriveCollation(args, bctx);
      const binary = coll.charset === 'binary';
      const convs = args.map((a) => strConv(a, binary));
      const cmp = getCollation(coll.collate) ?? getCollation('utf8mb4_bin')!;
      const impl = lenientImpl('FieldString', (vals) => {
        if (vals[0] === null) return 0;
        const s = convs[0]!(vals[0]);
        for (let i = 1; i < vals.length; i++) {
          if (vals[i] !== null && cmp.compare(s, convs[i]!(vals[i]!)) === 0) return i;
        }
        return 0;
      });
      return { type: intResult(3), args, impl };
    }
    const allInt = ets.every((et) => et === EvalType.Int);
    const convs = args.map((a) => (allInt ? intConv(a) : realConv(a)));
    const impl = lenientImpl(allInt ? 'FieldInt' : 'FieldReal', (vals, ctx) => {
      if (vals[0] === null) return 0;
      const x = convs[0]!(vals[0], ctx);
      for (let i = 1; i < vals.length; i++) {
        // == compares a number with a bigint by value.
        // biome-ignore lint/suspicious/noDoubleEquals: mixed number/bigint Int values
        if (vals[i] !== null && convs[i]!(vals[i]!, ctx) == x) return i;
      }
      return 0;
    });
    return { type: intResult(3), args, impl };
  }),
);

defineFunction(
  'elt',
  fnClass(2, Infinity, (args, bctx) => {
    const strs = args.slice(1);
    const coll = deriveCollation(strs, bctx);
    const binary = coll.charset === 'binary';
    const convs = strs.map((a) => strConv(a, binary));
    const index = intConv(args[0]!);
    let flen = 0;
    for (const a of strs) flen = Math.max(flen, a.type.flen === UNSPECIFIED ? Infinity : a.type.flen);
    const impl = lenientImpl('Elt', (vals, ctx) => {
      if (vals[0] === null) return null;
      const n = smallInt(index(vals[0], ctx));
      if (n < 1 || n > convs.length) return null;
      const v = vals[n];
      return v === null || v === undefined ? null : convs[n - 1]!(v);
    });
    return { type: stringResult(flen === Infinity ? UNSPECIFIED : flen, coll), args, impl };
  }),
);

defineFunction(
  'find_in_set',
  fnClass(2, 2, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const [sc, lc] = [strConv(args[0]!, binary), strConv(args[1]!, binary)];
    const cmp = getCollation(coll.collate) ?? getCollation('utf8mb4_bin')!;
    const impl = strictImpl('FindInSet', ([s, l]) => {
      const needle = sc(s!);
      const list = lc(l!);
      if (list === '' || needle.includes(',')) return 0;
      const items = list.split(',');
      for (let i = 0; i < items.length; i++) if (cmp.compare(items[i]!, needle) === 0) return i + 1;
      return 0;
    });
    return { type: intResult(3), args, impl };
  }),
);

function bitsOf(v: number | bigint): bigint {
  return BigInt.asUintN(64, BigInt(v));
}

defineFunction(
  'make_set',
  fnClass(2, Infinity, (args, bctx) => {
    const strs = args.slice(1);
    const coll = deriveCollation(strs, bctx);
    const binary = coll.charset === 'binary';
    const convs = strs.map((a) => strConv(a, binary));
    const bitsConv = intConv(args[0]!, true);
    const impl = lenientImpl('MakeSet', (vals, ctx) => {
      if (vals[0] === null) return null;
      const bits = bitsOf(bitsConv(vals[0], ctx));
      const parts: string[] = [];
      for (let i = 0; i < convs.length && i < 64; i++) {
        const v: Value = vals[i + 1]!;
        if (v !== null && ((bits >> BigInt(i)) & 1n) === 1n) parts.push(convs[i]!(v));
      }
      return parts.join(',');
    });
    return { type: stringResult(UNSPECIFIED, coll), args, impl };
  }),
);

defineFunction(
  'export_set',
  fnClass(3, 5, (args, bctx) => {
    const strs = args.slice(1, 4);
    const coll = deriveCollation(strs, bctx);
    const binary = coll.charset === 'binary';
    const [onC, offC] = [strConv(args[1]!, binary), strConv(args[2]!, binary)];
    const sepC = args[3] ? strConv(args[3], binary) : undefined;
    const countC = args[4] ? intConv(args[4]) : undefined;
    const bitsConv = intConv(args[0]!, true);
    const impl = strictImpl(`ExportSet${args.length}Arg`, (vals, ctx) => {
      const bits = bitsOf(bitsConv(vals[0]!, ctx));
      const on = onC(vals[1]!);
      const off = offC(vals[2]!);
      const sep = sepC ? sepC(vals[3]!) : ',';
      let n = countC ? smallInt(countC(vals[4]!, ctx)) : 64;
      if (n < 0 || n > 64) n = 64;
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(((bits >> BigInt(i)) & 1n) === 1n ? on : off);
      return parts.join(sep);
    });
    return { type: stringResult(UNSPECIFIED, coll), args, impl };
  }),
);
