// Static prune mode's plan for a partitioned table: one reader per remaining partition under a
// UNION ALL (TiDB's PartitionUnion). Executes as a union; EXPLAIN names it PartitionUnion.
import type { Column } from '../../expression/expression.js';
import { type Plan, SetOp } from '../plans.js';

export class PartitionUnion extends SetOp {
  constructor(children: Plan[], schema: Column[]) {
    super(children, 'unionAll', schema);
  }
}
