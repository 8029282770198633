// What one assignment to a system variable writes: the variable itself, its synonym
// (tx_isolation <-> transaction_isolation, ...) and the charset/collation partner it keeps consistent.
import { linkedCharsetVar } from './charsets.js';
import { sysVarSynonym } from './sysvar.js';

/** All (name, value) pairs to store for `name = value`; `read` gives current values of the same scope. */
export function assignmentsFor(name: string, value: string, read: (name: string) => string): [string, string][] {
  const out: [string, string][] = [[name, value]];
  const synonym = sysVarSynonym(name);
  if (synonym) out.push([synonym, value]);
  const linked = linkedCharsetVar(name, value, read('default_collation_for_utf8mb4'));
  if (linked) out.push(linked);
  return out;
}
