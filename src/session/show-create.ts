// SHOW CREATE TABLE / VIEW / DATABASE in TiDB's form.
import type { ColumnInfo, DBInfo, TableInfo } from '../catalog/model.js';
import { backtickQuote, type IdentQuoter, partitionClause } from '../ddl/partition-format.js';
import { Flag, TypeCode } from '../types/field-type.js';
import { typeToString } from '../types/type-name.js';

const q = backtickQuote;
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** A column default as SHOW/information_schema print it (NULL for none). */
export function defaultText(c: ColumnInfo): string | null {
  const d = c.default;
  if (!d || d.kind === 'null') return null;
  return d.kind === 'literal' ? d.text : d.expr;
}

function columnLine(t: TableInfo, c: ColumnInfo, quote: IdentQuoter): string {
  const parts = [quote(c.name), typeToString(c.type)];
  const ft = c.type;
  const isString = ft.charset !== 'binary' && ft.tp !== TypeCode.JSON;
  if (isString && ft.collate !== t.collate) parts.push(`COLLATE ${ft.collate}`);
  if (c.generated) parts.push(`GENERATED ALWAYS AS (${c.generated.expr}) ${c.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  if (ft.flag & Flag.NotNull) parts.push('NOT NULL');
  if (c.autoRandomBits !== undefined) parts.push(`/*T![auto_rand] AUTO_RANDOM(${c.autoRandomBits}) */`);
  // TiDB spells out a nullable TIMESTAMP's NULL only beside DEFAULT NULL.
  else if (ft.tp === TypeCode.Timestamp && (!c.default || c.default.kind === 'null')) parts.push('NULL');
  const d = c.default;
  if (c.autoIncrement) parts.push('AUTO_INCREMENT');
  else if (d && !c.generated) {
    if (d.kind === 'null') parts.push('DEFAULT NULL');
    else if (d.kind === 'literal') parts.push(`DEFAULT ${literalDefault(d.text, c)}`);
    else parts.push(`DEFAULT ${d.expr}`);
  } else if (!(ft.flag & Flag.NotNull) && !c.generated && !isBlobOrJson(c)) {
    parts.push('DEFAULT NULL');
  }
  if (c.onUpdateNow) parts.push(`ON UPDATE CURRENT_TIMESTAMP${ft.decimal > 0 ? `(${ft.decimal})` : ''}`);
  if (c.comment) parts.push(`COMMENT ${str(c.comment)}`);
  return `  ${parts.join(' ')}`;
}

function isBlobOrJson(c: ColumnInfo): boolean {
  return c.type.tp === TypeCode.JSON || (c.type.flag & Flag.Blob) !== 0;
}

function literalDefault(text: string, c: ColumnInfo): string {
  if (/^current_timestamp/i.test(text)) return text.toUpperCase();
  if (c.type.tp === TypeCode.Bit) return text;
  return str(text);
}

export function showCreateTable(t: TableInfo, quote: IdentQuoter = backtickQuote): string {
  const lines = t.columns.filter((c) => c.state === 'public' && !c.hidden).map((c) => columnLine(t, c, quote));
  for (const idx of t.indices) {
    const cols = idx.columns
      .map((ic) => {
        const col = t.columns[ic.offset]!;
        // An expression index part is a hidden generated column: shown as its expression.
        if (col.hidden && col.generated) return `(${col.generated.expr})`;
        return `${quote(col.name)}${ic.length > 0 ? `(${ic.length})` : ''}`;
      })
      .join(',');
    if (idx.primary) {
      const clustered = t.pkIsHandle || t.isCommonHandle ? 'CLUSTERED' : 'NONCLUSTERED';
      const global = idx.global ? ' /*T![global_index] GLOBAL */' : '';
      lines.push(`  PRIMARY KEY (${cols}) /*T![clustered_index] ${clustered} */${global}`);
      continue;
    }
    const kind = idx.unique ? 'UNIQUE KEY' : 'KEY';
    let line = `  ${kind} ${quote(idx.name)} (${cols})`;
    if (idx.comment) line += ` COMMENT ${str(idx.comment)}`;
    if (!idx.visible) line += ' /*!80000 INVISIBLE */';
    if (idx.global) line += ' /*T![global_index] GLOBAL */';
    lines.push(line);
  }
  // TiDB prints check constraints unindented, after the indexes.
  for (const c of t.checks ?? []) {
    lines.push(`CONSTRAINT ${quote(c.name)} CHECK ((${c.expr}))${c.enforced ? '' : ' /*!80016 NOT ENFORCED */'}`);
  }
  let s = `CREATE ${t.temporary ? 'TEMPORARY ' : ''}TABLE ${quote(t.name)} (\n${lines.join(',\n')}\n) ENGINE=InnoDB DEFAULT CHARSET=${t.charset} COLLATE=${t.collate}`;
  if (t.autoIncrementStart && t.autoIncrementStart > 1) s += ` AUTO_INCREMENT=${t.autoIncrementStart}`;
  if (t.comment) s += ` COMMENT=${str(t.comment)}`;
  if (t.placementPolicy) s += placementComment(t.placementPolicy);
  if (t.partition) s += `\n${partitionClause(t.partition, quote)}`;
  return s;
}

export function showCreateView(t: TableInfo): string {
  const v = t.view!;
  const cols = v.columns.length ? ` (${v.columns.map(q).join(', ')})` : '';
  return `CREATE ALGORITHM=${v.algorithm || 'UNDEFINED'} DEFINER=${v.definer || '`root`@`%`'} SQL SECURITY ${v.security || 'DEFINER'} VIEW ${q(t.name)}${cols} AS ${v.select}`;
}

export function showCreateDatabase(db: DBInfo, ifNotExists: boolean): string {
  const policy = db.placementPolicy ? placementComment(db.placementPolicy) : '';
  return `CREATE DATABASE ${ifNotExists ? '/*!32312 IF NOT EXISTS*/ ' : ''}${q(db.name)} /*!40100 DEFAULT CHARACTER SET ${db.charset} */${policy}`;
}

/** TiDB's executable comment for a placement policy reference, with its leading space. */
function placementComment(policy: string): string {
  return ` /*T![placement] PLACEMENT POLICY=${q(policy)} */`;
}
