// A tree interpreter with the exact behaviour of go-jmespath v0.4.0's interpreter and function table,
// written from a reading of its Go source. Differences from the JMESPath spec / jmespath.js that it
// reproduces on purpose:
//  - `< <= > >=` give null unless both sides are numbers;
//  - `*` on an object iterates in Go's random map order, and go-jmespath pre-fills its list with one
//    nil per entry before appending the values: the right-hand side also runs on those nils
//    (`*.to_string(@)` yields "null" strings, `*.length(@)` fails);
//  - errors on the left of `*` (object), `[?...]` and `[]` are swallowed (the result is null);
//  - a function name that is not a Go string panics (`@(x)`); merge() of a non-object panics;
//    contains() panics comparing two objects or two arrays;
//  - variadic functions (merge, not_null) are not type-checked;
//  - strings compare by code point (Go's byte order); length()/reverse() count code points;
//  - sort() / sort_by() use Go's sort.Stable (insertion sort + SymMerge) and sort_by sorts in place;
//  - to_string() is Go's json.Marshal; to_number() is strconv.ParseFloat;
//  - an expression reference (&x) is a value: to_string(&x) is "{}", type(&x) fails.

import type { AstNode, NodeValue } from './ast.js';
import { goMarshal, goParseFloat } from './gojson.js';
import {
  ExpRef,
  GoEvalError,
  GoPanic,
  compareGoStrings,
  deepEqual,
  getKey,
  goTypeName,
  isFalse,
  isMap,
  jmesTypeName,
  newMap,
  setKey,
} from './values.js';
import type { GoMap, GoValue } from './values.js';

/** How the interpreter orders map iteration (Go randomises it). */
export interface MapOrder {
  /** Returns the keys in the order this run iterates them. */
  order(keys: string[]): string[];
}

export const DOCUMENT_ORDER: MapOrder = { order: (keys) => keys };

export interface EvalContext {
  mapOrder: MapOrder;
  /** Number of map iterations over two or more entries (0: the result cannot depend on map order). */
  unorderedIterations: number;
  /** Largest map iterated. */
  largestMap: number;
}

export function newContext(mapOrder: MapOrder = DOCUMENT_ORDER): EvalContext {
  return { mapOrder, unorderedIterations: 0, largestMap: 0 };
}

function iterateMap(ctx: EvalContext, m: GoMap): string[] {
  const keys = Object.keys(m);
  if (keys.length >= 2) {
    ctx.unorderedIterations++;
    ctx.largestMap = Math.max(ctx.largestMap, keys.length);
    return ctx.mapOrder.order(keys);
  }
  return keys;
}

/** Go's `interface {} is X, not string` panic text for a node value used as a function name. */
function goTypeOfNodeValue(v: NodeValue): string {
  switch (v.go) {
    case 'nil':
      return 'nil';
    case 'string':
      return 'string';
    case 'literal':
      return v.v === null ? 'nil' : goTypeName(v.v);
    case 'tokType':
      return 'jmespath.tokType';
    case 'int':
      return 'int';
    case 'slice':
      return '[]*int';
  }
}

export function execute(node: AstNode, value: GoValue, ctx: EvalContext): GoValue {
  switch (node.type) {
    case 'ASTComparator': {
      const left = execute(child(node, 0), value, ctx);
      const right = execute(child(node, 1), value, ctx);
      const tok = node.value.go === 'tokType' ? node.value.tok : 'tUnknown';
      if (tok === 'tEQ') return deepEqual(left, right);
      if (tok === 'tNE') return !deepEqual(left, right);
      if (typeof left !== 'number' || typeof right !== 'number') return null;
      switch (tok) {
        case 'tGT':
          return left > right;
        case 'tGTE':
          return left >= right;
        case 'tLT':
          return left < right;
        case 'tLTE':
          return left <= right;
        default:
          return null;
      }
    }
    case 'ASTExpRef':
      return new ExpRef(child(node, 0));
    case 'ASTFunctionExpression': {
      const args: GoValue[] = [];
      for (const arg of node.children) args.push(execute(arg, value, ctx));
      if (node.value.go !== 'string') {
        throw new GoPanic(
          `interface conversion: interface {} is ${goTypeOfNodeValue(node.value)}, not string`,
        );
      }
      return callFunction(node.value.s, args, ctx);
    }
    case 'ASTField':
      if (isMap(value)) return getKey(value, node.value.go === 'string' ? node.value.s : '');
      return null;
    case 'ASTFilterProjection': {
      let left: GoValue;
      try {
        left = execute(child(node, 0), value, ctx);
      } catch (e) {
        if (e instanceof GoEvalError) return null;
        throw e;
      }
      if (!Array.isArray(left)) return null;
      const collected: GoValue[] = [];
      for (const element of left) {
        const result = execute(child(node, 2), element, ctx);
        if (!isFalse(result)) {
          const current = execute(child(node, 1), element, ctx);
          if (current !== null) collected.push(current);
        }
      }
      return collected;
    }
    case 'ASTFlatten': {
      let left: GoValue;
      try {
        left = execute(child(node, 0), value, ctx);
      } catch (e) {
        if (e instanceof GoEvalError) return null;
        throw e;
      }
      if (!Array.isArray(left)) return null;
      const flattened: GoValue[] = [];
      for (const element of left) {
        if (Array.isArray(element)) flattened.push(...element);
        else flattened.push(element);
      }
      return flattened;
    }
    case 'ASTIdentity':
    case 'ASTCurrentNode':
      return value;
    case 'ASTIndex': {
      if (!Array.isArray(value)) return null;
      let index = node.value.go === 'int' ? node.value.n : 0;
      if (index < 0) index += value.length;
      if (index < value.length && index >= 0) return value[index] ?? null;
      return null;
    }
    case 'ASTKeyValPair':
      return execute(child(node, 0), value, ctx);
    case 'ASTLiteral':
      if (node.value.go === 'string') return node.value.s;
      return node.value.go === 'literal' ? node.value.v : null;
    case 'ASTMultiSelectHash': {
      if (value === null) return null;
      const collected: GoMap = newMap();
      for (const c of node.children) {
        const current = execute(c, value, ctx);
        setKey(collected, c.value.go === 'string' ? c.value.s : '', current);
      }
      return collected;
    }
    case 'ASTMultiSelectList': {
      if (value === null) return null;
      const collected: GoValue[] = [];
      for (const c of node.children) collected.push(execute(c, value, ctx));
      return collected;
    }
    case 'ASTOrExpression': {
      const matched = execute(child(node, 0), value, ctx);
      return isFalse(matched) ? execute(child(node, 1), value, ctx) : matched;
    }
    case 'ASTAndExpression': {
      const matched = execute(child(node, 0), value, ctx);
      return isFalse(matched) ? matched : execute(child(node, 1), value, ctx);
    }
    case 'ASTNotExpression':
      return isFalse(execute(child(node, 0), value, ctx));
    case 'ASTPipe':
    case 'ASTSubexpression':
    case 'ASTIndexExpression': {
      const left = execute(child(node, 0), value, ctx);
      return execute(child(node, 1), left, ctx);
    }
    case 'ASTProjection': {
      const left = execute(child(node, 0), value, ctx);
      if (!Array.isArray(left)) return null;
      const collected: GoValue[] = [];
      for (const element of left) {
        const current = execute(child(node, 1), element, ctx);
        if (current !== null) collected.push(current);
      }
      return collected;
    }
    case 'ASTSlice': {
      if (!Array.isArray(value)) return null;
      const parts = node.value.go === 'slice' ? node.value.parts : [null, null, null];
      return slice(value, parts);
    }
    case 'ASTValueProjection': {
      let left: GoValue;
      try {
        left = execute(child(node, 0), value, ctx);
      } catch (e) {
        if (e instanceof GoEvalError) return null;
        throw e;
      }
      if (!isMap(left)) return null;
      const keys = iterateMap(ctx, left);
      // make([]interface{}, len(m)) followed by append(): len(m) nils come first.
      const values: GoValue[] = keys.map(() => null);
      for (const k of keys) values.push(left[k] ?? null);
      const collected: GoValue[] = [];
      for (const element of values) {
        const current = execute(child(node, 1), element, ctx);
        if (current !== null) collected.push(current);
      }
      return collected;
    }
    case 'ASTEmpty':
      throw new GoEvalError('other', 'Unknown AST node: ASTEmpty');
  }
}

function child(node: AstNode, i: number): AstNode {
  const c = node.children[i];
  if (c === undefined) throw new GoPanic('runtime error: index out of range');
  return c;
}

function slice(arr: GoValue[], parts: (number | null)[]): GoValue[] {
  const [p0, p1, p2] = [parts[0] ?? null, parts[1] ?? null, parts[2] ?? null];
  let step = 1;
  if (p2 !== null) {
    if (p2 === 0) throw new GoEvalError('invalid-value', 'Invalid slice, step cannot be 0');
    step = p2;
  }
  const length = arr.length;
  const cap = (actual: number): number => {
    if (actual < 0) {
      actual += length;
      if (actual < 0) actual = step < 0 ? -1 : 0;
    } else if (actual >= length) {
      actual = step < 0 ? length - 1 : length;
    }
    return actual;
  };
  const start = p0 === null ? (step < 0 ? length - 1 : 0) : cap(p0);
  const stop = p1 === null ? (step < 0 ? -1 : length) : cap(p1);
  const result: GoValue[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) result.push(arr[i] ?? null);
  else for (let i = start; i > stop; i += step) result.push(arr[i] ?? null);
  return result;
}

// ---------------------------------------------------------------------------------------------------
// Functions

type JpType = 'number' | 'string' | 'array' | 'object' | 'array[number]' | 'array[string]' | 'expref' | 'any';

interface FunctionEntry {
  args: { types: JpType[]; variadic?: boolean }[];
  handler: (args: GoValue[], ctx: EvalContext) => GoValue;
}

export const FUNCTION_NAMES = [
  'abs',
  'avg',
  'ceil',
  'contains',
  'ends_with',
  'floor',
  'join',
  'keys',
  'length',
  'map',
  'max',
  'max_by',
  'merge',
  'min',
  'min_by',
  'not_null',
  'reverse',
  'sort',
  'sort_by',
  'starts_with',
  'sum',
  'to_array',
  'to_number',
  'to_string',
  'type',
  'values',
] as const;

function typeMatches(t: JpType, arg: GoValue): boolean {
  switch (t) {
    case 'number':
      return typeof arg === 'number';
    case 'string':
      return typeof arg === 'string';
    case 'array':
      return Array.isArray(arg);
    case 'object':
      return isMap(arg);
    case 'array[number]':
      return Array.isArray(arg) && arg.every((e) => typeof e === 'number');
    case 'array[string]':
      return Array.isArray(arg) && arg.every((e) => typeof e === 'string');
    case 'expref':
      return arg instanceof ExpRef;
    case 'any':
      return true;
  }
}

function num(v: GoValue): number {
  return typeof v === 'number' ? v : NaN;
}
function str(v: GoValue): string {
  return typeof v === 'string' ? v : '';
}
function arr(v: GoValue): GoValue[] {
  return Array.isArray(v) ? v : [];
}
function ref(v: GoValue): AstNode {
  if (v instanceof ExpRef) return v.node;
  throw new GoPanic(`interface conversion: interface {} is ${goTypeName(v)}, not jmespath.expRef`);
}

function codePoints(s: string): string[] {
  return Array.from(s, (c) =>
    c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff ? '\ufffd' : c,
  );
}

/** Go's sort.Stable (insertion sort on blocks of 20, then SymMerge), driven by `less(i, j)`. */
export function goStableSort<T>(data: T[], less: (a: T, b: T) => boolean): void {
  const n = data.length;
  const swap = (i: number, j: number): void => {
    const t = data[i] as T;
    data[i] = data[j] as T;
    data[j] = t;
  };
  const lessAt = (i: number, j: number): boolean => less(data[i] as T, data[j] as T);
  const insertionSort = (a: number, b: number): void => {
    for (let i = a + 1; i < b; i++) for (let j = i; j > a && lessAt(j, j - 1); j--) swap(j, j - 1);
  };
  const swapRange = (a: number, b: number, count: number): void => {
    for (let i = 0; i < count; i++) swap(a + i, b + i);
  };
  const rotate = (a: number, m: number, b: number): void => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const nn = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = nn - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = nn - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = nn - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
    blockSize *= 2;
  }
}

function byExpr(
  args: GoValue[],
  ctx: EvalContext,
  pick: (best: number | string, current: number | string) => boolean,
): GoValue {
  const items = arr(args[0] ?? null);
  const node = ref(args[1] ?? null);
  if (items.length === 0) return null;
  if (items.length === 1) return items[0] ?? null;
  const first = items[0] ?? null;
  const start = execute(node, first, ctx);
  if (typeof start !== 'number' && typeof start !== 'string') {
    throw new GoEvalError('invalid-type', 'invalid type, must be number of string');
  }
  let bestVal: number | string = start;
  let bestItem: GoValue = first;
  for (const item of items.slice(1)) {
    const current = execute(node, item, ctx);
    if (typeof current !== typeof start || (typeof current !== 'number' && typeof current !== 'string')) {
      throw new GoEvalError(
        'invalid-type',
        `invalid type, must be ${typeof start === 'number' ? 'number' : 'string'}`,
      );
    }
    if (pick(bestVal, current)) {
      bestVal = current;
      bestItem = item;
    }
  }
  return bestItem;
}

function greater(a: number | string, b: number | string): boolean {
  return typeof a === 'number' && typeof b === 'number' ? b > a : compareGoStrings(String(b), String(a)) > 0;
}
function lesser(a: number | string, b: number | string): boolean {
  return typeof a === 'number' && typeof b === 'number' ? b < a : compareGoStrings(String(b), String(a)) < 0;
}

function extreme(args: GoValue[], better: (best: number | string, cur: number | string) => boolean): GoValue {
  const items = arr(args[0] ?? null) as (number | string)[];
  if (items.length === 0) return null;
  let best = items[0] as number | string;
  for (const item of items.slice(1)) if (better(best, item)) best = item;
  return best;
}

const FUNCTIONS: Record<(typeof FUNCTION_NAMES)[number], FunctionEntry> = {
  length: {
    args: [{ types: ['string', 'array', 'object'] }],
    handler: ([a]) => {
      if (typeof a === 'string') return codePoints(a).length;
      if (Array.isArray(a)) return a.length;
      if (isMap(a)) return Object.keys(a).length;
      throw new GoEvalError('other', 'could not compute length()');
    },
  },
  starts_with: {
    args: [{ types: ['string'] }, { types: ['string'] }],
    handler: ([a, b]) => str(a ?? null).startsWith(str(b ?? null)),
  },
  abs: { args: [{ types: ['number'] }], handler: ([a]) => Math.abs(num(a ?? null)) },
  avg: {
    args: [{ types: ['array[number]'] }],
    handler: ([a]) => {
      const items = arr(a ?? null);
      let sum = 0;
      for (const n of items) sum += num(n);
      return sum / items.length;
    },
  },
  ceil: { args: [{ types: ['number'] }], handler: ([a]) => Math.ceil(num(a ?? null)) },
  contains: {
    args: [{ types: ['array', 'string'] }, { types: ['any'] }],
    handler: ([search, el]) => {
      const e = el ?? null;
      if (typeof search === 'string') return typeof e === 'string' ? search.includes(e) : false;
      for (const item of arr(search ?? null)) {
        // Go's `item == el` on interface{} values panics when both hold the same uncomparable type.
        if (item !== null && e !== null && typeof item === 'object' && typeof e === 'object') {
          const ti = goTypeName(item);
          if (ti === goTypeName(e)) throw new GoPanic(`runtime error: comparing uncomparable type ${ti}`);
          continue;
        }
        if (item === e) return true;
      }
      return false;
    },
  },
  ends_with: {
    args: [{ types: ['string'] }, { types: ['string'] }],
    handler: ([a, b]) => str(a ?? null).endsWith(str(b ?? null)),
  },
  floor: { args: [{ types: ['number'] }], handler: ([a]) => Math.floor(num(a ?? null)) },
  map: {
    args: [{ types: ['expref'] }, { types: ['array'] }],
    handler: ([e, a], ctx) => {
      const node = ref(e ?? null);
      return arr(a ?? null).map((v) => execute(node, v, ctx));
    },
  },
  max: { args: [{ types: ['array[number]', 'array[string]'] }], handler: (args) => extreme(args, greater) },
  merge: {
    args: [{ types: ['object'], variadic: true }],
    handler: (args) => {
      const final: GoMap = newMap();
      for (const m of args) {
        if (!isMap(m)) {
          throw new GoPanic(
            `interface conversion: interface {} is ${m === null ? 'nil' : goTypeName(m)}, not map[string]interface {}`,
          );
        }
        for (const k of Object.keys(m)) setKey(final, k, m[k] ?? null);
      }
      return final;
    },
  },
  max_by: {
    args: [{ types: ['array'] }, { types: ['expref'] }],
    handler: (args, ctx) => byExpr(args, ctx, greater),
  },
  sum: {
    args: [{ types: ['array[number]'] }],
    handler: ([a]) => {
      let sum = 0;
      for (const n of arr(a ?? null)) sum += num(n);
      return sum;
    },
  },
  min: { args: [{ types: ['array[number]', 'array[string]'] }], handler: (args) => extreme(args, lesser) },
  min_by: {
    args: [{ types: ['array'] }, { types: ['expref'] }],
    handler: (args, ctx) => byExpr(args, ctx, lesser),
  },
  type: {
    args: [{ types: ['any'] }],
    handler: ([a]) => {
      const v = a ?? null;
      if (v instanceof ExpRef) throw new GoEvalError('invalid-type', 'unknown type');
      return jmesTypeName(v);
    },
  },
  keys: {
    args: [{ types: ['object'] }],
    handler: ([a], ctx) => (isMap(a) ? iterateMap(ctx, a) : []),
  },
  values: {
    args: [{ types: ['object'] }],
    handler: ([a], ctx) => (isMap(a) ? iterateMap(ctx, a).map((k) => a[k] ?? null) : []),
  },
  sort: {
    args: [{ types: ['array[string]', 'array[number]'] }],
    handler: ([a]) => {
      const items = arr(a ?? null).slice();
      if (items.every((e) => typeof e === 'number')) {
        const nums = items as number[];
        goStableSort(nums, (x, y) => x < y || (Number.isNaN(x) && !Number.isNaN(y)));
        return nums;
      }
      const strs = items as string[];
      goStableSort(strs, (x, y) => compareGoStrings(x, y) < 0);
      return strs;
    },
  },
  sort_by: {
    args: [{ types: ['array'] }, { types: ['expref'] }],
    handler: ([a, e], ctx) => {
      const items = arr(a ?? null); // sorted in place, like go-jmespath
      const node = ref(e ?? null);
      if (items.length <= 1) return items;
      const start = execute(node, items[0] ?? null, ctx);
      if (typeof start !== 'number' && typeof start !== 'string') {
        throw new GoEvalError('invalid-type', 'invalid type, must be number of string');
      }
      const kind = typeof start;
      let hasError = false;
      goStableSort(items, (x, y) => {
        let first: GoValue;
        try {
          first = execute(node, x, ctx);
        } catch (err) {
          if (err instanceof GoEvalError) {
            hasError = true;
            return true;
          }
          throw err;
        }
        if (typeof first !== kind) {
          hasError = true;
          return true;
        }
        let second: GoValue;
        try {
          second = execute(node, y, ctx);
        } catch (err) {
          if (err instanceof GoEvalError) {
            hasError = true;
            return true;
          }
          throw err;
        }
        if (typeof second !== kind) {
          hasError = true;
          return true;
        }
        return kind === 'number'
          ? (first as number) < (second as number)
          : compareGoStrings(first as string, second as string) < 0;
      });
      if (hasError) throw new GoEvalError('invalid-type', 'error in sort_by comparison');
      return items;
    },
  },
  join: {
    args: [{ types: ['string'] }, { types: ['array[string]'] }],
    handler: ([sep, a]) =>
      arr(a ?? null)
        .map((s) => str(s))
        .join(str(sep ?? null)),
  },
  reverse: {
    args: [{ types: ['array', 'string'] }],
    handler: ([a]) => {
      if (typeof a === 'string') return codePoints(a).reverse().join('');
      return arr(a ?? null)
        .slice()
        .reverse();
    },
  },
  to_array: {
    args: [{ types: ['any'] }],
    handler: ([a]) => (Array.isArray(a) ? a : [a ?? null]),
  },
  to_string: {
    args: [{ types: ['any'] }],
    handler: ([a]) => (typeof a === 'string' ? a : goMarshal(a ?? null)),
  },
  to_number: {
    args: [{ types: ['any'] }],
    handler: ([a]) => {
      const v = a ?? null;
      if (typeof v === 'number') return v;
      if (typeof v === 'string') return goParseFloat(v);
      if (v instanceof ExpRef) throw new GoEvalError('invalid-type', 'unknown type');
      return null;
    },
  },
  not_null: {
    args: [{ types: ['any'], variadic: true }],
    handler: (args) => {
      for (const a of args) if (a !== null) return a;
      return null;
    },
  },
};

export function isKnownFunction(name: string): name is (typeof FUNCTION_NAMES)[number] {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/** The accepted argument types of a function, for messages (e.g. "string|array|object"). */
export function functionSignature(name: string): { types: string[]; variadic: boolean }[] | undefined {
  if (!isKnownFunction(name)) return undefined;
  return FUNCTIONS[name].args.map((a) => ({ types: [...a.types], variadic: a.variadic === true }));
}

function callFunction(name: string, args: GoValue[], ctx: EvalContext): GoValue {
  if (!isKnownFunction(name)) throw new GoEvalError('unknown-function', `unknown function: ${name}`);
  const entry = FUNCTIONS[name];
  const last = entry.args[entry.args.length - 1];
  if (last !== undefined && last.variadic !== true) {
    if (entry.args.length !== args.length) throw new GoEvalError('invalid-arity', 'incorrect number of args');
    entry.args.forEach((spec, i) => {
      const a = args[i] ?? null;
      if (!spec.types.some((t) => typeMatches(t, a))) {
        // Go's message prints the argument's value; ours names only its type.
        throw new GoEvalError(
          'invalid-type',
          `invalid type for argument ${i + 1} of ${name}(): got ${jmesTypeName(a)}, expected ${spec.types.join(' or ')}`,
        );
      }
    });
  } else if (args.length < entry.args.length) {
    throw new GoEvalError('invalid-arity', 'Invalid arity.');
  }
  return entry.handler(args, ctx);
}
