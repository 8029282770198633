// Mathematical functions: ABS, CEIL, FLOOR, ROUND, TRUNCATE, SIGN, SQRT, POW, EXP, LN, LOG*,
// trigonometry, PI, RAND (MySQL's generator for seeded RAND(N)), CRC32 and CONV.
import { ER, type ErrorSpec, sqlError, warningFrom } from '../../errors/index.js';
import type { Decimal } from '../../types/decimal.js';
import {
  EvalType,
  type FieldType,
  Flag,
  MAX_DECIMAL_SCALE,
  newFieldType,
  TypeCode,
  UNSPECIFIED,
} from '../../types/field-type.js';
import { normalizeInt, type Row, type Value } from '../../types/value.js';
import type { BuildContext, EvalContext } from '../eval-context.js';
import { Constant, type Expression } from '../expression.js';
import { defineFunction, type FunctionClass } from '../function.js';
import { castToEvalType } from './cast.js';
import {
  decimalFromType,
  decimalType,
  doubleType,
  INT64_MIN,
  intType,
  isUnsignedType,
  makeImpl,
  numericEvalType,
  realArgType,
  unary,
  UINT64_MAX,
  withNotNullFrom,
} from './impl-util.js';

const INVALID_LOG: ErrorSpec = ER.INVALID_ARGUMENT_FOR_LOGARITHM;

function fnLabel(name: string, args: readonly Expression[]): () => string {
  return () => `${name}(${args.map((a) => a.toString()).join(', ')})`;
}

function realOut(x: number, label: () => string): number {
  if (!Number.isFinite(x)) throw sqlError(ER.DATA_OUT_OF_RANGE, 'DOUBLE', label());
  return x;
}

/** A DOUBLE function of DOUBLE arguments; body returns null for domain errors. */
function realFunction(
  sig: string,
  arity: number,
  body: (xs: number[], ctx: EvalContext, label: () => string) => number | null,
): FunctionClass {
  return {
    minArgs: arity,
    maxArgs: arity,
    build(args, bctx, name) {
      const label = fnLabel(name, args);
      return {
        type: doubleType(),
        args: args.map((a) => castToEvalType(a, EvalType.Real, bctx)),
        impl: makeImpl(sig, (fns) => (row, ctx) => {
          const xs: number[] = [];
          for (const f of fns) {
            const v = f(row, ctx);
            if (v === null) return null;
            xs.push(v as number);
          }
          return body(xs, ctx, label);
        }),
      };
    },
  };
}

function numericArg(arg: Expression): EvalType {
  return numericEvalType(arg.type);
}

defineFunction('abs', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx, name) {
    const arg = args[0]!;
    const et = numericArg(arg);
    const carg = castToEvalType(arg, et, bctx);
    const label = fnLabel(name, args);
    if (et === EvalType.Int) {
      const unsigned = isUnsignedType(arg.type);
      return {
        type: withNotNullFrom(intType(unsigned), args),
        args: [carg],
        impl: makeImpl(
          unsigned ? 'AbsUInt' : 'AbsInt',
          unary((v) => {
            if (typeof v === 'number') return Math.abs(v);
            if ((v as bigint) === INT64_MIN) throw sqlError(ER.DATA_OUT_OF_RANGE, 'BIGINT', label());
            return (v as bigint) < 0n ? normalizeInt(-(v as bigint)) : v;
          }),
        ),
      };
    }
    if (et === EvalType.Decimal) {
      const d = decimalFromType(arg.type);
      return {
        type: withNotNullFrom(decimalType(d.flen, d.decimal), args),
        args: [carg],
        impl: makeImpl(
          'AbsDecimal',
          unary((v) => (v as Decimal).abs()),
        ),
      };
    }
    return {
      type: withNotNullFrom(realArgType(arg.type), args),
      args: [carg],
      impl: makeImpl(
        'AbsReal',
        unary((v) => Math.abs(v as number)),
      ),
    };
  },
});

/** CEIL/FLOOR: INT stays INT; DECIMAL becomes BIGINT when the integer part fits, else DECIMAL(n,0). */
function ceilFloorClass(prefix: string, up: boolean): FunctionClass {
  return {
    minArgs: 1,
    maxArgs: 1,
    build(args, bctx) {
      const arg = args[0]!;
      const et = numericArg(arg);
      const carg = castToEvalType(arg, et, bctx);
      if (et === EvalType.Int) {
        return {
          type: withNotNullFrom(intType(isUnsignedType(arg.type)), args),
          args: [carg],
          impl: makeImpl(`${prefix}IntToInt`, ([f]) => f!),
        };
      }
      if (et === EvalType.Real) {
        return {
          type: withNotNullFrom(doubleType(), args),
          args: [carg],
          impl: makeImpl(
            `${prefix}Real`,
            unary((v) => (up ? Math.ceil(v as number) : Math.floor(v as number))),
          ),
        };
      }
      const d = decimalFromType(arg.type);
      const intDigits = d.flen - Math.max(d.decimal, 0) + 1;
      const round = (v: Value) => (up ? (v as Decimal).ceil() : (v as Decimal).floor());
      if (intDigits <= 18) {
        return {
          type: withNotNullFrom(intType(isUnsignedType(arg.type)), args),
          args: [carg],
          impl: makeImpl(
            `${prefix}DecToInt`,
            unary((v) => normalizeInt(round(v).coef)),
          ),
        };
      }
      return {
        type: withNotNullFrom(decimalType(intDigits, 0), args),
        args: [carg],
        impl: makeImpl(`${prefix}DecToDec`, unary(round)),
      };
    },
  };
}

defineFunction(['ceil', 'ceiling'], ceilFloorClass('Ceil', true));
defineFunction('floor', ceilFloorClass('Floor', false));

/** Round half to even, as C's rint() that MySQL uses for doubles. */
function rint(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function roundReal(x: number, frac: number, truncate: boolean): number {
  const shift = 10 ** Math.abs(frac);
  const scaled = frac >= 0 ? x * shift : x / shift;
  if (!Number.isFinite(scaled)) return x;
  const r = truncate ? Math.trunc(scaled) : rint(scaled);
  return frac >= 0 ? r / shift : r * shift;
}

function roundInt(
  v: number | bigint,
  frac: number,
  truncate: boolean,
  unsigned: boolean,
  label: () => string,
): number | bigint {
  if (frac >= 0) return v;
  if (frac < -20) return 0;
  const p = 10n ** BigInt(-frac);
  const b = BigInt(v);
  let q = b / p;
  const rem = b - q * p;
  if (!truncate && (rem < 0n ? -rem : rem) * 2n >= p) q += b < 0n ? -1n : 1n;
  const r = q * p;
  if (unsigned ? r > UINT64_MAX : r > 9223372036854775807n || r < INT64_MIN) {
    throw sqlError(ER.DATA_OUT_OF_RANGE, unsigned ? 'BIGINT UNSIGNED' : 'BIGINT', label());
  }
  return normalizeInt(r);
}

/** ROUND(x[, d]) and TRUNCATE(x, d). */
function roundClass(sigPrefix: string, truncate: boolean, minArgs: number): FunctionClass {
  return {
    minArgs,
    maxArgs: 2,
    build(args, bctx, name) {
      const arg = args[0]!;
      const et = numericArg(arg);
      const carg = castToEvalType(arg, et, bctx);
      const fracArg = args[1] ? castToEvalType(args[1], EvalType.Int, bctx) : undefined;
      const constFrac =
        fracArg === undefined
          ? 0
          : fracArg instanceof Constant && fracArg.value !== null
            ? Number(fracArg.value)
            : undefined;
      const withFrac = args.length === 2;
      const sig = (s: string) => `${sigPrefix}${withFrac && !truncate ? 'WithFrac' : ''}${s}`;
      const label = fnLabel(name, args);
      const cargs = fracArg ? [carg, fracArg] : [carg];
      const compile =
        (f: (v: Value, frac: number, ctx: EvalContext) => Value) =>
        (fns: ((row: Row, ctx: EvalContext) => Value)[]) =>
        (row: Row, ctx: EvalContext): Value => {
          const v = fns[0]!(row, ctx);
          if (v === null) return null;
          if (fns.length === 1) return f(v, 0, ctx);
          const d = fns[1]!(row, ctx);
          if (d === null) return null;
          return f(v, Math.max(Math.min(Number(d), 1000), -1000), ctx);
        };
      if (et === EvalType.Int) {
        const unsigned = isUnsignedType(arg.type);
        return {
          type: withNotNullFrom(intType(unsigned), args),
          args: cargs,
          impl: makeImpl(
            sig('Int'),
            compile((v, d) => roundInt(v as number | bigint, d, truncate, unsigned, label)),
          ),
        };
      }
      if (et === EvalType.Real) {
        const type = doubleType();
        if (constFrac !== undefined) type.decimal = Math.max(0, Math.min(constFrac, MAX_DECIMAL_SCALE));
        return {
          type: withNotNullFrom(type, args),
          args: cargs,
          impl: makeImpl(
            sig('Real'),
            compile((v, d) => roundReal(v as number, d, truncate)),
          ),
        };
      }
      const dt = decimalFromType(arg.type);
      const scale = constFrac === undefined ? dt.decimal : Math.max(0, Math.min(constFrac, MAX_DECIMAL_SCALE));
      const intDigits = dt.flen - Math.max(dt.decimal, 0);
      const type = decimalType(intDigits + Math.max(scale, 0) + (truncate ? 0 : 1), scale);
      return {
        type: withNotNullFrom(type, args),
        args: cargs,
        impl: makeImpl(
          sig(truncate ? 'Decimal' : 'Dec'),
          compile((v, d) => (truncate ? (v as Decimal).truncate(d) : (v as Decimal).round(d))),
        ),
      };
    },
  };
}

defineFunction('round', roundClass('Round', false, 1));
defineFunction('truncate', roundClass('Truncate', true, 2));

defineFunction('sign', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const et =
      numericArg(args[0]!) === EvalType.Int
        ? EvalType.Int
        : numericArg(args[0]!) === EvalType.Decimal
          ? EvalType.Decimal
          : EvalType.Real;
    return {
      type: withNotNullFrom(intType(), args),
      args: [castToEvalType(args[0]!, et, bctx)],
      impl: makeImpl(
        et === EvalType.Int ? 'SignInt' : et === EvalType.Decimal ? 'SignDecimal' : 'SignReal',
        unary((v) =>
          et === EvalType.Decimal ? (v as Decimal).sign() : (v as number) > 0 ? 1 : (v as number) < 0 ? -1 : 0,
        ),
      ),
    };
  },
});

function logOf(x: number, ctx: EvalContext, f: (x: number) => number): number | null {
  if (x <= 0) {
    ctx.appendWarning(warningFrom(INVALID_LOG));
    return null;
  }
  return f(x);
}

defineFunction(
  'sqrt',
  realFunction('Sqrt', 1, ([x]) => (x! < 0 ? null : Math.sqrt(x!))),
);
defineFunction(
  ['pow', 'power'],
  realFunction('Pow', 2, ([x, y], _c, label) => {
    const r = x! ** y!;
    return Number.isNaN(r) ? null : realOut(r, label);
  }),
);
defineFunction(
  'exp',
  realFunction('Exp', 1, ([x], _c, label) => realOut(Math.exp(x!), label)),
);
defineFunction(
  'ln',
  realFunction('Ln', 1, ([x], ctx) => logOf(x!, ctx, Math.log)),
);
defineFunction(
  'log2',
  realFunction('Log2', 1, ([x], ctx) => logOf(x!, ctx, Math.log2)),
);
defineFunction(
  'log10',
  realFunction('Log10', 1, ([x], ctx) => logOf(x!, ctx, Math.log10)),
);
const log1 = realFunction('Log1Arg', 1, ([x], ctx) => logOf(x!, ctx, Math.log));
const log2 = realFunction('Log2Args', 2, ([b, x], ctx) => {
  if (b! <= 0 || b === 1 || x! <= 0) {
    ctx.appendWarning(warningFrom(INVALID_LOG));
    return null;
  }
  return Math.log(x!) / Math.log(b!);
});
defineFunction('log', {
  minArgs: 1,
  maxArgs: 2,
  build: (args, b, n) => (args.length === 1 ? log1 : log2).build(args, b, n),
});

defineFunction('pi', {
  minArgs: 0,
  maxArgs: 0,
  build() {
    const type = doubleType();
    type.flen = 8;
    type.decimal = 6;
    type.flag |= Flag.NotNull;
    return { type, args: [], impl: makeImpl('PI', () => () => Math.PI) };
  },
});

defineFunction(
  'sin',
  realFunction('Sin', 1, ([x]) => Math.sin(x!)),
);
defineFunction(
  'cos',
  realFunction('Cos', 1, ([x]) => Math.cos(x!)),
);
defineFunction(
  'tan',
  realFunction('Tan', 1, ([x]) => Math.tan(x!)),
);
defineFunction(
  'cot',
  realFunction('Cot', 1, ([x], _c, label) => realOut(1 / Math.tan(x!), label)),
);
defineFunction(
  'asin',
  realFunction('Asin', 1, ([x]) => (x! < -1 || x! > 1 ? null : Math.asin(x!))),
);
defineFunction(
  'acos',
  realFunction('Acos', 1, ([x]) => (x! < -1 || x! > 1 ? null : Math.acos(x!))),
);
const atan1 = realFunction('Atan1Arg', 1, ([x]) => Math.atan(x!));
const atan2 = realFunction('Atan2Args', 2, ([y, x]) => Math.atan2(y!, x!));
defineFunction('atan', {
  minArgs: 1,
  maxArgs: 2,
  build: (args, b, n) => (args.length === 1 ? atan1 : atan2).build(args, b, n),
});
defineFunction('atan2', atan2);
defineFunction(
  'degrees',
  realFunction('Degrees', 1, ([x]) => (x! * 180) / Math.PI),
);
defineFunction(
  'radians',
  realFunction('Radians', 1, ([x]) => (x! * Math.PI) / 180),
);

const RAND_MAX = 0x3fffffff;

/** MySQL's RAND(N) generator: two 30-bit seeds derived from N. */
class MySqlRandom {
  private seed1: number;
  private seed2: number;
  constructor(n: number) {
    const u = Number(BigInt.asUintN(32, BigInt(n)));
    this.seed1 = Number(BigInt.asUintN(32, BigInt(u) * 0x10001n + 55555555n)) % RAND_MAX;
    this.seed2 = Number(BigInt.asUintN(32, BigInt(u) * 0x10000001n)) % RAND_MAX;
  }
  next(): number {
    this.seed1 = (this.seed1 * 3 + this.seed2) % RAND_MAX;
    this.seed2 = (this.seed1 + this.seed2 + 33) % RAND_MAX;
    return this.seed1 / RAND_MAX;
  }
}

defineFunction('rand', {
  minArgs: 0,
  maxArgs: 1,
  build(args, bctx: BuildContext) {
    const type = doubleType();
    if (args.length === 0) {
      return { type, args: [], impl: makeImpl('Rand', () => (_row, ctx) => ctx.random(), { deterministic: false }) };
    }
    const seedArg = castToEvalType(args[0]!, EvalType.Int, bctx);
    const constantSeed = seedArg instanceof Constant;
    return {
      type,
      args: [seedArg],
      impl: makeImpl(
        'RandWithSeedFirstGen',
        ([f]) => {
          // A constant seed starts one sequence for the whole statement; a column seed restarts per row.
          let gen: MySqlRandom | undefined;
          return (row, ctx) => {
            if (constantSeed && gen) return gen.next();
            const s = f!(row, ctx);
            const g = new MySqlRandom(s === null ? 0 : Number(BigInt.asIntN(64, BigInt(s as number))));
            if (constantSeed) gen = g;
            return g.next();
          };
        },
        { deterministic: false },
      ),
    };
  },
});

let crcTable: Uint32Array | undefined;
function crc32(bytes: Buffer): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The bytes of a string value: binary strings are bytes already, text is UTF-8. */
function stringBytes(s: string, ft: FieldType): Buffer {
  return Buffer.from(s, ft.charset === 'binary' ? 'latin1' : 'utf8');
}

defineFunction('crc32', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const carg = castToEvalType(args[0]!, EvalType.String, bctx);
    const ft = carg.type;
    const type = intType(true);
    type.flen = 10;
    return {
      type: withNotNullFrom(type, args),
      args: [carg],
      impl: makeImpl(
        'Crc32',
        unary((v) => crc32(stringBytes(v as string, ft))),
      ),
    };
  },
});

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** CONV(N, from_base, to_base): negative bases mean signed numbers, as in MySQL. */
function conv(s: string, fromBase: number, toBase: number): string | null {
  const fb = Math.abs(fromBase);
  const tb = Math.abs(toBase);
  if (fb < 2 || fb > 36 || tb < 2 || tb > 36) return null;
  let text = s.trim();
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  let n = 0n;
  const big = BigInt(fb);
  for (const ch of text.toUpperCase()) {
    const d = DIGITS.indexOf(ch);
    if (d < 0 || d >= fb) break;
    n = n * big + BigInt(d);
    if (n > UINT64_MAX) {
      n = UINT64_MAX;
      break;
    }
  }
  if (fromBase < 0 && n > 9223372036854775807n) n = negative ? 9223372036854775808n : 9223372036854775807n;
  if (negative) n = fromBase < 0 ? -n : BigInt.asUintN(64, -n);
  if (toBase < 0) n = BigInt.asIntN(64, n);
  else n = BigInt.asUintN(64, n);
  const neg = n < 0n;
  const out = (neg ? -n : n).toString(tb).toUpperCase();
  return neg ? `-${out}` : out;
}

defineFunction('conv', {
  minArgs: 3,
  maxArgs: 3,
  build(args, bctx) {
    const n = castToEvalType(args[0]!, EvalType.String, bctx);
    const from = castToEvalType(args[1]!, EvalType.Int, bctx);
    const to = castToEvalType(args[2]!, EvalType.Int, bctx);
    const type = newFieldType(TypeCode.VarString, { flen: 64, decimal: UNSPECIFIED });
    return {
      type,
      args: [n, from, to],
      impl: makeImpl('Conv', ([fn, ff, ft]) => (row, ctx) => {
        const v = fn!(row, ctx);
        if (v === null) return null;
        const f = ff!(row, ctx);
        const t = ft!(row, ctx);
        if (f === null || t === null) return null;
        return conv(v as string, Number(f), Number(t));
      }),
    };
  },
});
