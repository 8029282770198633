// TiDB's IndexJoin (IndexLookUpJoin): inner workers build each task's hash table; the consumer
// probes the tasks in the order the outer worker made them, so the output keeps the outer order.
import type { EvalContext } from '../../expression/eval-context.js';
import { IndexJoinBase } from './index-join-base.js';
import { type JoinTask, probeTask } from './join-task.js';

export class IndexLookUpJoinExec extends IndexJoinBase {
  protected readonly ordered = true;

  protected afterBuild(): void {}

  protected consume(task: JoinTask, ctx: EvalContext): void {
    probeTask(this.spec, task, ctx);
  }
}
