// TiDB's INTERVAL partitioning sugar: RANGE partitions generated from FIRST/LAST bounds and a
// step (`P_LT_<bound>`, optional `P_NULL` and `P_MAXVALUE`), and ALTER TABLE ... FIRST/LAST
// PARTITION LESS THAN, which drop leading / add trailing partitions of such a table.
import type { PartitionDefinition } from '../catalog/model.js';
import { ER, sqlError } from '../errors/index.js';
import type { ExprNode, PartitionDef, PartitionOptions } from '../parser/ast.js';
import { exprToString } from '../parser/restore.js';
import { toStringValue } from '../types/convert.js';
import { convertForColumn } from '../types/convert-column.js';
import { EvalType, evalTypeOf, Flag, intRange } from '../types/field-type.js';
import { MyTime } from '../types/time.js';
import type { Value } from '../types/value.js';
import { evalConstant } from './partition-eval.js';
import { compareValues, MAXVALUE, type PartitionEnv } from './partition-values.js';

type Interval = NonNullable<PartitionOptions['interval']>;

const MAX_STEPS = 8192;

function unsupported(what: string): Error {
  return sqlError(ER.UNSUPPORTED_TYPE, what);
}

function intLit(v: bigint): ExprNode {
  const lit: ExprNode = { kind: 'literal', type: 'int', text: (v < 0n ? -v : v).toString() };
  return v < 0n ? { kind: 'unary', op: '-', operand: lit } : lit;
}

function strLit(s: string): ExprNode {
  return { kind: 'literal', type: 'string', text: s };
}

/** A value of the partitioning column (converted to its type) or of the expression. */
function boundValue(env: PartitionEnv, node: ExprNode): Value {
  const { value } = evalConstant(node, env.evalCtx);
  const col = env.cols[0];
  if (!col || value === null) return value;
  return convertForColumn(value, col.type, env.evalCtx, col.name, 1);
}

function checkIntervalColumn(env: PartitionEnv): void {
  if (env.cols.length > 1)
    throw unsupported('INTERVAL partitioning, does not allow RANGE COLUMNS with more than one column');
  const col = env.cols[0];
  if (col) {
    const et = evalTypeOf(col.type);
    if (et !== EvalType.Int && et !== EvalType.Datetime)
      throw unsupported('INTERVAL partitioning, only supports Date, Datetime and INT types');
  }
}

/**
 * Whether the INTERVAL is a positive number, as TiDB requires: an integer literal (leading zeros are
 * fine) for integer partitioning, not a string; date intervals keep their unit's quantity as written.
 */
function positiveInterval(interval: Pick<Interval, 'expr' | 'unit'>): boolean {
  const e = interval.expr;
  if (e.kind !== 'literal') return /^[1-9]/.test(exprToString(e));
  if (e.type === 'string') return interval.unit !== undefined && /^[1-9]/.test(e.text);
  return (e.type === 'int' || e.type === 'decimal') && Number(e.text) > 0;
}

/**
 * The bounds FIRST + n * INTERVAL from `start` up to `last` (inclusive), as [name, bound] pairs;
 * `skipFirst` leaves out `start` itself (it already exists).
 */
function steps(
  env: PartitionEnv,
  interval: Pick<Interval, 'expr' | 'unit'>,
  start: ExprNode,
  last: ExprNode,
  skipFirst: boolean,
): PartitionDef[] {
  const intervalText = exprToString(interval.expr).replace(/^'(.*)'$/, '$1');
  if (!positiveInterval(interval)) throw unsupported('INTERVAL, should be a positive number');
  const lastVal = boundValue(env, last);
  const out: PartitionDef[] = [];
  for (let i = 0; i < MAX_STEPS; i++) {
    if (i === 0 && skipFirst) continue;
    let node: ExprNode = start;
    if (i > 0) {
      const step: ExprNode = { kind: 'binary', op: '*', left: intLit(BigInt(i)), right: interval.expr };
      node = interval.unit
        ? { kind: 'func', name: 'date_add', args: [start, step, strLit(interval.unit)] }
        : { kind: 'binary', op: '+', left: start, right: step };
    }
    const cur = boundValue(env, node);
    // A NULL FIRST bound gives no value to step from.
    if (cur === null && lastVal !== null)
      throw unsupported('INTERVAL partitioning: Error when generating partition values');
    const c = cur === null || lastVal === null ? 1 : compareValues(env, env.cols.length ? 0 : undefined, cur, lastVal);
    if (c > 0) {
      const unit = interval.unit ? ` ${interval.unit}` : '';
      throw unsupported(
        `INTERVAL: expr (${lastVal === null ? '' : toStringValue(lastVal)}) not matching FIRST + n INTERVALs (${exprToString(start)} + n * ${intervalText}${unit})`,
      );
    }
    const text = toStringValue(cur);
    if (text === '' || text.startsWith("'"))
      throw unsupported('INTERVAL partitioning: Error when generating partition values');
    const bound = interval.unit ? strLit(text) : intLit(BigInt(cur as number | bigint));
    out.push({ name: `P_LT_${text}`, lessThan: [bound], options: [] });
    if (c === 0) return out;
  }
  throw sqlError(ER.TOO_MANY_PARTITIONS_ERROR);
}

/** The partition definitions a CREATE TABLE ... INTERVAL clause stands for. */
export function intervalDefinitions(
  env: PartitionEnv,
  interval: Interval,
  given: readonly PartitionDef[],
): PartitionDef[] {
  if (env.pi.type !== 'RANGE') throw unsupported('INTERVAL partitioning, only allowed on RANGE partitioning');
  checkIntervalColumn(env);
  const defs: PartitionDef[] = [];
  if (interval.nullPartition) {
    const col = env.cols[0];
    let bound: ExprNode;
    if (col && interval.unit) bound = strLit('0000-01-01');
    else if (col) bound = intLit((col.type.flag & Flag.Unsigned) !== 0 ? 0n : intRange(col.type.tp, false)[0]);
    else bound = intLit(env.unsigned ? 0n : -(2n ** 63n));
    defs.push({ name: 'P_NULL', lessThan: [bound], options: [] });
  }
  defs.push(...steps(env, interval, interval.first, interval.last, false));
  if (interval.maxValuePartition) defs.push({ name: 'P_MAXVALUE', lessThan: ['MAXVALUE'], options: [] });
  if (defs.length > MAX_STEPS) throw sqlError(ER.TOO_MANY_PARTITIONS_ERROR);
  return given.length > 0 ? [...given] : defs;
}

/** The INTERVAL an existing RANGE table was generated with: the step, and its first and last generated partitions. */
interface IntervalGuess {
  interval: Pick<Interval, 'expr' | 'unit'>;
  first: number;
  last: number;
  /** A partition's bound as an expression to step from. */
  start: (d: PartitionDefinition) => ExprNode;
}

/**
 * The INTERVAL of an existing RANGE table, guessed from its bounds as TiDB guesses it: P_NULL and
 * P_MAXVALUE set aside, integers step by (last - first) / n; dates by the average distance, in seconds
 * under 28 days and in months above (28-day months for up to three steps, 30-day ones beyond). The
 * guess holds when FIRST + k * INTERVAL gives back every bound.
 */
function guessInterval(env: PartitionEnv, defs: readonly PartitionDefinition[]): IntervalGuess | undefined {
  if (env.pi.type !== 'RANGE' || env.cols.length > 1 || defs.length < 2) return undefined;
  const col = env.cols[0];
  const kind = col ? evalTypeOf(col.type) : EvalType.Int;
  if (kind !== EvalType.Int && kind !== EvalType.Datetime) return undefined;
  const bound = (i: number) => unquote(defs[i]!.lessThan![0]!);
  let first = 0;
  let last = defs.length - 1;
  if (kind === EvalType.Int) {
    const min = col ? ((col.type.flag & Flag.Unsigned) !== 0 ? 0n : intRange(col.type.tp, false)[0]) : -(2n ** 63n);
    if (bound(0) === min.toString() || (env.unsigned && bound(0) === '0')) first++;
  } else if (bound(0) === '0000-01-01') first++;
  if (defs[last]!.lessThan![0] === MAXVALUE) last--;
  if (first >= last) return undefined;
  const n = last - first;
  if (kind === EvalType.Int) {
    const lo = BigInt(bound(first));
    const step = (BigInt(bound(last)) - lo) / BigInt(n);
    if (step < 1n) return undefined;
    for (let i = first; i <= last; i++) if (BigInt(bound(i)) !== lo + step * BigInt(i - first)) return undefined;
    return { interval: { expr: intLit(step) }, first, last, start: (d) => intLit(BigInt(d.lessThan![0]!)) };
  }
  const secondsOf = (i: number) => {
    const v = boundValue(env, strLit(bound(i)));
    return v instanceof MyTime ? v.toSeconds() : Number.NaN;
  };
  const seconds = secondsOf(last) - secondsOf(first);
  if (!(seconds > 0)) return undefined;
  const DAY = 86400;
  let each = Math.floor(seconds / n);
  let unit = 'SECOND';
  if (each >= 28 * DAY) {
    each = Math.floor(each / ((n <= 3 ? 28 : 30) * DAY));
    unit = 'MONTH';
  }
  const interval = { expr: intLit(BigInt(each)), unit };
  let generated: PartitionDef[];
  try {
    generated = steps(env, interval, strLit(bound(first)), strLit(bound(last)), false);
  } catch {
    return undefined;
  }
  if (generated.length !== n + 1) return undefined;
  for (let k = 0; k <= n; k++) {
    const g = boundValue(env, generated[k]!.lessThan![0] as ExprNode);
    const d = boundValue(env, strLit(bound(first + k)));
    if (compareValues(env, 0, g, d) !== 0) return undefined;
  }
  return { interval, first, last, start: (d) => strLit(unquote(d.lessThan![0]!)) };
}

function unquote(s: string): string {
  return s.length > 1 && s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

/** ALTER TABLE t LAST PARTITION LESS THAN (x): the RANGE definitions to add. */
export function lastPartitionDefs(env: PartitionEnv, x: ExprNode): PartitionDef[] {
  const defs = env.pi.definitions;
  if (env.pi.type === 'HASH' || env.pi.type === 'KEY')
    throw unsupported('LAST PARTITION of HASH/KEY partitioned table');
  if (env.pi.type === 'LIST') throw sqlError(ER.PARTITIONS_MUST_BE_DEFINED_ERROR, 'LIST');
  if (defs.at(-1)?.lessThan?.[0] === MAXVALUE) throw unsupported('LAST PARTITION when MAXVALUE partition exists');
  const guess = guessInterval(env, defs);
  if (!guess) throw unsupported('LAST PARTITION, does not seem like an INTERVAL partitioned table');
  return steps(env, guess.interval, guess.start(defs[guess.last]!), x, true);
}

/** ALTER TABLE t FIRST PARTITION LESS THAN (x): the names of the leading partitions to drop. */
export function firstPartitionDrops(env: PartitionEnv, x: ExprNode): string[] {
  const defs = env.pi.definitions;
  const guess = guessInterval(env, defs);
  if (!guess) throw unsupported('FIRST PARTITION, does not seem like an INTERVAL partitioned table');
  const generated = steps(env, guess.interval, guess.start(defs[guess.first]!), x, false);
  if (generated.length < 2)
    throw unsupported('FIRST PARTITION, given value does not generate a list of partition names to be dropped');
  return defs.slice(guess.first, guess.first + generated.length - 1).map((d) => d.name);
}
