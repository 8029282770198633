// Pattern matching: LIKE (with ESCAPE, case-insensitive under _ci collations) and the ICU-style
// regular expression functions REGEXP/RLIKE, REGEXP_LIKE, REGEXP_INSTR, REGEXP_SUBSTR, REGEXP_REPLACE,
// implemented on JS RegExp ('u' flag for text, bytes for binary strings).
import { type ErrorSpec, sqlError } from '../../errors/index.js';
import { CHARSET_BIN, EvalType, type FieldType, Flag, UNSPECIFIED } from '../../types/field-type.js';
import type { Row, Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { Constant, type EvalFn, type Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import { castToEvalType } from './cast.js';
import { compareCollation } from './compare-type.js';
import { boolType, intType, makeImpl, withNotNullFrom } from './impl-util.js';

const REGEXP_SYNTAX: ErrorSpec = {
  code: 3692,
  state: 'HY000',
  format: 'Syntax error in regular expression: %s',
};
const REGEXP_INDEX: ErrorSpec = {
  code: 3686,
  state: 'HY000',
  format: 'Index out of bounds in regular expression search.',
};
const REGEXP_MATCH_TYPE: ErrorSpec = { code: 3695, state: 'HY000', format: 'Incorrect arguments to %s.' };

function isCaseInsensitive(collation: string): boolean {
  return collation.endsWith('_ci');
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;

/** Translates a LIKE pattern into an anchored RegExp source. */
export function likeToRegExpSource(pattern: string, escapeCh: string): string {
  let src = '^';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === escapeCh && i + 1 < chars.length) {
      src += chars[++i]!.replace(REGEX_SPECIAL, '\\$&');
    } else if (c === '%') src += '.*';
    else if (c === '_') src += '.';
    else src += c.replace(REGEX_SPECIAL, '\\$&');
  }
  return `${src}$`;
}

/** The escape character of LIKE's third argument: a one-char string or a code point; '\' by default. */
function escapeChar(e: Expression | undefined): string {
  if (!(e instanceof Constant) || e.value === null) return '\\';
  if (typeof e.value === 'string') return e.value === '' ? '\\' : Array.from(e.value)[0]!;
  return String.fromCodePoint(Number(e.value));
}

/**
 * LIKE without a RegExp, for patterns too large to compile into one. The pattern is split at '%' into
 * segments of literals and '_': the first must match at the start, the last at the end, and each middle
 * one at its leftmost place after the previous one (leftmost is always safe between '%'s, so there is
 * no backtracking). `ci` compares lower-cased characters.
 */
export function likeMatcher(pattern: string, escapeCh: string, ci: boolean): { test(s: string): boolean } {
  const fold = (c: string) => (ci ? c.toLowerCase() : c);
  // Each segment: a character to match, or undefined for '_' (any one character).
  const segments: (string | undefined)[][] = [[]];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const seg = segments[segments.length - 1]!;
    if (c === escapeCh && i + 1 < chars.length) seg.push(fold(chars[++i]!));
    else if (c === '%') segments.push([]);
    else if (c === '_') seg.push(undefined);
    else seg.push(fold(c));
  }
  const matchAt = (s: string[], at: number, seg: (string | undefined)[]): boolean => {
    for (let k = 0; k < seg.length; k++) if (seg[k] !== undefined && seg[k] !== s[at + k]) return false;
    return true;
  };
  const first = segments[0]!;
  const last = segments[segments.length - 1]!;
  return {
    test(text) {
      const s = Array.from(text, fold);
      if (segments.length === 1) return s.length === first.length && matchAt(s, 0, first);
      const end = s.length - last.length;
      if (end < first.length || !matchAt(s, 0, first) || !matchAt(s, end, last)) return false;
      let pos = first.length;
      for (let m = 1; m < segments.length - 1; m++) {
        const seg = segments[m]!;
        while (pos + seg.length <= end && !matchAt(s, pos, seg)) pos++;
        if (pos + seg.length > end) return false;
        pos += seg.length;
      }
      return true;
    },
  };
}

/**
 * LIKE under a case-sensitive collation for patterns whose only wildcard is '%' (the common case):
 * literal segments found with startsWith/endsWith/indexOf, linear in the text, where a RegExp of '.*'s
 * backtracks. Null when the pattern has an unescaped '_'.
 */
export function literalLikeMatcher(pattern: string, escapeCh: string): { test(s: string): boolean } | null {
  const segs: string[] = [''];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === escapeCh && i + 1 < chars.length) segs[segs.length - 1] += chars[++i]!;
    else if (c === '%') segs.push('');
    else if (c === '_') return null;
    else segs[segs.length - 1] += c;
  }
  const first = segs[0]!;
  const last = segs[segs.length - 1]!;
  if (segs.length === 1) return { test: (s) => s === first };
  return {
    test(s) {
      const end = s.length - last.length;
      if (end < first.length || !s.startsWith(first) || !s.endsWith(last)) return false;
      let pos = first.length;
      for (let m = 1; m < segs.length - 1; m++) {
        const seg = segs[m]!;
        const at = s.indexOf(seg, pos);
        if (at < 0 || at + seg.length > end) return false;
        pos = at + seg.length;
      }
      return true;
    },
  };
}

/** A LIKE pattern compiled for strings compared under `collation` ('binary': byte strings). */
export function likeTester(pattern: string, escapeCh: string, collation: string): { test(s: string): boolean } {
  const ci = isCaseInsensitive(collation);
  const literal = ci ? null : literalLikeMatcher(pattern, escapeCh);
  if (literal) return literal;
  try {
    const re = new RegExp(
      likeToRegExpSource(pattern, escapeCh),
      `s${collation === 'binary' ? '' : 'u'}${ci ? 'i' : ''}`,
    );
    // V8 compiles a RegExp at its first use: one run here surfaces 'Regular expression too large'.
    re.test('');
    return re;
  } catch {
    return likeMatcher(pattern, escapeCh, ci);
  }
}

/** Caches the compiled form of the last pattern seen: constant patterns compile once. */
function patternCache<T>(make: (p: string) => T): (p: string) => T {
  let last: string | undefined;
  let re: T | undefined;
  return (p) => {
    if (p !== last || re === undefined) {
      re = make(p);
      last = p;
    }
    return re;
  };
}

defineFunction('like', {
  minArgs: 2,
  maxArgs: 3,
  build(args, bctx) {
    const coll = compareCollation(args.slice(0, 2));
    const escapeCh = escapeChar(args[2]);
    const str = castToEvalType(args[0]!, EvalType.String, bctx);
    const pat = castToEvalType(args[1]!, EvalType.String, bctx);
    const compiled = patternCache((p) => likeTester(p, escapeCh, coll));
    return {
      type: withNotNullFrom(boolType(), args.slice(0, 2)),
      args: args.length === 3 ? [str, pat, args[2]!] : [str, pat],
      impl: makeImpl('LikeSig', ([fs, fp]) => (row, ctx) => {
        const s = fs!(row, ctx);
        if (s === null) return null;
        const p = fp!(row, ctx);
        if (p === null) return null;
        return compiled(p as string).test(s as string) ? 1 : 0;
      }),
    };
  },
});

const POSIX_CLASSES: Record<string, string> = {
  alpha: '\\p{L}',
  digit: '\\d',
  alnum: '\\p{L}\\p{N}',
  upper: '\\p{Lu}',
  lower: '\\p{Ll}',
  space: '\\s',
  blank: ' \\t',
  punct: '\\p{P}',
  xdigit: '0-9A-Fa-f',
  cntrl: '\\p{Cc}',
  print: '\\P{C}',
  graph: '^\\p{Z}\\p{C}',
  word: '\\w',
};

/** ICU pattern → JS RegExp source: POSIX bracket classes are the main difference. */
function icuToJs(pattern: string): string {
  return pattern.replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name.toLowerCase()] ?? m);
}

interface RegexpOptions {
  binary: boolean;
  ci: boolean;
}

function regexFlags(opt: RegexpOptions, matchType: string | null, fnName: string): string {
  let ci = opt.ci;
  let multiline = false;
  let dotAll = false;
  for (const c of matchType ?? '') {
    if (c === 'i') ci = true;
    else if (c === 'c') ci = false;
    else if (c === 'm') multiline = true;
    else if (c === 'n') dotAll = true;
    else if (c !== 'u') throw sqlError(REGEXP_MATCH_TYPE, fnName);
  }
  return `g${opt.binary ? '' : 'u'}${ci ? 'i' : ''}${multiline ? 'm' : ''}${dotAll ? 's' : ''}`;
}

function compileRegex(pattern: string, flags: string): RegExp {
  try {
    const re = new RegExp(icuToJs(pattern), flags);
    // Compiled at first use, which is where V8 reports a pattern too large.
    re.test('');
    re.lastIndex = 0;
    return re;
  } catch (e) {
    throw sqlError(REGEXP_SYNTAX, (e as Error).message);
  }
}

/** Code-point positions for text; binary strings index bytes (one char each). */
interface Indexer {
  /** 1-based character position → string index. */
  toIndex(s: string, pos: number): number;
  /** String index → 1-based character position. */
  toPos(s: string, index: number): number;
  length(s: string): number;
}

const BYTE_INDEXER: Indexer = {
  toIndex: (_s, pos) => pos - 1,
  toPos: (_s, i) => i + 1,
  length: (s) => s.length,
};

const CODE_POINT_INDEXER: Indexer = {
  toIndex(s, pos) {
    let i = 0;
    for (let n = 1; n < pos && i < s.length; n++) i += (s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    return i;
  },
  toPos: (s, i) => Array.from(s.slice(0, i)).length + 1,
  length: (s) => Array.from(s).length,
};

type RegexpBody = (s: string, re: RegExp, ints: number[], rest: Value[], ix: Indexer) => Value;

/**
 * Defines a regexp function: args are (subject, pattern, ...numeric options, [match_type]);
 * `intArgs` names how many numeric options follow the pattern (and the replacement, for replace).
 */
function defineRegexp(
  names: string | string[],
  sig: string,
  opts: {
    minArgs: number;
    maxArgs: number;
    stringArgs: number;
    intDefaults: number[];
    type: (args: Expression[]) => FieldType;
    body: RegexpBody;
  },
): void {
  defineFunction(names, {
    minArgs: opts.minArgs,
    maxArgs: opts.maxArgs,
    build(args, bctx, name) {
      const coll = compareCollation(args.slice(0, 2));
      const ropt: RegexpOptions = { binary: coll === 'binary', ci: isCaseInsensitive(coll) };
      const ix = ropt.binary ? BYTE_INDEXER : CODE_POINT_INDEXER;
      const nStr = opts.stringArgs;
      const nInt = opts.intDefaults.length;
      const cargs = args.map((a, i) =>
        castToEvalType(a, i < nStr || i >= nStr + nInt ? EvalType.String : EvalType.Int, bctx),
      );
      const cache = patternCache((key) => {
        const sep = key.indexOf('\u0000');
        return compileRegex(key.slice(sep + 1), regexFlags(ropt, key.slice(0, sep), name));
      });
      return {
        type: opts.type(args),
        args: cargs,
        impl: makeImpl(sig, (fns: EvalFn[]) => (row: Row, ctx: EvalContext) => {
          const vals: Value[] = fns.map((f) => f(row, ctx));
          for (let i = 0; i < Math.min(vals.length, nStr + nInt); i++) if (vals[i] === null) return null;
          const matchType = vals.length > nStr + nInt ? vals[nStr + nInt] : null;
          if (vals.length > nStr + nInt && matchType === null) return null;
          const re = cache(`${(matchType as string | null) ?? ''}\u0000${vals[1] as string}`);
          const ints = opts.intDefaults.map((d, i) =>
            nStr + i < vals.length ? Number(vals[nStr + i] as number | bigint) : d,
          );
          return opts.body(vals[0] as string, re, ints, vals.slice(2, nStr), ix);
        }),
      };
    },
  });
}

/** Finds the occurrence-th match at or after 1-based character position pos. */
function findMatch(s: string, re: RegExp, pos: number, occurrence: number, ix: Indexer): RegExpExecArray | null {
  if (pos < 1 || pos > ix.length(s) + 1) throw sqlError(REGEXP_INDEX);
  re.lastIndex = ix.toIndex(s, pos);
  let m: RegExpExecArray | null = null;
  for (let n = 0; n < Math.max(occurrence, 1); n++) {
    m = re.exec(s);
    if (m === null) return null;
    if (m[0] === '') re.lastIndex++;
  }
  return m;
}

const boolResult = (args: Expression[]) => withNotNullFrom(boolType(), args.slice(0, 2));

defineRegexp(['regexp', 'rlike', 'regexp_like'], 'RegexpLikeSig', {
  minArgs: 2,
  maxArgs: 3,
  stringArgs: 2,
  intDefaults: [],
  type: boolResult,
  body: (s, re) => {
    re.lastIndex = 0;
    return re.test(s) ? 1 : 0;
  },
});

defineRegexp('regexp_instr', 'RegexpInStrSig', {
  minArgs: 2,
  maxArgs: 6,
  stringArgs: 2,
  intDefaults: [1, 1, 0],
  type: () => intType(),
  body: (s, re, [pos, occurrence, returnOption], _rest, ix) => {
    const m = findMatch(s, re, pos!, occurrence!, ix);
    if (m === null) return 0;
    return ix.toPos(s, returnOption === 0 ? m.index : m.index + m[0].length);
  },
});

defineRegexp('regexp_substr', 'RegexpSubstrSig', {
  minArgs: 2,
  maxArgs: 5,
  stringArgs: 2,
  intDefaults: [1, 1],
  type: (args) => ({ ...args[0]!.type, flag: args[0]!.type.flag & ~Flag.NotNull }),
  body: (s, re, [pos, occurrence], _rest, ix) => findMatch(s, re, pos!, occurrence!, ix)?.[0] ?? null,
});

/** ICU replacement text: $n is a group, \x a literal x. */
function expandReplacement(repl: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '\\' && i + 1 < repl.length) out += repl[++i];
    else if (c === '$' && /\d/.test(repl[i + 1] ?? '')) out += m[Number(repl[++i])] ?? '';
    else out += c;
  }
  return out;
}

defineRegexp('regexp_replace', 'RegexpReplaceSig', {
  minArgs: 3,
  maxArgs: 6,
  stringArgs: 3,
  intDefaults: [1, 0],
  type: (args) => {
    const t = args[0]!.type;
    return { ...t, flen: UNSPECIFIED, charset: t.charset === CHARSET_BIN ? CHARSET_BIN : t.charset };
  },
  body: (s, re, [pos, occurrence], [repl], ix) => {
    const start = ix.toIndex(s, pos!);
    if (pos! < 1 || pos! > ix.length(s) + 1) throw sqlError(REGEXP_INDEX);
    let out = s.slice(0, start);
    let last = start;
    let n = 0;
    re.lastIndex = start;
    for (let m = re.exec(s); m !== null; m = re.exec(s)) {
      n++;
      if (occurrence === 0 || n === occurrence) {
        out += s.slice(last, m.index) + expandReplacement(repl as string, m);
        last = m.index + m[0].length;
        if (occurrence !== 0) break;
      }
      if (m[0] === '') re.lastIndex++;
    }
    return out + s.slice(last);
  },
});
