// CREATE INDEX and DROP INDEX: the ALTER TABLE ADD/DROP INDEX paths (backfill, unique violations → 1062).
import type { CreateIndexStmt, DropIndexStmt } from '../parser/ast.js';
import { alterTable } from './alter-table.js';
import type { DdlContext, DdlResult } from './context.js';

export function executeCreateIndex(stmt: CreateIndexStmt, ctx: DdlContext): Promise<DdlResult> {
  return alterTable(ctx, {
    kind: 'alterTable',
    table: stmt.table,
    specs: [
      {
        type: 'addConstraint',
        ifNotExists: stmt.ifNotExists,
        constraint: {
          type: stmt.unique ? 'unique' : 'index',
          name: stmt.name,
          parts: stmt.parts,
          indexType: stmt.indexType,
          comment: stmt.comment,
          global: stmt.global,
        },
      },
    ],
  });
}

export function executeDropIndex(stmt: DropIndexStmt, ctx: DdlContext): Promise<DdlResult> {
  return alterTable(ctx, {
    kind: 'alterTable',
    table: stmt.table,
    specs: [{ type: 'dropIndex', name: stmt.name, ifExists: stmt.ifExists }],
  });
}
