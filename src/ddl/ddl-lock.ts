// DDL runs one at a time process-wide: each schema change reads the newest schema, writes the new
// version and publishes it before the next one starts (TiDB's DDL owner serializes jobs the same way).

let tail: Promise<void> = Promise.resolve();

/** Runs fn after every DDL queued before it has finished (whether it succeeded or failed). */
export function withDdlLock<T>(fn: () => Promise<T>): Promise<T> {
  const run = tail.then(fn);
  tail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}
