// SHOW PLACEMENT and SHOW CREATE PLACEMENT POLICY: placement policies and the objects referring to them.
import type { InfoSchema } from '../catalog/infoschema.js';
import { placementSettingsText, showCreatePlacementPolicy } from '../ddl/placement.js';
import { ER, sqlError } from '../errors/index.js';
import type { Value } from '../types/value.js';

export function showCreatePolicyRows(is: InfoSchema, name: string): { names: string[]; rows: Value[][] } {
  const p = is.policy(name);
  if (!p) throw sqlError(ER.PLACEMENT_POLICY_NOT_EXISTS, name);
  return { names: ['Policy', 'Create Policy'], rows: [[p.name, showCreatePlacementPolicy(p)]] };
}

/**
 * One row per policy, then per database, table and partition that refers to one, with the policy's options.
 * Scheduling_State: a single node has nothing to move, so every placement counts as scheduled.
 */
export function showPlacementRows(is: InfoSchema): { names: string[]; rows: Value[][] } {
  const rows: Value[][] = [];
  const text = (name: string) => {
    const p = is.policy(name);
    return p ? placementSettingsText(p.settings) : '';
  };
  for (const p of [...is.policies()].sort((a, b) => a.name.localeCompare(b.name))) {
    rows.push([`POLICY ${p.name}`, placementSettingsText(p.settings), null]);
  }
  const dbs = [...is.databases()].sort((a, b) => a.name.localeCompare(b.name));
  for (const db of dbs) {
    if (db.placementPolicy) rows.push([`DATABASE ${db.name}`, text(db.placementPolicy), 'SCHEDULED']);
  }
  for (const db of dbs) {
    const tables = is.tables(db.name).sort((a, b) => a.name.localeCompare(b.name));
    for (const t of tables) {
      if (t.placementPolicy) rows.push([`TABLE ${db.name}.${t.name}`, text(t.placementPolicy), 'SCHEDULED']);
      for (const d of t.partition?.definitions ?? []) {
        if (!d.placementPolicy) continue;
        rows.push([`TABLE ${db.name}.${t.name} PARTITION ${d.name}`, text(d.placementPolicy), 'SCHEDULED']);
      }
    }
  }
  return { names: ['Target', 'Placement', 'Scheduling_State'], rows };
}
