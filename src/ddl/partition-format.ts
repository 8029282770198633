// How partitioning is printed: SHOW CREATE TABLE's partition clause and the PARTITION_METHOD /
// PARTITION_EXPRESSION / PARTITION_DESCRIPTION of INFORMATION_SCHEMA.PARTITIONS, in TiDB's form.
import type { PartitionDefinition, PartitionInfo } from '../catalog/model.js';

/** Quotes an identifier: backticks, or double quotes under sql_mode ANSI_QUOTES (as SHOW CREATE TABLE does). */
export type IdentQuoter = (name: string) => string;

export const backtickQuote: IdentQuoter = (s) => `\`${s.replace(/`/g, '``')}\``;
export const ansiQuote: IdentQuoter = (s) => `"${s.replace(/"/g, '""')}"`;

const q = backtickQuote;
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Non-printable bound strings are shown as a hex literal, as TiDB does. */
function printable(v: string): string {
  if (!/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v)) return v;
  const inner = v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1) : v;
  let hex = '';
  for (const b of Buffer.from(inner, 'utf8')) hex += b.toString(16).padStart(2, '0');
  return `0x${hex}`;
}

/** Whether HASH/KEY partitions are the default p0..pN-1 without options (printed as `PARTITIONS n`). */
function defaultHashDefinitions(p: PartitionInfo): boolean {
  return p.definitions.every((d, i) => d.name === `p${i}` && !d.comment && !d.placementPolicy);
}

function listValues(d: PartitionDefinition, multi: boolean): string[] {
  const values = (d.inValues ?? []).map((t) =>
    multi || t.length > 1 ? `(${t.map(printable).join(',')})` : printable(t[0]!),
  );
  if (d.isDefault) values.splice(d.defaultAt ?? values.length, 0, 'DEFAULT');
  return values;
}

function definitionText(p: PartitionInfo, d: PartitionDefinition, quote: IdentQuoter): string {
  let s = `PARTITION ${quote(d.name)}`;
  if (p.type === 'RANGE') s += ` VALUES LESS THAN (${(d.lessThan ?? []).map(printable).join(',')})`;
  else if (p.type === 'LIST') {
    s += !d.inValues?.length && d.isDefault ? ' DEFAULT' : ` VALUES IN (${listValues(d, false).join(',')})`;
  }
  if (d.comment) s += ` COMMENT ${str(d.comment)}`;
  if (d.placementPolicy) s += ` /*T![placement] PLACEMENT POLICY=${quote(d.placementPolicy)} */`;
  return s;
}

/**
 * SHOW CREATE TABLE's partition clause (without the leading newline). A partition expression keeps the
 * backticks it was stored with whatever the quoting (TiDB's output, its issue 35389).
 */
export function partitionClause(p: PartitionInfo, quote: IdentQuoter = backtickQuote): string {
  const cols = (p.columns ?? []).map(quote).join(',');
  if ((p.type === 'HASH' || p.type === 'KEY') && defaultHashDefinitions(p)) {
    return p.type === 'HASH'
      ? `PARTITION BY HASH (${p.expr}) PARTITIONS ${p.num}`
      : `PARTITION BY KEY (${cols}) PARTITIONS ${p.num}`;
  }
  let head: string;
  if (p.type === 'KEY') head = `PARTITION BY KEY (${cols})`;
  else if (p.expr === undefined) head = `PARTITION BY ${p.type} COLUMNS(${cols})`;
  else head = `PARTITION BY ${p.type} (${p.expr})`;
  return `${head}\n(${p.definitions.map((d) => definitionText(p, d, quote)).join(',\n ')})`;
}

/** INFORMATION_SCHEMA.PARTITIONS.PARTITION_METHOD. */
export function partitionMethod(p: PartitionInfo): string {
  return p.expr === undefined && (p.type === 'RANGE' || p.type === 'LIST') ? `${p.type} COLUMNS` : p.type;
}

/** INFORMATION_SCHEMA.PARTITIONS.PARTITION_EXPRESSION. */
export function partitionExpression(p: PartitionInfo): string {
  return p.expr ?? (p.columns ?? []).map(q).join(',');
}

/** INFORMATION_SCHEMA.PARTITIONS.PARTITION_DESCRIPTION. */
export function partitionDescription(p: PartitionInfo, d: PartitionDefinition): string {
  if (p.type === 'RANGE') return (d.lessThan ?? []).join(',');
  if (p.type === 'LIST') return listValues(d, false).join(',');
  return '';
}
