// DOUBLE and FLOAT values as MySQL prints them: the shortest digits that read back as the same
// value (6 significant digits for FLOAT), in plain notation for moderate magnitudes and
// exponent notation ('1e15', '1.5e-20') otherwise.

// Plain notation is used while the decimal point sits within 15 places of the first digit on
// either side, or when a large number still has fraction digits to show.
const MAX_DECPT_FOR_PLAIN = 15;
const FLOAT_DIGITS = 6;

export function formatReal(x: number, isFloat = false): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const neg = x < 0;
  const exp = isFloat ? Math.abs(x).toExponential(FLOAT_DIGITS - 1) : Math.abs(x).toExponential();
  const eAt = exp.indexOf('e');
  const digits = exp.slice(0, eAt).replace('.', '').replace(/0+$/, '') || '0';
  const decpt = Number.parseInt(exp.slice(eAt + 1), 10) + 1;
  const len = digits.length;
  let out: string;
  if (decpt >= -MAX_DECPT_FOR_PLAIN + 1 && (decpt <= MAX_DECPT_FOR_PLAIN || len > decpt)) {
    if (decpt <= 0) out = `0.${'0'.repeat(-decpt)}${digits}`;
    else if (decpt < len) out = `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
    else out = digits + '0'.repeat(decpt - len);
  } else {
    const e = decpt - 1;
    out = `${digits[0]}${len > 1 ? `.${digits.slice(1)}` : ''}e${e}`;
  }
  return neg ? `-${out}` : out;
}

/** Largest DOUBLE/FLOAT decimals that is a fixed count: 31 (NOT_FIXED_DEC) and above mean "shortest". */
const MAX_FIXED_DECIMALS = 30;

/**
 * A DOUBLE/FLOAT value as the text protocol sends it for a type of `decimals` digits: a fixed number
 * of fraction digits when the type has one (FLOAT(7,2), PI()), the shortest form otherwise.
 */
export function formatRealWithDecimals(x: number, decimals: number, isFloat = false): string {
  if (decimals < 0 || decimals > MAX_FIXED_DECIMALS || !Number.isFinite(x)) return formatReal(x, isFloat);
  if (Math.abs(x) < 1e21) return x.toFixed(decimals);
  // toFixed switches to exponent notation from 1e21: print the integer part exactly instead.
  const int = BigInt(x).toString();
  return decimals > 0 ? `${int}.${'0'.repeat(decimals)}` : int;
}
