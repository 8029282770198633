// Window functions in a query block.
import { ER, sqlError } from '../../errors/index.js';
import type { Expression } from '../../expression/expression.js';
import type { FuncCall, SelectStmt } from '../../parser/ast.js';
import type { RewriteHooks } from '../rewriter.js';
import type { PlanEnv } from './env.js';
import type { BlockState } from './select.js';

export interface WindowState {
  pending: FuncCall[];
}

export function buildWindowFunction(
  _env: PlanEnv,
  f: FuncCall,
  _stmt: SelectStmt,
  _block: BlockState,
  _state: WindowState,
  _hooks: RewriteHooks,
): Expression {
  throw sqlError(ER.NOT_SUPPORTED_YET, `window function ${f.name}`);
}
