// Building scalar functions: lookup in the registry, type checking, telemetry counting and
// constant folding.
import { ER, sqlError } from '../errors/index.js';
import type { FieldType } from '../types/field-type.js';
import type { BuildContext, EvalContext } from './eval-context.js';
import { type BuiltinImpl, Constant, type Expression, ScalarFunction } from './expression.js';

/** What a function class decides for concrete arguments. */
export interface BuiltFunction {
  type: FieldType;
  /** The arguments, possibly wrapped in implicit casts. */
  args: Expression[];
  impl: BuiltinImpl;
}

export interface FunctionClass {
  readonly minArgs: number;
  /** Infinity for variadic functions. */
  readonly maxArgs: number;
  build(args: Expression[], bctx: BuildContext, name: string): BuiltFunction;
}

const registry = new Map<string, FunctionClass>();

/** Registers a function under one or more (lower-case) names. Called once per family at load time. */
export function defineFunction(names: string | readonly string[], fc: FunctionClass): void {
  for (const n of typeof names === 'string' ? [names] : names) registry.set(n, fc);
}

export function lookupFunction(name: string): FunctionClass | undefined {
  return registry.get(name.toLowerCase());
}

export function registeredFunctionNames(): string[] {
  return [...registry.keys()].sort();
}

export interface NewFunctionOptions {
  /** Skip constant folding (used when the plan needs the function tree, e.g. for partition pruning). */
  noFold?: boolean;
  /** Database name for the "FUNCTION db.f does not exist" error. */
  db?: string | null;
}

/**
 * Builds `name(args)`. Counts the signature in the build context's telemetry (user statements only)
 * and folds it to a constant when every argument is constant and evaluation is clean.
 */
export function newFunction(
  name: string,
  args: Expression[],
  bctx: BuildContext,
  options?: NewFunctionOptions,
): Expression {
  const lower = name.toLowerCase();
  const fc = registry.get(lower);
  if (!fc) throw sqlError(ER.SP_DOES_NOT_EXIST, 'FUNCTION', `${options?.db ?? 'test'}.${name}`);
  if (args.length < fc.minArgs || args.length > fc.maxArgs) throw sqlError(ER.WRONG_PARAMCOUNT_TO_NATIVE_FCT, name);
  const built = fc.build(args, bctx, lower);
  bctx.countUsage?.(built.impl.sig);
  const f = new ScalarFunction(lower, built.args, built.type, built.impl);
  return options?.noFold ? f : tryFold(f, bctx.evalCtx);
}

/** Builds a function that is part of the engine's own rewriting (implicit casts, expansions): never counted. */
export function newInternalFunction(name: string, args: Expression[], bctx: BuildContext): Expression {
  const fc = registry.get(name);
  if (!fc) throw new Error(`internal function ${name} is not registered`);
  const built = fc.build(args, bctx, name);
  return tryFold(new ScalarFunction(name, built.args, built.type, built.impl), bctx.evalCtx);
}

export function isFoldable(f: ScalarFunction): boolean {
  if (f.impl.deterministic === false || f.impl.sideEffects) return false;
  for (const a of f.args) if (!(a instanceof Constant) || a.paramIndex !== undefined) return false;
  return true;
}

const NO_COLUMNS = { indexOf: () => -1 };

/**
 * Evaluates a function of constants at plan time. Folding is skipped when evaluation errors or
 * warns: the error or warning then happens only if and when the row is really evaluated, as in MySQL
 * (e.g. `CASE WHEN 0 THEN 1/0 END` must not warn).
 */
export function tryFold(f: ScalarFunction, ctx: EvalContext): Expression {
  if (!isFoldable(f)) return f;
  const probe = probeFor(ctx);
  try {
    const v = f.compile(NO_COLUMNS)([], probe.ctx);
    if (probe.warned) return f;
    return new Constant(v, f.type);
  } catch {
    return f;
  }
}

/** One probe per statement context: building it (a prototype-chained view) is too slow to do per fold. */
const probes = new WeakMap<EvalContext, WarningProbe>();

function probeFor(ctx: EvalContext): WarningProbe {
  let probe = probes.get(ctx);
  if (!probe) {
    probe = new WarningProbe(ctx);
    probes.set(ctx, probe);
  }
  probe.warned = false;
  return probe;
}

/**
 * A copy of an EvalContext whose warnings are captured instead of recorded. A plain copy: a view made
 * with Object.create would turn every statement context into a prototype, which V8 makes slow.
 */
class WarningProbe {
  warned = false;
  readonly ctx: EvalContext;
  constructor(base: EvalContext) {
    const ctx: EvalContext = {
      params: base.params,
      session: base.session,
      stmtTimeMicros: base.stmtTimeMicros,
      divByZeroIsError: base.divByZeroIsError,
      sqlMode: base.sqlMode,
      truncateAsWarning: base.truncateAsWarning,
      noZeroDate: base.noZeroDate,
      noZeroInDate: base.noZeroInDate,
      allowInvalidDates: base.allowInvalidDates,
      timeZoneOffsetMinutes: base.timeZoneOffsetMinutes,
      divPrecisionIncrement: base.divPrecisionIncrement,
      random: () => base.random(),
      appendWarning: () => {
        this.warned = true;
      },
    };
    this.ctx = ctx;
  }
}
