// Value window functions: LEAD and LAG look a fixed number of rows ahead or back in the partition
// (ignoring the frame); FIRST_VALUE, LAST_VALUE and NTH_VALUE read a row of the frame.
import type { Value } from '../../types/value.js';
import type { WindowFuncDesc } from './desc.js';
import type { WindowEvaluator } from './evaluator.js';

function leadLag(offset: number): WindowEvaluator {
  return (p) => {
    const vals = p.args[0]!;
    const dflt = p.args[1];
    const out: Value[] = new Array(p.n);
    for (let i = 0; i < p.n; i++) {
      const j = i + offset;
      out[i] = j >= 0 && j < p.n ? vals[j]! : dflt ? dflt[i]! : null;
    }
    return out;
  };
}

/** The value at `pick(start, end)` of each row's frame, NULL when that position is outside it. */
function framePick(pick: (start: number, end: number) => number): WindowEvaluator {
  return (p) => {
    const vals = p.args[0]!;
    const { start, end } = p.frames!;
    const out: Value[] = new Array(p.n);
    for (let i = 0; i < p.n; i++) {
      const s = start[i]!;
      const e = end[i]!;
      const j = pick(s, e);
      out[i] = s < e && j >= s && j < e ? vals[j]! : null;
    }
    return out;
  };
}

export function valueEvaluator(desc: WindowFuncDesc): WindowEvaluator {
  switch (desc.name) {
    case 'lead':
      return leadLag(desc.n!);
    case 'lag':
      return leadLag(-desc.n!);
    case 'first_value':
      return framePick((s) => s);
    case 'last_value':
      return framePick((_s, e) => e - 1);
    case 'nth_value': {
      const n = desc.n!;
      return framePick((s) => s + n - 1);
    }
    default:
      throw new Error(`unknown window function ${desc.name}`);
  }
}
