// Exceptions that are not MySQL errors — a JS TypeError from an engine bug, a stack overflow on a deeply
// nested statement — must reach the client as MySQL errors, never end the connection or the process:
// a stack overflow becomes error 1436, anything else error 1105 naming the JS error, with the original
// kept as `cause` for the embedding program's stack traces.
import { ER, sqlError, type TiLiteError } from '../errors/index.js';

/** Whether `e` already carries a MySQL error code (TiLiteError, ParseError, EmptyQueryError). */
function isMySqlError(e: unknown): boolean {
  return typeof (e as { code?: unknown } | null)?.code === 'number';
}

/** `e` as a MySQL error; properties a caller attached (e.g. `results` of a script) are kept. */
export function asMySqlError(e: unknown): unknown {
  if (isMySqlError(e)) return e;
  const err = e instanceof Error ? e : new Error(String(e));
  const out: TiLiteError =
    err instanceof RangeError && /call stack/i.test(err.message)
      ? sqlError(ER.STACK_OVERRUN, 'the statement is nested too deeply')
      : sqlError(ER.INTERNAL, `${err.name}: ${err.message}`);
  Object.defineProperty(out, 'cause', { value: err, enumerable: false });
  const results = (err as { results?: unknown }).results;
  if (results !== undefined) (out as { results?: unknown }).results = results;
  return out;
}

/** Runs `fn`, turning anything it throws into a MySQL error. */
export function guardStatement<T>(fn: () => Promise<T>): Promise<T> {
  let p: Promise<T>;
  try {
    p = fn();
  } catch (e) {
    return Promise.reject(asMySqlError(e));
  }
  return p.catch(rethrowAsMySqlError);
}

function rethrowAsMySqlError(e: unknown): never {
  throw asMySqlError(e);
}

/** The synchronous form of guardStatement. */
export function guardSync<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw asMySqlError(e);
  }
}
