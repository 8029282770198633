// Computing one window function over one partition. The executor hands every function the
// partition's argument values, peer groups and (for framed functions) frames; each returns one
// value per row.
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../eval-context.js';
import { aggregateEvaluator } from './aggregate.js';
import type { WindowFuncDesc } from './desc.js';
import type { Frames, Peers } from './frame.js';
import { rankingEvaluator } from './rank.js';
import { valueEvaluator } from './value.js';

export interface PartitionData {
  n: number;
  /** args[j][i]: argument j of the function for row i. */
  args: readonly (readonly Value[])[];
  peers: Peers;
  /** Present for functions that use the frame. */
  frames: Frames | undefined;
  ctx: EvalContext;
}

export type WindowEvaluator = (p: PartitionData) => Value[];

export function newWindowEvaluator(desc: WindowFuncDesc): WindowEvaluator {
  if (desc.agg) return aggregateEvaluator(desc.agg);
  return rankingEvaluator(desc) ?? valueEvaluator(desc);
}
