// The in-memory engine: MVCC by copy-on-write B+trees. Each commit clones the newest tree (O(1)),
// applies its mutations to the clone, and records (commitTs, tree); a reader at ts uses the newest tree
// committed at or before ts. Trees are never changed once recorded, so readers need no locking.
import { BTree } from '../kv/btree.js';
import type { CommitRecord, Engine, EngineReader, Mutation } from '../kv/engine.js';
import type { Bytes, KeyRange, KvPair } from '../kv/kv.js';
import { KvStorage, type KvStorageOptions } from '../kv/kv-storage.js';

type Tree = BTree<Bytes>;

interface Version {
  ts: number;
  tree: Tree;
  /** Memory of the nodes this version copied from the one before (what dropping that one frees). */
  bytes: number;
}

/**
 * About what a copied node holds: a node object and two arrays of up to MAX_NODE (64) slots. An
 * estimate for bounding old versions, not an exact account.
 */
const COPIED_NODE_BYTES = 1200;

class TreeReader implements EngineReader {
  constructor(private readonly tree: Tree) {}

  get(key: Bytes): Bytes | undefined {
    return this.tree.get(key);
  }

  scan(start: Bytes, end: Bytes, reverse: boolean, limit: number): KvPair[] {
    return this.tree.scan(start, end, reverse, limit);
  }

  batchGet(keys: readonly Bytes[], out: (Bytes | undefined)[]): void {
    // Any order is correct; keys in ascending order (as index lookups give) share leaves.
    this.tree.getMany(keys, out);
  }

  scanRanges(ranges: readonly KeyRange[]): KvPair[][] {
    // Any order is correct; ranges from index lookups come ascending, which keeps each seek short.
    return this.tree.scanRanges(ranges);
  }
}

/** An O(1) capture of the committed data, for restoring a database between tests. */
export interface MemoryState {
  readonly tree: Tree;
}

export class MemoryEngine implements Engine {
  readonly persistent = false;
  private versions: Version[] = [{ ts: 0, tree: new BTree<Bytes>(), bytes: 0 }];
  /** Sum of `bytes` of every version but the oldest: what the old versions cost. */
  private oldVersionBytes = 0;
  private readonly lastCommits = new Map<Bytes, CommitRecord>();
  /** Commits in order with the keys they wrote, from `logStart` on: what forgetCommits still has to forget. */
  private commitLog: { record: CommitRecord; keys: Bytes[] }[] = [];
  private logStart = 0;
  /** Every key counts as written by this commit at least (set by restore). */
  private floor: CommitRecord | undefined;

  get maxCommitTs(): number {
    return this.latest.ts;
  }

  private get latest(): Version {
    return this.versions[this.versions.length - 1];
  }

  reader(ts: number): EngineReader {
    const vs = this.versions;
    let i = vs.length - 1;
    if (vs[i].ts > ts) {
      // Binary search for the newest version with version.ts <= ts.
      let lo = 0;
      let hi = vs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (vs[mid].ts <= ts) lo = mid;
        else hi = mid - 1;
      }
      i = lo;
    }
    return new TreeReader(vs[i].tree);
  }

  lastCommit(key: Bytes): CommitRecord | undefined {
    // A lone session's commits record nothing (see applyCommit): no lookup, which would hash every key.
    if (this.lastCommits.size === 0) return this.floor;
    const c = this.lastCommits.get(key);
    if (this.floor !== undefined && (c === undefined || c.commitTs < this.floor.commitTs)) return this.floor;
    return c;
  }

  applyCommit(mutations: readonly Mutation[], startTs: number, commitTs: number, conflictsPossible: boolean): void {
    const tree = this.latest.tree.clone();
    tree.applySorted(mutations);
    if (conflictsPossible) this.recordCommit(mutations, { startTs, commitTs });
    const bytes = tree.copiedNodes * COPIED_NODE_BYTES;
    this.versions.push({ ts: commitTs, tree, bytes });
    this.oldVersionBytes += bytes;
  }

  /** Remembers who committed each key, for the conflict checks of transactions active now. */
  private recordCommit(mutations: readonly Mutation[], record: CommitRecord): void {
    const keys: Bytes[] = new Array(mutations.length);
    for (let i = 0; i < mutations.length; i++) {
      const key = mutations[i]![0];
      this.lastCommits.set(key, record);
      keys[i] = key;
    }
    this.commitLog.push({ record, keys });
  }

  gc(safePointTs: number): void {
    let keepFrom = 0;
    for (let i = this.versions.length - 1; i >= 0; i--) {
      if (this.versions[i].ts <= safePointTs) {
        keepFrom = i;
        break;
      }
    }
    if (keepFrom > 0) this.dropOldest(keepFrom);
  }

  trimVersions(maxBytes: number, keepTs: number): number {
    const vs = this.versions;
    // versions[1] can become the oldest when no reader needs versions[0]: none reads before versions[1].ts.
    let drop = 0;
    let bytes = this.oldVersionBytes;
    while (bytes > maxBytes && drop + 1 < vs.length && vs[drop + 1]!.ts <= keepTs) {
      drop++;
      bytes -= vs[drop]!.bytes;
    }
    if (drop > 0) this.dropOldest(drop);
    return this.versions[0]!.ts;
  }

  /** Drops the `n` oldest versions. */
  private dropOldest(n: number): void {
    for (let i = 1; i <= n; i++) this.oldVersionBytes -= this.versions[i]!.bytes;
    this.versions = this.versions.slice(n);
  }

  /**
   * Forgets who committed keys at or before `ts` (no transaction that could conflict with those commits
   * is still active), oldest commits first: each commit is looked at once, so the conflict map stays as
   * small as the commits active transactions may still meet.
   */
  forgetCommits(ts: number): void {
    const log = this.commitLog;
    let i = this.logStart;
    while (i < log.length && log[i]!.record.commitTs <= ts) {
      const { record, keys } = log[i]!;
      for (const k of keys) if (this.lastCommits.get(k) === record) this.lastCommits.delete(k);
      i++;
    }
    if (i > 1024 && i * 2 > log.length) {
      log.splice(0, i);
      i = 0;
    }
    this.logStart = i;
  }

  snapshotState(): MemoryState {
    return { tree: this.latest.tree };
  }

  /** Committed versions still held (for stale reads); GC bounds it by the GC life time. */
  get versionCount(): number {
    return this.versions.length;
  }

  /** Makes `state` the newest data, committed at `commitTs`; transactions begun before conflict on any write. */
  restoreState(state: MemoryState, commitTs: number): void {
    this.versions.push({ ts: commitTs, tree: state.tree.clone(), bytes: 0 });
    this.floor = { startTs: commitTs, commitTs };
  }

  async close(): Promise<void> {
    this.versions = [{ ts: 0, tree: new BTree<Bytes>(), bytes: 0 }];
    this.oldVersionBytes = 0;
    this.lastCommits.clear();
    this.commitLog = [];
    this.logStart = 0;
  }
}

/** Storage held in memory only. */
export class MemoryStorage extends KvStorage {
  private readonly memory: MemoryEngine;

  constructor(options: KvStorageOptions = {}) {
    const engine = new MemoryEngine();
    // Versions stay for the GC life time (stale reads); each shares all unchanged nodes with its neighbours.
    super(engine, options);
    this.memory = engine;
  }

  /** Versions held for stale reads. */
  get retainedVersions(): number {
    return this.memory.versionCount;
  }

  /** O(1) capture of the committed data (test suites restore it between cases). */
  snapshotState(): MemoryState {
    return this.memory.snapshotState();
  }

  /** O(1) return to a captured state, as a new commit; call it with no transaction active. */
  restoreState(state: MemoryState): void {
    this.memory.restoreState(state, this.currentTs());
  }
}

export function createMemoryStorage(options: KvStorageOptions = {}): MemoryStorage {
  return new MemoryStorage(options);
}
