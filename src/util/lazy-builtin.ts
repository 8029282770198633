// Node core modules loaded on first use. node:crypto and node:zlib each cost milliseconds to load (they pull in
// streams) and most databases never hash, encrypt or compress: keeping them off the import path shortens start-up.
import { createRequire } from 'node:module';

type Crypto = typeof import('node:crypto');
type Zlib = typeof import('node:zlib');

// process.getBuiltinModule exists from Node 20.16; createRequire covers older releases.
const loadBuiltin: (id: string) => unknown =
  typeof process.getBuiltinModule === 'function'
    ? (id) => process.getBuiltinModule(id)
    : createRequire(import.meta.url);

let crypto: Crypto | undefined;
let zlib: Zlib | undefined;

/** node:crypto, loaded on the first call. */
export function lazyCrypto(): Crypto {
  crypto ??= loadBuiltin('node:crypto') as Crypto;
  return crypto;
}

/** node:zlib, loaded on the first call. */
export function lazyZlib(): Zlib {
  zlib ??= loadBuiltin('node:zlib') as Zlib;
  return zlib;
}
