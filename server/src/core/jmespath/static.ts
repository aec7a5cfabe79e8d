// checkJmesStatic: what can be said about a jmesPath without the secret value.
//
// An abstract interpretation of go-jmespath's semantics over "any JSON value": for each node it
// over-approximates the set of result kinds, and whether evaluation may fail or panic. Because the
// approximation only ever adds kinds, "string is not among the kinds" means the path can never yield a
// string for any secret, and "no kind at all" means evaluation never completes normally.

import type { AstNode } from './ast.js';
import {
  ASCP_CRASH_MOUNT_FAILS,
  ASCP_MOUNT_FAILS,
  compileError,
  invalidJmesPathMessage,
  tryParse,
} from './compile.js';
import { FUNCTION_NAMES, functionSignature, isKnownFunction } from './interpreter.js';
import { code, yamlSingleQuoted } from './quote.js';
import type { JmesIssue } from './types.js';
import { ExpRef, isMap } from './values.js';
import type { GoValue } from './values.js';
import { distance } from 'fastest-levenshtein';

type Kind = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'expref';

interface Abs {
  kinds: ReadonlySet<Kind>;
  /** Element kinds of arrays (undefined: any JSON value). */
  elems?: Abs;
  /** Member kinds of objects (undefined: any JSON value). */
  fields?: Abs;
  /** An array whose order follows Go's random map iteration. */
  unordered?: boolean;
  /** The value itself can differ with Go's map iteration order. */
  tainted?: boolean;
  /** For `&expr`: the referenced expression. */
  ref?: AstNode;
}

interface R {
  v: Abs;
  err: boolean;
  crash: boolean;
}

const DATA_KINDS: Kind[] = ['string', 'number', 'boolean', 'null', 'object', 'array'];
const ANY: Abs = { kinds: new Set(DATA_KINDS) };
const NONE: Abs = { kinds: new Set() };
const NULL: Abs = { kinds: new Set(['null']) };
const STRING: Abs = { kinds: new Set(['string']) };
const NUMBER: Abs = { kinds: new Set(['number']) };
const BOOLEAN: Abs = { kinds: new Set(['boolean']) };

function has(a: Abs, k: Kind): boolean {
  return a.kinds.has(k);
}
function hasOther(a: Abs, k: Kind): boolean {
  for (const x of a.kinds) if (x !== k) return true;
  return false;
}
function isEmpty(a: Abs): boolean {
  return a.kinds.size === 0;
}
function kinds(...ks: Kind[]): Abs {
  return { kinds: new Set(ks) };
}
function elemsOf(a: Abs): Abs {
  return a.elems ?? ANY;
}
function fieldsOf(a: Abs): Abs {
  return a.fields ?? ANY;
}

function unionOpt(a: Abs | undefined, b: Abs | undefined, aHas: boolean, bHas: boolean): Abs | undefined {
  if (!aHas) return b;
  if (!bHas) return a;
  if (a === undefined || b === undefined) return undefined;
  return union(a, b);
}

function union(a: Abs, b: Abs): Abs {
  if (isEmpty(a)) return b;
  if (isEmpty(b)) return a;
  const out: Abs = { kinds: new Set([...a.kinds, ...b.kinds]) };
  const elems = unionOpt(a.elems, b.elems, has(a, 'array'), has(b, 'array'));
  if (elems !== undefined) out.elems = elems;
  const fields = unionOpt(a.fields, b.fields, has(a, 'object'), has(b, 'object'));
  if (fields !== undefined) out.fields = fields;
  if (a.unordered === true || b.unordered === true) out.unordered = true;
  if (a.tainted === true || b.tainted === true) out.tainted = true;
  const ref = a.ref ?? b.ref;
  if (ref !== undefined) out.ref = ref;
  return out;
}

function without(a: Abs, k: Kind): Abs {
  const ks = new Set(a.kinds);
  ks.delete(k);
  return { ...a, kinds: ks };
}

function only(a: Abs, ks: Kind[]): Abs {
  return { ...a, kinds: new Set([...a.kinds].filter((k) => ks.includes(k))) };
}

function tainted(a: Abs): Abs {
  return isEmpty(a) ? a : { ...a, tainted: true };
}

function arrayOf(elems: Abs, extra: Partial<Abs> = {}): Abs {
  return { kinds: new Set(['array']), elems, ...extra };
}

function absOfValue(v: GoValue): Abs {
  if (v === null) return NULL;
  if (typeof v === 'string') return STRING;
  if (typeof v === 'number') return NUMBER;
  if (typeof v === 'boolean') return BOOLEAN;
  if (v instanceof ExpRef) return { kinds: new Set(['expref']), ref: v.node };
  if (Array.isArray(v)) return arrayOf(v.map(absOfValue).reduce(union, NONE));
  if (isMap(v)) {
    return {
      kinds: new Set(['object']),
      fields: Object.keys(v)
        .map((k) => absOfValue(v[k] ?? null))
        .reduce(union, NONE),
    };
  }
  return ANY;
}

const FALSY_CAPABLE: Kind[] = ['null', 'boolean', 'string', 'array', 'object'];

interface Finding {
  code: string;
  node: AstNode;
  /** 'certain': happens whenever the node is evaluated; 'possible': for some values. */
  certainty: 'certain' | 'possible';
  message: string;
  suggestion?: string;
  /** For messages on the whole path. */
  reason?: string;
}

class Analyzer {
  readonly findings: Finding[] = [];

  constructor(private readonly expr: string) {}

  src(node: AstNode): string {
    return this.expr.slice(node.start, node.end);
  }

  private find(f: Finding): void {
    this.findings.push(f);
  }

  ev(node: AstNode, input: Abs): R {
    const r = this.evNode(node, input);
    if (input.tainted === true && node.type !== 'ASTLiteral' && node.type !== 'ASTExpRef') r.v = tainted(r.v);
    return r;
  }

  private seq(first: R, then: (v: Abs) => R): R {
    if (isEmpty(first.v)) return { v: NONE, err: first.err, crash: first.crash };
    const second = then(first.v);
    return { v: second.v, err: first.err || second.err, crash: first.crash || second.crash };
  }

  private evNode(node: AstNode, I: Abs): R {
    const c = (i: number): AstNode => node.children[i] ?? node;
    switch (node.type) {
      case 'ASTEmpty':
        this.find({
          code: 'jmespath-eval-error',
          node,
          certainty: 'certain',
          message:
            'go-jmespath turns this bracket into an empty node and fails when it evaluates it ("Unknown AST node")',
        });
        return { v: NONE, err: true, crash: false };
      case 'ASTIdentity':
      case 'ASTCurrentNode':
        return { v: I, err: false, crash: false };
      case 'ASTLiteral':
        return {
          v:
            node.value.go === 'string'
              ? STRING
              : node.value.go === 'literal'
                ? absOfValue(node.value.v)
                : NULL,
          err: false,
          crash: false,
        };
      case 'ASTField': {
        let v = NONE;
        if (has(I, 'object')) v = union(v, union(fieldsOf(I), NULL));
        if (hasOther(I, 'object')) v = union(v, NULL);
        return { v, err: false, crash: false };
      }
      case 'ASTIndex': {
        let v = NONE;
        if (has(I, 'array')) {
          const e = union(elemsOf(I), NULL);
          v = union(v, I.unordered === true ? tainted(e) : e);
        }
        if (hasOther(I, 'array')) v = union(v, NULL);
        return { v, err: false, crash: false };
      }
      case 'ASTSlice': {
        let v = NONE;
        let err = false;
        if (has(I, 'array')) {
          if (node.value.go === 'slice' && node.value.parts[2] === 0) {
            err = true;
            this.find({
              code: 'jmespath-eval-error',
              node,
              certainty: 'certain',
              message: 'a slice step of 0 is an error in go-jmespath',
            });
          } else {
            const extra: Partial<Abs> = I.unordered === true ? { unordered: true, tainted: true } : {};
            v = union(v, arrayOf(elemsOf(I), extra));
          }
        }
        if (hasOther(I, 'array')) v = union(v, NULL);
        return { v, err, crash: false };
      }
      case 'ASTSubexpression':
      case 'ASTIndexExpression':
      case 'ASTPipe':
        return this.seq(this.ev(c(0), I), (v) => this.ev(c(1), v));
      case 'ASTProjection': {
        const L = this.ev(c(0), I);
        let v = NONE;
        let err = L.err;
        let crash = L.crash;
        if (has(L.v, 'array')) {
          const R = this.ev(c(1), elemsOf(L.v));
          err ||= R.err;
          crash ||= R.crash;
          v = union(v, arrayOf(without(R.v, 'null'), L.v.unordered === true ? { unordered: true } : {}));
        }
        if (hasOther(L.v, 'array')) v = union(v, NULL);
        return { v, err, crash };
      }
      case 'ASTValueProjection': {
        const L = this.ev(c(0), I);
        let v = L.err ? NULL : NONE; // errors on the left are swallowed
        let err = false;
        let crash = L.crash;
        if (has(L.v, 'object')) {
          // the right-hand side also runs on one nil per entry
          const R = this.ev(c(1), union(fieldsOf(L.v), NULL));
          err ||= R.err;
          crash ||= R.crash;
          v = union(v, arrayOf(without(R.v, 'null'), { unordered: true }));
        }
        if (hasOther(L.v, 'object')) v = union(v, NULL);
        return { v, err, crash };
      }
      case 'ASTFilterProjection': {
        const L = this.ev(c(0), I);
        let v = L.err ? NULL : NONE;
        let err = false;
        let crash = L.crash;
        if (has(L.v, 'array')) {
          const C = this.ev(c(2), elemsOf(L.v));
          const R = this.ev(c(1), elemsOf(L.v));
          err ||= C.err || R.err;
          crash ||= C.crash || R.crash;
          v = union(v, arrayOf(without(R.v, 'null'), L.v.unordered === true ? { unordered: true } : {}));
        }
        if (hasOther(L.v, 'array')) v = union(v, NULL);
        return { v, err, crash };
      }
      case 'ASTFlatten': {
        const L = this.ev(c(0), I);
        let v = L.err ? NULL : NONE;
        if (has(L.v, 'array')) {
          const e = elemsOf(L.v);
          let flat = without(e, 'array');
          if (has(e, 'array')) flat = union(flat, elemsOf(e));
          v = union(v, arrayOf(flat, L.v.unordered === true ? { unordered: true } : {}));
        }
        if (hasOther(L.v, 'array')) v = union(v, NULL);
        return { v, err: false, crash: L.crash };
      }
      case 'ASTComparator': {
        const L = this.ev(c(0), I);
        const R = this.ev(c(1), I);
        const err = L.err || R.err;
        const crash = L.crash || R.crash;
        if (isEmpty(L.v) || isEmpty(R.v)) return { v: NONE, err, crash };
        const tok = node.value.go === 'tokType' ? node.value.tok : 'tEQ';
        const t = L.v.tainted === true || R.v.tainted === true ? { tainted: true } : {};
        if (tok === 'tEQ' || tok === 'tNE') return { v: { ...BOOLEAN, ...t }, err, crash };
        let v = NONE;
        if (has(L.v, 'number') && has(R.v, 'number')) v = union(v, BOOLEAN);
        if (hasOther(L.v, 'number') || hasOther(R.v, 'number')) v = union(v, NULL);
        if (!has(L.v, 'number') || !has(R.v, 'number')) {
          const side = !has(L.v, 'number') ? c(0) : c(1);
          this.find({
            code: 'jmespath-non-numeric-comparison',
            node,
            certainty: 'certain',
            message:
              `go-jmespath only orders numbers: ${code(this.src(side))} is never a number here, so ` +
              `${code(this.src(node))} is always null (false in a filter). jmespath.js and the JMESPath ` +
              'playground compare other types differently; ASCP does not.',
          });
        }
        return { v: { ...v, ...t }, err, crash };
      }
      case 'ASTOrExpression': {
        const L = this.ev(c(0), I);
        if (isEmpty(L.v)) return L;
        const falsy = FALSY_CAPABLE.some((k) => has(L.v, k));
        let v = without(L.v, 'null');
        let { err, crash } = L;
        if (falsy) {
          const R = this.ev(c(1), I);
          v = union(v, R.v);
          err ||= R.err;
          crash ||= R.crash;
        }
        return { v, err, crash };
      }
      case 'ASTAndExpression': {
        const L = this.ev(c(0), I);
        if (isEmpty(L.v)) return L;
        let v = only(L.v, FALSY_CAPABLE);
        let { err, crash } = L;
        if (hasOther(L.v, 'null')) {
          const R = this.ev(c(1), I);
          v = union(v, R.v);
          err ||= R.err;
          crash ||= R.crash;
        }
        return { v, err, crash };
      }
      case 'ASTNotExpression': {
        const L = this.ev(c(0), I);
        return { v: isEmpty(L.v) ? NONE : BOOLEAN, err: L.err, crash: L.crash };
      }
      case 'ASTMultiSelectList':
      case 'ASTMultiSelectHash': {
        let v = has(I, 'null') ? NULL : NONE;
        let err = false;
        let crash = false;
        if (hasOther(I, 'null')) {
          const nonNull = without(I, 'null');
          const rs = node.children.map((ch) => this.ev(ch, nonNull));
          err = rs.some((r) => r.err);
          crash = rs.some((r) => r.crash);
          if (rs.every((r) => !isEmpty(r.v))) {
            const members = rs.map((r) => r.v).reduce(union, NONE);
            const t = members.tainted === true ? { tainted: true } : {};
            v = union(
              v,
              node.type === 'ASTMultiSelectList'
                ? arrayOf(members, t)
                : { kinds: new Set<Kind>(['object']), fields: members, ...t },
            );
          }
        }
        return { v, err, crash };
      }
      case 'ASTKeyValPair':
        return this.ev(c(0), I);
      case 'ASTExpRef':
        return { v: { kinds: new Set(['expref']), ref: c(0) }, err: false, crash: false };
      case 'ASTFunctionExpression':
        return this.evFunction(node, I);
    }
  }

  private evFunction(node: AstNode, I: Abs): R {
    const args = node.children.map((ch) => this.ev(ch, I));
    let err = args.some((a) => a.err);
    let crash = args.some((a) => a.crash);
    const none = (): R => ({ v: NONE, err, crash });
    if (args.some((a) => isEmpty(a.v))) return none();
    // The call's name is the text before its `(`: the last `(` before the first argument (or the end).
    const paren = this.expr.lastIndexOf('(', (node.children[0]?.start ?? node.end) - 1);
    const nameEnd = paren > node.start ? paren : node.end;
    const nameSpan: AstNode = {
      ...node,
      end: node.start + this.expr.slice(node.start, nameEnd).trimEnd().length,
    };
    if (node.value.go !== 'string') {
      this.find({
        code: 'jmespath-crash',
        node,
        certainty: 'certain',
        message:
          `go-jmespath takes the function name from ${code(this.expr.slice(nameSpan.start, nameSpan.end).trim() || '(')}, ` +
          'which is not a name, and panics ("interface conversion") when it evaluates this call',
      });
      return { v: NONE, err, crash: true };
    }
    const name = node.value.s;
    if (!isKnownFunction(name)) {
      const best = FUNCTION_NAMES.map((f) => ({ f, d: distance(f, name.toLowerCase()) })).sort(
        (a, b) => a.d - b.d,
      )[0];
      const close =
        best !== undefined && best.d <= Math.max(1, Math.floor(name.length / 3)) ? best.f : undefined;
      this.find({
        code: 'jmespath-eval-error',
        node: nameSpan,
        certainty: 'certain',
        message: `go-jmespath has no function ${code(name + '()')} ("unknown function")${close !== undefined ? `; did you mean ${code(close + '()')}?` : ''}`,
        ...(close !== undefined
          ? {
              suggestion:
                this.expr.slice(0, nameSpan.start) +
                this.expr.slice(nameSpan.start, nameSpan.end).replace(name, close) +
                this.expr.slice(nameSpan.end),
            }
          : {}),
      });
      return { v: NONE, err: true, crash };
    }
    const sig = functionSignature(name) ?? [];
    const variadic = sig[sig.length - 1]?.variadic === true;
    if ((!variadic && args.length !== sig.length) || (variadic && args.length < sig.length)) {
      this.find({
        code: 'jmespath-eval-error',
        node,
        certainty: 'certain',
        message: `${code(name + '()')} takes ${variadic ? 'at least ' : ''}${sig.length} argument${sig.length === 1 ? '' : 's'} but gets ${args.length}; go-jmespath fails with "${variadic ? 'Invalid arity.' : 'incorrect number of args'}"`,
      });
      return { v: NONE, err: true, crash };
    }
    if (!variadic) {
      for (let i = 0; i < sig.length; i++) {
        const a = (args[i] as R).v;
        const accepted = new Set<Kind>();
        for (const t of sig[i]?.types ?? []) {
          if (t === 'any') DATA_KINDS.concat(['expref']).forEach((k) => accepted.add(k));
          else if (t === 'array[number]' || t === 'array[string]') accepted.add('array');
          else accepted.add(t as Kind);
        }
        const ok = [...a.kinds].some((k) => accepted.has(k));
        if (!ok) {
          const argNode = node.children[i] ?? node;
          this.find({
            code: 'jmespath-eval-error',
            node: argNode,
            certainty: 'certain',
            message: `argument ${i + 1} of ${code(name + '()')} is ${[...a.kinds].join(' or ')} but must be ${(sig[i]?.types ?? []).join(' or ')}; go-jmespath fails with "Invalid type"`,
          });
          return { v: NONE, err: true, crash };
        }
        if ([...a.kinds].some((k) => !accepted.has(k))) err = true;
        const t = sig[i]?.types ?? [];
        if (t.includes('array[number]') || t.includes('array[string]')) err = true; // element types unknown
      }
    }
    const a0 = args[0]?.v ?? NONE;
    const a1 = args[1]?.v ?? NONE;
    const anyTainted = args.some((a) => a.v.tainted === true);
    const t = (v: Abs, orderSensitive: boolean): R => {
      const taint = anyTainted || (orderSensitive && args.some((a) => a.v.unordered === true));
      return { v: taint ? tainted(v) : v, err, crash };
    };
    switch (name) {
      case 'length':
      case 'abs':
      case 'ceil':
      case 'floor':
      case 'avg':
      case 'sum':
        return t(NUMBER, false);
      case 'starts_with':
      case 'ends_with':
        return t(BOOLEAN, false);
      case 'contains': {
        const e = elemsOf(a0);
        const clash = (['object', 'array', 'expref'] as Kind[]).some(
          (k) => has(a0, 'array') && has(e, k) && has(a1, k),
        );
        if (clash) {
          crash = true;
          this.find({
            code: 'jmespath-crash',
            node,
            certainty: 'possible',
            message:
              'go-jmespath compares elements with Go `==`, which panics when an element and the searched value ' +
              'are both objects or both arrays',
          });
        }
        return t(BOOLEAN, false);
      }
      case 'map': {
        let elems = union(ANY, NULL);
        if (a0.ref !== undefined) {
          const body = this.ev(a0.ref, elemsOf(a1));
          err ||= body.err;
          crash ||= body.crash;
          elems = body.v;
        }
        return t(arrayOf(elems, a1.unordered === true ? { unordered: true } : {}), false);
      }
      case 'max':
      case 'min': {
        const e = elemsOf(a0);
        let v = NULL;
        if (has(e, 'number')) v = union(v, NUMBER);
        if (has(e, 'string')) v = union(v, STRING);
        return t(v, false);
      }
      case 'max_by':
      case 'min_by': {
        if (a1.ref !== undefined) {
          const body = this.ev(a1.ref, elemsOf(a0));
          err ||= body.err;
          crash ||= body.crash;
        }
        err = true; // key types are only known at run time
        return t(union(elemsOf(a0), NULL), true);
      }
      case 'merge': {
        const certain = args.find((a) => !has(a.v, 'object'));
        if (certain !== undefined || args.some((a) => hasOther(a.v, 'object'))) {
          this.find({
            code: 'jmespath-crash',
            node,
            certainty: certain !== undefined ? 'certain' : 'possible',
            message:
              'go-jmespath does not type-check merge() arguments and panics ("interface conversion") when one ' +
              `is not an object${certain !== undefined ? '' : ' (for example a missing key, which is null)'}`,
          });
          if (certain !== undefined) return { v: NONE, err, crash: true };
          crash = true;
        }
        return t(
          { kinds: new Set(['object']), fields: args.map((a) => fieldsOf(a.v)).reduce(union, NONE) },
          false,
        );
      }
      case 'not_null': {
        const v = args.map((a) => without(a.v, 'null')).reduce(union, NONE);
        return t(union(v, NULL), false);
      }
      case 'reverse': {
        let v = NONE;
        if (has(a0, 'string')) v = union(v, STRING);
        if (has(a0, 'array'))
          v = union(v, arrayOf(elemsOf(a0), a0.unordered === true ? { unordered: true } : {}));
        return t(v, false);
      }
      case 'sort':
        return t(arrayOf(only(elemsOf(a0), ['number', 'string'])), false);
      case 'sort_by':
        if (a1.ref !== undefined) {
          const body = this.ev(a1.ref, elemsOf(a0));
          err ||= body.err;
          crash ||= body.crash;
        }
        err = true;
        return t(
          arrayOf(elemsOf(a0), a0.unordered === true ? { unordered: true, tainted: true } : {}),
          false,
        );
      case 'join':
        return t(STRING, true);
      case 'keys':
        return t(arrayOf(STRING, { unordered: true }), false);
      case 'values':
        return t(arrayOf(fieldsOf(a0), { unordered: true }), false);
      case 'to_array': {
        let v = NONE;
        if (has(a0, 'array')) v = union(v, only(a0, ['array']));
        if (hasOther(a0, 'array')) v = union(v, arrayOf(without(a0, 'array')));
        return t(v, false);
      }
      case 'to_string':
        return t(STRING, true);
      case 'to_number':
        if (has(a0, 'expref')) err = true;
        return t(kinds('number', 'null'), false);
      case 'type':
        if (has(a0, 'expref')) err = true;
        return t(STRING, false);
      default:
        return t(ANY, true);
    }
  }
}

function kindList(a: Abs): string {
  const names: Record<Kind, string> = {
    string: 'a string',
    number: 'a number',
    boolean: 'a boolean',
    null: 'null',
    object: 'an object',
    array: 'an array',
    expref: 'an expression reference',
  };
  const ks = [...a.kinds].map((k) => names[k]);
  return ks.length <= 1
    ? (ks[0] ?? 'nothing')
    : `${ks.slice(0, -1).join(', ')} or ${ks[ks.length - 1] ?? ''}`;
}

function neverStringSuggestion(expr: string, v: Abs): string | undefined {
  if ([...v.kinds].every((k) => k === 'number' || k === 'boolean')) return `to_string(${expr})`;
  if (v.kinds.size >= 1 && [...v.kinds].every((k) => k === 'array' || k === 'null')) {
    const e = elemsOf(v);
    if (e.kinds.size > 0 && [...e.kinds].every((k) => k === 'string')) return `join(',', ${expr})`;
  }
  return undefined;
}

/** Checks a jmesPath without any secret value: syntax, crashes, failures and results never a string. */
export function checkJmesStatic(expr: string): JmesIssue[] {
  const compileErr = compileError(expr);
  if (compileErr !== undefined) {
    return [
      {
        code:
          compileErr.crash === true
            ? 'jmespath-crash'
            : compileErr.unchecked === true
              ? 'jmespath-unchecked'
              : 'jmespath-syntax',
        severity: compileErr.unchecked === true ? 'information' : 'error',
        message: compileErr.message,
        offset: compileErr.offset,
        length: compileErr.length,
        ...(compileErr.suggestion !== undefined ? { suggestion: compileErr.suggestion } : {}),
      },
    ];
  }
  const parsed = tryParse(expr);
  if (!parsed.ok) return [];
  const analyzer = new Analyzer(expr);
  const r = analyzer.ev(parsed.ast, ANY);
  const issues: JmesIssue[] = [];
  const whole = { offset: 0, length: expr.length };
  const alwaysFails = isEmpty(r.v);
  const seen = new Set<string>();
  for (const f of analyzer.findings) {
    const key = `${f.code}:${f.node.start}:${f.node.end}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const span = { offset: f.node.start, length: Math.max(1, f.node.end - f.node.start) };
    if (f.code === 'jmespath-crash') {
      const always = alwaysFails && !r.err;
      issues.push({
        code: 'jmespath-crash',
        severity: f.certainty === 'certain' || always ? 'error' : 'warning',
        message:
          `${f.message}. ASCP has no recover(): the provider process crashes ${always ? 'for every secret value' : f.certainty === 'certain' ? 'whenever this part is evaluated' : 'for such values'}. ` +
          ASCP_CRASH_MOUNT_FAILS,
        ...span,
      });
    } else if (f.code === 'jmespath-eval-error') {
      issues.push({
        code: 'jmespath-eval-error',
        severity: 'error',
        message:
          `${/[.?!]$/.test(f.message) ? f.message : f.message + '.'} ASCP then fails the mount with ` +
          `"${invalidJmesPathMessage(expr)}" ${alwaysFails ? 'for every secret value' : 'whenever this part is evaluated'}. ` +
          ASCP_MOUNT_FAILS,
        ...span,
        ...(f.suggestion !== undefined ? { suggestion: f.suggestion } : {}),
      });
    } else {
      issues.push({ code: f.code, severity: 'warning', message: f.message, ...span });
    }
  }
  if (!alwaysFails && !r.v.kinds.has('string')) {
    const suggestion = neverStringSuggestion(expr, r.v);
    issues.push({
      code: 'jmespath-never-string',
      severity: 'error',
      message:
        `This path always yields ${kindList(r.v)}, never a string, whatever the secret contains, so ASCP ` +
        `fails the mount (with "Invalid JMES search result type for path:${expr}. Only string is allowed." or, ` +
        `for null, "JMES Path - ${expr} for object alias - … does not point to a valid object."). ${ASCP_MOUNT_FAILS}` +
        (suggestion !== undefined
          ? ` To mount it as text use ${code(suggestion)} (in YAML: path: ${yamlSingleQuoted(suggestion)}).`
          : ''),
      ...whole,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }
  if (parsed.ast.type === 'ASTLiteral' && parsed.ast.value.go === 'string') {
    const lit = parsed.ast.value.s;
    const asKey = JSON.stringify(lit);
    issues.push({
      code: 'jmespath-constant',
      severity: 'warning',
      message:
        `${code(expr)} is a string literal, not a key: ASCP mounts the text ${code(lit)} itself for every secret. ` +
        `To select the key ${code(lit)}, use the quoted identifier ${code(asKey)} (in YAML: path: ${yamlSingleQuoted(asKey)}).`,
      ...whole,
      suggestion: asKey,
    });
  }
  if (!alwaysFails && r.v.kinds.has('string') && r.v.tainted === true) {
    issues.push({
      code: 'jmespath-order-dependent',
      severity: 'warning',
      message:
        "This path can select a different value on each mount: go-jmespath iterates objects in Go's random map " +
        'order for `*`, `keys()` and `values()`, so with more than one key the position of each value changes. ' +
        'Select keys by name, or sort first (e.g. `sort(keys(@))`).',
      ...whole,
    });
  }
  return issues;
}
