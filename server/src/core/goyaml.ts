// How go-yaml v2 (YAML 1.1), as used by sigs.k8s.io/yaml and therefore by ASCP and kubectl, resolves a
// plain (unquoted) scalar, and how sigs.k8s.io/yaml then turns it into a Go string field.
// Facts from go-yaml v2.4.4 resolve.go and sigs.k8s.io/yaml v1.6.0 yaml.go (see ARCHITECTURE.md).

export type GoScalarKind = 'null' | 'bool' | 'int' | 'float' | 'string';

export interface GoScalar {
  kind: GoScalarKind;
  /** The string a Go `string` field receives (sigs.k8s.io/yaml converts bool/int/float to text). */
  asString: string;
}

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const NAN = new Set(['.nan', '.NaN', '.NAN']);
const PINF = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NINF = new Set(['-.inf', '-.Inf', '-.INF']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's base-0 integer syntax (sign, 0x/0o/0b prefixes, a leading 0 means octal), without range checks. */
function parseBase0(s: string): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let base = 10;
  if (/^0[xX]/.test(body)) {
    base = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    base = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    base = 2;
    body = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    base = 8;
    body = body.slice(1);
  }
  if (body.length === 0) return undefined;
  const digits =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + body);
  return neg ? -v : v;
}

/** Go's strconv.ParseInt(s, 0, 64) (underscores already removed). Returns undefined when Go fails. */
export function goParseIntBase0(s: string): bigint | undefined {
  const v = parseBase0(s);
  if (v === undefined || v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** Go's strconv.ParseUint(s, 0, 64), which go-yaml tries for values beyond int64. */
function goParseUintBase0(s: string): bigint | undefined {
  if (s.startsWith('-') || s.startsWith('+')) return undefined;
  const v = parseBase0(s);
  if (v === undefined || v > 18446744073709551615n) return undefined;
  return v;
}

/**
 * Go's strconv.FormatFloat(f, 'g', -1, 32): the shortest decimal that round-trips as a float32,
 * in %e form when the exponent is < -4 or >= 6 (Go uses precision 6 for this decision when shortest).
 */
export function goFormatFloat32g(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 9; p++) {
    const s = Math.abs(f).toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.abs(f)) {
      const [mant, e] = s.split('e') as [string, string];
      digits = mant.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const neg = f < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${neg}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  // %f with as many fraction digits as needed
  const dp = exp + 1; // position of the decimal point relative to digits
  if (dp <= 0) return `${neg}0.${'0'.repeat(-dp)}${digits}`;
  if (dp >= digits.length) return `${neg}${digits}${'0'.repeat(dp - digits.length)}`;
  return `${neg}${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

/** Resolves the source text of a plain scalar the way go-yaml v2 does, then converts it like sigs.k8s.io/yaml does for a string target. */
export function resolvePlainGo(src: string): GoScalar {
  if (NULL.has(src)) return { kind: 'null', asString: '' };
  if (TRUE.has(src)) return { kind: 'bool', asString: 'true' };
  if (FALSE.has(src)) return { kind: 'bool', asString: 'false' };
  if (NAN.has(src)) return { kind: 'float', asString: 'NaN' };
  if (PINF.has(src)) return { kind: 'float', asString: '+Inf' };
  if (NINF.has(src)) return { kind: 'float', asString: '-Inf' };
  const c = src[0] ?? '';
  if (c === '.') {
    // go-yaml: strconv.ParseFloat on the raw text (no underscore removal)
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(src) && Number.isFinite(Number(src)))
      return { kind: 'float', asString: goFormatFloat32g(Number(src)) };
  } else if ('+-0123456789'.includes(c)) {
    const plain = src.replaceAll('_', '');
    const i = goParseIntBase0(plain);
    if (i !== undefined) return { kind: 'int', asString: i.toString() };
    const u = goParseUintBase0(plain);
    if (u !== undefined) return { kind: 'int', asString: u.toString() };
    if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain)))
      return { kind: 'float', asString: goFormatFloat32g(Number(plain)) };
  }
  return { kind: 'string', asString: src };
}
