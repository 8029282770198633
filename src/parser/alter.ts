// ALTER TABLE with its comma-separated specifications, including partition management.

import type { AlterSpec, AlterTableStmt, ColumnDef, ColumnPosition } from './ast.js';
import {
  isConstraintStart,
  parseColumnDef,
  parseConstraint,
  parseEnforced,
  parseIfExists,
  parseIfNotExists,
  parseTableOptions,
} from './ddl-table.js';
import { parseSimple } from './expr.js';
import { Tk } from './lexer.js';
import type { Parser } from './parser-core.js';
import { parsePartitionDefs, parsePartitionLessThan, parsePartitionOptions } from './partition.js';
import { parseTableName } from './tables.js';
import { charsetName } from './types.js';

export function parseAlterTable(p: Parser): AlterTableStmt {
  p.expectKw('TABLE');
  const table = parseTableName(p);
  const specs: AlterSpec[] = [];
  if (!p.atEnd()) {
    do specs.push(parseAlterSpec(p));
    while (p.acceptOp(','));
  }
  return { kind: 'alterTable', table, specs };
}

function parsePosition(p: Parser): ColumnPosition | undefined {
  if (p.acceptKw('FIRST')) return { first: true };
  if (p.acceptKw('AFTER')) return { after: p.ident() };
  return undefined;
}

function withPosition<T extends { position?: ColumnPosition }>(p: Parser, spec: T): T {
  const position = parsePosition(p);
  if (position) spec.position = position;
  return spec;
}

/** Partition names; a comma followed by `word word` starts the next spec instead (`, TRUNCATE PARTITION ...`). */
function partitionNames(p: Parser): string[] {
  const names = [p.ident()];
  while (p.isOp(',') && p.isIdentTok(p.peek()) && !(p.peek(2).t === Tk.Ident && p.peek(2).up !== 'INTO')) {
    p.pos++;
    names.push(p.ident());
  }
  return names;
}

function parseAlterSpec(p: Parser): AlterSpec {
  const t = p.tok;
  switch (t.up) {
    case 'ADD': {
      p.pos++;
      if (p.acceptKw('PARTITION')) {
        parseIfNotExists(p);
        if (p.acceptKw('PARTITIONS')) return { type: 'addPartition', definitions: [], count: p.int() };
        if (p.atEnd()) return { type: 'addPartition', definitions: [] };
        return { type: 'addPartition', definitions: parsePartitionDefs(p) };
      }
      if (isConstraintStart(p) || p.isKw('CHECK')) {
        return { type: 'addConstraint', constraint: parseConstraint(p) };
      }
      p.acceptKw('COLUMN');
      const ifNotExists = parseIfNotExists(p);
      if (p.acceptOp('(')) {
        const columns: ColumnDef[] = [];
        do {
          if (isConstraintStart(p)) p.fail();
          columns.push(parseColumnDef(p));
        } while (p.acceptOp(','));
        p.expectOp(')');
        return ifNotExists ? { type: 'addColumn', columns, ifNotExists } : { type: 'addColumn', columns };
      }
      const spec: AlterSpec = { type: 'addColumn', columns: [parseColumnDef(p)] };
      if (ifNotExists) spec.ifNotExists = true;
      return withPosition(p, spec);
    }
    case 'DROP': {
      p.pos++;
      if (p.acceptKw('PARTITION')) {
        const ifExists = parseIfExists(p);
        const names = partitionNames(p);
        return ifExists ? { type: 'dropPartition', names, ifExists } : { type: 'dropPartition', names };
      }
      if (p.acceptKw('PRIMARY')) {
        p.expectKw('KEY');
        return { type: 'dropPrimaryKey' };
      }
      if (p.acceptKw('INDEX') || p.acceptKw('KEY')) {
        const ifExists = parseIfExists(p);
        const name = p.ident();
        return ifExists ? { type: 'dropIndex', name, ifExists } : { type: 'dropIndex', name };
      }
      if (p.acceptKw('FOREIGN')) {
        p.expectKw('KEY');
        return { type: 'dropForeignKey', name: p.ident() };
      }
      if (p.acceptKw('CHECK') || p.acceptKw('CONSTRAINT')) return { type: 'dropCheck', name: p.ident() };
      if (p.isKw('FIRST')) {
        p.pos++;
        return { type: 'dropPartition', names: [], intervalLessThan: parsePartitionLessThan(p) };
      }
      p.acceptKw('COLUMN');
      const ifExists = parseIfExists(p);
      const name = p.ident();
      if (!p.acceptKw('RESTRICT')) p.acceptKw('CASCADE');
      return ifExists ? { type: 'dropColumn', name, ifExists } : { type: 'dropColumn', name };
    }
    case 'MODIFY':
      p.pos++;
      p.acceptKw('COLUMN');
      return withPosition(p, { type: 'modifyColumn', column: parseColumnDef(p) } as AlterSpec & {
        position?: ColumnPosition;
      });
    case 'CHANGE': {
      p.pos++;
      p.acceptKw('COLUMN');
      const oldName = p.ident();
      return withPosition(p, { type: 'changeColumn', oldName, column: parseColumnDef(p) } as AlterSpec & {
        position?: ColumnPosition;
      });
    }
    case 'RENAME': {
      p.pos++;
      if (p.acceptKw('COLUMN')) {
        const oldName = p.ident();
        p.expectKw('TO');
        return { type: 'renameColumn', oldName, newName: p.ident() };
      }
      if (p.acceptKw('INDEX') || p.acceptKw('KEY')) {
        const oldName = p.ident();
        p.expectKw('TO');
        return { type: 'renameIndex', oldName, newName: p.ident() };
      }
      if (!p.acceptKw('TO')) p.acceptKw('AS');
      return { type: 'renameTable', to: parseTableName(p) };
    }
    case 'ALTER': {
      p.pos++;
      if (p.acceptKw('CHECK') || p.acceptKw('CONSTRAINT')) {
        const name = p.ident();
        const enforced = parseEnforced(p);
        return { type: 'alterCheck', name, enforced };
      }
      if (p.acceptKw('INDEX')) {
        const name = p.ident();
        if (p.acceptKw('VISIBLE')) return { type: 'alterIndexVisibility', name, visible: true };
        p.expectKw('INVISIBLE');
        return { type: 'alterIndexVisibility', name, visible: false };
      }
      p.acceptKw('COLUMN');
      const name = p.ident();
      if (p.acceptKw('SET')) {
        p.expectKw('DEFAULT');
        return { type: 'alterColumnDefault', name, default: parseSimple(p) };
      }
      p.expectKw('DROP');
      p.expectKw('DEFAULT');
      return { type: 'alterColumnDefault', name };
    }
    case 'TRUNCATE':
      p.pos++;
      p.expectKw('PARTITION');
      if (p.acceptKw('ALL')) return { type: 'truncatePartition', names: [], all: true };
      return { type: 'truncatePartition', names: partitionNames(p), all: false };
    case 'COALESCE':
      p.pos++;
      p.expectKw('PARTITION');
      return { type: 'coalescePartition', count: p.int() };
    case 'REORGANIZE': {
      p.pos++;
      p.expectKw('PARTITION');
      // MySQL's bare form rebuilds a HASH/KEY table's partitions; TiDB refuses it.
      if (p.atEnd()) return { type: 'unsupported', what: 'reorganize partition' };
      const names = partitionNames(p);
      p.expectKw('INTO');
      return { type: 'reorganizePartition', names, definitions: parsePartitionDefs(p) };
    }
    case 'EXCHANGE': {
      p.pos++;
      p.expectKw('PARTITION');
      const name = p.ident();
      p.expectKw('WITH');
      p.expectKw('TABLE');
      const table = parseTableName(p);
      let validation = true;
      if (p.acceptKw('WITHOUT')) {
        p.expectKw('VALIDATION');
        validation = false;
      } else if (p.isKw('WITH') && p.isKwAt(1, 'VALIDATION')) p.pos += 2;
      return { type: 'exchangePartition', name, table, validation };
    }
    case 'PARTITION': {
      p.pos++;
      if (p.acceptKw('BY')) return { type: 'partitionBy', partition: parsePartitionOptions(p) };
      const name = p.ident();
      const options = parseTableOptions(p);
      if (options.length === 0) p.fail();
      return { type: 'partitionOptions', name, options };
    }
    case 'REMOVE':
      p.pos++;
      p.expectKw('PARTITIONING');
      return { type: 'removePartitioning' };
    case 'LAST':
      p.pos++;
      return { type: 'addPartition', definitions: [], intervalLessThan: parsePartitionLessThan(p) };
    case 'FIRST':
      p.pos++;
      return { type: 'dropPartition', names: [], intervalLessThan: parsePartitionLessThan(p) };
    case 'CONVERT': {
      p.pos++;
      p.expectKw('TO');
      if (!p.acceptKw('CHARSET')) {
        p.expectKw('CHARACTER');
        p.expectKw('SET');
      }
      const charset = charsetName(p);
      if (p.acceptKw('COLLATE')) return { type: 'convertCharset', charset, collate: charsetName(p) };
      return { type: 'convertCharset', charset };
    }
    case 'ANALYZE':
    case 'CHECK':
    case 'OPTIMIZE':
    case 'REBUILD':
    case 'REPAIR': {
      if (!p.isKwAt(1, 'PARTITION')) return p.fail();
      const op = p.advance().up;
      p.pos++;
      if (!p.acceptKw('ALL')) partitionNames(p);
      // ANALYZE has no effect on this storage; TiDB refuses the other maintenance statements.
      if (op === 'ANALYZE') return { type: 'options', options: [] };
      return { type: 'unsupported', what: `${op.toLowerCase()} partition` };
    }
    case 'DISCARD':
    case 'IMPORT':
      p.pos++;
      if (p.acceptKw('PARTITION') && !p.acceptKw('ALL')) partitionNames(p);
      p.expectKw('TABLESPACE');
      return { type: 'unsupported', what: 'Unsupported/unknown ALTER TABLE specification' };
    case 'MERGE':
    case 'SPLIT': {
      // TiDB's INTERVAL partitioning forms MERGE FIRST / SPLIT MAXVALUE PARTITION LESS THAN (...).
      const merge = p.advance().up === 'MERGE';
      p.expectKw(merge ? 'FIRST' : 'MAXVALUE');
      parsePartitionLessThan(p);
      return { type: 'unsupported', what: merge ? 'MERGE FIRST PARTITION' : 'SPLIT LAST PARTITION' };
    }
    case 'ALGORITHM':
    case 'LOCK':
      p.pos++;
      p.acceptOp('=');
      p.anyWord();
      return { type: 'options', options: [] };
    default: {
      const options = parseTableOptions(p);
      if (options.length === 0) p.fail();
      return { type: 'options', options };
    }
  }
}
