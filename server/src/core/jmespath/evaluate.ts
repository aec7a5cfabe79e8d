// evaluateJmes: what ASCP's `jmespath.Search(path, data)` gives for already-decoded data, in ASCP's
// terms, and whether that can change between mounts because Go randomises map iteration order.

import type { AstNode } from './ast.js';
import { ASCP_CRASH_MOUNT_FAILS, ASCP_MOUNT_FAILS, invalidJmesPathMessage, tryParse } from './compile.js';
import { DOCUMENT_ORDER, execute, newContext } from './interpreter.js';
import type { EvalContext, MapOrder } from './interpreter.js';
import type { AscpOutcome, JmesEvaluation } from './types.js';
import { GoEvalError, GoPanic, TooComplex, goTypeName, jmesTypeName, toGoValue } from './values.js';
import type { GoValue } from './values.js';

export type RunResult =
  | { kind: 'value'; value: GoValue }
  | { kind: 'error'; error: GoEvalError }
  | { kind: 'panic'; message: string }
  | { kind: 'too-complex' };

export function runOnce(ast: AstNode, data: GoValue, ctx: EvalContext): RunResult {
  try {
    return { kind: 'value', value: execute(ast, data, ctx) };
  } catch (e) {
    if (e instanceof GoEvalError) return { kind: 'error', error: e };
    if (e instanceof GoPanic) return { kind: 'panic', message: e.message };
    if (e instanceof TooComplex || e instanceof RangeError) return { kind: 'too-complex' };
    throw e;
  }
}

export function outcomeOf(r: RunResult): AscpOutcome {
  switch (r.kind) {
    case 'value':
      if (typeof r.value === 'string') return 'string';
      return r.value === null ? 'null' : 'non-string';
    case 'error':
    case 'too-complex':
      return 'error';
    case 'panic':
      return 'crash';
  }
}

/** What the user can observe: the outcome, and for strings the mounted text. */
function signature(r: RunResult): string {
  const o = outcomeOf(r);
  return o === 'string' && r.kind === 'value' ? `string:${String(r.value)}` : o;
}

function rotate(keys: string[], k: number): string[] {
  if (keys.length === 0) return keys;
  const s = k % keys.length;
  return keys.slice(s).concat(keys.slice(0, s));
}

/** A small deterministic PRNG (mulberry32) so the orders tried are reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Most rotations tried (a map larger than this is only sampled). */
const MAX_ROTATIONS = 64;

/**
 * Map orders to try. For small maps Go's iteration order is a rotation of the insertion order (one
 * bucket, random start slot); every rotation puts each entry first and last once, which is what index
 * selections such as `values(@)[0]` depend on. Reversals and seeded shuffles cover other orders and
 * combinations of several maps.
 */
function alternativeOrders(largestMap: number): MapOrder[] {
  const orders: MapOrder[] = [];
  for (let k = 1; k < Math.min(largestMap, MAX_ROTATIONS); k++)
    orders.push({ order: (keys) => rotate(keys, k) });
  orders.push({ order: (keys) => keys.slice().reverse() });
  orders.push({ order: (keys) => rotate(keys.slice().reverse(), 1) });
  for (const seed of [1, 2, 3, 4]) {
    const rnd = prng(seed);
    orders.push({
      order: (keys) => {
        const out = keys.slice();
        for (let i = out.length - 1; i > 0; i--) {
          const j = Math.floor(rnd() * (i + 1));
          const t = out[i] as string;
          out[i] = out[j] as string;
          out[j] = t;
        }
        return out;
      },
    });
  }
  for (const seed of [5, 6]) {
    const rnd = prng(seed);
    orders.push({ order: (keys) => rotate(keys, Math.floor(rnd() * keys.length)) });
  }
  return orders;
}

function containsSortBy(node: AstNode): boolean {
  if (node.type === 'ASTFunctionExpression' && node.value.go === 'string' && node.value.s === 'sort_by')
    return true;
  return node.children.some(containsSortBy);
}

export interface DetailedEvaluation {
  first: RunResult;
  outcomes: AscpOutcome[];
  orderDependent: boolean;
}

/** Evaluates a compiled AST under document order and, if maps were iterated, under other orders. */
export function evaluateAst(expr: string, ast: AstNode, data: unknown): DetailedEvaluation {
  const base = toGoValue(data);
  // sort_by sorts slices (of the data or of literals) in place: give each run its own copies.
  const mutates = containsSortBy(ast);
  const fresh = (): { ast: AstNode; data: GoValue } => {
    if (!mutates) return { ast, data: base };
    const p = tryParse(expr);
    return { ast: p.ok ? p.ast : ast, data: toGoValue(base) };
  };
  const f0 = fresh();
  const ctx0 = newContext(DOCUMENT_ORDER);
  const first = runOnce(f0.ast, f0.data, ctx0);
  const outcomes = new Set<AscpOutcome>([outcomeOf(first)]);
  let orderDependent = false;
  if (ctx0.unorderedIterations > 0) {
    const sig0 = signature(first);
    for (const order of alternativeOrders(ctx0.largestMap)) {
      const f = fresh();
      const r = runOnce(f.ast, f.data, newContext(order));
      outcomes.add(outcomeOf(r));
      if (signature(r) !== sig0) orderDependent = true;
    }
  }
  return { first, outcomes: [...outcomes], orderDependent };
}

export function describeType(v: GoValue): string {
  const t = jmesTypeName(v);
  if (t === 'expref') return 'an expression reference (&...)';
  if (t === 'array') return `an array (${Array.isArray(v) ? v.length : 0} elements)`;
  if (t === 'object') return 'an object';
  if (t === 'number') return Number.isFinite(v) ? 'a number' : 'a non-finite number (NaN or Infinity)';
  return t === 'boolean' ? 'a boolean' : t === 'null' ? 'null' : 'a string';
}

export function mountMessage(expr: string, r: RunResult, alias = '<objectAlias>'): string | undefined {
  switch (r.kind) {
    case 'value':
      if (typeof r.value === 'string') return undefined;
      if (r.value === null) {
        return (
          `The path selects nothing (null), so ASCP fails the mount with ` +
          `"JMES Path - ${expr} for object alias - ${alias} does not point to a valid object." ${ASCP_MOUNT_FAILS}`
        );
      }
      return (
        `The path selects ${describeType(r.value)}, not a string, so ASCP fails the mount with ` +
        `"Invalid JMES search result type for path:${expr}. Only string is allowed." ${ASCP_MOUNT_FAILS}`
      );
    case 'error':
      return (
        `go-jmespath fails while evaluating this path (${r.error.message}), so ASCP fails the mount with ` +
        `"${invalidJmesPathMessage(expr)}" ${ASCP_MOUNT_FAILS}`
      );
    case 'panic':
      return (
        `go-jmespath panics while evaluating this path (${r.message}). ASCP has no recover(), so the ` +
        `provider process crashes and every mount it serves fails until it restarts. ${ASCP_CRASH_MOUNT_FAILS}`
      );
    case 'too-complex':
      return "The path or the value is nested too deeply for this checker to evaluate; ASCP's outcome is unknown here.";
  }
}

/** What ASCP does with `jmesPath` entry `expr` applied to decoded data (see decodeJsonLikeGo). */
export function evaluateJmes(expr: string, data: unknown): JmesEvaluation {
  const parsed = tryParse(expr);
  if (!parsed.ok) {
    if (parsed.kind === 'panic') {
      return {
        outcome: 'crash',
        goType: '',
        orderDependent: false,
        outcomes: ['crash'],
        message: mountMessage(expr, { kind: 'panic', message: parsed.message }),
      };
    }
    if (parsed.kind === 'too-complex') {
      return {
        outcome: 'error',
        goType: '',
        orderDependent: false,
        outcomes: ['error'],
        message: mountMessage(expr, { kind: 'too-complex' }),
      };
    }
    return {
      outcome: 'error',
      goType: '',
      orderDependent: false,
      outcomes: ['error'],
      message: `go-jmespath cannot compile this path (${parsed.error.goMessage}), so ASCP fails the mount with "${invalidJmesPathMessage(expr)}" ${ASCP_MOUNT_FAILS}`,
    };
  }
  const d = evaluateAst(expr, parsed.ast, data);
  const r = d.first;
  const outcome = outcomeOf(r);
  const message = mountMessage(expr, r);
  return {
    outcome,
    goType: r.kind === 'value' ? goTypeName(r.value) : '',
    orderDependent: d.orderDependent,
    outcomes: d.outcomes,
    ...(message !== undefined ? { message } : {}),
    ...(r.kind === 'value' ? { result: r.value } : {}),
  };
}
