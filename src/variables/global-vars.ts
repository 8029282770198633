// The single owner of global system variable values (SET GLOBAL). Every method finishes its
// read-modify-write synchronously, so interleaved sessions never see a half-applied change.
import type { SqlWarning } from '../errors/index.js';
import { assignmentsFor } from './assignments.js';
import {
  allSysVarDefs,
  getSysVarDef,
  normalizeSysVarValue,
  requireSysVarDef,
  type SysVarInput,
  validateSysVar,
} from './sysvar.js';

/** Told of every value SET GLOBAL stores (one call per variable written), e.g. to persist it. */
export type GlobalVarListener = (name: string, value: string) => void;

export class GlobalVariables {
  /** Only values that differ from the compiled-in default because they were set or loaded. */
  private readonly values = new Map<string, string>();
  private readonly listeners: GlobalVarListener[] = [];
  private cachedSnapshot: ReadonlyMap<string, string> | undefined;

  /** The global value (the default when never set). Unknown names are error 1193. */
  get(name: string): string {
    const def = requireSysVarDef(name);
    return this.values.get(def.name) ?? def.default;
  }

  /**
   * SET GLOBAL name = value: validates (errors 1193/1228/1231/1232/1238, clamping warnings into
   * `warnings`), stores, and notifies listeners. Returns the stored canonical value.
   */
  set(name: string, value: SysVarInput, warnings: SqlWarning[] = []): string {
    const def = requireSysVarDef(name);
    const normalized = validateSysVar(def, value, true, warnings);
    const writes = assignmentsFor(def.name, normalized, (n) => this.get(n));
    for (const [n, v] of writes) this.values.set(n, v);
    this.cachedSnapshot = undefined;
    for (const [n, v] of writes) for (const listener of this.listeners) listener(n, v);
    return normalized;
  }

  /**
   * Sets a read-only server fact known only at start-up (port, socket, datadir, hostname).
   * Not validated against scope and not reported to listeners.
   */
  setInstanceValue(name: string, value: string): void {
    const def = requireSysVarDef(name);
    this.values.set(def.name, value);
    this.cachedSnapshot = undefined;
  }

  /** Every variable with a global value (scopes global, both and none) and its current value. */
  all(): Map<string, string> {
    const out = new Map<string, string>();
    for (const def of allSysVarDefs()) {
      if (def.scope !== 'session') out.set(def.name, this.values.get(def.name) ?? def.default);
    }
    return out;
  }

  /** Registers a change listener; returns a function that removes it. */
  onChange(listener: GlobalVarListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Restores persisted values at start-up, without notifying listeners. Names that are unknown,
   * session-only or read-only, and values that no longer validate, are skipped (as TiDB ignores
   * stale rows of mysql.global_variables).
   */
  load(entries: Iterable<readonly [string, string]>): void {
    for (const [name, value] of entries) {
      const def = getSysVarDef(name);
      if (!def || def.scope === 'session' || def.scope === 'none' || def.readOnly) continue;
      try {
        this.values.set(def.name, normalizeSysVarValue(def, value, []));
      } catch {
        // A value an older version accepted but this one rejects: keep the default.
      }
    }
    this.cachedSnapshot = undefined;
  }

  /**
   * The explicitly set global values, frozen: new sessions start from it. Shared between sessions
   * until the next change, so starting a session costs no copying.
   */
  snapshot(): ReadonlyMap<string, string> {
    this.cachedSnapshot ??= new Map(this.values);
    return this.cachedSnapshot;
  }
}
