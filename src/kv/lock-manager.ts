// Pessimistic row locks, as InnoDB and TiDB's pessimistic transactions take them: one owner per key,
// a FIFO queue of waiters, deadlock detection over the wait-for graph, and a wait timeout.
// A transaction is identified by its start timestamp.
import { ER, sqlError } from '../errors/index.js';
import type { Bytes } from './kv.js';

export interface LockOptions {
  /** Fail at once (error 3572) instead of waiting. */
  noWait?: boolean;
  /** How long to wait before error 1205 (innodb_lock_wait_timeout, in ms). */
  waitMs?: number;
}

/** MySQL's default innodb_lock_wait_timeout: 50 seconds. */
export const DEFAULT_LOCK_WAIT_MS = 50_000;

interface Waiter {
  txn: number;
  grant: () => void;
  cancel: () => void;
}

interface KeyLock {
  owner: number;
  waiters: Waiter[];
}

/** The owner alone while nobody waits (no object per lock on the common path), or the owner and its queue. */
type LockEntry = number | KeyLock;

function ownerOf(e: LockEntry): number {
  return typeof e === 'number' ? e : e.owner;
}

export class LockManager {
  private readonly locks = new Map<Bytes, LockEntry>();
  /** Keys each transaction took (each once: a key is added only when it is newly locked). */
  private readonly held = new Map<number, Bytes[]>();
  /** Keys each transaction waits for: the edges of the wait-for graph, resolved through `locks`. */
  private readonly waiting = new Map<number, Set<Bytes>>();

  /** Locks `key` for `txn` when it is free (or already `txn`'s); false when another transaction holds it. */
  tryLock(key: Bytes, txn: number): boolean {
    const cur = this.locks.get(key);
    if (cur === undefined) {
      this.locks.set(key, txn);
      this.addHeld(txn, key);
      return true;
    }
    return ownerOf(cur) === txn;
  }

  /** Locks `key` for `txn`, waiting while another transaction holds it. Re-locking an owned key is a no-op. */
  async lock(key: Bytes, txn: number, options: LockOptions = {}): Promise<void> {
    if (this.tryLock(key, txn)) return;
    let cur = this.locks.get(key)!;
    if (typeof cur === 'number') {
      cur = { owner: cur, waiters: [] };
      this.locks.set(key, cur);
    }
    if (options.noWait) throw sqlError(ER.LOCK_ACQUIRE_FAIL_AND_NO_WAIT);
    if (this.waitsFor(cur.owner, txn)) throw sqlError(ER.DEADLOCK);
    await this.wait(key, cur, txn, options.waitMs ?? DEFAULT_LOCK_WAIT_MS);
  }

  private wait(key: Bytes, lock: KeyLock, txn: number, waitMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        txn,
        grant: () => {
          clearTimeout(timer);
          this.stopWaiting(txn, key);
          resolve();
        },
        cancel: () => {
          clearTimeout(timer);
          this.stopWaiting(txn, key);
          reject(sqlError(ER.QUERY_INTERRUPTED));
        },
      };
      const timer = setTimeout(() => {
        const i = lock.waiters.indexOf(waiter);
        if (i >= 0) lock.waiters.splice(i, 1);
        this.stopWaiting(txn, key);
        reject(sqlError(ER.LOCK_WAIT_TIMEOUT));
      }, waitMs);
      lock.waiters.push(waiter);
      let keys = this.waiting.get(txn);
      if (keys === undefined) this.waiting.set(txn, (keys = new Set()));
      keys.add(key);
    });
  }

  /** Whether `from` waits, directly or through other transactions, for a lock `to` holds. */
  private waitsFor(from: number, to: number): boolean {
    const seen = new Set<number>();
    const stack = [from];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (t === to) return true;
      if (seen.has(t)) continue;
      seen.add(t);
      for (const key of this.waiting.get(t) ?? []) {
        const e = this.locks.get(key);
        if (e !== undefined) stack.push(ownerOf(e));
      }
    }
    return false;
  }

  /** The transaction holding `key`, if any. */
  ownerOf(key: Bytes): number | undefined {
    const e = this.locks.get(key);
    return e === undefined ? undefined : ownerOf(e);
  }

  /** Releases every lock of `txn`, handing each key to its first waiter; cancels its own waits. */
  releaseAll(txn: number): void {
    for (const key of [...(this.waiting.get(txn) ?? [])]) {
      const lock = this.locks.get(key);
      if (lock === undefined || typeof lock === 'number') continue;
      const waiter = lock.waiters.find((w) => w.txn === txn);
      if (waiter === undefined) continue;
      lock.waiters.splice(lock.waiters.indexOf(waiter), 1);
      waiter.cancel();
    }
    const keys = this.held.get(txn);
    if (keys === undefined) return;
    this.held.delete(txn);
    for (const key of keys) {
      const lock = this.locks.get(key);
      if (lock === undefined || ownerOf(lock) !== txn) continue;
      const next = typeof lock === 'number' ? undefined : lock.waiters.shift();
      if (next === undefined) {
        this.locks.delete(key);
        continue;
      }
      (lock as KeyLock).owner = next.txn;
      this.addHeld(next.txn, key);
      next.grant();
    }
  }

  /** Number of locked keys (for tests and diagnostics). */
  get lockedKeyCount(): number {
    return this.locks.size;
  }

  private addHeld(txn: number, key: Bytes): void {
    let keys = this.held.get(txn);
    if (keys === undefined) this.held.set(txn, (keys = []));
    keys.push(key);
  }

  private stopWaiting(txn: number, key: Bytes): void {
    const keys = this.waiting.get(txn);
    if (keys === undefined) return;
    keys.delete(key);
    if (keys.size === 0) this.waiting.delete(txn);
  }
}
