// Encryption and compression builtins: MD5, SHA1/SHA, SHA2, AES_ENCRYPT/AES_DECRYPT (aes-128-ecb,
// MySQL's default block_encryption_mode), RANDOM_BYTES, COMPRESS, UNCOMPRESS, UNCOMPRESSED_LENGTH.
import { ER, sqlError, warningFrom } from '../../errors/index.js';
import { UNSPECIFIED } from '../../types/field-type.js';
import type { Value } from '../../types/value.js';
import { lazyCrypto, lazyZlib } from '../../util/lazy-builtin.js';
import type { Expression } from '../expression.js';
import { defineFunction } from '../function.js';
import {
  argCharLen,
  BINARY_COLLATION,
  bytesOf,
  connectionCollation,
  fnClass,
  intConv,
  intResult,
  isBinaryExpr,
  smallInt,
  strConv,
  stringResult,
  strictImpl,
} from './string-common.js';

/** The bytes of an argument's string form (UTF-8 for character strings). */
function bytesConv(e: Expression): (v: Value) => Buffer {
  const conv = strConv(e);
  const binary = isBinaryExpr(e);
  return (v) => bytesOf(conv(v), binary);
}

const toBinaryString = (b: Buffer): string => b.toString('latin1');

function digestFunction(sig: string, algorithm: string, hexLen: number) {
  return fnClass(1, 1, (args, bctx) => {
    const bytes = bytesConv(args[0]!);
    const impl = strictImpl(sig, ([v]) => lazyCrypto().createHash(algorithm).update(bytes(v!)).digest('hex'));
    return { type: stringResult(hexLen, connectionCollation(bctx)), args, impl };
  });
}
defineFunction('md5', digestFunction('MD5', 'md5', 32));
defineFunction(['sha1', 'sha'], digestFunction('SHA1', 'sha1', 40));

const SHA2_ALGORITHMS: Record<number, string> = {
  0: 'sha256',
  224: 'sha224',
  256: 'sha256',
  384: 'sha384',
  512: 'sha512',
};

defineFunction(
  'sha2',
  fnClass(2, 2, (args, bctx) => {
    const bytes = bytesConv(args[0]!);
    const bitsConv = intConv(args[1]!);
    const impl = strictImpl('SHA2', ([v, b], ctx) => {
      const alg = SHA2_ALGORITHMS[smallInt(bitsConv(b!, ctx))];
      return alg === undefined ? null : lazyCrypto().createHash(alg).update(bytes(v!)).digest('hex');
    });
    return { type: stringResult(128, connectionCollation(bctx)), args, impl };
  }),
);

/** MySQL folds a key of any length into 16 bytes by XOR-ing it around the buffer. */
export function aesKey(key: Buffer): Buffer {
  const out = Buffer.alloc(16);
  for (let i = 0; i < key.length; i++) out[i % 16]! ^= key[i]!;
  return out;
}

defineFunction(
  'aes_encrypt',
  fnClass(2, 3, (args) => {
    const [data, key] = [bytesConv(args[0]!), bytesConv(args[1]!)];
    const len = argCharLen(args[0]!);
    const impl = strictImpl('AesEncrypt', ([d, k]) => {
      const cipher = lazyCrypto().createCipheriv('aes-128-ecb', aesKey(key(k!)), null);
      return toBinaryString(Buffer.concat([cipher.update(data(d!)), cipher.final()]));
    });
    const flen = len === UNSPECIFIED ? UNSPECIFIED : 16 * (Math.floor((len * 4) / 16) + 1);
    return { type: stringResult(flen, BINARY_COLLATION), args, impl };
  }),
);

defineFunction(
  'aes_decrypt',
  fnClass(2, 3, (args) => {
    const [data, key] = [bytesConv(args[0]!), bytesConv(args[1]!)];
    const impl = strictImpl('AesDecrypt', ([d, k]) => {
      const input = data(d!);
      if (input.length === 0 || input.length % 16 !== 0) return null;
      try {
        const decipher = lazyCrypto().createDecipheriv('aes-128-ecb', aesKey(key(k!)), null);
        return toBinaryString(Buffer.concat([decipher.update(input), decipher.final()]));
      } catch {
        return null;
      }
    });
    return { type: stringResult(argCharLen(args[0]!), BINARY_COLLATION), args, impl };
  }),
);

const MAX_RANDOM_BYTES = 1024;

defineFunction(
  'random_bytes',
  fnClass(1, 1, (args) => {
    const lenConv = intConv(args[0]!);
    const impl = strictImpl(
      'RandomBytes',
      ([n], ctx) => {
        const len = smallInt(lenConv(n!, ctx));
        if (len < 1 || len > MAX_RANDOM_BYTES) throw sqlError(ER.DATA_OUT_OF_RANGE, 'length', 'random_bytes');
        return toBinaryString(lazyCrypto().randomBytes(len));
      },
      { deterministic: false },
    );
    return { type: stringResult(MAX_RANDOM_BYTES, BINARY_COLLATION), args, impl };
  }),
);

/** COMPRESS's format: the uncompressed length (4 bytes, little-endian) then the zlib stream. */
export function mysqlCompress(data: Buffer): Buffer {
  if (data.length === 0) return data;
  const header = Buffer.alloc(4);
  header.writeUInt32LE(data.length, 0);
  let out = Buffer.concat([header, lazyZlib().deflateSync(data)]);
  // A trailing space would be stripped by CHAR columns, so MySQL appends a '.'.
  if (out[out.length - 1] === 0x20) out = Buffer.concat([out, Buffer.from('.')]);
  return out;
}

defineFunction(
  'compress',
  fnClass(1, 1, (args) => {
    const bytes = bytesConv(args[0]!);
    const len = argCharLen(args[0]!);
    const impl = strictImpl('Compress', ([v]) => toBinaryString(mysqlCompress(bytes(v!))));
    const flen = len === UNSPECIFIED ? UNSPECIFIED : len * 4 + 13 + Math.ceil((len * 4) / 1000) + 4;
    return { type: stringResult(flen, BINARY_COLLATION), args, impl };
  }),
);

defineFunction(
  'uncompress',
  fnClass(1, 1, (args) => {
    const bytes = bytesConv(args[0]!);
    const impl = strictImpl('Uncompress', ([v], ctx) => {
      const b = bytes(v!);
      if (b.length === 0) return '';
      try {
        if (b.length <= 4) throw new Error('short input');
        return toBinaryString(lazyZlib().inflateSync(b.subarray(4)));
      } catch {
        ctx.appendWarning(warningFrom(ER.ZLIB_Z_DATA_ERROR));
        return null;
      }
    });
    return { type: stringResult(UNSPECIFIED, BINARY_COLLATION), args, impl };
  }),
);

defineFunction(
  'uncompressed_length',
  fnClass(1, 1, (args) => {
    const bytes = bytesConv(args[0]!);
    const impl = strictImpl('UncompressedLength', ([v]) => {
      const b = bytes(v!);
      return b.length < 4 ? 0 : b.readUInt32LE(0) & 0x3fffffff;
    });
    return { type: intResult(10), args, impl };
  }),
);
