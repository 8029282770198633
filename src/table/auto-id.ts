// AUTO_INCREMENT and _tidb_rowid allocation (TiDB's autoid): one allocator per table id and storage,
// shared by every session. Values come from an in-memory batch; the batch end is persisted (in its own
// small transaction) before any value of the batch is handed out, so a restart never repeats a value
// (it may skip the rest of a batch, as TiDB does).
import { MetaReader, MetaWriter } from '../catalog/meta.js';
import { ER, sqlError } from '../errors/index.js';
import type { Storage } from '../kv/kv.js';
import type { RowIdSource, Table } from './table.js';

/** Values reserved per persisted batch. */
const BATCH = 4000;
const MAX_ID = Number.MAX_SAFE_INTEGER;

export class AutoIdAllocator implements RowIdSource {
  /** Every value <= base is used (or skipped). */
  private base = 0;
  /** Values in (base, end] are reserved by a persisted batch. */
  private end = 0;
  private loaded = false;
  /** Serializes batch refills; the fast path (values left in the batch) never waits. */
  private refilling: Promise<void> = Promise.resolve();

  constructor(
    private readonly storage: Storage,
    readonly tableId: number,
  ) {}

  /**
   * Reserves `count` values following MySQL's auto_increment_increment/offset rule (values are
   * offset + k*increment); returns the first, the rest follow at `increment` steps.
   */
  async allocN(count: number, increment = 1, offset = 1): Promise<number> {
    for (;;) {
      const first = this.take(count, increment, offset);
      if (first !== undefined) return first;
      const need = nextAligned(this.base, increment, offset) + (count - 1) * increment;
      await this.refill(need);
    }
  }

  /** One value (RowIdSource: _tidb_rowid). */
  async alloc(count = 1): Promise<number> {
    return this.allocN(count, 1, 1);
  }

  /** Takes values synchronously from the batch, or undefined when the batch cannot cover them. */
  private take(count: number, increment: number, offset: number): number | undefined {
    if (!this.loaded) return undefined;
    const first = nextAligned(this.base, increment, offset);
    const last = first + (count - 1) * increment;
    if (last > this.end) return undefined;
    this.base = last;
    return first;
  }

  /** Makes sure the next value handed out is greater than `value` (an explicit value was inserted). */
  async rebase(value: number | bigint): Promise<void> {
    const v = typeof value === 'bigint' ? (value > BigInt(MAX_ID) ? MAX_ID : Number(value)) : value;
    if (this.loaded && v <= this.end) {
      if (v > this.base) this.base = v;
      return;
    }
    await this.refill(v);
    if (v > this.base) this.base = v;
  }

  /** The next value a single allocation would return (SHOW CREATE TABLE AUTO_INCREMENT=, information_schema). */
  async peekNext(): Promise<number> {
    if (!this.loaded) await this.refill(0);
    return this.base + 1;
  }

  /** Forgets the in-memory batch: the next allocation reads the persisted base again (after DDL rewrote it). */
  reset(): void {
    this.loaded = false;
    this.base = 0;
    this.end = 0;
  }

  /** Persists a batch end covering `need`, then publishes it in memory. */
  private refill(need: number): Promise<void> {
    const run = this.refilling.then(async () => {
      if (this.loaded && need <= this.end) return;
      if (need >= MAX_ID) throw sqlError(ER.AUTOINC_READ_FAILED);
      const txn = this.storage.begin({ pessimistic: false });
      try {
        const meta = new MetaWriter(txn);
        const persisted = await meta.autoIdBase(this.tableId);
        const from = Math.max(persisted, this.loaded ? this.end : 0);
        const newEnd = Math.min(Math.max(from, need) + BATCH, MAX_ID);
        meta.setAutoIdBase(this.tableId, newEnd);
        await txn.commit();
        if (!this.loaded) {
          this.base = persisted;
          this.loaded = true;
        }
        this.end = newEnd;
      } catch (e) {
        txn.rollback();
        throw e;
      }
    });
    this.refilling = run.catch(() => undefined);
    return run;
  }
}

/** The smallest value > base of the form offset + k*increment (offset > increment counts as 1, as MySQL does). */
function nextAligned(base: number, increment: number, offset: number): number {
  const off = offset > increment ? 1 : offset;
  if (increment <= 1) return base + 1;
  if (base < off) return off;
  return off + (Math.floor((base - off) / increment) + 1) * increment;
}

const registry = new WeakMap<Storage, Map<number, AutoIdAllocator>>();

/** The process-wide allocator of a table id on a storage. */
export function allocatorFor(storage: Storage, tableId: number): AutoIdAllocator {
  let byTable = registry.get(storage);
  if (!byTable) {
    byTable = new Map();
    registry.set(storage, byTable);
  }
  let a = byTable.get(tableId);
  if (!a) {
    a = new AutoIdAllocator(storage, tableId);
    byTable.set(tableId, a);
  }
  return a;
}

/** Drops the allocator of a dropped or truncated table id. */
export function forgetAllocator(storage: Storage, tableId: number): void {
  registry.get(storage)?.delete(tableId);
}

/** Rebases the allocator of a table after an explicit auto-increment value was written. */
export function rebaseAutoId(storage: Storage, tableId: number, value: number | bigint): Promise<void> {
  return allocatorFor(storage, tableId).rebase(value);
}

export interface AutoIncrementSettings {
  /** auto_increment_increment. */
  increment?: number;
  /** auto_increment_offset. */
  offset?: number;
}

/**
 * Reserves `count` AUTO_INCREMENT values of a table for one INSERT; returns them in order.
 * Partitioned tables allocate from the logical table's id.
 */
export async function nextAutoIncrement(
  storage: Storage,
  table: Table,
  count: number,
  settings: AutoIncrementSettings = {},
): Promise<number[]> {
  const inc = settings.increment ?? 1;
  const first = await allocatorFor(storage, table.info.id).allocN(count, inc, settings.offset ?? 1);
  return Array.from({ length: count }, (_, i) => first + i * inc);
}

/** Reads the persisted base without allocating (tests, diagnostics). */
export async function persistedAutoIdBase(storage: Storage, tableId: number): Promise<number> {
  return new MetaReader(storage.snapshot()).autoIdBase(tableId);
}
