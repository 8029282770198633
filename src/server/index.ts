// The MySQL wire-protocol server.
export {
  type Account,
  type Authenticator,
  CACHING_SHA2_PASSWORD,
  NATIVE_PASSWORD,
  PasswordAuthenticator,
} from './auth.js';
export type { Engine, EngineSession, PreparedInfo, SessionOptions } from './engine-types.js';
export { type RunningServer, type ServerOptions, startServer } from './server.js';
