import type { Row } from '../types/value.js';
import { type ExecContext, Executor } from './executor.js';

export class LimitExec extends Executor {
  private skipped = 0;
  private taken = 0;
  constructor(
    ctx: ExecContext,
    child: Executor,
    private readonly offset: number,
    private readonly count: number,
  ) {
    super(ctx, [child]);
  }

  async next(): Promise<Row[] | null> {
    while (this.taken < this.count) {
      let batch = await this.children[0]!.next();
      if (!batch) return null;
      if (this.skipped < this.offset) {
        const skip = Math.min(this.offset - this.skipped, batch.length);
        this.skipped += skip;
        batch = batch.slice(skip);
        if (!batch.length) continue;
      }
      const take = Math.min(this.count - this.taken, batch.length);
      this.taken += take;
      return take === batch.length ? batch : batch.slice(0, take);
    }
    return null;
  }
}
