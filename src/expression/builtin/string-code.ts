// String builtins about encodings and number rendering: ASCII, ORD, CHAR, HEX, UNHEX, BIN, OCT,
// TO_BASE64, FROM_BASE64 and FORMAT.
import { ER, warningFrom } from '../../errors/index.js';
import { toDecimal } from '../../types/convert.js';
import { Decimal } from '../../types/decimal.js';
import { EvalType, UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { Constant, type Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import {
  BINARY_COLLATION,
  argCharLen,
  binaryToUtf8,
  bytesOf,
  connectionCollation,
  fnClass,
  intConv,
  intResult,
  isBinaryExpr,
  isValidUtf8,
  lenientImpl,
  smallInt,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';

/** The bytes of an argument's string form. */
function bytesConv(e: Expression): (v: Value) => Buffer {
  const conv = strConv(e);
  const binary = isBinaryExpr(e);
  return (v) => bytesOf(conv(v), binary);
}

defineFunction(
  'ascii',
  fnClass(1, 1, (args) => {
    const bytes = bytesConv(args[0]!);
    return { type: intResult(3), args, impl: strictImpl('ASCII', ([v]) => bytes(v!)[0] ?? 0) };
  }),
);

/** Length of the UTF-8 sequence that starts with byte b. */
function utf8SeqLen(b: number): number {
  return b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
}

defineFunction(
  'ord',
  fnClass(1, 1, (args) => {
    const bytes = bytesConv(args[0]!);
    const binary = isBinaryExpr(args[0]!);
    const impl = strictImpl('Ord', ([v]) => {
      const b = bytes(v!);
      if (b.length === 0) return 0;
      const n = binary ? 1 : Math.min(utf8SeqLen(b[0]!), b.length);
      let code = 0;
      for (let i = 0; i < n; i++) code = code * 256 + b[i]!;
      return code;
    });
    return { type: intResult(10), args, impl };
  }),
);

const CHARSET_NAMES = new Set(['utf8mb4', 'utf8', 'utf8mb3', 'binary', 'latin1', 'ascii', 'gbk']);

/** CHAR(N, ... [USING cs]): the rewriter passes the charset as a trailing string constant. */
function charUsing(args: Expression[]): string | undefined {
  const last = args[args.length - 1];
  if (args.length < 2 || !(last instanceof Constant) || typeof last.value !== 'string') return undefined;
  const cs = last.value.toLowerCase();
  return CHARSET_NAMES.has(cs) ? cs : undefined;
}

/** The bytes CHAR() emits for one integer: its 32-bit value without leading zero bytes. */
function charBytes(n: number | bigint): string {
  const u = Number(BigInt.asUintN(32, BigInt(n)));
  let s = '';
  if (u > 0xffffff) s += String.fromCharCode((u >>> 24) & 0xff);
  if (u > 0xffff) s += String.fromCharCode((u >>> 16) & 0xff);
  if (u > 0xff) s += String.fromCharCode((u >>> 8) & 0xff);
  return s + String.fromCharCode(u & 0xff);
}

defineFunction(
  'char',
  fnClass(1, Infinity, (args) => {
    const using = charUsing(args);
    const nums = using === undefined ? args : args.slice(0, -1);
    const convs = nums.map((a) => intConv(a, true));
    const toChars = using !== undefined && using !== 'binary';
    const coll = toChars
      ? { charset: using, collate: `${using === 'utf8' ? 'utf8mb3' : using}_bin` }
      : BINARY_COLLATION;
    const impl = lenientImpl('Char', (vals, ctx) => {
      let bytes = '';
      for (let i = 0; i < convs.length; i++) {
        const v = vals[i]!;
        if (v !== null) bytes += charBytes(convs[i]!(v, ctx));
      }
      if (!toChars) return bytes;
      if (!isValidUtf8(bytes)) {
        const hex = Buffer.from(bytes, 'latin1').toString('hex').toUpperCase();
        ctx.appendWarning(warningFrom(ER.INVALID_CHARACTER_STRING, using, hex));
        return null;
      }
      return binaryToUtf8(bytes);
    });
    return { type: stringResult(4 * nums.length, coll), args, impl };
  }),
);

function isNumeric(e: Expression): boolean {
  const et = e.evalType;
  return et === EvalType.Int || et === EvalType.Real || et === EvalType.Decimal;
}

defineFunction(
  'hex',
  fnClass(1, 1, (args, bctx) => {
    const arg = args[0]!;
    const coll = connectionCollation(bctx);
    if (isNumeric(arg)) {
      const conv = intConv(arg);
      const impl = strictImpl('HexIntArg', ([v], ctx) =>
        BigInt.asUintN(64, BigInt(conv(v!, ctx)))
          .toString(16)
          .toUpperCase(),
      );
      return { type: stringResult(16, coll), args, impl };
    }
    const bytes = bytesConv(arg);
    const len = argCharLen(arg);
    const impl = strictImpl('HexStrArg', ([v]) => bytes(v!).toString('hex').toUpperCase());
    return { type: stringResult(len === UNSPECIFIED ? UNSPECIFIED : len * 2 * 4, coll), args, impl };
  }),
);

const HEX_TEXT = /^[0-9a-fA-F]*$/;

defineFunction(
  'unhex',
  fnClass(1, 1, (args) => {
    const conv = strConv(args[0]!, false);
    const len = argCharLen(args[0]!);
    const impl = strictImpl('UnHex', ([v]) => {
      let s = conv(v!);
      if (!HEX_TEXT.test(s)) return null;
      if (s.length % 2 === 1) s = `0${s}`;
      return Buffer.from(s, 'hex').toString('latin1');
    });
    return { type: stringResult(len === UNSPECIFIED ? UNSPECIFIED : Math.ceil(len / 2), BINARY_COLLATION), args, impl };
  }),
);

function radixFunction(sig: string, radix: number, flen: number) {
  return fnClass(1, 1, (args, bctx) => {
    const conv = intConv(args[0]!);
    const impl = strictImpl(sig, ([v], ctx) => BigInt.asUintN(64, BigInt(conv(v!, ctx))).toString(radix));
    return { type: stringResult(flen, connectionCollation(bctx)), args, impl };
  });
}
defineFunction('bin', radixFunction('Bin', 2, 64));
defineFunction('oct', radixFunction('OctInt', 8, 22));

defineFunction(
  'to_base64',
  fnClass(1, 1, (args, bctx) => {
    const bytes = bytesConv(args[0]!);
    const len = argCharLen(args[0]!);
    const impl = strictImpl('ToBase64', ([v]) => {
      const b64 = bytes(v!).toString('base64');
      // MySQL breaks the output into lines of 76 characters.
      return b64.length <= 76 ? b64 : (b64.match(/.{1,76}/g) ?? []).join('\n');
    });
    const flen = len === UNSPECIFIED ? UNSPECIFIED : Math.ceil((len * 4) / 3) * 4;
    return { type: stringResult(flen, connectionCollation(bctx)), args, impl };
  }),
);

const BASE64_TEXT = /^[A-Za-z0-9+/]*={0,2}$/;

defineFunction(
  'from_base64',
  fnClass(1, 1, (args) => {
    const conv = strConv(args[0]!, false);
    const impl = strictImpl('FromBase64', ([v]) => {
      const s = conv(v!).replace(/[\s]/g, '');
      if (s.length % 4 !== 0 || !BASE64_TEXT.test(s)) return null;
      return Buffer.from(s, 'base64').toString('latin1');
    });
    return { type: stringResult(argCharLen(args[0]!), BINARY_COLLATION), args, impl };
  }),
);

/** Thousands and decimal separators of the locales FORMAT knows. */
const LOCALE_SEPARATORS: Record<string, readonly [string, string]> = {
  en_us: [',', '.'],
  de_de: ['.', ','],
  it_it: ['.', ','],
  es_es: ['.', ','],
  fr_fr: [' ', ','],
  de_ch: ["'", '.'],
};

const MAX_FORMAT_DECIMALS = 30;

/** Groups the integer digits of a plain decimal string by thousands. */
export function formatNumberText(text: string, thousands: string, point: string): string {
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const intPart = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, thousands);
  return (neg ? '-' : '') + grouped + (frac === '' ? '' : point + frac);
}

function localeSeparators(locale: string, ctx: EvalContext): readonly [string, string] {
  const seps = LOCALE_SEPARATORS[locale.toLowerCase()];
  if (seps) return seps;
  ctx.appendWarning({ level: 'Warning', code: 1649, message: `Unknown locale: '${locale}'` });
  return LOCALE_SEPARATORS.en_us!;
}

defineFunction(
  'format',
  fnClass(2, 3, (args, bctx) => {
    const [x, d] = args as [Expression, Expression];
    const real = x.evalType === EvalType.Real;
    const decConv = intConv(d);
    const localeConv = args[2] ? strConv(args[2], false) : undefined;
    const impl = (args.length === 2 ? strictImpl : lenientImpl)(
      args.length === 2 ? 'Format' : 'FormatWithLocale',
      ([xv, dv, lv], ctx) => {
        if (xv === null || dv === null) return null;
        const decimals = Math.min(Math.max(smallInt(decConv(dv!, ctx)), 0), MAX_FORMAT_DECIMALS);
        const num = real ? Decimal.fromNumber(xv as number) : toDecimal(xv!, ctx);
        const seps: readonly [string, string] =
          localeConv && lv !== null && lv !== undefined ? localeSeparators(localeConv(lv), ctx) : [',', '.'];
        return formatNumberText(num.round(decimals).toString(), seps[0], seps[1]);
      },
    );
    return { type: stringResult(UNSPECIFIED, connectionCollation(bctx)), args, impl };
  }),
);
