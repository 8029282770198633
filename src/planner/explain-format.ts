// EXPLAIN FORMAT = 'row' | 'brief' (TiDB's names): 'brief' prints operators without their numeric ids,
// in the id column and where operator info names another operator (data:Selection, inner:TableReader).
import { ER, sqlError } from '../errors/index.js';
import type { ExplainRow } from './explain.js';

/** Formats TiLite prints; TiDB's 'verbose' adds cost columns TiLite does not compute, so it is refused too. */
const FORMATS = new Set(['row', 'brief', 'traditional']);

const OPERATOR_REF = /\b(data|index|table|inner|probe|build):([A-Z][A-Za-z]*)_\d+/g;

/**
 * An EXPLAIN operator id without its numeric suffix: 'TableReader_7' → 'TableReader',
 * 'IndexRangeScan_13(Build)' → 'IndexRangeScan(Build)' (tree glyphs and the child's role kept).
 */
export function briefOperatorId(id: string): string {
  return id.replace(/_\d+(?=\(\w+\)$|$)/, '');
}

/** The rows of a plan in the requested format; TiDB's error 1105 for a format TiLite does not print. */
export function formatExplain(rows: ExplainRow[], format: string): ExplainRow[] {
  if (!FORMATS.has(format)) throw sqlError(ER.UNKNOWN, `explain format '${format}' is not supported now`);
  if (format !== 'brief') return rows;
  return rows.map((r) => ({
    ...r,
    id: briefOperatorId(r.id),
    operatorInfo: r.operatorInfo.replace(OPERATOR_REF, '$1:$2'),
  }));
}
