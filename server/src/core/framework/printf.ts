/**
 * Formats a number like C's `printf("%.<digits>f")` with glibc: the exact binary value is
 * rounded to the nearest decimal, and exact ties go to the even digit. JavaScript's
 * `toFixed` rounds ties away from zero, so `(2.5).toFixed(0)` is "3" where glibc prints "2".
 */
export function formatFixed(value: number, digits: number): string {
  if (!Number.isFinite(value)) {
    if (Number.isNaN(value)) return value < 0 ? '-nan' : 'nan';
    return value < 0 ? '-inf' : 'inf';
  }
  const fast = formatFixedFast(value, digits);
  if (fast !== undefined) return fast;
  const negative = value < 0 || Object.is(value, -0);
  const exact = exactDecimal(Math.abs(value));
  const [integerPart, fractionPart = ''] = exact.split('.');
  const kept = fractionPart.padEnd(digits, '0').slice(0, digits);
  const rest = fractionPart.slice(digits);

  let digitsString = integerPart + kept;
  const roundUp =
    rest.length > 0 &&
    (rest[0] > '5' ||
      (rest[0] === '5' && /[1-9]/.test(rest.slice(1))) ||
      (rest[0] === '5' && !/[1-9]/.test(rest.slice(1)) && Number(digitsString.at(-1)) % 2 === 1));
  if (roundUp) digitsString = incrementDecimal(digitsString);

  const integerDigits = digitsString.length - digits;
  const formatted =
    digits === 0
      ? digitsString
      : `${digitsString.slice(0, integerDigits)}.${digitsString.slice(integerDigits)}`;
  return negative ? `-${formatted}` : formatted;
}

/**
 * Formats with `toFixed` where it agrees with glibc: `toFixed` rounds the exact value too,
 * so only exact ties differ. Returns undefined near a tie and for -0, which glibc prints
 * with its sign.
 */
function formatFixedFast(value: number, digits: number): string | undefined {
  if (Object.is(value, -0) || Math.abs(value) >= 1e15 || digits > 6) return undefined;
  if (Number.isInteger(value)) return value.toFixed(digits);
  const scaled = Math.abs(value) * 10 ** digits;
  const distanceToTie = Math.abs(scaled - Math.floor(scaled) - 0.5);
  return distanceToTie > 1e-6 ? value.toFixed(digits) : undefined;
}

/** Returns the exact decimal expansion of a finite non-negative double. */
function exactDecimal(value: number): string {
  if (value === 0) return '0';
  // Every double is a dyadic rational m * 2^e, whose decimal expansion terminates.
  const bits = new DataView(new ArrayBuffer(8));
  bits.setFloat64(0, value);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  const exponentBits = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (exponentBits === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  if (exponent >= 0) return (mantissa << BigInt(exponent)).toString();
  const scale = -exponent;
  const scaled = (mantissa * 5n ** BigInt(scale)).toString().padStart(scale + 1, '0');
  const integerPart = scaled.slice(0, scaled.length - scale);
  const fractionPart = scaled.slice(scaled.length - scale).replace(/0+$/, '');
  return fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
}

function incrementDecimal(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String(Number(chars[i]) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
