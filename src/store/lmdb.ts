// The persistent engine, on LMDB. MVCC is explicit rather than through pinned LMDB read transactions,
// because transactions may live long (and stale reads ask for old timestamps), while a pinned LMDB reader
// keeps every page it can see from being reused. Layout (databases in one LMDB environment):
//   latest:  key -> newest version (kind, commitTs, startTs, value); a delete leaves a tombstone version
//   history: u32 length(key) + key + inverted commitTs -> an older version (newest first per key)
//   gcQueue: ts + kind + key -> nothing; versions that became invisible at ts, for GC to drop
//   meta:    'maxCommitTs' -> the greatest commit timestamp, so timestamps stay monotonic across restarts
// Commits run in one synchronous LMDB write transaction (atomic, no interleaving with other commits);
// the commit then waits for the flush to disk before it returns (durable).
import { open, type Database, type RootDatabase } from 'lmdb';
import type { CommitRecord, Engine, EngineReader, Mutation } from '../kv/engine.js';
import type { Bytes, KeyRange, KvPair } from '../kv/kv.js';
import { readRanges } from '../kv/snapshot.js';
import { KvStorage, type KvStorageOptions } from '../kv/kv-storage.js';

const KIND_TOMBSTONE = 0;
const KIND_VALUE = 1;
const HEADER = 17;
const QUEUE_HISTORY = 0;
const QUEUE_TOMBSTONE = 1;
const MAX_TS = 2 ** 53;

interface Version {
  kind: number;
  commitTs: number;
  startTs: number;
  buf: Buffer;
}

function encodeVersion(value: Bytes | undefined, startTs: number, commitTs: number): Buffer {
  const len = value === undefined ? 0 : value.length;
  const buf = Buffer.allocUnsafe(HEADER + len);
  buf[0] = value === undefined ? KIND_TOMBSTONE : KIND_VALUE;
  buf.writeDoubleBE(commitTs, 1);
  buf.writeDoubleBE(startTs, 9);
  if (value !== undefined) buf.write(value, HEADER, 'latin1');
  return buf;
}

function decodeVersion(buf: Buffer): Version {
  return { kind: buf[0], commitTs: buf.readDoubleBE(1), startTs: buf.readDoubleBE(9), buf };
}

function versionValue(v: Version): Bytes | undefined {
  return v.kind === KIND_VALUE ? v.buf.toString('latin1', HEADER) : undefined;
}

function keyBuf(key: Bytes): Buffer {
  return Buffer.from(key, 'latin1');
}

function tsBuf(ts: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleBE(ts, 0);
  return b;
}

/** History keys of one user key are contiguous and newest first. */
function historyPrefix(key: Buffer): Buffer {
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(key.length, 0);
  return Buffer.concat([len, key]);
}

function historyKey(key: Buffer, commitTs: number): Buffer {
  return Buffer.concat([historyPrefix(key), tsBuf(MAX_TS - commitTs)]);
}

function queueKey(ts: number, kind: number, key: Buffer): Buffer {
  return Buffer.concat([tsBuf(ts), Buffer.of(kind), key]);
}

class LmdbReader implements EngineReader {
  constructor(
    private readonly engine: LmdbEngine,
    private readonly ts: number,
  ) {}

  get(key: Bytes): Bytes | undefined {
    const k = keyBuf(key);
    const raw = this.engine.latest.getBinary(k);
    if (raw === undefined) return undefined;
    return this.engine.visibleValue(k, decodeVersion(raw), this.ts);
  }

  scan(start: Bytes, end: Bytes, reverse: boolean, limit: number): KvPair[] {
    const out: KvPair[] = [];
    const s = keyBuf(start);
    const e = keyBuf(end);
    // LMDB ranges include `start` and exclude `end`; in reverse, `start` is the upper bound.
    const range = reverse ? { start: e, end: s, reverse: true, inclusiveEnd: true } : { start: s, end: e };
    for (const { key, value } of this.engine.latest.getRange(range)) {
      if (out.length >= limit) break;
      const k = key as Buffer;
      const ks = k.toString('latin1');
      if (reverse && ks >= end) continue;
      const v = this.engine.visibleValue(k, decodeVersion(value as Buffer), this.ts);
      if (v !== undefined) out.push({ key: ks, value: v });
    }
    return out;
  }

  batchGet(keys: readonly Bytes[], out: (Bytes | undefined)[]): void {
    for (let i = 0; i < keys.length; i++) out[i] = this.get(keys[i]!);
  }

  scanRanges(ranges: readonly KeyRange[]): KvPair[][] {
    return readRanges(this, ranges);
  }
}

export class LmdbEngine implements Engine {
  readonly persistent = true;
  readonly latest: Database<Buffer, Buffer>;
  private readonly history: Database<Buffer, Buffer>;
  private readonly gcQueue: Database<Buffer, Buffer>;
  private readonly meta: Database<Buffer, string>;
  private maxTs: number;

  constructor(private readonly root: RootDatabase) {
    const opts = { keyEncoding: 'binary', encoding: 'binary', cache: false } as const;
    this.latest = root.openDB<Buffer, Buffer>('latest', opts);
    this.history = root.openDB<Buffer, Buffer>('history', opts);
    this.gcQueue = root.openDB<Buffer, Buffer>('gcQueue', opts);
    this.meta = root.openDB<Buffer, string>('meta', { encoding: 'binary', cache: false });
    const stored = this.meta.getBinary('maxCommitTs');
    this.maxTs = stored === undefined ? 0 : stored.readDoubleBE(0);
  }

  get maxCommitTs(): number {
    return this.maxTs;
  }

  reader(ts: number): EngineReader {
    return new LmdbReader(this, ts);
  }

  /** The value of `key` a reader at `ts` sees, given the key's newest version. */
  visibleValue(key: Buffer, newest: Version, ts: number): Bytes | undefined {
    if (newest.commitTs <= ts) return versionValue(newest);
    const prefix = historyPrefix(key);
    // The newest older version committed at or before ts is the first history entry at or after the seek key.
    for (const { key: hk, value } of this.history.getRange({ start: historyKey(key, ts), limit: 1 })) {
      const h = hk as Buffer;
      if (h.length !== prefix.length + 8 || h.compare(prefix, 0, prefix.length, 0, prefix.length) !== 0) break;
      return versionValue(decodeVersion(value as Buffer));
    }
    return undefined;
  }

  lastCommit(key: Bytes): CommitRecord | undefined {
    const raw = this.latest.getBinary(keyBuf(key));
    if (raw === undefined) return undefined;
    const v = decodeVersion(raw);
    return { startTs: v.startTs, commitTs: v.commitTs };
  }

  applyCommit(mutations: readonly Mutation[], startTs: number, commitTs: number): void {
    this.root.transactionSync(() => {
      for (const [key, value] of mutations) {
        const k = keyBuf(key);
        const old = this.latest.getBinary(k);
        if (old !== undefined) {
          const prev = decodeVersion(Buffer.from(old));
          this.history.putSync(historyKey(k, prev.commitTs), prev.buf);
          this.gcQueue.putSync(queueKey(commitTs, QUEUE_HISTORY, historyKey(k, prev.commitTs)), Buffer.alloc(0));
        } else if (value === undefined) {
          continue;
        }
        this.latest.putSync(k, encodeVersion(value, startTs, commitTs));
        if (value === undefined) this.gcQueue.putSync(queueKey(commitTs, QUEUE_TOMBSTONE, k), Buffer.alloc(0));
      }
      this.meta.putSync('maxCommitTs', tsBuf(commitTs));
    });
    this.maxTs = commitTs;
  }

  /** Resolves when every commit so far is flushed to disk. */
  async flushed(): Promise<void> {
    await this.root.flushed;
  }

  gc(safePointTs: number): void {
    const due = this.gcQueue.getRange({ end: tsBuf(safePointTs + 1) }).map(({ key }) => Buffer.from(key as Buffer));
    const queued = [...due];
    if (queued.length === 0) return;
    this.root.transactionSync(() => {
      for (const q of queued) {
        const target = q.subarray(9);
        if (q[8] === QUEUE_HISTORY) {
          this.history.removeSync(target);
        } else {
          const raw = this.latest.getBinary(target);
          // Drop the tombstone only if no later commit replaced it.
          if (raw !== undefined && raw[0] === KIND_TOMBSTONE && decodeVersion(raw).commitTs <= safePointTs) {
            this.latest.removeSync(target);
          }
        }
        this.gcQueue.removeSync(q);
      }
    });
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

/** Storage persisted in an LMDB environment in `dir`. */
export class LmdbStorage extends KvStorage {
  constructor(
    private readonly lmdb: LmdbEngine,
    options: KvStorageOptions = {},
  ) {
    super(lmdb, options);
  }

  override async durable(): Promise<void> {
    await this.lmdb.flushed();
  }
}

export function openLmdbStorage(dir: string, options: KvStorageOptions = {}): LmdbStorage {
  const root = open({ path: dir, maxDbs: 8, compression: false });
  return new LmdbStorage(new LmdbEngine(root), options);
}
