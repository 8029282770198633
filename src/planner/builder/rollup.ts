// GROUP BY ... WITH ROLLUP: the aggregation reads an Expand (one copy of each row per grouping set)
// and groups by the nullable copies of the group items plus the grouping-set id; GROUPING() reads
// the id's bits.
import { ER, sqlError } from '../../errors/index.js';
import { Column, Constant, type Expression } from '../../expression/expression.js';
import type { FuncCall } from '../../parser/ast.js';
import { Flag, newFieldType, TypeCode } from '../../types/field-type.js';
import { Expand, type Plan } from '../plans.js';
import type { ExprRewriter } from '../rewriter.js';

export function newExpand(child: Plan, groupBy: Expression[]): Expand {
  const copies = groupBy.map(
    (g) => new Column({ ...g.type, flag: g.type.flag & ~Flag.NotNull }, g instanceof Column ? g.names : {}),
  );
  const gid = new Column(newFieldType(TypeCode.LongLong, { flen: 20, decimal: 0, flag: Flag.NotNull }), {
    column: 'gid',
  });
  const e = new Expand(child, groupBy, copies, gid);
  e.estRows = child.estRows * (groupBy.length + 1);
  return e;
}

/** What the aggregation reads for a FROM column: a group column's rolled-up copy, else the column. */
export function rollupSource(expand: Expand, col: Column): Column {
  const i = expand.groupExprs.findIndex((g) => g instanceof Column && g.uid === col.uid);
  return i >= 0 ? expand.groupCols[i]! : col;
}

/**
 * GROUPING(e1, ..., em): bit m-1-j is 1 when ej is rolled up in the row. Each argument must be a
 * GROUP BY item. `gid` is the grouping-set id as read after the aggregation.
 */
export function groupingCall(call: FuncCall, rw: ExprRewriter, expand: Expand, gid: Column): Expression {
  if (call.args.length === 0) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, 'GROUPING');
  const m = call.args.length;
  let out: Expression | undefined;
  call.args.forEach((a, j) => {
    const e = rw.rewrite(a);
    const i = expand.groupExprs.findIndex((g) => g.equals(e));
    if (i < 0) throw sqlError(ER.WRONG_ARGUMENTS, 'GROUPING');
    const bit = rw.fn('bitand', [rw.fn('rightshift', [gid, intConst(i)]), intConst(1)]);
    const shifted = m - 1 - j > 0 ? rw.fn('leftshift', [bit, intConst(m - 1 - j)]) : bit;
    out = out ? rw.fn('bitor', [out, shifted]) : shifted;
  });
  return out!;
}

function intConst(v: number): Constant {
  return new Constant(v, newFieldType(TypeCode.LongLong, { flen: 2, decimal: 0, flag: Flag.NotNull }));
}
