export { ER, type ErrorName, type ErrorSpec } from './codes.js';
export {
  formatMessage,
  internalError,
  isTiLiteError,
  type SqlWarning,
  sqlError,
  TiLiteError,
  warningFrom,
} from './tilite-error.js';
