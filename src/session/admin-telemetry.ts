// ADMIN SHOW TELEMETRY: what telemetry would report (TiDB's TRACKING_ID, LAST_STATUS, DATA_PREVIEW).
// TiLite never sends it anywhere.
import type { QueryResult, RowMode } from '../api-types.js';
import type { Session } from './session.js';
import { simpleResult } from './simple-result.js';

export function showTelemetry(s: Session, rowMode: RowMode): QueryResult {
  const enabled = ['ON', '1'].includes(s.vars.getGlobal('tidb_enable_telemetry').toUpperCase());
  const t = s.domain.telemetry;
  const preview = t.preview({ version: s.domain.globals.get('version'), enabled });
  const lastStatus = { checkAt: new Date().toISOString(), isError: false, errorMessage: '', isRequestSent: false };
  return simpleResult(
    ['TRACKING_ID', 'LAST_STATUS', 'DATA_PREVIEW'],
    [[t.trackingId, JSON.stringify(lastStatus, null, 2), JSON.stringify(preview, null, 2)]],
    rowMode,
  );
}
