// Transactions of a session, as TiDB runs them:
// - BEGIN / START TRANSACTION [READ ONLY | READ WRITE | WITH CONSISTENT SNAPSHOT | AS OF TIMESTAMP],
//   BEGIN PESSIMISTIC / OPTIMISTIC, and implicit transactions under autocommit=0, in tidb_txn_mode.
// - Pessimistic statements read the newest committed data (DML, FOR UPDATE, and every statement under
//   READ-COMMITTED), lock the keys they write before returning, and on a newer commit met while locking
//   (9007) roll back to the statement's savepoint, refresh forUpdateTs and run again.
// - Optimistic transactions detect conflicts at commit (9007); autocommit statements are retried up to
//   tidb_retry_limit times, as TiDB retries autocommitted transactions.
// - A failing statement leaves no effect (savepoint); a deadlock rolls the whole transaction back.
import { ER, type ErrorSpec, isTiLiteError, sqlError } from '../errors/index.js';
import type { Transaction } from '../kv/kv.js';
import type { LockOptions } from '../kv/lock-manager.js';
import { composeTs, TSO_LOGICAL_BITS, tsPhysicalMs } from '../kv/timestamp-oracle.js';
import { decodeTableId } from '../table/codec/key.js';
import type { Session } from './session.js';
import { StatementTxn } from './txn-view.js';

/** MySQL's ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION. */
const READ_ONLY_TXN: ErrorSpec = {
  code: 1792,
  state: '25006',
  format: 'Cannot execute statement in a READ ONLY transaction.',
};
/** TiDB's ErrFunctionsNoopImpl, for FOR SHARE without tidb_enable_noop_functions. */
const NOOP_FUNCTION: ErrorSpec = {
  code: 1235,
  state: '42000',
  format:
    'function %s has only noop implementation in tidb now, use tidb_enable_noop_functions to enable these functions',
};
/** Lock options of a statement that takes no locks. */
const NO_LOCKS: LockOptions = {};
/** Pessimistic statements re-run at most this often on newer commits (TiDB's max-retry-count). */
const MAX_PESSIMISTIC_RETRIES = 256;

/** What a transaction was begun with. */
export interface TxnInfo {
  readOnly: boolean;
  /** READ-COMMITTED (pessimistic transactions only, as in TiDB): each statement reads the newest data. */
  readCommitted: boolean;
  /** Begun AS OF TIMESTAMP: a read-only transaction at an old timestamp. */
  stale: boolean;
}

export interface BeginOptions {
  explicit: boolean;
  mode?: 'pessimistic' | 'optimistic';
  readOnly?: boolean;
  /** A stale read-only transaction at this timestamp. */
  staleTs?: number;
}

/** How a statement uses its transaction. */
export interface StmtTxnOptions {
  /** INSERT/UPDATE/DELETE: refused in read-only transactions; pessimistic ones read newest and lock. */
  write?: boolean;
  /** SELECT ... FOR UPDATE / FOR SHARE. */
  lock?: { mode: 'update' | 'share'; noWait: boolean };
  /** AS OF TIMESTAMP of the statement's tables: a stale read outside the transaction. */
  staleTs?: number;
  /** Called before a statement runs again (e.g. to drop the first run's warnings). */
  onRetry?: () => void;
}

export function beginTxn(s: Session, o: BeginOptions): void {
  const mode = o.mode ?? s.vars.txnMode;
  const pessimistic = o.staleTs === undefined && mode === 'pessimistic';
  if (o.staleTs !== undefined) checkStaleTs(s, o.staleTs);
  s.txn = s.domain.storage.begin({ pessimistic, startTs: o.staleTs });
  s.explicitTxn = o.explicit;
  s.savepoints.clear();
  s.txnInfo = {
    readOnly: o.readOnly === true || o.staleTs !== undefined || s.vars.transactionReadOnly,
    readCommitted: pessimistic && s.vars.isolation === 'READ-COMMITTED',
    stale: o.staleTs !== undefined,
  };
}

export async function commitTxn(s: Session): Promise<void> {
  const changes = s.pendingRowChanges;
  const txn = endTxn(s);
  if (txn?.state === 'active') await txn.commit();
  for (const [id, c] of changes) s.domain.noteRowChanges(id, c);
}

export function rollbackTxn(s: Session): void {
  const txn = endTxn(s);
  if (txn?.state === 'active') txn.rollback();
}

function endTxn(s: Session): Transaction | null {
  const txn = s.txn;
  s.savepoints.clear();
  s.pendingRowChanges = new Map();
  s.txn = null;
  s.explicitTxn = false;
  s.txnInfo = null;
  return txn;
}

function lockOptions(s: Session): LockOptions {
  return { waitMs: s.vars.lockWaitTimeoutMs };
}

function isErr(e: unknown, spec: ErrorSpec): boolean {
  return isTiLiteError(e) && e.code === spec.code;
}

/** The session's tidb_snapshot as a timestamp, or undefined when unset. */
function sessionSnapshotTs(s: Session): number | undefined {
  const v = s.vars.snapshot;
  return v === '' ? undefined : parseReadTs(s, v);
}

/**
 * Runs one statement in the session's transaction (or its own, under autocommit), with statement
 * atomicity, pessimistic locking and retries as described at the top of this file.
 */
export async function runInTxn<T>(
  s: Session,
  fn: (txn: Transaction) => Promise<T>,
  o: StmtTxnOptions = {},
): Promise<T> {
  if (o.lock?.mode === 'share' && s.vars.noopFunctions === 'OFF') {
    throw sqlError(NOOP_FUNCTION, 'LOCK IN SHARE MODE');
  }
  const staleTs = o.staleTs ?? sessionSnapshotTs(s);
  if (staleTs !== undefined) {
    if (o.write) throw sqlError(ER.INTERNAL, "can not execute write statement when 'tidb_snapshot' is set");
    return staleRead(s, staleTs, fn);
  }
  if (!s.txn) {
    if (!s.vars.autocommit) beginTxn(s, { explicit: false });
    else if (!o.write && !o.lock) return autocommitRead(s, fn, o);
  }
  if (o.write && (s.txnInfo?.readOnly ?? s.vars.transactionReadOnly)) throw sqlError(READ_ONLY_TXN);
  if (s.txn) return inOpenTxn(s, s.txn, s.txnInfo?.readCommitted === true, fn, o);
  return autocommit(s, fn, o);
}

async function inOpenTxn<T>(
  s: Session,
  txn: Transaction,
  readCommitted: boolean,
  fn: (txn: Transaction) => Promise<T>,
  o: StmtTxnOptions,
): Promise<T> {
  const forUpdate = o.lock?.mode === 'update' ? { noWait: o.lock.noWait } : undefined;
  if (txn.pessimistic && readCommitted) txn.refreshForUpdateTs();
  for (let attempt = 0; ; attempt++) {
    const sp = txn.savepoint();
    const currentRead = txn.pessimistic && (o.write || forUpdate !== undefined || readCommitted);
    const view = new StatementTxn(txn, currentRead ? txn.currentRead() : txn, lockOptions(s), forUpdate);
    try {
      const r = await fn(view);
      if (txn === s.txn) noteDirtyTables(txn, view.writtenTables());
      if (txn.pessimistic && view.written.size > 0) await view.lockKeys([...view.written]);
      return r;
    } catch (e) {
      if (txn.state === 'active') txn.rollbackTo(sp);
      if (isErr(e, ER.DEADLOCK)) {
        if (txn === s.txn) rollbackTxn(s);
        else txn.rollback();
      } else if (txn.pessimistic && isErr(e, ER.WRITE_CONFLICT) && attempt < MAX_PESSIMISTIC_RETRIES) {
        txn.refreshForUpdateTs();
        o.onRetry?.();
        continue;
      }
      throw e;
    }
  }
}

/** Physical table ids each open transaction has written (EXPLAIN shows UnionScan over their readers). */
const dirtyByTxn = new WeakMap<Transaction, Set<number>>();

function noteDirtyTables(txn: Transaction, tables: ReadonlySet<string>): void {
  if (tables.size === 0) return;
  let ids = dirtyByTxn.get(txn);
  if (!ids) dirtyByTxn.set(txn, (ids = new Set()));
  for (const p of tables) ids.add(decodeTableId(p));
}

/** The physical table ids the transaction has written so far (undefined when none). */
export function dirtyTableIds(txn: Transaction): ReadonlySet<number> | undefined {
  return dirtyByTxn.get(txn);
}

/**
 * An autocommitted statement: its own transaction, committed on success. In pessimistic mode it locks
 * like any pessimistic statement; optimistic write conflicts at commit retry the statement.
 */
async function autocommit<T>(s: Session, fn: (txn: Transaction) => Promise<T>, o: StmtTxnOptions): Promise<T> {
  const pessimistic = s.vars.txnMode === 'pessimistic' && o.write === true;
  const retryLimit = Math.max(0, s.vars.retryLimit);
  for (let attempt = 0; ; attempt++) {
    const txn = s.domain.storage.begin({ pessimistic });
    try {
      const r = await inOpenTxn(s, txn, false, fn, o);
      if (txn.state === 'active') await txn.commit();
      return r;
    } catch (e) {
      if (txn.state === 'active') txn.rollback();
      if (!pessimistic && isErr(e, ER.WRITE_CONFLICT) && attempt < retryLimit) {
        o.onRetry?.();
        await backoff(attempt);
        continue;
      }
      throw e;
    }
  }
}

/**
 * An autocommitted read (no write, no lock): its own optimistic transaction, read through a snapshot,
 * with no savepoint or commit. Nothing is buffered, so it ends by rollback instead of a commit; a read
 * that did buffer writes (none is expected) runs again on the general path, which commits them.
 */
async function autocommitRead<T>(s: Session, fn: (txn: Transaction) => Promise<T>, o: StmtTxnOptions): Promise<T> {
  const txn = s.domain.storage.begin();
  // Reads go straight to a snapshot at the transaction's start (no write-buffer merge); the transaction
  // keeps that timestamp registered so garbage collection spares the versions read.
  const view = new StatementTxn(txn, s.domain.storage.snapshot(txn.startTs), NO_LOCKS, undefined);
  let r: T;
  try {
    r = await fn(view);
  } catch (e) {
    if (txn.state === 'active') txn.rollback();
    throw e;
  }
  if (txn.state !== 'active') return r;
  const wrote = txn.mutationCount > 0;
  txn.rollback();
  if (!wrote) return r;
  o.onRetry?.();
  return autocommit(s, fn, o);
}

function backoff(attempt: number): Promise<void> {
  const ms = Math.min(50, 2 ** attempt) * Math.random();
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A read at an old timestamp, in a transaction of its own that pins the versions it reads. */
async function staleRead<T>(s: Session, ts: number, fn: (txn: Transaction) => Promise<T>): Promise<T> {
  checkStaleTs(s, ts);
  const txn = s.domain.storage.begin({ startTs: ts });
  try {
    return await fn(txn);
  } finally {
    txn.rollback();
  }
}

/** Stale reads must not ask for versions garbage collection may have dropped (TiDB's error 9006). */
function checkStaleTs(s: Session, ts: number): void {
  const storage = s.domain.storage as { safePoint?: () => number };
  const now = s.domain.storage.currentTs();
  if (ts > now) throw sqlError(ER.INTERNAL, 'cannot set read timestamp to a future time');
  const safePoint = storage.safePoint?.();
  if (safePoint !== undefined && ts < safePoint) {
    throw sqlError(ER.SNAPSHOT_TOO_OLD, formatTs(ts), formatTs(safePoint));
  }
}

function formatTs(ts: number): string {
  return `${new Date(tsPhysicalMs(ts)).toISOString().replace('T', ' ').replace('Z', '')} +0000 UTC`;
}

const DATETIME = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?)?$/;

/**
 * A read timestamp from tidb_snapshot or AS OF TIMESTAMP: a TSO number, or a datetime in the session
 * time zone (the newest data committed at or before that moment).
 */
export function parseReadTs(s: Session, text: string): number {
  const t = text.trim();
  if (/^\d+$/.test(t) && t.length > 14) return Number(t);
  const m = DATETIME.exec(t);
  if (!m) throw sqlError(ER.INTERNAL, `invalid read timestamp '${text}'`);
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = ''] = m;
  const fracMs = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const utcMs = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +sec, fracMs) - s.vars.timeZoneOffsetMinutes * 60_000;
  // Every timestamp taken within that millisecond is at or before it.
  return composeTs(utcMs, 0) + 2 ** TSO_LOGICAL_BITS - 1;
}
