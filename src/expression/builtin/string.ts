// String builtins: concatenation, lengths, case mapping, REPEAT/SPACE/REPLACE/REVERSE, STRCMP,
// QUOTE and SOUNDEX.
import { getCollation } from '../../types/collation.js';
import { UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import {
  addLens,
  argCharLen,
  byteLength,
  charLength,
  charsOf,
  deriveCollation,
  fnClass,
  intConv,
  intResult,
  isBinaryExpr,
  lenientImpl,
  MAX_ALLOWED_PACKET,
  smallInt,
  strConv,
  stringResult,
  strictImpl,
  warnPacketOverflow,
} from './string-common.js';

defineFunction(
  'concat',
  fnClass(1, Infinity, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const convs = args.map((a) => strConv(a, binary));
    const type = stringResult(addLens(...args.map(argCharLen)), coll);
    const impl = strictImpl('Concat', (vals) => {
      let s = '';
      for (let i = 0; i < vals.length; i++) s += convs[i]!(vals[i]!);
      return s;
    });
    return { type, args, impl };
  }),
);

defineFunction(
  'concat_ws',
  fnClass(2, Infinity, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const convs = args.map((a) => strConv(a, binary));
    const sepLen = argCharLen(args[0]!);
    const rest = args.slice(1).map(argCharLen);
    const flen = addLens(...rest, sepLen === UNSPECIFIED ? UNSPECIFIED : sepLen * (rest.length - 1));
    const impl = lenientImpl('ConcatWS', (vals) => {
      if (vals[0] === null) return null;
      const sep = convs[0]!(vals[0]!);
      const parts: string[] = [];
      for (let i = 1; i < vals.length; i++) if (vals[i] !== null) parts.push(convs[i]!(vals[i]!));
      return parts.join(sep);
    });
    return { type: stringResult(flen, coll), args, impl };
  }),
);

/** Arguments of numeric and temporal types measured as their string form. */
function stringArg(e: Expression): { conv: (v: Value) => string; binary: boolean } {
  return { conv: strConv(e), binary: isBinaryExpr(e) };
}

defineFunction(
  ['length', 'octet_length'],
  fnClass(1, 1, (args) => {
    const { conv, binary } = stringArg(args[0]!);
    return { type: intResult(10), args, impl: strictImpl('Length', ([v]) => byteLength(conv(v!), binary)) };
  }),
);

defineFunction(
  'bit_length',
  fnClass(1, 1, (args) => {
    const { conv, binary } = stringArg(args[0]!);
    return { type: intResult(10), args, impl: strictImpl('BitLength', ([v]) => 8 * byteLength(conv(v!), binary)) };
  }),
);

defineFunction(
  ['char_length', 'character_length'],
  fnClass(1, 1, (args) => {
    const { conv, binary } = stringArg(args[0]!);
    const sig = binary ? 'CharLength' : 'CharLengthUTF8';
    return { type: intResult(10), args, impl: strictImpl(sig, ([v]) => charLength(conv(v!), binary)) };
  }),
);

/** LOWER/UPPER: binary strings are returned unchanged, as in MySQL. */
function caseFunction(sigBase: string, map: (s: string) => string) {
  return fnClass(1, 1, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const conv = strConv(args[0]!, binary);
    const type = stringResult(argCharLen(args[0]!), coll);
    if (binary) return { type, args, impl: strictImpl(sigBase, ([v]) => conv(v!)) };
    return { type, args, impl: strictImpl(`${sigBase}UTF8`, ([v]) => map(conv(v!))) };
  });
}
defineFunction(
  ['lower', 'lcase'],
  caseFunction('Lower', (s) => s.toLowerCase()),
);
defineFunction(
  ['upper', 'ucase'],
  caseFunction('Upper', (s) => s.toUpperCase()),
);

defineFunction(
  'reverse',
  fnClass(1, 1, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const conv = strConv(args[0]!, binary);
    const impl = strictImpl(binary ? 'Reverse' : 'ReverseUTF8', ([v]) => {
      const cs = charsOf(conv(v!), binary);
      return (typeof cs === 'string' ? cs.split('') : cs).reverse().join('');
    });
    return { type: stringResult(argCharLen(args[0]!), coll), args, impl };
  }),
);

defineFunction(
  'repeat',
  fnClass(2, 2, (args, bctx) => {
    const coll = deriveCollation([args[0]!], bctx);
    const binary = coll.charset === 'binary';
    const conv = strConv(args[0]!, binary);
    const count = intConv(args[1]!);
    const impl = strictImpl('Repeat', ([v, n], ctx) => {
      const s = conv(v!);
      const times = smallInt(count(n!, ctx));
      if (times < 1 || s === '') return '';
      if (byteLength(s, binary) * times > MAX_ALLOWED_PACKET) return warnPacketOverflow(ctx, 'repeat');
      return s.repeat(times);
    });
    return { type: stringResult(UNSPECIFIED, coll), args, impl };
  }),
);

defineFunction(
  'space',
  fnClass(1, 1, (args, bctx) => {
    const count = intConv(args[0]!);
    const impl = strictImpl('Space', ([n], ctx) => {
      const times = smallInt(count(n!, ctx));
      if (times < 1) return '';
      if (times > MAX_ALLOWED_PACKET) return warnPacketOverflow(ctx, 'space');
      return ' '.repeat(times);
    });
    return {
      type: stringResult(UNSPECIFIED, { charset: bctx.connectionCharset, collate: bctx.connectionCollation }),
      args,
      impl,
    };
  }),
);

defineFunction(
  'replace',
  fnClass(3, 3, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const [s, from, to] = args.map((a) => strConv(a, binary)) as [
      (v: Value) => string,
      (v: Value) => string,
      (v: Value) => string,
    ];
    const impl = strictImpl('Replace', ([a, b, c]) => {
      const needle = from(b!);
      const str = s(a!);
      return needle === '' ? str : str.split(needle).join(to(c!));
    });
    return { type: stringResult(UNSPECIFIED, coll), args, impl };
  }),
);

defineFunction(
  'strcmp',
  fnClass(2, 2, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const binary = coll.charset === 'binary';
    const [ca, cb] = [strConv(args[0]!, binary), strConv(args[1]!, binary)];
    const cmp = getCollation(coll.collate) ?? getCollation('utf8mb4_bin')!;
    const impl = strictImpl('Strcmp', ([a, b]) => Math.sign(cmp.compare(ca(a!), cb(b!))));
    return { type: intResult(2), args, impl };
  }),
);

const QUOTE_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\0': '\\0', '\x1a': '\\Z' };

defineFunction(
  'quote',
  fnClass(1, 1, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const conv = strConv(args[0]!, coll.charset === 'binary');
    const len = argCharLen(args[0]!);
    const impl = lenientImpl('Quote', ([v]) => {
      if (v === null) return 'NULL';
      return `'${conv(v).replace(/[\\'\0\x1a]/g, (c) => QUOTE_ESCAPES[c]!)}'`;
    });
    return { type: stringResult(len === UNSPECIFIED ? UNSPECIFIED : 2 * len + 2, coll), args, impl };
  }),
);

// Letter codes A..Z; vowels, H, W and Y are 0 and separate repeated codes (MySQL's variant).
const SOUNDEX_CODES = '01230120022455012623010202';

function soundex(s: string): string {
  let out = '';
  let last = '';
  for (const ch of s) {
    const up = ch.toUpperCase();
    const code = up.charCodeAt(0) - 65;
    if (up.length !== 1 || code < 0 || code > 25) continue;
    const digit = SOUNDEX_CODES[code]!;
    if (out === '') out = up;
    else if (digit !== '0' && digit !== last) out += digit;
    last = digit;
  }
  return out === '' ? '' : out.padEnd(4, '0');
}

defineFunction(
  'soundex',
  fnClass(1, 1, (args, bctx) => {
    const coll = deriveCollation(args, bctx);
    const conv = strConv(args[0]!, coll.charset === 'binary');
    return {
      type: stringResult(argCharLen(args[0]!), coll),
      args,
      impl: strictImpl('Soundex', ([v]) => soundex(conv(v!))),
    };
  }),
);
