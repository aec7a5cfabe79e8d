// The value model of go-jmespath as ASCP runs it: encoding/json decodes a secret into interface{}, so
// every value is nil, bool, float64, string, []interface{} or map[string]interface{}. go-jmespath adds
// one more dynamic type, the expression reference (`&expr`), a Go struct.
//
// JavaScript mapping: nil -> null, float64 -> number, []interface{} -> Array, map -> a plain object
// (a `__proto__` key is an own property, as with JSON.parse), expression reference -> ExpRef.

import type { AstNode } from './ast.js';

export type GoValue = null | boolean | number | string | GoValue[] | GoMap | ExpRef;
export interface GoMap {
  [key: string]: GoValue;
}

/** go-jmespath's `expRef` struct: the value of `&expr`. */
export class ExpRef {
  constructor(readonly node: AstNode) {}
}

/** Thrown for what go-jmespath returns as an `error` from Search: ASCP reports `Invalid JMES Path`. */
export class GoEvalError extends Error {
  constructor(
    readonly kind: 'unknown-function' | 'invalid-arity' | 'invalid-type' | 'invalid-value' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'GoEvalError';
  }
}

/** Thrown where go-jmespath hits a Go runtime panic. ASCP has no recover(): the provider crashes. */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoPanic';
  }
}

/**
 * Thrown when a path or value is nested deeper than this checker follows (Go itself has no such limit),
 * so that the limit is the same on every call instead of depending on the JavaScript stack.
 */
export class TooComplex extends Error {
  constructor() {
    super('too deeply nested to check');
    this.name = 'TooComplex';
  }
}

/** Deepest nesting of a path or of a value that the checker follows. */
export const MAX_DEPTH = 1000;

export function isMap(v: unknown): v is GoMap {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof ExpRef);
}

/** A new map: a plain object, like JSON.parse gives. */
export function newMap(): GoMap {
  return {};
}

/** Sets a key; `__proto__` becomes an own property (as with JSON.parse), never the prototype. */
export function setKey(m: GoMap, key: string, value: GoValue): void {
  if (key === '__proto__') {
    Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  } else m[key] = value;
}

export function hasKey(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

export function getKey(m: GoMap, key: string): GoValue {
  return hasKey(m, key) ? (m[key] ?? null) : null;
}

/** Go's `%T` of a result, as in go-reference.json. */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (v instanceof ExpRef) return 'jmespath.expRef';
  return 'map[string]interface {}';
}

/** The JMESPath type name of a value (what `type()` would say), used in messages. */
export function jmesTypeName(
  v: unknown,
): 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'expref' {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (Array.isArray(v)) return 'array';
  if (v instanceof ExpRef) return 'expref';
  return 'object';
}

/** go-jmespath isFalse(): empty string/array/object, false and nil are false; numbers never. */
export function isFalse(v: GoValue): boolean {
  if (v === null) return true;
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'string') return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof ExpRef) return false;
  if (typeof v === 'number') return false;
  return Object.keys(v).length === 0;
}

/**
 * Compares two strings the way Go compares strings (bytewise UTF-8), which is code point order.
 * JavaScript's `<` compares UTF-16 code units and disagrees for astral characters versus U+E000-U+FFFF.
 */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    const sa = ca >= 0xd800 && ca <= 0xdfff;
    const sb = cb >= 0xd800 && cb <= 0xdfff;
    // A surrogate (astral code point) sorts after every BMP code unit in code point order.
    if (sa && !sb) return 1;
    if (sb && !sa) return -1;
    return ca < cb ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Go's reflect.DeepEqual restricted to the values above (used by `==` and `!=`). */
export function deepEqual(a: GoValue, b: GoValue, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw new TooComplex();
  if (a === null || b === null) return a === b;
  if (typeof a === 'number' || typeof b === 'number') return a === b; // NaN != NaN, 0 == -0
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof ExpRef || b instanceof ExpRef) {
    return a instanceof ExpRef && b instanceof ExpRef && astEqual(a.node, b.node);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    if (a === b) return true; // same backing array
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i] ?? null, b[i] ?? null, depth + 1)) return false;
    return true;
  }
  if (a === b) return true; // same map
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) {
    if (!hasKey(b, k)) return false;
    if (!deepEqual(a[k] ?? null, b[k] ?? null, depth + 1)) return false;
  }
  return true;
}

/** DeepEqual of two expRef structs compares their ASTs (node type, value, children); positions are ours. */
function astEqual(a: AstNode, b: AstNode): boolean {
  if (a.type !== b.type || a.children.length !== b.children.length) return false;
  const va = a.value;
  const vb = b.value;
  if (va.go !== vb.go) return false;
  switch (va.go) {
    case 'nil':
      break;
    case 'string':
      if (vb.go !== 'string' || va.s !== vb.s) return false;
      break;
    case 'literal':
      if (vb.go !== 'literal' || !deepEqual(va.v, vb.v)) return false;
      break;
    case 'tokType':
      if (vb.go !== 'tokType' || va.tok !== vb.tok) return false;
      break;
    case 'int':
      if (vb.go !== 'int' || va.n !== vb.n) return false;
      break;
    case 'slice':
      if (vb.go !== 'slice' || va.parts.some((p, i) => p !== vb.parts[i])) return false;
      break;
  }
  return a.children.every((c, i) => {
    const o = b.children[i];
    return o !== undefined && astEqual(c, o);
  });
}

/**
 * Normalises caller data (e.g. from JSON.parse) into GoValues: undefined -> null, non-finite
 * numbers kept (they can only come from our own evaluation), anything exotic -> null.
 */
export function toGoValue(v: unknown): GoValue {
  // Iterative: encoding/json accepts 10000 levels of nesting, more than a recursive copy survives.
  const convertShallow = (x: unknown, pending: [unknown, GoValue[] | GoMap][]): GoValue => {
    if (x === null || x === undefined) return null;
    if (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number') return x;
    if (x instanceof ExpRef) return x;
    if (Array.isArray(x)) {
      const out: GoValue[] = [];
      pending.push([x, out]);
      return out;
    }
    if (typeof x === 'object') {
      const out: GoMap = newMap();
      pending.push([x, out]);
      return out;
    }
    return null;
  };
  const pending: [unknown, GoValue[] | GoMap][] = [];
  const root = convertShallow(v, pending);
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [src, dst] = item;
    if (Array.isArray(src) && Array.isArray(dst)) {
      for (const e of src as unknown[]) dst.push(convertShallow(e, pending));
    } else if (!Array.isArray(dst)) {
      const rec = src as Record<string, unknown>;
      for (const k of Object.keys(rec)) setKey(dst, k, convertShallow(rec[k], pending));
    }
  }
  return root;
}
