// explainJmes: a short human reading of what a path selects, for hovers. Uses only the expression.

import type { AstNode } from './ast.js';
import { compileError, tryParse } from './compile.js';

const FUNCTION_SUMMARY: Record<string, string> = {
  abs: 'absolute value (a number)',
  avg: 'average (a number)',
  ceil: 'rounded up (a number)',
  contains: 'whether it contains the value (a boolean)',
  ends_with: 'whether it ends with the text (a boolean)',
  floor: 'rounded down (a number)',
  keys: "the keys (a list, in Go's random order)",
  length: 'the length (a number)',
  map: 'the expression applied to each element (a list)',
  max: 'the largest element',
  max_by: 'the element with the largest key',
  merge: 'the objects merged (an object)',
  min: 'the smallest element',
  min_by: 'the element with the smallest key',
  not_null: 'the first argument that is not null',
  reverse: 'reversed',
  sort: 'sorted (a list)',
  sort_by: 'sorted by a key (a list)',
  starts_with: 'whether it starts with the text (a boolean)',
  sum: 'the sum (a number)',
  to_array: 'as a list',
  to_number: 'as a number (null if not numeric)',
  type: 'the type name (a string)',
  values: "the values (a list, in Go's random order)",
};

const COMPARATORS: Record<string, string> = {
  tEQ: '==',
  tNE: '!=',
  tLT: '<',
  tLTE: '<=',
  tGT: '>',
  tGTE: '>=',
};

class Explainer {
  constructor(private readonly expr: string) {}

  src(n: AstNode): string {
    const s = this.expr.slice(n.start, n.end).trim();
    return s.length > 60 ? `${s.slice(0, 57)}…` : s;
  }

  q(n: AstNode): string {
    const s = this.src(n);
    return s.includes('`') ? `"${s}"` : `\`${s}\``;
  }

  isIdentity(n: AstNode): boolean {
    return n.type === 'ASTIdentity' || n.type === 'ASTCurrentNode';
  }

  then(n: AstNode): string {
    return this.isIdentity(n) ? '' : ` → ${this.d(n)}`;
  }

  d(n: AstNode): string {
    const c = (i: number): AstNode => n.children[i] ?? n;
    switch (n.type) {
      case 'ASTField':
        return `field \`${n.value.go === 'string' ? n.value.s : ''}\``;
      case 'ASTSubexpression':
        return `${this.d(c(0))} → ${this.d(c(1))}`;
      case 'ASTIndexExpression': {
        const idx = c(1);
        if (idx.type === 'ASTIndex') {
          const i = idx.value.go === 'int' ? idx.value.n : 0;
          const which =
            i === -1 ? 'the last element' : i < 0 ? `element ${i} (from the end)` : `element ${i}`;
          return this.isIdentity(c(0)) ? which : `${which} of ${this.q(c(0))}`;
        }
        if (idx.type === 'ASTSlice') {
          const parts =
            idx.value.go === 'slice' ? idx.value.parts.map((p) => (p === null ? '' : String(p))) : [];
          const range = `elements [${parts.join(':').replace(/:+$/, '') || ':'}]`;
          return this.isIdentity(c(0)) ? range : `${range} of ${this.q(c(0))}`;
        }
        return `${this.d(c(0))} → ${this.d(idx)}`;
      }
      case 'ASTIndex':
        return `element ${n.value.go === 'int' ? n.value.n : 0}`;
      case 'ASTSlice':
        return 'a slice';
      case 'ASTProjection': {
        const left = c(0);
        if (left.type === 'ASTFlatten') {
          const inner = left.children[0];
          const of = inner === undefined || this.isIdentity(inner) ? 'the list' : this.q(inner);
          return `each element of ${of} (flattened)${this.then(c(1))} (a list)`;
        }
        if (left.type === 'ASTIndexExpression' && left.children[1]?.type === 'ASTSlice') {
          return `${this.d(left)}${this.then(c(1))} (a list)`;
        }
        return `each element of ${this.isIdentity(left) ? 'the list' : this.q(left)}${this.then(c(1))} (a list)`;
      }
      case 'ASTValueProjection': {
        const left = c(0);
        const of = this.isIdentity(left) ? 'the object' : this.q(left);
        return `every value of ${of}${this.then(c(1))} (a list in Go's random map order)`;
      }
      case 'ASTFilterProjection': {
        const left = c(0);
        const of = this.isIdentity(left) ? 'the list' : this.q(left);
        return `elements of ${of} where ${this.q(c(2))}${this.then(c(1))} (a list)`;
      }
      case 'ASTFlatten':
        return `${this.q(c(0))} flattened`;
      case 'ASTPipe':
        return `${this.d(c(0))}, then ${this.d(c(1))}`;
      case 'ASTIdentity':
      case 'ASTCurrentNode':
        return 'the whole value';
      case 'ASTLiteral':
        return n.value.go === 'string'
          ? `the literal text ${this.q(n)} (not a key)`
          : `the literal ${this.q(n)}`;
      case 'ASTOrExpression':
        return `${this.q(c(0))}, or ${this.q(c(1))} when that is null, false or empty`;
      case 'ASTAndExpression':
        return `${this.q(c(1))} when ${this.q(c(0))} is truthy`;
      case 'ASTNotExpression':
        return `not ${this.q(c(0))} (a boolean)`;
      case 'ASTComparator': {
        const op = n.value.go === 'tokType' ? (COMPARATORS[n.value.tok] ?? '?') : '?';
        return `whether ${this.q(c(0))} ${op} ${this.q(c(1))}`;
      }
      case 'ASTMultiSelectList':
        return `a list of [${n.children.map((x) => this.q(x)).join(', ')}]`;
      case 'ASTMultiSelectHash':
        return `an object {${n.children.map((kv) => `${kv.value.go === 'string' ? kv.value.s : ''}: ${this.q(kv.children[0] ?? kv)}`).join(', ')}}`;
      case 'ASTKeyValPair':
        return this.d(c(0));
      case 'ASTExpRef':
        return `a reference to ${this.q(c(0))}`;
      case 'ASTEmpty':
        return 'an empty node (go-jmespath fails when evaluating it)';
      case 'ASTFunctionExpression': {
        if (n.value.go !== 'string') return 'a call go-jmespath cannot name (it panics)';
        const name = n.value.s;
        const args = n.children;
        const a0 = args[0];
        const a1 = args[1];
        if (name === 'join' && a0 !== undefined && a1 !== undefined) {
          const sep = a0.type === 'ASTLiteral' && a0.value.go === 'string' ? `'${a0.value.s}'` : this.q(a0);
          return `joins ${this.q(a1)} with ${sep}`;
        }
        if (name === 'to_string' && a0 !== undefined) {
          return `${this.q(a0)} as a string (JSON text unless it already is a string)`;
        }
        const summary = FUNCTION_SUMMARY[name];
        const argText = args.map((x) => this.src(x)).join(', ');
        return summary !== undefined
          ? `${name}(${argText}): ${summary}`
          : `${name}(${argText}): unknown function`;
      }
    }
  }
}

/** A one-line explanation of what `expr` selects, e.g. "field `database` → field `host`". */
export function explainJmes(expr: string): string {
  const parsed = tryParse(expr);
  if (!parsed.ok) {
    const err = compileError(expr);
    return `Does not compile in go-jmespath (${err?.goMessage ?? 'syntax error'})${err?.suggestion !== undefined ? `; did you mean \`${err.suggestion}\`?` : '.'}`;
  }
  return new Explainer(expr).d(parsed.ast);
}
