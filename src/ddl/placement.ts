// Placement policies (TiDB's placement rules in SQL) as metadata: CREATE / ALTER / DROP PLACEMENT POLICY,
// ALTER DATABASE, and the checks that keep every table, partition and database reference to a policy valid.
// One node places nothing: policies are stored and shown, never acted on.
import type { InfoSchema } from '../catalog/infoschema.js';
import type { DBInfo, PlacementSettings, PolicyInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type {
  AlterDatabaseStmt,
  AlterPlacementPolicyStmt,
  CreatePlacementPolicyStmt,
  DropPlacementPolicyStmt,
  PlacementOption,
  TableOption,
} from '../parser/ast.js';
import { checkIdentLength, type DdlContext, type DdlResult, note, runSchemaChange } from './context.js';
import { resolveCharset } from './create-table.js';

const SETTING_KEYS: Record<string, keyof PlacementSettings> = {
  PRIMARY_REGION: 'primaryRegion',
  REGIONS: 'regions',
  SCHEDULE: 'schedule',
  CONSTRAINTS: 'constraints',
  LEADER_CONSTRAINTS: 'leaderConstraints',
  VOTERS: 'voters',
  VOTER_CONSTRAINTS: 'voterConstraints',
  FOLLOWERS: 'followers',
  FOLLOWER_CONSTRAINTS: 'followerConstraints',
  LEARNERS: 'learners',
  LEARNER_CONSTRAINTS: 'learnerConstraints',
  SURVIVAL_PREFERENCES: 'survivalPreferences',
};

function settingsOf(options: readonly PlacementOption[]): PlacementSettings {
  const out: Record<string, string | number> = {};
  for (const o of options) {
    const key = SETTING_KEYS[o.name];
    if (key) out[key] = o.value;
  }
  return out as PlacementSettings;
}

/** The options in TiDB's canonical order and form: `PRIMARY_REGION="r1" REGIONS="r1,r2" FOLLOWERS=4`. */
export function placementSettingsText(s: PlacementSettings): string {
  const parts: string[] = [];
  for (const [name, key] of Object.entries(SETTING_KEYS)) {
    const v = s[key];
    if (v === undefined || v === '' || v === 0) continue;
    parts.push(typeof v === 'number' ? `${name}=${v}` : `${name}="${v.replace(/"/g, '\\"')}"`);
  }
  return parts.join(' ');
}

export function showCreatePlacementPolicy(p: PolicyInfo): string {
  const settings = placementSettingsText(p.settings);
  return `CREATE PLACEMENT POLICY \`${p.name.replace(/`/g, '``')}\`${settings ? ` ${settings}` : ''}`;
}

function requirePolicy(is: InfoSchema, name: string): PolicyInfo {
  const p = is.policy(name);
  if (!p) throw sqlError(ER.PLACEMENT_POLICY_NOT_EXISTS, name);
  return p;
}

/** `PLACEMENT POLICY = DEFAULT` clears a reference. */
function isDefault(name: string): boolean {
  return name.toUpperCase() === 'DEFAULT';
}

/**
 * Checks a draft table's policy references against the schema (8239 for an unknown policy) and
 * stores them under the policies' own names, as SHOW CREATE TABLE prints them.
 */
export function resolvePlacementRefs(is: InfoSchema, t: TableInfo): void {
  if (t.placementPolicy !== undefined) {
    if (isDefault(t.placementPolicy)) delete t.placementPolicy;
    else t.placementPolicy = requirePolicy(is, t.placementPolicy).name;
  }
  for (const d of t.partition?.definitions ?? []) {
    if (d.placementPolicy === undefined) continue;
    if (isDefault(d.placementPolicy)) delete d.placementPolicy;
    else d.placementPolicy = requirePolicy(is, d.placementPolicy).name;
  }
}

/** The objects still referring to a policy (databases, tables, partitions), for DROP's in-use check. */
function policyInUse(is: InfoSchema, name: string): boolean {
  const key = name.toLowerCase();
  const uses = (ref: string | undefined) => ref !== undefined && ref.toLowerCase() === key;
  for (const db of is.databases()) {
    if (uses(db.placementPolicy)) return true;
    for (const t of is.tables(db.name)) {
      if (uses(t.placementPolicy)) return true;
      if (t.partition?.definitions.some((d) => uses(d.placementPolicy))) return true;
    }
  }
  return false;
}

export function executeCreatePlacementPolicy(stmt: CreatePlacementPolicyStmt, ctx: DdlContext): Promise<DdlResult> {
  checkIdentLength(stmt.name);
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const existing = is.policy(stmt.name);
    if (existing && !stmt.orReplace) {
      if (stmt.ifNotExists) {
        note(ctx, ER.PLACEMENT_POLICY_EXISTS, stmt.name);
        return undefined;
      }
      throw sqlError(ER.PLACEMENT_POLICY_EXISTS, stmt.name);
    }
    const id = existing?.id ?? (await meta.allocGlobalIds(1))[0]!;
    const policy: PolicyInfo = { id, name: existing?.name ?? stmt.name, settings: settingsOf(stmt.options) };
    meta.putPolicy(policy);
    return { change: { putPolicies: [policy] } };
  });
}

/** The policy ALTER / DROP name; undefined (after a note) when it is missing and IF EXISTS allows that. */
function existingPolicy(ctx: DdlContext, is: InfoSchema, name: string, ifExists: boolean): PolicyInfo | undefined {
  const policy = is.policy(name);
  if (policy) return policy;
  if (!ifExists) throw sqlError(ER.PLACEMENT_POLICY_NOT_EXISTS, name);
  note(ctx, ER.PLACEMENT_POLICY_NOT_EXISTS, name);
  return undefined;
}

export function executeAlterPlacementPolicy(stmt: AlterPlacementPolicyStmt, ctx: DdlContext): Promise<DdlResult> {
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const existing = existingPolicy(ctx, is, stmt.name, stmt.ifExists);
    if (!existing) return undefined;
    const policy: PolicyInfo = { ...existing, settings: settingsOf(stmt.options) };
    meta.putPolicy(policy);
    return { change: { putPolicies: [policy] } };
  });
}

export function executeDropPlacementPolicy(stmt: DropPlacementPolicyStmt, ctx: DdlContext): Promise<DdlResult> {
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const existing = existingPolicy(ctx, is, stmt.name, stmt.ifExists);
    if (!existing) return undefined;
    if (policyInUse(is, existing.name)) throw sqlError(ER.PLACEMENT_POLICY_IN_USE, existing.name);
    meta.deletePolicy(existing.id);
    return { change: { droppedPolicies: [existing.name] } };
  });
}

/** A database's placement policy option: undefined when absent, null for DEFAULT, else the policy's name. */
export function databasePolicyOption(is: InfoSchema, options: readonly TableOption[]): string | null | undefined {
  const v = options.filter((o) => o.name === 'placement_policy').at(-1)?.value;
  if (v === undefined) return undefined;
  return isDefault(v) ? null : requirePolicy(is, v).name;
}

/** ALTER DATABASE [d] charset / collation / placement policy. */
export function executeAlterDatabase(stmt: AlterDatabaseStmt, ctx: DdlContext): Promise<DdlResult> {
  const name = stmt.name ?? ctx.currentDb;
  if (!name) throw sqlError(ER.NO_DB);
  return runSchemaChange(ctx, async (_txn, meta, is) => {
    const db = is.database(name);
    if (!db) throw sqlError(ER.BAD_DB, name);
    const cs = resolveCharset(stmt.options, { charset: db.charset, collate: db.collate });
    const next: DBInfo = { ...db, charset: cs.charset, collate: cs.collate };
    const policy = databasePolicyOption(is, stmt.options);
    if (policy === null) delete next.placementPolicy;
    else if (policy !== undefined) next.placementPolicy = policy;
    meta.putDatabase(next);
    return { change: { putDbs: [next] } };
  });
}
