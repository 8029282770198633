// User variables (@x, @x := v) and COLLATE, which the rewriter builds from their syntax.
import { ER, sqlError } from '../../errors/index.js';
import { getCollation } from '../../types/collation.js';
import { type FieldType, Flag, newFieldType, TypeCode, UNSPECIFIED } from '../../types/field-type.js';
import { Constant } from '../expression.js';
import { defineFunction } from '../function.js';

const VARIABLE_TYPE: FieldType = newFieldType(TypeCode.VarString, { flen: UNSPECIFIED, decimal: UNSPECIFIED });

function constName(e: unknown): string {
  if (!(e instanceof Constant) || typeof e.value !== 'string') throw new Error('variable name must be a constant');
  return e.value;
}

/** Reads @name when the row is evaluated (a statement may assign it earlier in the same statement). */
defineFunction('getvar', {
  minArgs: 1,
  maxArgs: 1,
  build(args, bctx) {
    const name = constName(args[0]);
    const current = bctx.evalCtx.session.getUserVar(name);
    const type = current?.type ?? VARIABLE_TYPE;
    return {
      type: { ...type, flag: type.flag & ~Flag.NotNull },
      args,
      impl: {
        sig: 'GetVar',
        deterministic: false,
        compile: () => (_row, ctx) => ctx.session.getUserVar(name)?.value ?? null,
      },
    };
  },
});

/** `@name := value`: assigns and returns the value. */
defineFunction('setvar', {
  minArgs: 2,
  maxArgs: 2,
  build(args) {
    const name = constName(args[0]);
    const valueType = args[1]!.type;
    return {
      type: valueType,
      args,
      impl: {
        sig: 'SetVar',
        sideEffects: true,
        compile:
          ([, value]) =>
          (row, ctx) => {
            const v = value!(row, ctx);
            ctx.session.setUserVar(name, { value: v, type: valueType });
            return v;
          },
      },
    };
  },
});

/** `expr COLLATE name`: the same value under another collation of its character set. */
defineFunction('collate', {
  minArgs: 2,
  maxArgs: 2,
  build(args) {
    const name = constName(args[1]).toLowerCase();
    const arg = args[0]!;
    if (name === 'binary') {
      return {
        type: { ...arg.type, charset: 'binary', collate: 'binary', flag: arg.type.flag | Flag.Binary },
        args: [arg],
        impl: { sig: 'Binary', compile: ([a]) => a! },
      };
    }
    const coll = getCollation(name);
    if (!coll) throw sqlError(ER.UNKNOWN_COLLATION, name);
    if (
      arg.type.charset !== 'binary' &&
      coll.charset !== arg.type.charset &&
      !(coll.charset === 'utf8' && arg.type.charset === 'utf8mb4')
    ) {
      throw sqlError(ER.COLLATION_CHARSET_MISMATCH, coll.name, arg.type.charset);
    }
    return {
      type: { ...arg.type, collate: coll.name, charset: coll.charset },
      args: [arg],
      impl: { sig: 'Collate', compile: ([a]) => a! },
    };
  },
});
