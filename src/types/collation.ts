// String collations: comparison and memcomparable sort keys. Text collations see JS strings
// (UTF-16); the binary collation sees byte strings (one char code per byte). Case- and
// accent-insensitive collations map each code point to weights (an approximation of MySQL's
// tables built from Unicode case folding and decomposition).

export interface Collation {
  readonly name: string;
  readonly id: number;
  readonly charset: string;
  /** PAD SPACE: trailing spaces do not matter ('a' = 'a  '); NO PAD collations compare them. */
  readonly padSpace: boolean;
  readonly isDefault: boolean;
  compare(a: string, b: string): number;
  /** A latin1 byte string: sign(compare(a, b)) equals the sign of comparing the keys. */
  sortKey(s: string): string;
  /** A string equal for exactly the strings that compare equal (hash keys: GROUP BY, DISTINCT, joins). */
  equalityKey(s: string): string;
  /**
   * How much of a string its sort key keeps: 'all' (binary, code point NO PAD), 'trimmed' (code point
   * PAD SPACE: all but trailing spaces) or 'weights' (case- and accent-insensitive: not the string).
   */
  readonly keyKeeps: 'all' | 'trimmed' | 'weights';
  /** The string a sort key was made of (without trailing spaces when 'trimmed'); only when keyKeeps is not 'weights'. */
  fromSortKey(key: string): string;
}

/** Maps a code point to its weights: one number normally, several for expansions (ß → SS). */
type WeightFn = (cp: number) => number | readonly number[];

const SPACE = 0x20;

/** Orders strings by code point (UTF-8 byte order), unlike JS's UTF-16 unit order. */
export function compareUtf8(a: string, b: string): number {
  return compareCodePoints(a, b, Math.min(a.length, b.length)) || a.length - b.length;
}

/** Code point order of the first `n` units of `a` and `b` (both at least that long). */
function compareCodePoints(a: string, b: string, n: number): number {
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
    if (x >= 0xd800) x = x <= 0xdfff ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y <= 0xdfff ? y + 0x2000 : y - 0x800;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Code point order where the shorter string is extended with spaces. */
function comparePadSpaceUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  const c = compareCodePoints(a, b, n);
  if (c !== 0 || a.length === b.length) return c;
  const rest = a.length > n ? a : b;
  for (let i = n; i < rest.length; i++) {
    const x = rest.charCodeAt(i);
    if (x !== SPACE) return x < SPACE === (rest === a) ? -1 : 1;
  }
  return 0;
}

function codePointWeight(cp: number): number {
  return cp;
}

function cacheWeights(fn: WeightFn): WeightFn {
  // Allocated on first use: three 64k-entry tables at module load cost start-up for databases never comparing text.
  let bmp: (number | readonly number[] | undefined)[] | undefined;
  return (cp) => {
    if (cp >= 0x10000) return fn(cp);
    bmp ??= new Array(0x10000);
    let w = bmp[cp];
    if (w === undefined) {
      w = fn(cp);
      bmp[cp] = w;
    }
    return w;
  };
}

/** utf8mb4_general_ci: simple upper-case folding; Latin letters lose their accents; ß = S. */
const generalCiWeight = cacheWeights((cp) => {
  if (cp >= 0x10000) return 0xfffd;
  if (cp === 0xdf) return 0x53;
  const base = String.fromCharCode(cp).normalize('NFD');
  const first = base.codePointAt(0)!;
  const ch = cp < 0x250 && first < 0x250 ? String.fromCodePoint(first) : String.fromCharCode(cp);
  const up = ch.toUpperCase();
  return up.length === 1 ? up.charCodeAt(0) : ch.charCodeAt(0);
});

/** Unicode collations (unicode_ci, 0900_ai_ci): accents and case ignored, expansions kept. */
const unicodeAiCiWeight = cacheWeights((cp) => {
  const base = String.fromCodePoint(cp).normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  const out: number[] = [];
  for (const ch of base) out.push(ch.codePointAt(0)!);
  if (out.length === 0) return cp;
  return out.length === 1 ? out[0]! : out;
});

/** latin1 and ascii case-insensitive collations: upper-case folding of single-byte characters. */
const simpleCiWeight = cacheWeights((cp) => {
  const up = String.fromCodePoint(cp).toUpperCase();
  return up.length === 1 ? up.charCodeAt(0) : cp;
});

function weightsOf(s: string, fn: WeightFn): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    const w = fn(cp);
    if (typeof w === 'number') out.push(w);
    else for (const x of w) out.push(x);
  }
  return out;
}

function compareWeights(a: readonly number[], b: readonly number[], padSpace: number | null): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = i < a.length ? a[i]! : padSpace;
    const y = i < b.length ? b[i]! : padSpace;
    if (x === null) return y === null ? 0 : -1;
    if (y === null) return 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function weightBytes(w: number): string {
  return String.fromCharCode((w >> 16) & 0xff, (w >> 8) & 0xff, w & 0xff);
}

/**
 * A memcomparable key for NO PAD comparison: three bytes per weight, so a prefix sorts first.
 */
function noPadKey(ws: readonly number[]): string {
  let k = '';
  for (const w of ws) k += weightBytes(w);
  return k;
}

/**
 * A memcomparable key for PAD SPACE comparison, where a string behaves as if followed by endless
 * spaces. Each weight above the space weight is tagged 2, below it 0. A run of spaces becomes tag 1,
 * the tag of the weight that ends the run, and the run length (ascending when that weight is
 * below the space weight, descending when above), so that a shorter run loses or wins exactly as
 * comparing that weight with a space would. The end of the string is tag 1 then 1: above anything
 * below a space, below anything above it.
 */
function padSpaceKey(ws: readonly number[], space: number): string {
  let end = ws.length;
  while (end > 0 && ws[end - 1] === space) end--;
  let k = '';
  let run = 0;
  for (let i = 0; i < end; i++) {
    const w = ws[i]!;
    if (w === space) {
      run++;
      continue;
    }
    const tag = w < space ? 0 : 2;
    if (run > 0) {
      const len = tag === 0 ? run : 0xffffffff - run;
      k += String.fromCharCode(1, tag, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
      run = 0;
    }
    k += String.fromCharCode(tag) + weightBytes(w);
  }
  return `${k}\u0001\u0001`;
}

class WeightCollation implements Collation {
  private readonly spaceWeight: number;
  readonly keyKeeps: 'all' | 'trimmed' | 'weights';

  constructor(
    readonly name: string,
    readonly id: number,
    readonly charset: string,
    readonly padSpace: boolean,
    readonly isDefault: boolean,
    private readonly weight: WeightFn,
  ) {
    const w = weight(SPACE);
    this.spaceWeight = typeof w === 'number' ? w : w[0]!;
    this.keyKeeps = weight !== codePointWeight ? 'weights' : padSpace ? 'trimmed' : 'all';
  }

  fromSortKey(key: string): string {
    if (this.keyKeeps === 'weights') throw new Error(`${this.name} sort keys do not keep the string`);
    const weight = (i: number) => (key.charCodeAt(i) << 16) | (key.charCodeAt(i + 1) << 8) | key.charCodeAt(i + 2);
    let out = '';
    if (!this.padSpace) {
      for (let i = 0; i + 3 <= key.length; i += 3) out += String.fromCodePoint(weight(i));
      return out;
    }
    // padSpaceKey's items: a tagged weight (tag 0 or 2, three bytes), a run of spaces (tag 1, the next
    // weight's tag, four length bytes), or the end (1, 1).
    for (let i = 0; i < key.length; ) {
      const tag = key.charCodeAt(i);
      if (tag !== 1) {
        out += String.fromCodePoint(weight(i + 1));
        i += 4;
        continue;
      }
      const next = key.charCodeAt(i + 1);
      if (next === 1) break;
      const len =
        ((key.charCodeAt(i + 2) << 24) |
          (key.charCodeAt(i + 3) << 16) |
          (key.charCodeAt(i + 4) << 8) |
          key.charCodeAt(i + 5)) >>>
        0;
      out += ' '.repeat(next === 0 ? len : 0xffffffff - len);
      i += 6;
    }
    return out;
  }

  compare(a: string, b: string): number {
    if (this.weight === codePointWeight) return this.padSpace ? comparePadSpaceUtf8(a, b) : compareUtf8(a, b);
    return compareWeights(
      weightsOf(a, this.weight),
      weightsOf(b, this.weight),
      this.padSpace ? this.spaceWeight : null,
    );
  }

  sortKey(s: string): string {
    const ws = weightsOf(s, this.weight);
    return this.padSpace ? padSpaceKey(ws, this.spaceWeight) : noPadKey(ws);
  }

  equalityKey(s: string): string {
    // Code point collations equate only equal strings (PAD SPACE: up to trailing spaces).
    if (this.weight !== codePointWeight) return this.sortKey(s);
    if (!this.padSpace || s.charCodeAt(s.length - 1) !== SPACE) return s;
    let end = s.length - 1;
    while (end > 0 && s.charCodeAt(end - 1) === SPACE) end--;
    return s.slice(0, end);
  }
}

/** Byte strings that somehow hold characters above 0xFF are compared as their UTF-8 bytes. */
function asBytes(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) return Buffer.from(s, 'utf8').toString('latin1');
  }
  return s;
}

class BinaryCollation implements Collation {
  readonly name = 'binary';
  readonly id = 63;
  readonly charset = 'binary';
  readonly padSpace = false;
  readonly isDefault = true;
  readonly keyKeeps = 'all';

  fromSortKey(key: string): string {
    return key;
  }

  compare(a: string, b: string): number {
    const x = asBytes(a);
    const y = asBytes(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  sortKey(s: string): string {
    return asBytes(s);
  }

  equalityKey(s: string): string {
    return asBytes(s);
  }
}

const COLLATIONS: readonly Collation[] = [
  new WeightCollation('utf8mb4_bin', 46, 'utf8mb4', true, true, codePointWeight),
  new WeightCollation('utf8mb4_general_ci', 45, 'utf8mb4', true, false, generalCiWeight),
  new WeightCollation('utf8mb4_unicode_ci', 224, 'utf8mb4', true, false, unicodeAiCiWeight),
  new WeightCollation('utf8mb4_0900_ai_ci', 255, 'utf8mb4', false, false, unicodeAiCiWeight),
  new WeightCollation('utf8mb4_0900_bin', 309, 'utf8mb4', false, false, codePointWeight),
  new BinaryCollation(),
  new WeightCollation('utf8_bin', 83, 'utf8', true, true, codePointWeight),
  new WeightCollation('utf8_general_ci', 33, 'utf8', true, false, generalCiWeight),
  new WeightCollation('utf8_unicode_ci', 192, 'utf8', true, false, unicodeAiCiWeight),
  new WeightCollation('latin1_bin', 47, 'latin1', true, true, codePointWeight),
  new WeightCollation('latin1_swedish_ci', 8, 'latin1', true, false, simpleCiWeight),
  new WeightCollation('ascii_bin', 65, 'ascii', true, true, codePointWeight),
  new WeightCollation('ascii_general_ci', 11, 'ascii', true, false, simpleCiWeight),
  new WeightCollation('gbk_bin', 87, 'gbk', true, true, codePointWeight),
  new WeightCollation('gbk_chinese_ci', 28, 'gbk', true, false, generalCiWeight),
];

const BY_NAME = new Map(COLLATIONS.map((c) => [c.name, c]));
const BY_ID = new Map(COLLATIONS.map((c) => [c.id, c]));

/** Looks a collation up by name, case-insensitively; utf8mb3_* names are aliases of utf8_*. */
export function getCollation(name: string): Collation | undefined {
  const n = name.toLowerCase();
  return BY_NAME.get(n.startsWith('utf8mb3_') ? `utf8_${n.slice(8)}` : n);
}

export function collationById(id: number): Collation | undefined {
  return BY_ID.get(id);
}

export function allCollations(): readonly Collation[] {
  return COLLATIONS;
}
