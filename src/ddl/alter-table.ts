// ALTER TABLE: the specs are applied in order to a draft of the table, then the data follows in
// the same transaction: new indexes are backfilled, dropped ones deleted, and rows are rewritten
// when a column's type, nullability or an index's columns changed.
import type { CheckConstraintInfo, ColumnInfo, IndexInfo, TableInfo } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { AlterSpec, AlterTableStmt, ColumnDef, ColumnPosition } from '../parser/ast.js';
import { allocatorFor } from '../table/auto-id.js';
import { literalDefault, originDefaultValue, zeroValue } from '../table/defaults.js';
import { convertForColumn, toStringValue } from '../types/convert.js';
import { generatedColumnsOf } from '../planner/generated.js';
import { buildContext, partitionEvalContext } from './partition-eval.js';
import { evalTypeOf, type FieldType, Flag, isNotNull, TypeCode } from '../types/field-type.js';
import type { Value } from '../types/value.js';
import { backfillIndexes, deleteIndexes, rewriteRows } from './backfill.js';
import {
  addCheck,
  addColumnChecks,
  alterCheck,
  checksOnColumnDrop,
  checksOnColumnRename,
  dropCheck,
  validateExistingRows,
  warnSwitchOff,
} from './check-constraint.js';
import { buildColumn, buildDefault, checkColumnName, originDefaultOf } from './column-def.js';
import {
  type DdlContext,
  type DdlResult,
  dbNameOf,
  draftOf,
  isStrict,
  note,
  requireTable,
  rewriteContext,
  runSchemaChange,
} from './context.js';
import { applyTableOptions, resolveCharset } from './create-table.js';
import { DDL_ER } from './errors.js';
import { checkGeneratedDependents, expressionColumnsOf, withExpressionColumns } from './expression-index.js';
import { addIndexToDraft, checkAutoIncrement, recomputeKeyFlags, syncOffsets } from './index-def.js';
import { alterPartition, isPartitionSpec } from './partition-alter.js';
import { resolvePlacementRefs } from './placement.js';
import { checkGlobalOnUnpartitioned, checkUniqueKeys, partitionColumns } from './partition-build.js';
import { renameTables } from './rename.js';

/** Flags that describe keys and defaults rather than the stored type. */
const NON_TYPE_FLAGS =
  Flag.PriKey | Flag.UniqueKey | Flag.MultipleKey | Flag.NoDefaultValue | Flag.OnUpdateNow | Flag.AutoIncrement;

function sameStoredType(a: FieldType, b: FieldType): boolean {
  return (
    a.tp === b.tp &&
    a.flen === b.flen &&
    a.decimal === b.decimal &&
    a.charset === b.charset &&
    a.collate === b.collate &&
    (a.flag & ~NON_TYPE_FLAGS) === (b.flag & ~NON_TYPE_FLAGS) &&
    JSON.stringify(a.elems ?? []) === JSON.stringify(b.elems ?? [])
  );
}

/** The kind of values a type holds (YEAR apart from the integers: its values are years). */
function typeKind(ft: FieldType): number {
  return ft.tp === TypeCode.Year ? -1 : evalTypeOf(ft);
}

interface AlterState {
  t: TableInfo;
  ctx: DdlContext;
  /** Checks added or newly enforced: existing rows must satisfy them. */
  validate: CheckConstraintInfo[];
  /** Indexes added by the specs (backfilled unless rows are rewritten). */
  added: IndexInfo[];
  dropped: IndexInfo[];
  rewrite: boolean;
  autoIncrement?: number;
}

function findCol(t: TableInfo, name: string): ColumnInfo | undefined {
  return t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
}

function unknownColumn(t: TableInfo, name: string): Error {
  return sqlError(ER.BAD_FIELD, name, t.name);
}

function place(t: TableInfo, col: ColumnInfo, position: ColumnPosition | undefined): void {
  const at = t.columns.indexOf(col);
  if (!position) return;
  if (at >= 0) t.columns.splice(at, 1);
  if ('first' in position) {
    t.columns.unshift(col);
    return;
  }
  const after = findCol(t, position.after);
  if (!after) throw unknownColumn(t, position.after);
  t.columns.splice(t.columns.indexOf(after) + 1, 0, col);
}

function tableDefaults(t: TableInfo) {
  return { charset: t.charset, collate: t.collate };
}

function inlineIndexes(s: AlterState, def: ColumnDef): void {
  if (def.primaryKey)
    s.added.push(addIndexToDraft(s.t, { kind: 'primary', parts: [{ column: def.name, desc: false }] }));
  if (def.unique) s.added.push(addIndexToDraft(s.t, { kind: 'unique', parts: [{ column: def.name, desc: false }] }));
}

function addColumn(s: AlterState, def: ColumnDef, position: ColumnPosition | undefined, ifNotExists: boolean): void {
  const { t } = s;
  if (findCol(t, def.name)) {
    if (ifNotExists) {
      note(s.ctx, ER.DUP_FIELDNAME, def.name);
      return;
    }
    throw sqlError(ER.DUP_FIELDNAME, def.name);
  }
  const col = buildColumn(def, t.maxColumnId + 1, t.columns.length, tableDefaults(t));
  if (col.autoIncrement) throw sqlError(ER.NOT_SUPPORTED_YET, `add column '${col.name}' constraint AUTO_INCREMENT`);
  if (col.generated?.stored) throw sqlError(ER.NOT_SUPPORTED_YET, 'adding a stored generated column');
  // The existing rows get its value computed (generated columns are kept in the rows).
  if (col.generated) s.rewrite = true;
  t.maxColumnId++;
  const origin = originDefaultOf(col, Date.now() * 1000, s.ctx.timeZoneOffsetMinutes ?? 0);
  if (origin) col.originDefault = origin;
  else if (isNotNull(col.type)) col.originDefault = { kind: 'literal', text: toStringValue(zeroValue(col.type)) };
  t.columns.push(col);
  place(t, col, position ?? { after: t.columns[t.columns.length - 2]?.name ?? '' });
  syncOffsets(t);
  inlineIndexes(s, def);
  if (def.checks?.length) {
    if (s.ctx.enableCheckConstraint) s.validate.push(...addColumnChecks(t, col.name, def.checks));
    else for (const _ of def.checks) warnSwitchOff(s.ctx);
  }
}

/** A partitioning column cannot be dropped or renamed (3855). */
function checkNotPartitionColumn(t: TableInfo, col: ColumnInfo): void {
  if (t.partition && partitionColumns(t, t.partition).includes(col)) {
    throw sqlError(ER.DEPENDENT_BY_PARTITION_FUNCTIONAL, col.name);
  }
}

function dropColumn(s: AlterState, name: string, ifExists: boolean): void {
  const { t } = s;
  const col = findCol(t, name);
  if (!col) {
    if (ifExists) {
      note(s.ctx, ER.CANT_DROP_FIELD_OR_KEY, name);
      return;
    }
    throw sqlError(ER.CANT_DROP_FIELD_OR_KEY, name);
  }
  if (t.columns.length === 1) throw sqlError(ER.CANT_REMOVE_ALL_FIELDS);
  checkNotPartitionColumn(t, col);
  checkGeneratedDependents(t, col.name);
  checksOnColumnDrop(t, col.name);
  const pk = t.indices.find((i) => i.primary);
  const inPk = pk?.columns.some((c) => c.name.toLowerCase() === col.name.toLowerCase());
  if (inPk && (t.pkIsHandle || t.isCommonHandle)) {
    throw sqlError(ER.UNSUPPORTED_TYPE, 'drop column of a clustered primary key');
  }
  // MySQL removes the column from its indexes; an index left without columns goes.
  for (const idx of [...t.indices]) {
    const rest = idx.columns.filter((c) => c.name.toLowerCase() !== col.name.toLowerCase());
    if (rest.length === idx.columns.length) continue;
    s.rewrite = true;
    if (rest.length === 0) t.indices.splice(t.indices.indexOf(idx), 1);
    else idx.columns = rest;
  }
  t.columns.splice(t.columns.indexOf(col), 1);
  syncOffsets(t);
}

function modifyColumn(s: AlterState, oldName: string, def: ColumnDef, position: ColumnPosition | undefined): void {
  const { t } = s;
  const old = findCol(t, oldName);
  if (!old) throw unknownColumn(t, oldName);
  const other = findCol(t, def.name);
  if (other && other !== old) throw sqlError(ER.DUP_FIELDNAME, def.name);
  if (old.name.toLowerCase() !== def.name.toLowerCase()) {
    checkNotPartitionColumn(t, old);
    checkGeneratedDependents(t, old.name);
    checksOnColumnRename(t, old.name);
  }
  const col = buildColumn(def, old.id, old.offset, tableDefaults(t));
  if (old.originDefault) col.originDefault = old.originDefault;
  const keyed = t.indices.some((i) => i.columns.some((c) => c.name.toLowerCase() === old.name.toLowerCase()));
  if (col.autoIncrement && !old.autoIncrement && !keyed && !def.primaryKey && !def.unique) {
    throw sqlError(ER.WRONG_AUTO_KEY);
  }
  if (!sameStoredType(old.type, col.type)) {
    // A primary key column's values cannot be converted into another kind of type (TiDB would have to
    // rebuild the key); a change within the kind (a wider integer, a longer string) is rewritten.
    const pk = t.indices.find((i) => i.primary);
    const inPk = pk?.columns.some((c) => c.name.toLowerCase() === old.name.toLowerCase()) === true;
    if (inPk && typeKind(old.type) !== typeKind(col.type)) {
      throw sqlError(ER.UNSUPPORTED_TYPE, 'modify column: this column has primary key flag');
    }
    s.rewrite = true;
  }
  t.columns[t.columns.indexOf(old)] = col;
  for (const idx of t.indices) {
    for (const ic of idx.columns) if (ic.name.toLowerCase() === old.name.toLowerCase()) ic.name = col.name;
  }
  place(t, col, position);
  syncOffsets(t);
  inlineIndexes(s, def);
}

function renameColumn(s: AlterState, oldName: string, newName: string): void {
  const { t } = s;
  const col = findCol(t, oldName);
  if (!col) throw unknownColumn(t, oldName);
  checkColumnName(newName);
  if (col.name.toLowerCase() !== newName.toLowerCase()) {
    checkNotPartitionColumn(t, col);
    checkGeneratedDependents(t, col.name);
    checksOnColumnRename(t, col.name);
  }
  const other = findCol(t, newName);
  if (other && other !== col) throw sqlError(ER.DUP_FIELDNAME, newName);
  for (const idx of t.indices) {
    for (const ic of idx.columns) if (ic.name.toLowerCase() === col.name.toLowerCase()) ic.name = newName;
  }
  col.name = newName;
}

function dropIndex(s: AlterState, name: string, ifExists: boolean): void {
  const { t } = s;
  const idx = t.indices.find((i) => i.name.toLowerCase() === name.toLowerCase());
  if (!idx) {
    if (ifExists) {
      note(s.ctx, ER.CANT_DROP_FIELD_OR_KEY, name);
      return;
    }
    throw sqlError(ER.CANT_DROP_FIELD_OR_KEY, name);
  }
  if (idx.primary && (t.pkIsHandle || t.isCommonHandle)) {
    throw sqlError(ER.UNSUPPORTED_TYPE, 'drop primary key when the table is using clustered index');
  }
  t.indices.splice(t.indices.indexOf(idx), 1);
  // An expression index's hidden columns go with it (rows keep their values until rewritten, unread).
  for (const c of expressionColumnsOf(t, idx.name)) t.columns.splice(t.columns.indexOf(c), 1);
  const addedAt = s.added.indexOf(idx);
  if (addedAt >= 0) s.added.splice(addedAt, 1);
  else s.dropped.push(idx);
}

function applySpec(s: AlterState, spec: AlterSpec): void {
  const { t } = s;
  switch (spec.type) {
    case 'addColumn':
      for (const def of spec.columns) addColumn(s, def, spec.position, spec.ifNotExists ?? false);
      return;
    case 'dropColumn':
      dropColumn(s, spec.name, spec.ifExists ?? false);
      return;
    case 'modifyColumn':
      modifyColumn(s, spec.column.name, spec.column, spec.position);
      return;
    case 'changeColumn':
      modifyColumn(s, spec.oldName, spec.column, spec.position);
      return;
    case 'renameColumn':
      renameColumn(s, spec.oldName, spec.newName);
      return;
    case 'alterColumnDefault': {
      const col = findCol(t, spec.name);
      if (!col) throw unknownColumn(t, spec.name);
      if (spec.default === undefined) {
        delete col.default;
        if (isNotNull(col.type)) col.type.flag |= Flag.NoDefaultValue;
      } else {
        col.default = buildDefault(spec.default, col);
        col.type.flag &= ~Flag.NoDefaultValue;
      }
      return;
    }
    case 'addConstraint': {
      const c = spec.constraint;
      if (c.type === 'check') {
        if (s.ctx.enableCheckConstraint) s.validate.push(addCheck(t, c));
        else warnSwitchOff(s.ctx);
        return;
      }
      if (c.type !== 'primary' && c.type !== 'unique' && c.type !== 'index') return;
      if (spec.ifNotExists && c.name && t.indices.some((i) => i.name.toLowerCase() === c.name!.toLowerCase())) {
        note(s.ctx, ER.DUP_KEYNAME, c.name);
        return;
      }
      const nullable =
        c.type === 'primary'
          ? c.parts.map((p) => findCol(t, p.column ?? '')).filter((col) => col && !isNotNull(col.type))
          : [];
      const columnsBefore = t.columns.length;
      const indexSpec = withExpressionColumns(
        t,
        {
          kind: c.type,
          name: c.name,
          parts: c.parts,
          comment: c.comment,
          invisible: c.invisible,
          indexType: c.indexType,
          global: c.global,
        },
        s.ctx,
      );
      // Expression columns are computed for the existing rows by rewriting them.
      if (t.columns.length > columnsBefore) s.rewrite = true;
      const idx = addIndexToDraft(t, indexSpec);
      // Columns of an added primary key become NOT NULL: existing rows are checked by the rewrite.
      if (nullable.length > 0) s.rewrite = true;
      s.added.push(idx);
      return;
    }
    case 'dropIndex':
      dropIndex(s, spec.name, spec.ifExists ?? false);
      return;
    case 'dropPrimaryKey':
      dropIndex(s, 'PRIMARY', false);
      return;
    case 'dropForeignKey':
      return;
    case 'dropCheck':
      if (s.ctx.enableCheckConstraint) dropCheck(t, spec.name);
      else warnSwitchOff(s.ctx);
      return;
    case 'alterCheck': {
      if (!s.ctx.enableCheckConstraint) {
        warnSwitchOff(s.ctx);
        return;
      }
      const enforced = alterCheck(t, spec.name, spec.enforced);
      if (enforced) s.validate.push(enforced);
      return;
    }
    case 'renameIndex': {
      const idx = t.indices.find((i) => i.name.toLowerCase() === spec.oldName.toLowerCase());
      if (!idx) throw sqlError(ER.KEY_DOES_NOT_EXIST, spec.oldName, t.name);
      if (idx.primary || spec.newName.toLowerCase() === 'primary')
        throw sqlError(DDL_ER.WRONG_NAME_FOR_INDEX, spec.newName);
      const clash = t.indices.find((i) => i.name.toLowerCase() === spec.newName.toLowerCase());
      if (clash && clash !== idx) throw sqlError(ER.DUP_KEYNAME, spec.newName);
      idx.name = spec.newName;
      return;
    }
    case 'options': {
      const cs = resolveCharset(spec.options, tableDefaults(t));
      t.charset = cs.charset;
      t.collate = cs.collate;
      const autoInc = applyTableOptions(t, spec.options);
      if (autoInc !== undefined) s.autoIncrement = autoInc;
      return;
    }
    case 'partitionOptions': {
      const def = t.partition?.definitions.find((d) => d.name.toLowerCase() === spec.name.toLowerCase());
      if (!def) throw sqlError(ER.UNKNOWN_PARTITION, spec.name, t.name);
      const policy = spec.options.filter((o) => o.name === 'placement_policy').at(-1)?.value;
      if (policy !== undefined) def.placementPolicy = policy;
      return;
    }
    case 'alterIndexVisibility': {
      const idx = t.indices.find((i) => i.name.toLowerCase() === spec.name.toLowerCase());
      if (!idx) throw sqlError(ER.KEY_DOES_NOT_EXIST, spec.name, t.name);
      if (idx.primary && !spec.visible) throw sqlError(DDL_ER.PK_INDEX_CANT_BE_INVISIBLE);
      idx.visible = spec.visible;
      return;
    }
    default:
      throw sqlError(ER.NOT_SUPPORTED_YET, `ALTER TABLE ${spec.type}`);
  }
}

/** Maps rows of the old definition to the new one by column id, converting changed columns. */
function rowTransform(ctx: DdlContext, oldT: TableInfo, newT: TableInfo): (row: Value[], rowNo: number) => Value[] {
  const tc = rewriteContext(ctx);
  const strict = isStrict(ctx);
  // Generated columns (an added one, or one over a converted column) are computed from the new row.
  const evalCtx = partitionEvalContext(ctx, strict);
  const generated = generatedColumnsOf(newT, buildContext(evalCtx));
  const plan = newT.columns.map((col) => {
    const old = oldT.columns.find((c) => c.id === col.id);
    return { col, from: old?.offset, convert: old ? !sameStoredType(old.type, col.type) : false };
  });
  const base = (row: Value[], rowNo: number) =>
    plan.map(({ col, from, convert }) => {
      let v: Value = from === undefined ? originDefaultValue(col) : (row[from] ?? null);
      if (convert && v !== null) v = convertForColumn(v, col.type, tc, col.name, rowNo);
      if (v === null && isNotNull(col.type)) {
        if (strict) throw sqlError(ER.INVALID_USE_OF_NULL);
        tc.appendWarning({
          level: 'Warning',
          code: ER.WARN_DATA_TRUNCATED.code,
          message: `Data truncated for column '${col.name}' at row ${rowNo}`,
        });
        v =
          col.default?.kind === 'literal' ? literalDefault(col.default.text, col.type, col.name) : zeroValue(col.type);
      }
      return v;
    });
  if (generated.length === 0) return base;
  return (row, rowNo) => {
    const out = base(row, rowNo);
    for (const g of generated) {
      const col = newT.columns[g.offset]!;
      out[g.offset] = convertForColumn(g.eval(out, evalCtx), col.type, tc, col.name, rowNo);
    }
    return out;
  };
}

export function executeAlterTable(stmt: AlterTableStmt, ctx: DdlContext): Promise<DdlResult> {
  return alterTable(ctx, stmt);
}

export async function alterTable(ctx: DdlContext, stmt: AlterTableStmt): Promise<DdlResult> {
  const dbName = dbNameOf(ctx, stmt.table);
  for (const spec of stmt.specs) if (spec.type === 'unsupported') throw sqlError(ER.UNSUPPORTED_TYPE, spec.what);
  const rename = stmt.specs.filter((s) => s.type === 'renameTable');
  const specs = stmt.specs.filter((s) => s.type !== 'renameTable');
  let result: DdlResult = { affectedRows: 0 };
  const partitionSpecs = specs.filter(isPartitionSpec);
  if (partitionSpecs.length > 0) {
    if (specs.length > 1) throw sqlError(ER.UNSUPPORTED_TYPE, 'multi schema change with partition management');
    result = await alterPartition(ctx, dbName, stmt.table.name, partitionSpecs[0]!);
  } else if (specs.length > 0) {
    result = await runSchemaChange(ctx, async (txn, meta, is) => {
      const { db, table } = requireTable(is, dbName, stmt.table.name);
      const s: AlterState = { t: draftOf(table), ctx, validate: [], added: [], dropped: [], rewrite: false };
      for (const spec of specs) applySpec(s, spec);
      resolvePlacementRefs(is, s.t);
      syncOffsets(s.t);
      recomputeKeyFlags(s.t);
      checkAutoIncrement(s.t);
      // A unique key added to a partitioned table must cover the partitioning columns (1503).
      if (s.t.partition && s.added.some((i) => i.unique || i.primary || i.global)) {
        checkUniqueKeys(s.t, s.t.partition, { enableGlobalIndex: ctx.enableGlobalIndex, alter: true });
      }
      checkGlobalOnUnpartitioned(s.t);
      s.t.updateTime = Date.now();
      if (s.rewrite) {
        await rewriteRows(txn, table, s.t, rowTransform(ctx, table, s.t));
      } else {
        await deleteIndexes(txn, table, s.dropped);
        await backfillIndexes(txn, s.t, s.added);
      }
      await validateExistingRows(txn, ctx, s.t, s.validate);
      meta.putTable(db.id, s.t);
      const autoInc = s.autoIncrement;
      return {
        change: { putTables: [{ dbName: db.name, table: s.t }] },
        afterCommit:
          autoInc === undefined
            ? undefined
            : () => allocatorFor(ctx.storage, table.id).rebase(Math.max(autoInc - 1, 0)),
      };
    });
  }
  const to = rename.at(-1);
  if (to && to.type === 'renameTable') {
    result = await renameTables(ctx, [
      { from: { ...stmt.table, db: dbName }, to: { ...to.to, db: to.to.db ?? dbName } },
    ]);
  }
  return result;
}
