// The DDL entry point: runs a schema-changing statement (TiDB's ddl package).
import { ER, sqlError } from '../errors/index.js';
import type { Statement } from '../parser/ast.js';
import { executeAlterTable } from './alter-table.js';
import type { DdlContext, DdlResult } from './context.js';
import { executeCreateTable } from './create-table.js';
import { executeCreateDatabase, executeDropDatabase } from './database.js';
import { executeDropTable, executeDropView } from './drop-table.js';
import { executeCreateIndex, executeDropIndex } from './indexes.js';
import {
  executeAlterDatabase,
  executeAlterPlacementPolicy,
  executeCreatePlacementPolicy,
  executeDropPlacementPolicy,
} from './placement.js';
import { executeRenameTable } from './rename.js';
import { executeTruncateTable } from './truncate.js';
import { executeCreateView } from './view.js';

export type { DdlContext, DdlResult, DdlWarning } from './context.js';

/** Runs a DDL statement; every failure (including name resolution) is a rejected promise. */
export async function executeDdl(stmt: Statement, ctx: DdlContext): Promise<DdlResult> {
  switch (stmt.kind) {
    case 'createDatabase':
      return executeCreateDatabase(stmt, ctx);
    case 'dropDatabase':
      return executeDropDatabase(stmt, ctx);
    case 'alterDatabase':
      return executeAlterDatabase(stmt, ctx);
    case 'createPlacementPolicy':
      return executeCreatePlacementPolicy(stmt, ctx);
    case 'alterPlacementPolicy':
      return executeAlterPlacementPolicy(stmt, ctx);
    case 'dropPlacementPolicy':
      return executeDropPlacementPolicy(stmt, ctx);
    case 'createTable':
      return executeCreateTable(stmt, ctx);
    case 'dropTable':
      return executeDropTable(stmt, ctx);
    case 'alterTable':
      return executeAlterTable(stmt, ctx);
    case 'createIndex':
      return executeCreateIndex(stmt, ctx);
    case 'dropIndex':
      return executeDropIndex(stmt, ctx);
    case 'truncateTable':
      return executeTruncateTable(stmt, ctx);
    case 'renameTable':
      return executeRenameTable(stmt, ctx);
    case 'createView':
      return executeCreateView(stmt, ctx);
    case 'dropView':
      return executeDropView(stmt, ctx);
    default:
      throw sqlError(ER.NOT_SUPPORTED_YET, `${stmt.kind} as DDL`);
  }
}
