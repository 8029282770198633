// TiDB's IndexHashJoin: inner workers also probe their task and hand the joined rows over as soon
// as they are done, so tasks arrive in completion order (the outer order is not kept).
import type { EvalContext } from '../../expression/eval-context.js';
import { IndexJoinBase } from './index-join-base.js';
import { type JoinTask, probeTask } from './join-task.js';

export class IndexHashJoinExec extends IndexJoinBase {
  protected readonly ordered = false;

  protected afterBuild(task: JoinTask, ctx: EvalContext): void {
    probeTask(this.spec, task, ctx);
  }

  protected consume(): void {}
}
