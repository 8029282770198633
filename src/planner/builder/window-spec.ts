// Window specifications: named windows (WINDOW w AS (...)), references between them (OVER w,
// OVER (w ORDER BY ...)) and frames, with MySQL's errors 3579-3596.
import { ER, sqlError } from '../../errors/index.js';
import { Constant, type Expression } from '../../expression/expression.js';
import { newFunction } from '../../expression/function.js';
import type { BoundType } from '../../expression/window/frame.js';
import type { OrderItem, SelectStmt, WindowFrameBound as AstBound, ExprNode, WindowSpec } from '../../parser/ast.js';
import { toReal } from '../../types/convert.js';
import { EvalType, isTemporalType } from '../../types/field-type.js';
import type { WindowFrame, WindowFrameBound } from '../plans.js';
import { ExprRewriter } from '../rewriter.js';
import { Scope } from '../scope.js';
import type { PlanEnv } from './env.js';

export const UNNAMED_WINDOW = '<unnamed window>';

/** A window specification with every reference followed. */
export interface ResolvedSpec {
  /** The name MySQL's messages use: the window's own name or `<unnamed window>`. */
  name: string;
  partitionBy: ExprNode[];
  orderBy: OrderItem[];
  frame: WindowSpec['frame'];
}

/** The WINDOW clause by lower-case name; 3591 for a name defined twice. */
export function namedWindows(stmt: SelectStmt): Map<string, { name: string; spec: WindowSpec }> {
  const out = new Map<string, { name: string; spec: WindowSpec }>();
  for (const w of stmt.windows ?? []) {
    const key = w.name.toLowerCase();
    if (out.has(key)) throw sqlError(ER.WINDOW_DUPLICATE_NAME, w.name);
    out.set(key, w);
  }
  return out;
}

/** Follows `spec`'s reference chain and merges it as MySQL does. */
export function resolveSpec(
  spec: WindowSpec,
  named: Map<string, { name: string; spec: WindowSpec }>,
  name: string = UNNAMED_WINDOW,
  seen: Set<string> = new Set(),
): ResolvedSpec {
  const own: ResolvedSpec = {
    name,
    partitionBy: spec.partitionBy ?? [],
    orderBy: spec.orderBy ?? [],
    frame: spec.frame,
  };
  if (spec.ref === undefined) return own;
  const key = spec.ref.toLowerCase();
  const base = named.get(key);
  if (!base) throw sqlError(ER.WINDOW_NO_SUCH_WINDOW, spec.ref);
  if (seen.has(key)) throw sqlError(ER.WINDOW_CIRCULARITY_IN_WINDOW_GRAPH);
  seen.add(key);
  const b = resolveSpec(base.spec, named, base.name, seen);
  const addsNothing = !spec.partitionBy && !spec.orderBy && !spec.frame;
  // `OVER w` names the window itself.
  if (addsNothing && name === UNNAMED_WINDOW) return b;
  if (spec.partitionBy) throw sqlError(ER.WINDOW_NO_CHILD_PARTITIONING);
  if (b.frame) throw sqlError(ER.WINDOW_NO_INHERIT_FRAME, base.name);
  if (spec.orderBy && b.orderBy.length) throw sqlError(ER.WINDOW_NO_REDEFINE_ORDER_BY, name, base.name);
  return {
    name,
    partitionBy: b.partitionBy,
    orderBy: spec.orderBy ?? b.orderBy,
    frame: spec.frame,
  };
}

/** Checks every named window of the statement, used or not (MySQL reports errors in unused ones too). */
export function checkNamedWindows(env: PlanEnv, stmt: SelectStmt): void {
  const named = namedWindows(stmt);
  for (const w of named.values()) {
    const r = resolveSpec(w.spec, named, w.name);
    if (r.frame) checkFrameShape(env, r.frame, r.name);
  }
}

function checkFrameShape(env: PlanEnv, frame: NonNullable<WindowSpec['frame']>, name: string): void {
  if (frame.start.type === 'unboundedFollowing') throw sqlError(ER.WINDOW_FRAME_START_ILLEGAL, name);
  if (frame.end?.type === 'unboundedPreceding') throw sqlError(ER.WINDOW_FRAME_END_ILLEGAL, name);
  if (!frame.end && frame.start.type === 'following') {
    throw sqlError(ER.PARSE, `You have an error in your SQL syntax near 'FOLLOWING' in window '${name}'`);
  }
  for (const b of [frame.start, frame.end]) {
    if (b?.unit && frame.unit === 'rows') throw sqlError(ER.WINDOW_ROWS_INTERVAL_USE, name);
    if (b?.value) offsetConstant(env, b.value, name);
  }
}

/** A frame offset must be a constant (a literal or a `?` parameter). */
function offsetConstant(env: PlanEnv, node: ExprNode, name: string): Constant {
  let e: Expression;
  try {
    e = new ExprRewriter(new Scope([]), env.bctx, 'window frame', {}).rewrite(node);
  } catch {
    throw sqlError(ER.WINDOW_RANGE_BOUND_NOT_CONSTANT, name);
  }
  if (!(e instanceof Constant)) throw sqlError(ER.WINDOW_RANGE_BOUND_NOT_CONSTANT, name);
  return e;
}

const DEFAULT_FRAME: WindowFrame = {
  unit: 'range',
  start: { type: 'unboundedPreceding' },
  end: { type: 'currentRow' },
};

/**
 * The frame of a resolved window over its rewritten ORDER BY items. Without a frame clause: RANGE
 * from the partition start to the current row's last peer (the whole partition when there is no
 * ORDER BY, all rows being peers).
 */
export function buildFrame(
  env: PlanEnv,
  spec: ResolvedSpec,
  orderBy: { expr: Expression; desc: boolean }[],
): { frame: WindowFrame; explicit: boolean } {
  const f = spec.frame;
  if (!f) return { frame: DEFAULT_FRAME, explicit: false };
  checkFrameShape(env, f, spec.name);
  const end: AstBound = f.end ?? { type: 'currentRow' };
  return {
    frame: {
      unit: f.unit,
      start: buildBound(env, f.unit, f.start, spec.name, orderBy),
      end: buildBound(env, f.unit, end, spec.name, orderBy),
    },
    explicit: true,
  };
}

function buildBound(
  env: PlanEnv,
  unit: 'rows' | 'range',
  b: AstBound,
  name: string,
  orderBy: { expr: Expression; desc: boolean }[],
): WindowFrameBound {
  const type: BoundType = b.type;
  if (!b.value) return { type };
  const c = offsetConstant(env, b.value, name);
  const text = b.unit ? `interval ${c.toString()} ${b.unit.toLowerCase()}` : c.toString();
  if (unit === 'rows') {
    if (c.evalType !== EvalType.Int || c.value === null || Number(c.value) < 0)
      throw sqlError(ER.WINDOW_FRAME_ILLEGAL, name);
    return { type, rows: Number(c.value), text };
  }
  const key = orderBy.length === 1 ? orderBy[0]! : undefined;
  const keyEt = key?.expr.evalType;
  const numeric = keyEt === EvalType.Int || keyEt === EvalType.Real || keyEt === EvalType.Decimal;
  const temporal = key !== undefined && (isTemporalType(key.expr.type.tp) || keyEt === EvalType.Datetime);
  if (!key || (!numeric && !temporal)) throw sqlError(ER.WINDOW_RANGE_FRAME_ORDER_TYPE, name);
  if (temporal && !b.unit) throw sqlError(ER.WINDOW_RANGE_FRAME_TEMPORAL_TYPE, name);
  if (numeric && b.unit) throw sqlError(ER.WINDOW_RANGE_FRAME_NUMERIC_TYPE, name);
  const numericOffset = c.evalType !== EvalType.String;
  if (c.value === null || (!b.unit && !numericOffset) || (numericOffset && toReal(c.value, env.bctx.evalCtx) < 0))
    throw sqlError(ER.WINDOW_FRAME_ILLEGAL, name);
  // The key moved toward the preceding rows (smaller keys ascending, larger descending) or the following ones.
  const up = (type === 'following') !== key.desc;
  const unitArg = new ExprRewriter(new Scope([]), env.bctx, 'window frame', {}).constString(b.unit ?? '');
  const target = b.unit
    ? newFunction(up ? 'date_add' : 'date_sub', [key.expr, c, unitArg], env.bctx)
    : newFunction(up ? 'plus' : 'minus', [key.expr, c], env.bctx);
  return { type, target, text };
}
