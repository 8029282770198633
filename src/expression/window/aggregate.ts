// Aggregates over window frames. A frame that only grows from the previous row's (same start, later
// end: running totals, RANGE peers, whole partitions) feeds its new rows to the same accumulator;
// an identical frame reuses the previous result; any other (sliding) frame is recomputed from its
// rows, because the accumulators cannot remove rows: O(rows x frame size) for sliding frames.
import type { Value } from '../../types/value.js';
import { type Accumulator, newAccumulator } from '../aggregation/accumulator.js';
import type { AggFuncDesc } from '../aggregation/desc.js';
import type { WindowEvaluator } from './evaluator.js';

/** JSON aggregates hand out their live buffers as results, so they are never extended after result(). */
const NOT_EXTENDABLE = new Set(['json_arrayagg', 'json_objectagg']);

export function aggregateEvaluator(agg: AggFuncDesc): WindowEvaluator {
  const extendable = !NOT_EXTENDABLE.has(agg.name);
  return (p) => {
    const { start, end } = p.frames!;
    const nargs = p.args.length;
    const rowArgs: Value[] = new Array(nargs);
    let acc: Accumulator | null = null;
    let accStart = -1;
    let accEnd = -1;
    let last: Value = null;
    const add = (a: Accumulator, from: number, to: number) => {
      for (let r = from; r < to; r++) {
        for (let j = 0; j < nargs; j++) rowArgs[j] = p.args[j]![r]!;
        a.add(rowArgs, p.ctx);
      }
    };
    const out: Value[] = new Array(p.n);
    for (let i = 0; i < p.n; i++) {
      const s = start[i]!;
      const e = end[i]!;
      if (acc && s === accStart && e === accEnd) {
        out[i] = last;
        continue;
      }
      if (!(acc && extendable && s === accStart && e > accEnd)) {
        acc = newAccumulator(agg, p.ctx);
        accStart = s;
        accEnd = s;
      }
      add(acc, accEnd, e);
      accEnd = Math.max(accEnd, e);
      last = acc.result(p.ctx);
      out[i] = last;
    }
    return out;
  };
}
