// A Pratt parser with the exact behaviour of go-jmespath v0.4.0's parser, written from a reading of its
// Go source. It reproduces go-jmespath's verdicts, including where they differ from the JMESPath spec
// and from jmespath.js:
//  - a dot must be followed by an identifier, `*`, `[` or `{` (`foo.`, `foo..bar` are errors);
//  - function arguments need no commas and may end with one (`f(a b)`, `f(a,)` compile);
//  - multi-select hash entries need no commas (`{a: a b: b}` compiles);
//  - `[:::]` compiles (the slice loop stops after three colons);
//  - a bad index inside a leading `[` (e.g. `[-]`) yields an empty node instead of an error, which
//    makes `Search` fail later ("Unknown AST node") - or compile if the rest is well-formed;
//  - a function call takes its name from whatever node precedes `(`: `'length'(@)` is `length(@)`,
//    and non-string names (`@(x)`, `` `1`(x) ``) compile but panic when evaluated;
//  - backtick literals must be strict JSON (encoding/json), numbers in indexes/slices must fit an int64.

import { NIL } from './ast.js';
import type { AstNode, NodeType, NodeValue, TokType, Token } from './ast.js';
import { decodeGoJson } from './gojson.js';
import { JmesSyntaxError, tokenize } from './lexer.js';
import { GoPanic, MAX_DEPTH, TooComplex } from './values.js';

const BINDING_POWER: Partial<Record<TokType, number>> = {
  tEOF: 0,
  tUnquotedIdentifier: 0,
  tQuotedIdentifier: 0,
  tRbracket: 0,
  tRparen: 0,
  tComma: 0,
  tRbrace: 0,
  tNumber: 0,
  tCurrent: 0,
  tExpref: 0,
  tColon: 0,
  tPipe: 1,
  tOr: 2,
  tAnd: 3,
  tEQ: 5,
  tLT: 5,
  tLTE: 5,
  tGT: 5,
  tGTE: 5,
  tNE: 5,
  tFlatten: 9,
  tStar: 20,
  tFilter: 21,
  tDot: 40,
  tNot: 45,
  tLbrace: 50,
  tLbracket: 55,
  tLparen: 60,
};

function bp(t: TokType): number {
  return BINDING_POWER[t] ?? 0;
}

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** strconv.Atoi on go-jmespath's number tokens (`-?[0-9]*`). */
function atoi(tok: Token): number {
  const s = tok.value;
  if (!/^[+-]?[0-9]+$/.test(s)) {
    throw new JmesSyntaxError(
      `strconv.Atoi: parsing "${s}": invalid syntax`,
      tok.start,
      tok.end - tok.start,
      'number',
      tok,
    );
  }
  const big = BigInt(s);
  if (big > INT64_MAX || big < INT64_MIN) {
    throw new JmesSyntaxError(
      `strconv.Atoi: parsing "${s}": value out of range`,
      tok.start,
      tok.end - tok.start,
      'number',
      tok,
    );
  }
  // Arrays are far shorter than 2^53, so the rounding of huge indexes cannot change a result.
  return Number(big);
}

export interface ParseResult {
  ast: AstNode;
  tokens: Token[];
}

/** jmespath.Compile: throws JmesSyntaxError (Go returns an error) or GoPanic (Go panics). */
export function parseJmes(expression: string): ParseResult {
  const tokens = tokenize(expression);
  const p = new Parser(tokens);
  const ast = p.parseExpression(0);
  if (p.current() !== 'tEOF') {
    throw p.syntaxError(`Unexpected token at the end of the expression: ${p.current()}`, 'parser');
  }
  return { ast, tokens };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  lookaheadToken(n: number): Token {
    const t = this.tokens[this.index + n];
    if (t === undefined) {
      throw new GoPanic(
        `runtime error: index out of range [${this.index + n}] with length ${this.tokens.length}`,
      );
    }
    return t;
  }

  lookahead(n: number): TokType {
    return this.lookaheadToken(n).type;
  }

  current(): TokType {
    return this.lookahead(0);
  }

  private advance(): void {
    this.index++;
  }

  /** End offset of the last consumed token. */
  private prevEnd(): number {
    const t = this.tokens[this.index - 1];
    return t === undefined ? 0 : t.end;
  }

  private node(type: NodeType, start: number, children: AstNode[] = [], value: NodeValue = NIL): AstNode {
    return { type, value, children, start, end: Math.max(start, this.prevEnd()) };
  }

  /** An implicit node (e.g. the Identity of `foo[*]`) covering no text. */
  private implicit(type: NodeType, at: number): AstNode {
    return { type, value: NIL, children: [], start: at, end: at };
  }

  syntaxError(msg: string, origin: 'parser' | 'parser-eof' = 'parser'): JmesSyntaxError {
    const t = this.lookaheadToken(0);
    return new JmesSyntaxError(
      `SyntaxError: ${msg}`,
      t.start,
      t.end - t.start,
      t.type === 'tEOF' ? 'parser-eof' : origin,
      t,
    );
  }

  private syntaxErrorToken(msg: string, t: Token): JmesSyntaxError {
    return new JmesSyntaxError(
      `SyntaxError: ${msg}`,
      t.start,
      t.end - t.start,
      t.type === 'tEOF' ? 'parser-eof' : 'parser',
      t,
    );
  }

  parseExpression(bindingPower: number): AstNode {
    if (++this.depth > MAX_DEPTH) throw new TooComplex();
    const leftToken = this.lookaheadToken(0);
    this.advance();
    let left = this.nud(leftToken);
    let currentToken = this.lookaheadToken(0);
    while (bindingPower < bp(currentToken.type)) {
      this.advance();
      left = this.led(currentToken, left);
      currentToken = this.lookaheadToken(0);
    }
    this.depth--;
    return left;
  }

  private match(t: TokType): void {
    if (this.current() === t) {
      this.advance();
      return;
    }
    throw this.syntaxError(`Expected ${t}, received: ${this.current()}`);
  }

  private parseIndexExpression(): AstNode {
    if (this.lookahead(0) === 'tColon' || this.lookahead(1) === 'tColon') return this.parseSliceExpression();
    const tok = this.lookaheadToken(0);
    const n = atoi(tok);
    this.advance();
    const node: AstNode = {
      type: 'ASTIndex',
      value: { go: 'int', n },
      children: [],
      start: tok.start,
      end: tok.end,
    };
    this.match('tRbracket');
    return node;
  }

  private parseSliceExpression(): AstNode {
    const parts: (number | null)[] = [null, null, null];
    let index = 0;
    const start = this.lookaheadToken(0).start;
    let current = this.current();
    while (current !== 'tRbracket' && index < 3) {
      if (current === 'tColon') {
        index++;
        this.advance();
      } else if (current === 'tNumber') {
        parts[index] = atoi(this.lookaheadToken(0));
        this.advance();
      } else {
        throw this.syntaxError(`Expected tColon or tNumber, received: ${this.current()}`);
      }
      current = this.current();
    }
    this.match('tRbracket');
    return { type: 'ASTSlice', value: { go: 'slice', parts }, children: [], start, end: this.prevEnd() };
  }

  private led(tok: Token, left: AstNode): AstNode {
    const start = left.start;
    switch (tok.type) {
      case 'tDot': {
        if (this.current() !== 'tStar') {
          const right = this.parseDotRHS(bp('tDot'));
          return this.node('ASTSubexpression', start, [left, right]);
        }
        this.advance();
        const right = this.parseProjectionRHS(bp('tDot'));
        return this.node('ASTValueProjection', start, [left, right]);
      }
      case 'tPipe': {
        const right = this.parseExpression(bp('tPipe'));
        return this.node('ASTPipe', start, [left, right]);
      }
      case 'tOr': {
        const right = this.parseExpression(bp('tOr'));
        return this.node('ASTOrExpression', start, [left, right]);
      }
      case 'tAnd': {
        const right = this.parseExpression(bp('tAnd'));
        return this.node('ASTAndExpression', start, [left, right]);
      }
      case 'tLparen': {
        const args: AstNode[] = [];
        while (this.current() !== 'tRparen') {
          const expression = this.parseExpression(0);
          if (this.current() === 'tComma') this.match('tComma');
          args.push(expression);
        }
        this.match('tRparen');
        return this.node('ASTFunctionExpression', start, args, left.value);
      }
      case 'tFilter':
        return this.parseFilter(left);
      case 'tFlatten': {
        const flat: AstNode = { type: 'ASTFlatten', value: NIL, children: [left], start, end: tok.end };
        const right = this.parseProjectionRHS(bp('tFlatten'));
        return this.node('ASTProjection', start, [flat, right]);
      }
      case 'tEQ':
      case 'tNE':
      case 'tGT':
      case 'tGTE':
      case 'tLT':
      case 'tLTE': {
        const right = this.parseExpression(bp(tok.type));
        return this.node('ASTComparator', start, [left, right], { go: 'tokType', tok: tok.type });
      }
      case 'tLbracket': {
        const t = this.current();
        if (t === 'tNumber' || t === 'tColon') {
          const right = this.parseIndexExpression();
          return this.projectIfSlice(left, right, start);
        }
        this.match('tStar');
        this.match('tRbracket');
        const right = this.parseProjectionRHS(bp('tStar'));
        return this.node('ASTProjection', start, [left, right]);
      }
      default:
        throw this.syntaxErrorAtOperator(`Unexpected token: ${tok.type}`, tok);
    }
  }

  /** go-jmespath reports the token after the operator; the operator itself is the better column. */
  private syntaxErrorAtOperator(msg: string, tok: Token): JmesSyntaxError {
    return new JmesSyntaxError(`SyntaxError: ${msg}`, tok.start, tok.end - tok.start, 'parser', tok);
  }

  private nud(tok: Token): AstNode {
    const start = tok.start;
    switch (tok.type) {
      case 'tJSONLiteral': {
        const decoded = decodeGoJson(tok.value);
        if (!decoded.ok) {
          throw new JmesSyntaxError(
            `invalid JSON literal (encoding/json: ${decoded.reason})`,
            tok.start,
            tok.end - tok.start,
            'json-literal',
            tok,
          );
        }
        const value: NodeValue =
          typeof decoded.value === 'string'
            ? { go: 'string', s: decoded.value }
            : { go: 'literal', v: decoded.value };
        return { type: 'ASTLiteral', value, children: [], start, end: tok.end };
      }
      case 'tStringLiteral':
        return {
          type: 'ASTLiteral',
          value: { go: 'string', s: tok.value },
          children: [],
          start,
          end: tok.end,
        };
      case 'tUnquotedIdentifier':
        return { type: 'ASTField', value: { go: 'string', s: tok.value }, children: [], start, end: tok.end };
      case 'tQuotedIdentifier': {
        if (this.current() === 'tLparen') {
          throw this.syntaxErrorToken("Can't have quoted identifier as function name.", tok);
        }
        return { type: 'ASTField', value: { go: 'string', s: tok.value }, children: [], start, end: tok.end };
      }
      case 'tStar': {
        const left = this.implicit('ASTIdentity', start);
        const right =
          this.current() === 'tRbracket'
            ? this.implicit('ASTIdentity', tok.end)
            : this.parseProjectionRHS(bp('tStar'));
        return this.node('ASTValueProjection', start, [left, right]);
      }
      case 'tFilter':
        return this.parseFilter(this.implicit('ASTIdentity', start));
      case 'tLbrace':
        return this.parseMultiSelectHash(start);
      case 'tFlatten': {
        const flat: AstNode = {
          type: 'ASTFlatten',
          value: NIL,
          children: [this.implicit('ASTIdentity', start)],
          start,
          end: tok.end,
        };
        const right = this.parseProjectionRHS(bp('tFlatten'));
        return this.node('ASTProjection', start, [flat, right]);
      }
      case 'tLbracket': {
        const t = this.current();
        if (t === 'tNumber' || t === 'tColon') {
          let right: AstNode;
          try {
            right = this.parseIndexExpression();
          } catch (e) {
            // go-jmespath: `return ASTNode{}, nil` - the error is dropped and parsing goes on.
            if (e instanceof JmesSyntaxError)
              return { type: 'ASTEmpty', value: NIL, children: [], start, end: start };
            throw e;
          }
          return this.projectIfSlice(this.implicit('ASTIdentity', start), right, start);
        }
        if (t === 'tStar' && this.lookahead(1) === 'tRbracket') {
          this.advance();
          this.advance();
          const right = this.parseProjectionRHS(bp('tStar'));
          return this.node('ASTProjection', start, [this.implicit('ASTIdentity', start), right]);
        }
        return this.parseMultiSelectList(start);
      }
      case 'tCurrent':
        return { type: 'ASTCurrentNode', value: NIL, children: [], start, end: tok.end };
      case 'tExpref': {
        const expression = this.parseExpression(bp('tExpref'));
        return this.node('ASTExpRef', start, [expression]);
      }
      case 'tNot': {
        const expression = this.parseExpression(bp('tNot'));
        return this.node('ASTNotExpression', start, [expression]);
      }
      case 'tLparen': {
        const expression = this.parseExpression(0);
        this.match('tRparen');
        return expression;
      }
      case 'tEOF':
        throw this.syntaxErrorToken('Incomplete expression', tok);
      default:
        throw this.syntaxErrorToken(`Invalid token: ${tok.type}`, tok);
    }
  }

  private parseMultiSelectList(start: number): AstNode {
    const expressions: AstNode[] = [];
    for (;;) {
      expressions.push(this.parseExpression(0));
      if (this.current() === 'tRbracket') break;
      this.match('tComma');
    }
    this.match('tRbracket');
    return this.node('ASTMultiSelectList', start, expressions);
  }

  private parseMultiSelectHash(start: number): AstNode {
    const children: AstNode[] = [];
    for (;;) {
      const keyToken = this.lookaheadToken(0);
      if (this.current() === 'tUnquotedIdentifier' || this.current() === 'tQuotedIdentifier') this.advance();
      else throw this.syntaxError('Expected tQuotedIdentifier or tUnquotedIdentifier');
      this.match('tColon');
      const value = this.parseExpression(0);
      children.push({
        type: 'ASTKeyValPair',
        value: { go: 'string', s: keyToken.value },
        children: [value],
        start: keyToken.start,
        end: value.end,
      });
      if (this.current() === 'tComma') {
        this.match('tComma');
      } else if (this.current() === 'tRbrace') {
        this.match('tRbrace');
        break;
      }
      // Anything else: go-jmespath simply reads the next key.
    }
    return this.node('ASTMultiSelectHash', start, children);
  }

  private projectIfSlice(left: AstNode, right: AstNode, start: number): AstNode {
    const indexExpr = this.node('ASTIndexExpression', start, [left, right]);
    if (right.type === 'ASTSlice') {
      const rhs = this.parseProjectionRHS(bp('tStar'));
      return this.node('ASTProjection', start, [indexExpr, rhs]);
    }
    return indexExpr;
  }

  private parseFilter(left: AstNode): AstNode {
    const condition = this.parseExpression(0);
    this.match('tRbracket');
    const right =
      this.current() === 'tFlatten'
        ? this.implicit('ASTIdentity', this.prevEnd())
        : this.parseProjectionRHS(bp('tFilter'));
    return this.node('ASTFilterProjection', left.start, [left, right, condition]);
  }

  private parseDotRHS(bindingPower: number): AstNode {
    const la = this.current();
    if (la === 'tQuotedIdentifier' || la === 'tUnquotedIdentifier' || la === 'tStar') {
      return this.parseExpression(bindingPower);
    }
    if (la === 'tLbracket') {
      const start = this.lookaheadToken(0).start;
      this.match('tLbracket');
      return this.parseMultiSelectList(start);
    }
    if (la === 'tLbrace') {
      const start = this.lookaheadToken(0).start;
      this.match('tLbrace');
      return this.parseMultiSelectHash(start);
    }
    throw this.syntaxError('Expected identifier, lbracket, or lbrace');
  }

  private parseProjectionRHS(bindingPower: number): AstNode {
    const current = this.current();
    if (bp(current) < 10) return this.implicit('ASTIdentity', this.prevEnd());
    if (current === 'tLbracket' || current === 'tFilter') return this.parseExpression(bindingPower);
    if (current === 'tDot') {
      this.match('tDot');
      return this.parseDotRHS(bindingPower);
    }
    throw this.syntaxError('Error');
  }
}
