// Pushes operators to the readers as TiDB does with its cop tasks (after access paths and keep order):
//  - an aggregation over a table or covering-index reader splits into a partial aggregation run on
//    the reader's rows and a final one merging the partial states (AVG as COUNT and SUM, COUNT as a
//    sum of counts); in static prune mode each partition's reader gets its partial aggregation and a
//    root aggregation merging it, under the PartitionUnion, and the final aggregation merges those;
//  - a Limit or TopN over a static-mode PartitionUnion gets a copy (offset 0, count offset+count)
//    over each partition, so each partition stops after (or keeps only) the rows the result can use.
// A Limit or TopN right over one reader already runs on its rows (EXPLAIN shows it in the cop task);
// a partition's TopN goes through keep order like any other.
// Nothing goes below a UnionScan (the transaction's own rows merge at the root), and an aggregation
// is only split when every function can be (no DISTINCT, GROUP_CONCAT, JSON or variance aggregates).
import { countOrSumDesc, finalAggDesc, type AggFuncDesc } from '../../expression/aggregation/desc.js';
import { Column, type Expression } from '../../expression/expression.js';
import { hasCorrelated, hasSideEffects } from '../expr-util.js';
import { keepOrder } from './keep-order.js';
import { PartitionUnion } from '../partition/partition-union.js';
import { Aggregation, DataSource, Limit, type Plan, TopN } from '../plans.js';

export function pushDownToReaders(p: Plan): Plan {
  p.children = p.children.map(pushDownToReaders);
  if (p instanceof Limit || p instanceof TopN) pushThroughPartitionUnion(p);
  if (p instanceof Aggregation) return splitAggregation(p) ?? p;
  return p;
}

function pushThroughPartitionUnion(p: Limit | TopN): void {
  const u = p.children[0];
  if (!(u instanceof PartitionUnion) || !u.children.every((c) => c instanceof DataSource)) return;
  if (p instanceof TopN && p.items.some((it) => hasSideEffects(it.expr) || hasCorrelated(it.expr))) return;
  const n = p.offset + p.count;
  // A partition's TopN whose path reads in its order becomes a Limit there (keep order's rule).
  u.children = u.children.map((c) => (p instanceof TopN ? keepOrder(new TopN(c, p.items, 0, n)) : new Limit(c, 0, n)));
}

const SPLITTABLE = new Set(['count', 'sum', 'avg', 'min', 'max', 'bit_and', 'bit_or', 'bit_xor']);

/** Whether a reader can run an aggregation on its rows: a table or covering index read outside a UnionScan. */
function acceptsAggregation(p: Plan): p is DataSource {
  if (!(p instanceof DataSource) || p.unionScan || p.table.id < 0) return false;
  const a = p.access;
  return a.kind === 'tableScan' || (a.kind === 'indexScan' && a.covering);
}

function splitAggregation(agg: Aggregation): Plan | undefined {
  if (agg.mode !== 'complete') return undefined;
  if (!agg.aggs.every((a) => SPLITTABLE.has(a.name) && !a.distinct && !a.final)) return undefined;
  const exprs = [...agg.groupBy, ...agg.firstRows, ...agg.aggs.flatMap((a) => a.args)];
  if (exprs.some((e) => hasSideEffects(e) || hasCorrelated(e))) return undefined;
  const child = agg.children[0]!;
  if (acceptsAggregation(child)) {
    const partial = partialAggregation(agg, child);
    const final = finalAggregation(agg, partial, outputsOf(partial, agg));
    final.unsplit = { groupBy: agg.groupBy, aggs: agg.aggs, firstRows: agg.firstRows };
    return final;
  }
  if (!(child instanceof PartitionUnion) || !child.children.every(acceptsAggregation)) return undefined;
  const shared = newOutputs(agg);
  const kids = child.children.map((ds) => mergePerPartition(partialAggregation(agg, ds), agg, shared));
  const union = new PartitionUnion(kids, schemaOf(shared));
  union.estRows = child.estRows;
  return finalAggregation(agg, union, shared);
}

/** A split aggregation's partial outputs: each function's state columns, first rows (not keys), keys. */
interface PartialOutputs {
  states: Column[][];
  /** Per first row of the original aggregation: its column, or undefined when it is a group key. */
  firsts: (Column | undefined)[];
  keys: Column[];
}

/** The partial states of a function: AVG's are a COUNT and a SUM, the others' their own result. */
function partialDescs(a: AggFuncDesc): AggFuncDesc[] {
  if (a.name !== 'avg') return [a];
  return [countOrSumDesc('count', a.args[0]!), countOrSumDesc('sum', a.args[0]!)];
}

/** The group key a first row repeats, if any. */
function keyIndex(agg: Aggregation, e: Expression): number {
  const text = e.toString();
  return agg.groupBy.findIndex((g) =>
    g instanceof Column && e instanceof Column ? g.uid === e.uid : g.toString() === text,
  );
}

function newOutputs(agg: Aggregation): PartialOutputs {
  return {
    states: agg.aggs.map((a) => partialDescs(a).map((d) => new Column(d.type, {}))),
    firsts: agg.firstRows.map((e) => (keyIndex(agg, e) >= 0 ? undefined : new Column(e.type, {}))),
    keys: agg.groupBy.map((g) => (g instanceof Column ? g : new Column(g.type, {}))),
  };
}

function schemaOf(o: PartialOutputs): Column[] {
  return [...o.states.flat(), ...o.firsts.filter((c) => c !== undefined), ...o.keys];
}

/** The partial aggregation of `agg` over a reader's rows. */
function partialAggregation(agg: Aggregation, src: Plan): Aggregation {
  const p = new Aggregation(src, agg.groupBy);
  p.mode = 'partial';
  p.aggs = agg.aggs.flatMap(partialDescs);
  p.firstRows = [...agg.firstRows.filter((e) => keyIndex(agg, e) < 0), ...agg.groupBy];
  p.schema = schemaOf(newOutputs(agg));
  return p;
}

/** Reads a partial aggregation's schema back as its outputs. */
function outputsOf(partial: Aggregation, agg: Aggregation): PartialOutputs {
  const cols = [...partial.schema];
  return {
    states: agg.aggs.map((a) => cols.splice(0, partialDescs(a).length)),
    firsts: agg.firstRows.map((e) => (keyIndex(agg, e) >= 0 ? undefined : cols.shift())),
    keys: cols,
  };
}

/** One partition's root aggregation merging its reader's partial states into the union's columns. */
function mergePerPartition(partial: Aggregation, agg: Aggregation, shared: PartialOutputs): Aggregation {
  const own = outputsOf(partial, agg);
  const m = new Aggregation(partial, own.keys);
  m.mode = 'partial';
  const stateCols = own.states.flat();
  m.aggs = partial.aggs.map((d, i) => finalAggDesc(d.name, [stateCols[i]!], d.type));
  m.firstRows = [...own.firsts.filter((c) => c !== undefined), ...own.keys];
  m.schema = schemaOf(shared);
  return m;
}

function finalAggregation(agg: Aggregation, src: Plan, outs: PartialOutputs): Aggregation {
  const f = new Aggregation(src, outs.keys);
  f.mode = 'final';
  f.aggs = agg.aggs.map((a, i) => finalAggDesc(a.name, outs.states[i]!, a.type));
  f.firstRows = agg.firstRows.map((e, i) => outs.firsts[i] ?? outs.keys[keyIndex(agg, e)]!);
  f.schema = agg.schema;
  f.estRows = agg.estRows;
  return f;
}
