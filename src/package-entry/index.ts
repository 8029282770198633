// The package's public entry (`import { TiLite } from 'tilite'`): the library as one pre-built bundle
// (dist/tilite.cjs) loaded through a V8 code cache, instead of ~260 ES modules resolved and compiled one by one.
// Run from the sources (tsx), or when only `tsc` was run, there is no bundle next to it: the module graph is used.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type * as Api from '../index.js';
import { loadBundle } from './code-cache.js';

const bundleFile = fileURLToPath(new URL('../../tilite.cjs', import.meta.url));

const api: typeof Api = existsSync(bundleFile)
  ? (loadBundle(bundleFile).exports as unknown as typeof Api)
  : await import('../index.js');

export type {
  DatabaseSnapshot,
  FieldInfo,
  OpenOptions,
  QueryOptions,
  QueryResult,
  RowMode,
  SessionHandle,
} from '../index.js';
export const { TiLite, TiLiteSession, TiLiteError, ParseError, toSqlValue } = api;
export type TiLite = Api.TiLite;
export type TiLiteSession = Api.TiLiteSession;
export type TiLiteError = Api.TiLiteError;
export type ParseError = Api.ParseError;
export default api.TiLite;
