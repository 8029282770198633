// String builtins that work on character positions: SUBSTRING, LEFT, RIGHT, TRIM, LPAD/RPAD,
// INSERT, SUBSTRING_INDEX, INSTR and LOCATE. Positions count characters (code points) for
// character strings and bytes for binary strings.
import { type Collation, getCollation } from '../../types/collation.js';
import { UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { BuildContext } from '../eval-context.js';
import { Constant, type Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import {
  argCharLen,
  byteLength,
  charLength,
  charSlice,
  charsOf,
  deriveCollation,
  fnClass,
  intConv,
  intResult,
  MAX_ALLOWED_PACKET,
  type StrConv,
  type StringCollation,
  smallInt,
  strConv,
  stringResult,
  strictImpl,
  warnPacketOverflow,
} from './string-common.js';

interface StringOperands {
  coll: StringCollation;
  binary: boolean;
  convs: StrConv[];
}

/** The result collation of the string arguments at the given positions and their converters. */
function stringOperands(args: Expression[], positions: number[], bctx: BuildContext): StringOperands {
  const coll = deriveCollation(
    positions.map((i) => args[i]!),
    bctx,
  );
  const binary = coll.charset === 'binary';
  const convs: StrConv[] = [];
  for (const i of positions) convs[i] = strConv(args[i]!, binary);
  return { coll, binary, convs };
}

/** The start index (0-based) of SUBSTRING's pos in a string of n characters, or -1 for an empty result. */
function substringStart(pos: number, n: number): number {
  if (pos > 0) return pos - 1 < n ? pos - 1 : -1;
  if (pos < 0) return -pos <= n ? n + pos : -1;
  return -1;
}

defineFunction(
  ['substring', 'substr', 'mid'],
  fnClass(2, 3, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0], bctx);
    const conv = convs[0]!;
    const posConv = intConv(args[1]!);
    const type = stringResult(argCharLen(args[0]!), coll);
    const suffix = binary ? '' : 'UTF8';
    if (args.length === 2) {
      const impl = strictImpl(`Substring2Args${suffix}`, ([s, p], ctx) => {
        const str = conv(s!);
        const start = substringStart(smallInt(posConv(p!, ctx)), charLength(str, binary));
        return start < 0 ? '' : charSlice(str, binary, start);
      });
      return { type, args, impl };
    }
    const lenConv = intConv(args[2]!);
    const impl = strictImpl(`Substring3Args${suffix}`, ([s, p, l], ctx) => {
      const str = conv(s!);
      const len = smallInt(lenConv(l!, ctx));
      const start = substringStart(smallInt(posConv(p!, ctx)), charLength(str, binary));
      return start < 0 || len <= 0 ? '' : charSlice(str, binary, start, start + len);
    });
    return { type, args, impl };
  }),
);

function leftRight(sig: string, fromRight: boolean) {
  return fnClass(2, 2, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0], bctx);
    const conv = convs[0]!;
    const lenConv = intConv(args[1]!);
    const impl = strictImpl(sig + (binary ? '' : 'UTF8'), ([s, l], ctx) => {
      const str = conv(s!);
      const len = smallInt(lenConv(l!, ctx));
      if (len <= 0) return '';
      if (!fromRight) return charSlice(str, binary, 0, len);
      const n = charLength(str, binary);
      return len >= n ? str : charSlice(str, binary, n - len);
    });
    return { type: stringResult(argCharLen(args[0]!), coll), args, impl };
  });
}
defineFunction('left', leftRight('Left', false));
defineFunction('right', leftRight('Right', true));

function trimLeading(s: string, rem: string): string {
  if (rem === '') return s;
  let i = 0;
  while (s.startsWith(rem, i)) i += rem.length;
  return s.slice(i);
}

function trimTrailing(s: string, rem: string): string {
  if (rem === '') return s;
  let end = s.length;
  while (end >= rem.length && s.startsWith(rem, end - rem.length)) end -= rem.length;
  return s.slice(0, end);
}

/** TRIM directions as the AST rewriter passes them. */
const TRIM_BOTH = 0;
const TRIM_LEADING = 1;
const TRIM_TRAILING = 2;

function trimBy(s: string, rem: string, direction: number): string {
  if (direction !== TRIM_TRAILING) s = trimLeading(s, rem);
  if (direction !== TRIM_LEADING) s = trimTrailing(s, rem);
  return s;
}

defineFunction(
  'trim',
  fnClass(1, 3, (args, bctx) => {
    const { coll, convs } = stringOperands(args, args.length === 1 ? [0] : [0, 1], bctx);
    const type = stringResult(argCharLen(args[0]!), coll);
    const conv = convs[0]!;
    if (args.length === 1) {
      return { type, args, impl: strictImpl('Trim1Arg', ([s]) => trimBy(conv(s!), ' ', TRIM_BOTH)) };
    }
    const remConv = convs[1]!;
    const dirArg = args[2];
    const direction = dirArg instanceof Constant && dirArg.value !== null ? Number(dirArg.value) : TRIM_BOTH;
    const sig = args.length === 2 ? 'Trim2Args' : 'Trim3Args';
    return { type, args, impl: strictImpl(sig, ([s, r]) => trimBy(conv(s!), remConv(r!), direction)) };
  }),
);
defineFunction(
  'ltrim',
  fnClass(1, 1, (args, bctx) => {
    const { coll, convs } = stringOperands(args, [0], bctx);
    const conv = convs[0]!;
    const impl = strictImpl('LTrim', ([s]) => trimLeading(conv(s!), ' '));
    return { type: stringResult(argCharLen(args[0]!), coll), args, impl };
  }),
);
defineFunction(
  'rtrim',
  fnClass(1, 1, (args, bctx) => {
    const { coll, convs } = stringOperands(args, [0], bctx);
    const conv = convs[0]!;
    const impl = strictImpl('RTrim', ([s]) => trimTrailing(conv(s!), ' '));
    return { type: stringResult(argCharLen(args[0]!), coll), args, impl };
  }),
);

function pad(sig: string, left: boolean) {
  return fnClass(3, 3, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0, 2], bctx);
    const [conv, padConv] = [convs[0]!, convs[2]!];
    const lenConv = intConv(args[1]!);
    const lenArg = args[1];
    const flen =
      lenArg instanceof Constant && typeof lenArg.value === 'number' ? Math.max(lenArg.value, 0) : UNSPECIFIED;
    const impl = strictImpl(sig + (binary ? '' : 'UTF8'), ([s, l, p], ctx) => {
      const str = conv(s!);
      const len = smallInt(lenConv(l!, ctx));
      if (len < 0) return null;
      if (len > MAX_ALLOWED_PACKET) return warnPacketOverflow(ctx, sig.toLowerCase());
      const n = charLength(str, binary);
      if (len <= n) return charSlice(str, binary, 0, len);
      const padStr = padConv(p!);
      if (padStr === '') return null;
      const padChars = charsOf(padStr, binary);
      const need = len - n;
      const whole = Math.floor(need / padChars.length);
      const part = need % padChars.length;
      const fill =
        padStr.repeat(whole) +
        (typeof padChars === 'string' ? padChars.slice(0, part) : padChars.slice(0, part).join(''));
      if (byteLength(fill, binary) + byteLength(str, binary) > MAX_ALLOWED_PACKET) {
        return warnPacketOverflow(ctx, sig.toLowerCase());
      }
      return left ? fill + str : str + fill;
    });
    return { type: stringResult(flen, coll), args, impl };
  });
}
defineFunction('lpad', pad('Lpad', true));
defineFunction('rpad', pad('Rpad', false));

defineFunction(
  'insert',
  fnClass(4, 4, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0, 3], bctx);
    const [conv, newConv] = [convs[0]!, convs[3]!];
    const [posConv, lenConv] = [intConv(args[1]!), intConv(args[2]!)];
    const impl = strictImpl(binary ? 'Insert' : 'InsertUTF8', ([s, p, l, r], ctx) => {
      const str = conv(s!);
      const pos = smallInt(posConv(p!, ctx));
      const len = smallInt(lenConv(l!, ctx));
      const n = charLength(str, binary);
      if (pos < 1 || pos > n) return str;
      const end = len < 0 || len > n - pos + 1 ? n : pos - 1 + len;
      return charSlice(str, binary, 0, pos - 1) + newConv(r!) + charSlice(str, binary, end);
    });
    return { type: stringResult(UNSPECIFIED, coll), args, impl };
  }),
);

defineFunction(
  'substring_index',
  fnClass(3, 3, (args, bctx) => {
    const { coll, convs } = stringOperands(args, [0, 1], bctx);
    const [conv, delimConv] = [convs[0]!, convs[1]!];
    const countConv = intConv(args[2]!);
    const impl = strictImpl('SubstringIndex', ([s, d, c], ctx) => {
      const str = conv(s!);
      const delim = delimConv(d!);
      const count = smallInt(countConv(c!, ctx));
      if (delim === '' || count === 0) return '';
      const parts = str.split(delim);
      if (count > 0) return count >= parts.length ? str : parts.slice(0, count).join(delim);
      return -count >= parts.length ? str : parts.slice(parts.length + count).join(delim);
    });
    return { type: stringResult(argCharLen(args[0]!), coll), args, impl };
  }),
);

/** Case- and accent-aware equality comes from the collation; _bin and binary compare exactly. */
function searchCollation(coll: StringCollation): Collation | undefined {
  if (coll.collate === 'binary' || coll.collate.endsWith('_bin')) return undefined;
  return getCollation(coll.collate);
}

/** 0-based character index of needle in hay at or after `from`, or -1. */
export function findChars(hay: string, needle: string, from: number, binary: boolean, cmp?: Collation): number {
  const hc = charsOf(hay, binary);
  const nc = charsOf(needle, binary);
  if (!cmp && typeof hc === 'string' && typeof nc === 'string') return hay.indexOf(needle, from);
  const hs = typeof hc === 'string' ? hc.split('') : hc;
  const ns = typeof nc === 'string' ? nc.split('') : nc;
  const target = ns.join('');
  for (let i = from; i + ns.length <= hs.length; i++) {
    const window = hs.slice(i, i + ns.length).join('');
    if (cmp ? cmp.compare(window, target) === 0 : window === target) return i;
  }
  return -1;
}

function locateIn(hay: string, needle: string, startPos: number, binary: boolean, cmp: Collation | undefined): number {
  if (startPos < 1) return 0;
  const n = charLength(hay, binary);
  if (needle === '') return startPos <= n + 1 ? startPos : 0;
  if (startPos > n) return 0;
  return findChars(hay, needle, startPos - 1, binary, cmp) + 1;
}

defineFunction(
  'instr',
  fnClass(2, 2, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0, 1], bctx);
    const [hayConv, needleConv] = [convs[0]!, convs[1]!];
    const cmp = searchCollation(coll);
    const impl = strictImpl(binary ? 'Instr' : 'InstrUTF8', ([h, n]) =>
      locateIn(hayConv(h!), needleConv(n!), 1, binary, cmp),
    );
    return { type: intResult(11), args, impl };
  }),
);

defineFunction(
  'locate',
  fnClass(2, 3, (args, bctx) => {
    const { coll, binary, convs } = stringOperands(args, [0, 1], bctx);
    const [needleConv, hayConv] = [convs[0]!, convs[1]!];
    const cmp = searchCollation(coll);
    const sig = `Locate${args.length}Args${binary ? '' : 'UTF8'}`;
    if (args.length === 2) {
      const impl = strictImpl(sig, ([n, h]) => locateIn(hayConv(h!), needleConv(n!), 1, binary, cmp));
      return { type: intResult(11), args, impl };
    }
    const posConv = intConv(args[2]!);
    const impl = strictImpl(sig, ([n, h, p]: Value[], ctx) =>
      locateIn(hayConv(h!), needleConv(n!), smallInt(posConv(p!, ctx)), binary, cmp),
    );
    return { type: intResult(11), args, impl };
  }),
);
