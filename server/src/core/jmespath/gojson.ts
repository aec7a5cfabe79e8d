// Go's encoding/json and strconv behaviour that ASCP's results depend on:
//  - decoding a secret with json.Unmarshal into interface{} (strict RFC 8259 syntax, numbers become
//    float64 and out-of-range numbers are an error, duplicate keys: last wins, invalid surrogate
//    escapes become U+FFFD, nesting limited to 10000 levels);
//  - json.Marshal as used by to_string() (sorted keys, HTML-safe escaping, Go float formatting);
//  - strconv.ParseFloat as used by to_number().
// Error reasons never contain any part of the decoded text: only positions and categories.

import {
  ExpRef,
  GoEvalError,
  MAX_DEPTH,
  TooComplex,
  compareGoStrings,
  isMap,
  newMap,
  setKey,
} from './values.js';
import type { GoMap, GoValue } from './values.js';

export type DecodeResult = { ok: true; value: unknown } | { ok: false; reason: string };

const MAX_NESTING = 10000; // encoding/json maxNestingDepth

class DecodeFailure extends Error {
  constructor(
    readonly reason: string,
    readonly at: number,
  ) {
    super(reason);
  }
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hex4(text: string, i: number): number {
  if (i + 4 > text.length) return -1;
  const h = text.slice(i, i + 4);
  return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
}

/** Line and column (1-based, UTF-16) of an offset, for messages that must not quote the text. */
function lineCol(text: string, at: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < at && i < text.length; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/** Parses a JSON string starting at the opening quote; returns the decoded string and the end offset. */
function parseString(text: string, start: number): [string, number] {
  let i = start + 1;
  let out = '';
  let chunkStart = i;
  for (;;) {
    if (i >= text.length) throw new DecodeFailure('unterminated string', start);
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      out += text.slice(chunkStart, i);
      return [out, i + 1];
    }
    if (c < 0x20) throw new DecodeFailure('control character inside a string', i);
    if (c >= 0xd800 && c <= 0xdfff) {
      // Raw surrogates: a valid pair is kept; a lone one cannot exist in UTF-8 and becomes U+FFFD.
      const d = text.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i += 2;
        continue;
      }
      out += text.slice(chunkStart, i) + '\ufffd';
      i++;
      chunkStart = i;
      continue;
    }
    if (c !== 0x5c) {
      i++;
      continue;
    }
    out += text.slice(chunkStart, i);
    const e = text.charCodeAt(i + 1);
    switch (e) {
      case 0x22:
        out += '"';
        i += 2;
        break;
      case 0x5c:
        out += '\\';
        i += 2;
        break;
      case 0x2f:
        out += '/';
        i += 2;
        break;
      case 0x62:
        out += '\b';
        i += 2;
        break;
      case 0x66:
        out += '\f';
        i += 2;
        break;
      case 0x6e:
        out += '\n';
        i += 2;
        break;
      case 0x72:
        out += '\r';
        i += 2;
        break;
      case 0x74:
        out += '\t';
        i += 2;
        break;
      case 0x75: {
        const r = hex4(text, i + 2);
        if (r < 0) throw new DecodeFailure('invalid \\u escape in a string', i);
        i += 6;
        if (r >= 0xd800 && r < 0xe000) {
          // Go: a surrogate escape must be followed by a \u escape completing a valid pair, otherwise
          // it decodes to U+FFFD (and the following escape is decoded on its own).
          const r2 = text.charCodeAt(i) === 0x5c && text.charCodeAt(i + 1) === 0x75 ? hex4(text, i + 2) : -1;
          if (r < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000) {
            out += String.fromCharCode(r, r2);
            i += 6;
          } else out += '\ufffd';
        } else out += String.fromCharCode(r);
        break;
      }
      default:
        throw new DecodeFailure('invalid escape in a string', i);
    }
    chunkStart = i;
  }
}

function parseNumber(text: string, start: number): [number, number] {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  if (text.charCodeAt(i) === 0x30) i++;
  else if (isDigit(text.charCodeAt(i))) while (isDigit(text.charCodeAt(i))) i++;
  else throw new DecodeFailure('invalid number', start);
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) throw new DecodeFailure('invalid number', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 0x2b || s === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) throw new DecodeFailure('invalid number', start);
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const n = Number(text.slice(start, i));
  // strconv.ParseFloat reports a range error; json.Unmarshal turns it into an UnmarshalTypeError.
  if (!Number.isFinite(n)) throw new DecodeFailure('a number is outside the float64 range', start);
  return [n, i];
}

type Frame = { kind: 'array'; arr: GoValue[] } | { kind: 'object'; obj: GoMap; key: string };

function decodeOrThrow(text: string): GoValue {
  let i = 0;
  const stack: Frame[] = [];
  const skipWs = (): void => {
    while (i < text.length && isWs(text.charCodeAt(i))) i++;
  };
  const expectKey = (frame: { key: string }): void => {
    skipWs();
    if (text.charCodeAt(i) !== 0x22) {
      throw new DecodeFailure(
        i >= text.length ? 'unexpected end of input' : 'expected a quoted object key',
        i,
      );
    }
    const [k, next] = parseString(text, i);
    i = next;
    skipWs();
    if (text.charCodeAt(i) !== 0x3a) {
      throw new DecodeFailure(
        i >= text.length ? 'unexpected end of input' : "expected ':' after an object key",
        i,
      );
    }
    i++;
    frame.key = k;
  };
  for (;;) {
    skipWs();
    if (i >= text.length) throw new DecodeFailure('unexpected end of input', i);
    let value: GoValue;
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length + 1 > MAX_NESTING) throw new DecodeFailure('nesting deeper than 10000 levels', i);
      i++;
      skipWs();
      if (c === 0x7b) {
        if (text.charCodeAt(i) === 0x7d) {
          i++;
          value = newMap();
        } else {
          const frame: Frame = { kind: 'object', obj: newMap(), key: '' };
          expectKey(frame);
          stack.push(frame);
          continue;
        }
      } else if (text.charCodeAt(i) === 0x5d) {
        i++;
        value = [];
      } else {
        stack.push({ kind: 'array', arr: [] });
        continue;
      }
    } else if (c === 0x22) {
      [value, i] = parseString(text, i);
    } else if (c === 0x2d || isDigit(c)) {
      [value, i] = parseNumber(text, i);
    } else if (text.startsWith('true', i)) {
      value = true;
      i += 4;
    } else if (text.startsWith('false', i)) {
      value = false;
      i += 5;
    } else if (text.startsWith('null', i)) {
      value = null;
      i += 4;
    } else {
      throw new DecodeFailure('expected a JSON value', i);
    }
    // Attach the finished value to its container(s).
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        skipWs();
        if (i < text.length) throw new DecodeFailure('unexpected data after the JSON value', i);
        return value;
      }
      if (top.kind === 'array') top.arr.push(value);
      else setKey(top.obj, top.key, value); // duplicate keys: the last one wins, as in Go
      skipWs();
      const d = text.charCodeAt(i);
      if (d === 0x2c) {
        i++;
        if (top.kind === 'object') expectKey(top);
        break;
      }
      if ((top.kind === 'array' && d === 0x5d) || (top.kind === 'object' && d === 0x7d)) {
        i++;
        stack.pop();
        value = top.kind === 'array' ? top.arr : top.obj;
        continue;
      }
      if (i >= text.length) throw new DecodeFailure('unexpected end of input', i);
      throw new DecodeFailure(
        top.kind === 'array' ? "expected ',' or ']' in an array" : "expected ',' or '}' in an object",
        i,
      );
    }
  }
}

/**
 * Decodes text exactly as ASCP's `json.Unmarshal(secret, &data)` with `data interface{}` would, or says
 * why Go rejects it. The reason names a position and a category, never the text itself.
 */
export function decodeJsonLikeGo(text: string): DecodeResult {
  if (text.length === 0)
    return { ok: false, reason: 'the value is empty (encoding/json: unexpected end of JSON input)' };
  try {
    return { ok: true, value: decodeOrThrow(text) };
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, reason: `${e.reason} at ${lineCol(text, e.at)}` };
    if (e instanceof RangeError)
      return { ok: false, reason: 'the value is too large or too deeply nested to check' };
    throw e;
  }
}

/** Decodes with the same rules and returns a GoValue or undefined (used for backtick literals). */
export function decodeGoJson(text: string): { ok: true; value: GoValue } | { ok: false; reason: string } {
  try {
    return { ok: true, value: decodeOrThrow(text) };
  } catch (e) {
    if (e instanceof DecodeFailure) return { ok: false, reason: e.reason };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// json.Marshal (to_string)

/** Go's float formatting in encoding/json: shortest round-trip digits, exponent below 1e-6 / from 1e21. */
export function goFloatString(n: number): string {
  if (Object.is(n, -0)) return '-0';
  // JavaScript's Number#toString uses the same shortest digits and the same exponent thresholds; Go
  // writes e-07 and json cleans it to e-7, which is what JavaScript prints.
  return String(n);
}

const HEX = '0123456789abcdef';

/** encoding/json string encoding with escapeHTML (json.Marshal's default), Go 1.22+ (\b and \f short forms). */
export function goJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26) {
        out += s[i];
        continue;
      }
      switch (c) {
        case 0x5c:
          out += '\\\\';
          break;
        case 0x22:
          out += '\\"';
          break;
        case 0x08:
          out += '\\b';
          break;
        case 0x0c:
          out += '\\f';
          break;
        case 0x0a:
          out += '\\n';
          break;
        case 0x0d:
          out += '\\r';
          break;
        case 0x09:
          out += '\\t';
          break;
        default:
          out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
      continue;
    }
    if (c === 0x2028 || c === 0x2029) {
      out += c === 0x2028 ? '\\u2028' : '\\u2029';
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += '\\ufffd'; // invalid UTF-8 is written as U+FFFD
      continue;
    }
    out += s[i];
  }
  return out + '"';
}

/** json.Marshal of a go-jmespath value. NaN and ±Inf are errors ("json: unsupported value"). */
export function goMarshal(v: GoValue, depth = 0): string {
  if (depth > MAX_DEPTH) throw new TooComplex();
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      throw new GoEvalError(
        'invalid-value',
        `json: unsupported value: ${Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'}`,
      );
    }
    return goFloatString(v);
  }
  if (typeof v === 'string') return goJsonString(v);
  if (v instanceof ExpRef) return '{}'; // a struct without exported fields
  if (Array.isArray(v)) return '[' + v.map((e) => goMarshal(e, depth + 1)).join(',') + ']';
  if (isMap(v)) {
    const keys = Object.keys(v).sort(compareGoStrings);
    return '{' + keys.map((k) => goJsonString(k) + ':' + goMarshal(v[k] ?? null, depth + 1)).join(',') + '}';
  }
  return 'null';
}

// ---------------------------------------------------------------------------------------------------
// strconv.ParseFloat(s, 64) (to_number)

function lowerAscii(c: number): number {
  return c | 0x20;
}

function prefixLenIgnoreCase(s: string, from: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && from + n < s.length) {
    let c = s.charCodeAt(from + n);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    if (c !== prefix.charCodeAt(n)) break;
    n++;
  }
  return n;
}

function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(String.fromCharCode(lowerAscii(s.charCodeAt(1))))) {
    i = 2;
    saw = '0';
    hex = lowerAscii(s.charCodeAt(1)) === 0x78;
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || (hex && lowerAscii(c) >= 0x61 && lowerAscii(c) <= 0x66)) {
      saw = '0';
      continue;
    }
    if (c === 0x5f) {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Correctly rounded mantissa * 2^exp2 as a float64 (Infinity on overflow). */
function scaleBinary(mant: bigint, exp2: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  const e = bits - 1 + exp2; // exponent of the leading bit
  const lowest = e >= -1022 ? e - 52 : -1074; // weight of the last representable bit
  let shift = lowest - exp2;
  if (shift <= 0) return Number(mant) * 2 ** exp2;
  let q = mant >> BigInt(shift);
  const rem = mant & ((1n << BigInt(shift)) - 1n);
  const half = 1n << BigInt(shift - 1);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  // q has at most 54 bits; multiplying by a power of two is exact (or overflows to Infinity).
  let result = Number(q);
  shift += exp2;
  // Split the scaling so intermediate powers stay representable.
  while (shift > 1000) {
    result *= 2 ** 1000;
    shift -= 1000;
  }
  while (shift < -1000) {
    result *= 2 ** -1000;
    shift += 1000;
  }
  return result * 2 ** shift;
}

/**
 * strconv.ParseFloat(s, 64): returns the number, or null where Go returns an error (syntax or range).
 * Accepts what Go accepts: optional sign, decimal or 0x-hex mantissa (hex needs a p exponent),
 * underscores between digits, "inf"/"infinity" (signed) and "nan", case-insensitively. No whitespace.
 */
export function goParseFloat(s: string): number | null {
  if (s.length === 0) return null;
  // special(): inf, infinity (optionally signed), nan
  {
    let i = 0;
    let sign = 1;
    const c0 = s[0];
    if (c0 === '+' || c0 === '-') {
      sign = c0 === '-' ? -1 : 1;
      i = 1;
    }
    const c = s[i];
    if (c === 'i' || c === 'I' || i === 1) {
      let n = prefixLenIgnoreCase(s, i, 'infinity');
      if (n > 3 && n < 8) n = 3;
      if (n === 3 || n === 8) return i + n === s.length ? sign * Infinity : null;
    } else if (c === 'n' || c === 'N') {
      if (prefixLenIgnoreCase(s, i, 'nan') === 3) return s.length === 3 ? NaN : null;
    }
  }
  // readFloat()
  let i = 0;
  let neg = false;
  if (s[0] === '+') i++;
  else if (s[0] === '-') {
    neg = true;
    i++;
  }
  let base = 10;
  if (i + 2 < s.length && s[i] === '0' && lowerAscii(s.charCodeAt(i + 1)) === 0x78) {
    base = 16;
    i += 2;
  }
  let underscores = false;
  let sawDot = false;
  let sawDigits = false;
  let digits = '';
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x5f) {
      underscores = true;
      continue;
    }
    if (c === 0x2e) {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if (isDigit(c) || (base === 16 && lowerAscii(c) >= 0x61 && lowerAscii(c) <= 0x66)) {
      sawDigits = true;
      digits += s[i];
      if (sawDot) fracDigits++;
      continue;
    }
    break;
  }
  if (!sawDigits) return null;
  let exp = 0;
  const expChar = base === 16 ? 0x70 : 0x65;
  if (i < s.length && lowerAscii(s.charCodeAt(i)) === expChar) {
    i++;
    if (i >= s.length) return null;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (i >= s.length || !isDigit(s.charCodeAt(i))) return null;
    let e = 0;
    for (; i < s.length && (isDigit(s.charCodeAt(i)) || s[i] === '_'); i++) {
      if (s[i] === '_') {
        underscores = true;
        continue;
      }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 0x30);
    }
    exp = e * esign;
  } else if (base === 16) return null; // a hex mantissa must have a p exponent
  if (underscores && !underscoreOK(s.slice(0, i))) return null;
  if (i !== s.length) return null;
  let value: number;
  if (base === 10) {
    const intPart = digits.slice(0, digits.length - fracDigits) || '0';
    const frac = digits.slice(digits.length - fracDigits);
    value = Number(`${intPart}${frac ? '.' + frac : ''}e${exp}`);
  } else {
    value = scaleBinary(BigInt('0x' + digits), exp - 4 * fracDigits);
  }
  if (!Number.isFinite(value)) return null; // ErrRange
  return neg ? -value : value;
}
