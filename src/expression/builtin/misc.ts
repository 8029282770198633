// Miscellaneous builtins: UUID, UUID_SHORT, IS_UUID, INET_ATON/NTOA, INET6_ATON/NTOA, IS_IPV4/6
// and friends, user-level locks (GET_LOCK...), ANY_VALUE and TIDB_PARSE_TSO.
import { TiLiteError } from '../../errors/index.js';
import { TypeCode, newFieldType } from '../../types/field-type.js';
import { MyTime } from '../../types/time.js';
import type { Value } from '../../types/value.js';
import { lazyCrypto } from '../../util/lazy-builtin.js';
import { defineFunction } from '../function.js';
import {
  BINARY_COLLATION,
  connectionCollation,
  fnClass,
  intConv,
  intResult,
  isBinaryExpr,
  lenientImpl,
  realConv,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';

// ---- UUIDs ----

/** Node id and clock sequence of this process's version-1 UUIDs (drawn on the first UUID()). */
let uuidNode: { node: string; clockSeq: string } | undefined;
/** 100 ns intervals between 1582-10-15 (the UUID epoch) and 1970-01-01. */
const UUID_EPOCH_OFFSET = 122192928000000000n;
let lastUuidTicks = 0n;

/** A version-1 (time-based) UUID, as MySQL's UUID() returns. */
export function newUuid(): string {
  let ticks = BigInt(Date.now()) * 10000n + UUID_EPOCH_OFFSET;
  if (ticks <= lastUuidTicks) ticks = lastUuidTicks + 1n;
  lastUuidTicks = ticks;
  const hex = ticks.toString(16).padStart(15, '0');
  const timeLow = hex.slice(7, 15);
  const timeMid = hex.slice(3, 7);
  const timeHi = `1${hex.slice(0, 3)}`;
  uuidNode ??= {
    node: lazyCrypto().randomBytes(6).toString('hex'),
    clockSeq: ((lazyCrypto().randomBytes(2).readUInt16BE(0) & 0x3fff) | 0x8000).toString(16),
  };
  return `${timeLow}-${timeMid}-${timeHi}-${uuidNode.clockSeq}-${uuidNode.node}`;
}

defineFunction(
  'uuid',
  fnClass(0, 0, (args, bctx) => ({
    type: stringResult(36, connectionCollation(bctx)),
    args,
    impl: strictImpl('UUID', () => newUuid(), { deterministic: false }),
  })),
);

const UUID_SHORT_BASE = BigInt(Math.floor(Date.now() / 1000)) << 24n;
let uuidShortCounter = 0n;

defineFunction(
  'uuid_short',
  fnClass(0, 0, (args) => ({
    type: intResult(21, true),
    args,
    impl: strictImpl(
      'UUIDShort',
      () => {
        const v = UUID_SHORT_BASE + uuidShortCounter++;
        return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
      },
      { deterministic: false },
    ),
  })),
);

const UUID_FORMS = [
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /^[0-9a-f]{32}$/i,
  /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i,
];

function boolFunction(sig: string, test: (s: string, binary: boolean) => boolean) {
  return fnClass(1, 1, (args) => {
    const conv = strConv(args[0]!);
    const binary = isBinaryExpr(args[0]!);
    return { type: intResult(1), args, impl: strictImpl(sig, ([v]) => (test(conv(v!), binary) ? 1 : 0)) };
  });
}
defineFunction(
  'is_uuid',
  boolFunction('IsUUID', (s) => UUID_FORMS.some((re) => re.test(s))),
);

// ---- IP addresses ----

/** INET_ATON, including MySQL's short forms ('127.1' is 127.0.0.1). */
export function inetAton(s: string): number | null {
  if (s === '' || s.endsWith('.')) return null;
  const parts = s.split('.');
  if (parts.length > 4) return null;
  let result = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (!/^\d+$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    // The last part fills the remaining low bytes.
    const shift = i === parts.length - 1 ? 0 : 8 * (3 - i);
    result += n * 2 ** shift;
  }
  return result;
}

export function inetNtoa(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

defineFunction(
  'inet_aton',
  fnClass(1, 1, (args) => {
    const conv = strConv(args[0]!, false);
    return { type: intResult(21, true), args, impl: strictImpl('InetAton', ([v]) => inetAton(conv(v!))) };
  }),
);

defineFunction(
  'inet_ntoa',
  fnClass(1, 1, (args, bctx) => {
    const conv = intConv(args[0]!, true);
    const impl = strictImpl('InetNtoa', ([v], ctx) => {
      const n = conv(v!, ctx);
      return n < 0 || n > 4294967295 ? null : inetNtoa(Number(n));
    });
    return { type: stringResult(15, connectionCollation(bctx)), args, impl };
  }),
);

const IPV4_TEXT = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function ipv4Bytes(s: string): number[] | null {
  if (!IPV4_TEXT.test(s)) return null;
  return s.split('.').map(Number);
}

/** The 16 bytes of an IPv6 address in text form, or null. */
export function ipv6Bytes(s: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let text = s;
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    const v4 = ipv4Bytes(s.slice(lastColon + 1));
    if (!v4) return null;
    tail = v4;
    const prefix = s.slice(0, lastColon + 1);
    text = prefix.endsWith('::') ? prefix : s.slice(0, lastColon);
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string): string[] | null => {
    if (h === '') return [];
    const gs = h.split(':');
    return gs.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) ? gs : null;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !rest) return null;
  const tailGroups = tail.length / 2;
  const missing = 8 - head.length - rest.length - tailGroups;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...Array<string>(Math.max(missing, 0)).fill('0'), ...rest];
  const bytes: number[] = [];
  for (const g of all) {
    const n = Number.parseInt(g, 16);
    bytes.push(n >> 8, n & 255);
  }
  return [...bytes, ...tail];
}

/** INET6_NTOA's text: IPv4 dotted for 4 bytes; IPv6 with the longest zero run compressed. */
export function inet6Ntoa(b: Buffer): string | null {
  if (b.length === 4) return [...b].join('.');
  if (b.length !== 16) return null;
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push(b.readUInt16BE(i));
  const v4 = `${b[12]}.${b[13]}.${b[14]}.${b[15]}`;
  const zeroPrefix = words.slice(0, 5).every((w) => w === 0);
  if (zeroPrefix && words[5] === 0xffff) return `::ffff:${v4}`;
  if (zeroPrefix && words[5] === 0 && (words[6] !== 0 || words[7]! > 1)) return `::${v4}`;
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

defineFunction(
  'inet6_aton',
  fnClass(1, 1, (args) => {
    const conv = strConv(args[0]!, false);
    const impl = strictImpl('Inet6Aton', ([v]) => {
      const s = conv(v!);
      const bytes = ipv4Bytes(s) ?? ipv6Bytes(s);
      return bytes ? String.fromCharCode(...bytes) : null;
    });
    return { type: stringResult(16, BINARY_COLLATION), args, impl };
  }),
);

defineFunction(
  'inet6_ntoa',
  fnClass(1, 1, (args, bctx) => {
    const conv = strConv(args[0]!);
    const binary = isBinaryExpr(args[0]!);
    const impl = strictImpl('Inet6Ntoa', ([v]) => (binary ? inet6Ntoa(Buffer.from(conv(v!), 'latin1')) : null));
    return { type: stringResult(46, connectionCollation(bctx)), args, impl };
  }),
);

defineFunction(
  'is_ipv4',
  boolFunction('IsIPv4', (s) => ipv4Bytes(s) !== null),
);
defineFunction(
  'is_ipv6',
  boolFunction('IsIPv6', (s) => ipv6Bytes(s) !== null),
);
defineFunction(
  'is_ipv4_compat',
  boolFunction(
    'IsIPv4Compat',
    (s, binary) => binary && s.length === 16 && /^\0{12}/.test(s) && !/^\0{12}\0{3}[\0\x01]$/.test(s),
  ),
);
defineFunction(
  'is_ipv4_mapped',
  boolFunction('IsIPv4Mapped', (s, binary) => binary && s.length === 16 && /^\0{10}\xff\xff/.test(s)),
);

// ---- User-level locks ----

/** Who holds a named lock and how many times (GET_LOCK is re-entrant per session). */
interface LockEntry {
  owner: number;
  count: number;
}

const MAX_LOCK_NAME = 64;

/**
 * The process's user-level locks. Every method finishes its read-modify-write synchronously, so
 * sessions interleaving at awaits never see a half-made change.
 */
export class UserLockRegistry {
  private readonly locks = new Map<string, LockEntry>();

  /** 1 when acquired (or already held by the session); 0 when another session holds it. */
  acquire(name: string, session: number): number {
    const key = name.toLowerCase();
    const e = this.locks.get(key);
    if (e === undefined) {
      this.locks.set(key, { owner: session, count: 1 });
      return 1;
    }
    if (e.owner !== session) return 0;
    e.count++;
    return 1;
  }

  /** 1 released, 0 held by another session, null when nobody holds it. */
  release(name: string, session: number): number | null {
    const key = name.toLowerCase();
    const e = this.locks.get(key);
    if (e === undefined) return null;
    if (e.owner !== session) return 0;
    if (--e.count === 0) this.locks.delete(key);
    return 1;
  }

  /** The holder's connection id, or null when the lock is free. */
  holder(name: string): number | null {
    return this.locks.get(name.toLowerCase())?.owner ?? null;
  }

  /** Releases everything a session holds (RELEASE_ALL_LOCKS, disconnect); returns how many acquisitions. */
  releaseAll(session: number): number {
    let n = 0;
    for (const [k, e] of this.locks) {
      if (e.owner === session) {
        n += e.count;
        this.locks.delete(k);
      }
    }
    return n;
  }
}

export const userLocks = new UserLockRegistry();

function checkLockName(name: string): string {
  if (name === '' || name.length > MAX_LOCK_NAME) {
    throw new TiLiteError(3057, '42000', `Incorrect user-level lock name '${name}'.`);
  }
  return name;
}

const LOCK_EFFECTS = { deterministic: false, sideEffects: true } as const;

defineFunction(
  'get_lock',
  fnClass(2, 2, (args) => {
    const name = strConv(args[0]!, false);
    const timeout = realConv(args[1]!);
    // Evaluation is synchronous, so a lock held elsewhere reports a timeout (0) at once.
    const impl = lenientImpl(
      'GetLock',
      ([n, t], ctx) => {
        if (n === null) throw new TiLiteError(3057, '42000', "Incorrect user-level lock name 'NULL'.");
        if (t !== null) timeout(t!, ctx);
        return userLocks.acquire(checkLockName(name(n)), ctx.session.connectionId());
      },
      LOCK_EFFECTS,
    );
    return { type: intResult(1), args, impl };
  }),
);

defineFunction(
  'release_lock',
  fnClass(1, 1, (args) => {
    const name = strConv(args[0]!, false);
    const impl = strictImpl(
      'ReleaseLock',
      ([n], ctx) => userLocks.release(checkLockName(name(n!)), ctx.session.connectionId()),
      LOCK_EFFECTS,
    );
    return { type: intResult(1), args, impl };
  }),
);

defineFunction(
  'is_free_lock',
  fnClass(1, 1, (args) => {
    const name = strConv(args[0]!, false);
    const impl = strictImpl('IsFreeLock', ([n]) => (userLocks.holder(checkLockName(name(n!))) === null ? 1 : 0), {
      deterministic: false,
    });
    return { type: intResult(1), args, impl };
  }),
);

defineFunction(
  'is_used_lock',
  fnClass(1, 1, (args) => {
    const name = strConv(args[0]!, false);
    const impl = strictImpl('IsUsedLock', ([n]) => userLocks.holder(checkLockName(name(n!))), { deterministic: false });
    return { type: intResult(21, true), args, impl };
  }),
);

defineFunction(
  'release_all_locks',
  fnClass(0, 0, (args) => {
    const impl = strictImpl(
      'ReleaseAllLocks',
      (_v, ctx) => userLocks.releaseAll(ctx.session.connectionId()),
      LOCK_EFFECTS,
    );
    return { type: intResult(21, true), args, impl };
  }),
);

// ---- Others ----

const ANY_VALUE_SIGS: Record<number, string> = {
  0: 'IntAnyValue',
  1: 'RealAnyValue',
  2: 'DecimalAnyValue',
  3: 'StringAnyValue',
  4: 'TimeAnyValue',
  5: 'DurationAnyValue',
  6: 'JSONAnyValue',
};

defineFunction(
  'any_value',
  fnClass(1, 1, (args) => {
    const impl = lenientImpl(ANY_VALUE_SIGS[args[0]!.evalType]!, ([v]) => v as Value);
    return { type: { ...args[0]!.type }, args, impl };
  }),
);

/** TSO timestamps carry the physical time in milliseconds above 18 logical bits. */
const TSO_LOGICAL_BITS = 18n;

defineFunction(
  'tidb_parse_tso',
  fnClass(1, 1, (args) => {
    const conv = intConv(args[0]!);
    const impl = strictImpl('TiDBParseTso', ([v], ctx) => {
      const tso = BigInt(conv(v!, ctx));
      if (tso <= 0n) return null;
      const ms = Number(tso >> TSO_LOGICAL_BITS);
      return MyTime.fromUnix(Math.floor(ms / 1000), (ms % 1000) * 1000, ctx.timeZoneOffsetMinutes, 6);
    });
    return { type: newFieldType(TypeCode.Datetime, { flen: 26, decimal: 6 }), args, impl };
  }),
);
