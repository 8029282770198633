// Compact constructors for the definition tables in defs-mysql.ts and defs-tidb.ts.
import type { SysVarDef, SysVarScope } from './sysvar.js';

type Extra = Partial<Omit<SysVarDef, 'name' | 'scope' | 'default' | 'type'>>;

export function boolVar(name: string, scope: SysVarScope, on: boolean, extra: Extra = {}): SysVarDef {
  return { name, scope, default: on ? 'ON' : 'OFF', type: 'bool', ...extra };
}

export function intVar(name: string, scope: SysVarScope, value: number | string, extra: Extra = {}): SysVarDef {
  return { name, scope, default: String(value), type: 'int', ...extra };
}

export function uintVar(name: string, scope: SysVarScope, value: number | string, extra: Extra = {}): SysVarDef {
  return { name, scope, default: String(value), type: 'uint', ...extra };
}

export function floatVar(name: string, scope: SysVarScope, value: number, extra: Extra = {}): SysVarDef {
  return { name, scope, default: String(value), type: 'float', ...extra };
}

export function enumVar(
  name: string,
  scope: SysVarScope,
  value: string,
  values: string[],
  extra: Extra = {},
): SysVarDef {
  return { name, scope, default: value, type: 'enum', values, ...extra };
}

export function strVar(name: string, scope: SysVarScope, value: string, extra: Extra = {}): SysVarDef {
  return { name, scope, default: value, type: 'str', ...extra };
}

/** A Go-style duration variable; min and max are in seconds. */
export function durationVar(name: string, scope: SysVarScope, value: string, extra: Extra = {}): SysVarDef {
  return { name, scope, default: value, type: 'time', ...extra };
}

/** A -1-means-automatic concurrency knob (TiDB's *_concurrency variables). */
export function concurrencyVar(name: string, value: number): SysVarDef {
  return intVar(name, 'both', value, { min: 1, max: 256, allowAuto: true });
}

/** A read-only value describing the server. */
export function infoVar(name: string, value: string | number): SysVarDef {
  return { name, scope: 'none', default: String(value), type: typeof value === 'number' ? 'uint' : 'str' };
}
