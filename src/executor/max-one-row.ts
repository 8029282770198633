import { ER, sqlError } from '../errors/index.js';
import type { Row } from '../types/value.js';
import { type ExecContext, Executor } from './executor.js';

/** A scalar subquery's guard: more than one row is error 1242. */
export class MaxOneRowExec extends Executor {
  private done = false;
  constructor(ctx: ExecContext, child: Executor) {
    super(ctx, [child]);
  }

  async next(): Promise<Row[] | null> {
    if (this.done) return null;
    this.done = true;
    const first = await this.children[0]!.next();
    if (!first) return null;
    if (first.length > 1 || (await this.children[0]!.next())) throw sqlError(ER.SUBQUERY_NO_1_ROW);
    return first;
  }
}
