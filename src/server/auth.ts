// Password authentication: the scramble formulas of mysql_native_password and caching_sha2_password,
// the Authenticator interface the server asks, and the RSA key pair for caching_sha2's full authentication.
// node:crypto is loaded on first use: the embedded API imports this file for its password checks.
import { lazyCrypto } from '../util/lazy-builtin.js';

export const NATIVE_PASSWORD = 'mysql_native_password';
export const CACHING_SHA2_PASSWORD = 'caching_sha2_password';
/** Used internally when caching_sha2 full authentication has produced the cleartext password. */
export const CLEAR_PASSWORD = 'mysql_clear_password';

/** The plugins this server can run the server side of. */
export const SUPPORTED_PLUGINS: readonly string[] = [NATIVE_PASSWORD, CACHING_SHA2_PASSWORD];

/** Decides who may connect. The integrator backs it with the user table (CREATE USER). */
export interface Authenticator {
  /**
   * Checks a client's proof of its password. `plugin` says what `response` is:
   * - mysql_native_password: SHA1(pw) XOR SHA1(scramble + SHA1(SHA1(pw))) (empty for an empty password);
   * - caching_sha2_password: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + scramble) (empty for an empty password);
   * - mysql_clear_password: the password itself (caching_sha2 full authentication over TLS or RSA).
   */
  verify(user: string, host: string, plugin: string, scramble: Buffer, response: Buffer): Promise<boolean>;
  /** Whether the account has a password (an empty response is then a failed attempt). */
  hasPassword(user: string): boolean;
  /** The account's authentication plugin; the server switches the client to it when they differ. */
  accountPlugin?(user: string, host: string): string | undefined;
}

function sha1(...parts: Uint8Array[]): Buffer {
  const h = lazyCrypto().createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

function sha256(...parts: Uint8Array[]): Buffer {
  const h = lazyCrypto().createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function xor(a: Uint8Array, b: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] ^ b[i % b.length];
  return out;
}

/** A 20-byte nonce for the handshake, free of NUL bytes (clients read part of it as a C string). */
export function generateScramble(): Buffer {
  const b = lazyCrypto().randomBytes(20);
  for (let i = 0; i < b.length; i++) {
    b[i] &= 0x7f;
    if (b[i] === 0 || b[i] === 0x24) b[i] += 1;
  }
  return b;
}

/** What mysql_native_password stores: SHA1(SHA1(password)). */
export function nativePasswordHash(password: string): Buffer {
  return sha1(sha1(Buffer.from(password, 'utf8')));
}

/** The client's mysql_native_password response for a password and scramble. */
export function nativePasswordToken(password: string, scramble: Uint8Array): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha1(Buffer.from(password, 'utf8'));
  return xor(stage1, sha1(scramble, sha1(stage1)));
}

/** Verifies a mysql_native_password response against the stored SHA1(SHA1(password)). */
export function checkNativeToken(storedHash: Uint8Array, scramble: Uint8Array, token: Uint8Array): boolean {
  if (token.length !== 20) return false;
  const stage1 = xor(token, sha1(scramble, storedHash));
  return sha1(stage1).equals(storedHash);
}

/** What caching_sha2_password keeps in its cache: SHA256(SHA256(password)). */
export function sha2PasswordHash(password: string): Buffer {
  return sha256(sha256(Buffer.from(password, 'utf8')));
}

/** The client's caching_sha2_password fast-auth response for a password and scramble. */
export function cachingSha2Token(password: string, scramble: Uint8Array): Buffer {
  if (password === '') return Buffer.alloc(0);
  const stage1 = sha256(Buffer.from(password, 'utf8'));
  return xor(stage1, sha256(sha256(stage1), scramble));
}

/** Verifies a caching_sha2_password fast-auth response against SHA256(SHA256(password)). */
export function checkSha2Token(storedHash: Uint8Array, scramble: Uint8Array, token: Uint8Array): boolean {
  if (token.length !== 32) return false;
  const stage1 = xor(token, sha256(storedHash, scramble));
  return sha256(stage1).equals(storedHash);
}

/** Checks a response for a known cleartext password under any supported plugin. */
export function verifyPassword(password: string, plugin: string, scramble: Buffer, response: Buffer): boolean {
  if (password === '') return response.length === 0 || (response.length === 1 && response[0] === 0);
  if (plugin === NATIVE_PASSWORD) return checkNativeToken(nativePasswordHash(password), scramble, response);
  if (plugin === CACHING_SHA2_PASSWORD) return checkSha2Token(sha2PasswordHash(password), scramble, response);
  if (plugin === CLEAR_PASSWORD) return response.equals(Buffer.from(password, 'utf8'));
  return false;
}

export interface Account {
  password: string;
  plugin?: string;
}

/**
 * Accounts with known passwords, keyed by user name (any host). The default server uses
 * `root` with an empty password, as a fresh TiDB does.
 */
export class PasswordAuthenticator implements Authenticator {
  private readonly accounts: Map<string, Account>;

  constructor(accounts: Record<string, string | Account> = { root: '' }) {
    this.accounts = new Map(
      Object.entries(accounts).map(([u, a]) => [u, typeof a === 'string' ? { password: a } : a] as const),
    );
  }

  async verify(user: string, _host: string, plugin: string, scramble: Buffer, response: Buffer): Promise<boolean> {
    const account = this.accounts.get(user);
    return account !== undefined && verifyPassword(account.password, plugin, scramble, response);
  }

  hasPassword(user: string): boolean {
    return (this.accounts.get(user)?.password ?? '') !== '';
  }

  accountPlugin(user: string): string | undefined {
    return this.accounts.get(user)?.plugin;
  }
}

/** The RSA key pair caching_sha2_password clients use to send the password without TLS. */
export interface RsaKeys {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** Generates the key pair on first use: most servers never see an RSA password exchange, and startup stays fast. */
export function lazyRsaKeys(): RsaKeys {
  let keys: RsaKeys | undefined;
  return {
    get publicKeyPem() {
      keys ??= generateRsaKeys();
      return keys.publicKeyPem;
    },
    get privateKeyPem() {
      keys ??= generateRsaKeys();
      return keys.privateKeyPem;
    },
  };
}

export function generateRsaKeys(): RsaKeys {
  const { publicKey, privateKey } = lazyCrypto().generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicKeyPem: publicKey, privateKeyPem: privateKey };
}

/**
 * Recovers the cleartext password a client encrypted with our public key: RSA-OAEP (SHA-1) over
 * (password + NUL) XOR the scramble. Null when the ciphertext does not decrypt.
 */
export function decryptPassword(keys: RsaKeys, scramble: Uint8Array, encrypted: Uint8Array): Buffer | null {
  let plain: Buffer;
  try {
    plain = lazyCrypto().privateDecrypt(
      { key: keys.privateKeyPem, padding: lazyCrypto().constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
      encrypted,
    );
  } catch {
    return null;
  }
  return stripNul(xor(plain, scramble));
}

/** A cleartext password as clients send it: NUL-terminated. */
export function stripNul(b: Buffer): Buffer {
  return b.length > 0 && b[b.length - 1] === 0 ? b.subarray(0, b.length - 1) : b;
}
