// A lexer with the exact behaviour of go-jmespath v0.4.0's lexer (including its quirks), written from
// a reading of its Go source. Offsets are UTF-16 (Go counts bytes).
//
// Behaviour worth knowing (all verified against go-reference.json or the Go source):
//  - `-` always starts a number token, so `api-key` lexes as `api`, `-`, `key`;
//  - identifiers are ASCII `[A-Za-z_][A-Za-z0-9_]*`; any other character outside quotes is an error;
//  - an unquoted identifier directly followed by U+0080 makes the Go lexer index past an array: panic;
//  - backtick literals keep their text for a strict encoding/json decode in the parser;
//  - raw string literals only unescape `\'`; every other backslash stays.

import type { TokType, Token } from './ast.js';
import { decodeGoJson } from './gojson.js';
import { GoPanic } from './values.js';

export class JmesSyntaxError extends Error {
  constructor(
    /** go-jmespath's error text (err.Error()). */
    readonly goMessage: string,
    /** UTF-16 offset of the offending token or character. */
    readonly offset: number,
    readonly length: number,
    /** Where the error came from, for classification. */
    readonly origin:
      'unknown-char' | 'unclosed' | 'quoted-identifier' | 'json-literal' | 'number' | 'parser' | 'parser-eof',
    /** The token the parser was looking at, if any. */
    readonly token?: Token,
  ) {
    super(goMessage);
    this.name = 'JmesSyntaxError';
  }
}

const EOF = -1;

const BASIC: ReadonlyMap<number, TokType> = new Map<number, TokType>([
  [0x2e, 'tDot'],
  [0x2a, 'tStar'],
  [0x2c, 'tComma'],
  [0x3a, 'tColon'],
  [0x7b, 'tLbrace'],
  [0x7d, 'tRbrace'],
  [0x5d, 'tRbracket'],
  [0x28, 'tLparen'],
  [0x29, 'tRparen'],
  [0x40, 'tCurrent'],
]);

function isIdentStart(r: number): boolean {
  return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a) || r === 0x5f;
}

function isIdentTrailing(r: number): boolean {
  return isIdentStart(r) || (r >= 0x30 && r <= 0x39);
}

/** strconv.QuoteRuneToASCII, as in go-jmespath's "Unknown char" message. */
function quoteRuneToAscii(r: number): string {
  if (r === 0x27) return "'\\''";
  if (r === 0x5c) return "'\\\\'";
  if (r >= 0x20 && r < 0x7f) return `'${String.fromCharCode(r)}'`;
  const named: Record<number, string> = { 7: 'a', 8: 'b', 12: 'f', 10: 'n', 13: 'r', 9: 't', 11: 'v' };
  const n = named[r];
  if (n !== undefined) return `'\\${n}'`;
  if (r < 0x80) return `'\\x${r.toString(16).padStart(2, '0')}'`;
  if (r <= 0xffff) return `'\\u${r.toString(16).padStart(4, '0')}'`;
  return `'\\U${r.toString(16).padStart(8, '0')}'`;
}

export function tokenize(expression: string): Token[] {
  return new Lexer(expression).run();
}

class Lexer {
  private pos = 0;
  private lastWidth = 0;
  private readonly tokens: Token[] = [];

  constructor(private readonly expr: string) {}

  private next(): number {
    if (this.pos >= this.expr.length) {
      this.lastWidth = 0;
      return EOF;
    }
    const c = this.expr.charCodeAt(this.pos);
    let r = c;
    let w = 1;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = this.expr.charCodeAt(this.pos + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        r = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
        w = 2;
      } else r = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) r = 0xfffd;
    this.pos += w;
    this.lastWidth = w;
    return r;
  }

  private back(): void {
    this.pos -= this.lastWidth;
  }

  private peek(): number {
    const r = this.next();
    this.back();
    return r;
  }

  run(): Token[] {
    for (;;) {
      const r = this.next();
      const start = this.pos - this.lastWidth;
      if (isIdentStart(r)) {
        this.unquotedIdentifier(start);
      } else if (BASIC.has(r)) {
        this.push(BASIC.get(r) ?? 'tUnknown', String.fromCharCode(r), start, this.pos);
      } else if (r === 0x2d || (r >= 0x30 && r <= 0x39)) {
        this.number(start);
      } else if (r === 0x5b) {
        this.lbracket(start);
      } else if (r === 0x22) {
        this.quotedIdentifier(start);
      } else if (r === 0x27) {
        this.rawString(start);
      } else if (r === 0x60) {
        this.jsonLiteral(start);
      } else if (r === 0x7c) {
        this.matchOrElse(start, 0x7c, 'tOr', 'tPipe');
      } else if (r === 0x3c) {
        this.matchOrElse(start, 0x3d, 'tLTE', 'tLT');
      } else if (r === 0x3e) {
        this.matchOrElse(start, 0x3d, 'tGTE', 'tGT');
      } else if (r === 0x21) {
        this.matchOrElse(start, 0x3d, 'tNE', 'tNot');
      } else if (r === 0x3d) {
        this.matchOrElse(start, 0x3d, 'tEQ', 'tUnknown');
      } else if (r === 0x26) {
        this.matchOrElse(start, 0x26, 'tAnd', 'tExpref');
      } else if (r === EOF) {
        break;
      } else if (r === 0x20 || r === 0x09 || r === 0x0a || r === 0x0d) {
        // whitespace
      } else {
        throw new JmesSyntaxError(
          `SyntaxError: Unknown char: ${quoteRuneToAscii(r)}`,
          start,
          this.pos - start,
          'unknown-char',
        );
      }
    }
    this.push('tEOF', '', this.expr.length, this.expr.length);
    return this.tokens;
  }

  private push(type: TokType, value: string, start: number, end: number): void {
    this.tokens.push({ type, value, start, end });
  }

  private matchOrElse(start: number, second: number, matched: TokType, single: TokType): void {
    const r = this.next();
    if (r === second) {
      this.push(matched, this.expr.slice(start, this.pos), start, this.pos);
    } else {
      this.back();
      this.push(single, this.expr.slice(start, this.pos), start, this.pos);
    }
  }

  private lbracket(start: number): void {
    const r = this.next();
    if (r === 0x3f) this.push('tFilter', '[?', start, this.pos);
    else if (r === 0x5d) this.push('tFlatten', '[]', start, this.pos);
    else {
      this.back();
      this.push('tLbracket', '[', start, this.pos);
    }
  }

  /** Go's consumeUntil: backslash skips the next character; EOF before `end` is "Unclosed delimiter". */
  private consumeUntil(end: number, openedAt: number): string {
    const start = this.pos;
    let current = this.next();
    while (current !== end && current !== EOF) {
      if (current === 0x5c && this.peek() !== EOF) this.next();
      current = this.next();
    }
    if (this.lastWidth === 0) {
      throw new JmesSyntaxError(
        `SyntaxError: Unclosed delimiter: ${String.fromCharCode(end)}`,
        openedAt,
        this.expr.length - openedAt,
        'unclosed',
      );
    }
    return this.expr.slice(start, this.pos - this.lastWidth);
  }

  private jsonLiteral(start: number): void {
    const raw = this.consumeUntil(0x60, start);
    this.push('tJSONLiteral', raw.split('\\`').join('`'), start, this.pos);
  }

  private quotedIdentifier(start: number): void {
    const raw = this.consumeUntil(0x22, start);
    const decoded = decodeGoJson('"' + raw + '"');
    if (!decoded.ok || typeof decoded.value !== 'string') {
      throw new JmesSyntaxError(
        `invalid quoted identifier (encoding/json: ${decoded.ok ? 'not a string' : decoded.reason})`,
        start,
        this.pos - start,
        'quoted-identifier',
      );
    }
    this.push('tQuotedIdentifier', decoded.value, start, this.pos);
  }

  /** Go's consumeRawStringLiteral, state machine included (its end-of-input check relies on peek()). */
  private rawString(start: number): void {
    const contentStart = this.pos;
    let chunkStart = contentStart;
    let buf = '';
    let current = this.next();
    while (current !== 0x27 && this.peek() !== EOF) {
      if (current === 0x5c && this.peek() === 0x27) {
        buf += this.expr.slice(chunkStart, this.pos - 1) + "'";
        this.next();
        chunkStart = this.pos;
      }
      current = this.next();
    }
    if (this.lastWidth === 0) {
      throw new JmesSyntaxError(
        "SyntaxError: Unclosed delimiter: '",
        start,
        this.expr.length - start,
        'unclosed',
      );
    }
    if (chunkStart < this.pos) buf += this.expr.slice(chunkStart, this.pos - 1);
    this.push('tStringLiteral', buf, start, this.pos);
  }

  private unquotedIdentifier(start: number): void {
    for (;;) {
      const r = this.next();
      if (r === 0x80) {
        // identifierTrailingBits[uint64(r)/64] with r == 128 indexes a [2]uint64 at 2.
        throw new GoPanic('runtime error: index out of range [2] with length 2');
      }
      if (r < 0 || r > 0x80 || !isIdentTrailing(r)) {
        this.back();
        break;
      }
    }
    this.push('tUnquotedIdentifier', this.expr.slice(start, this.pos), start, this.pos);
  }

  private number(start: number): void {
    for (;;) {
      const r = this.next();
      if (r < 0x30 || r > 0x39) {
        this.back();
        break;
      }
    }
    this.push('tNumber', this.expr.slice(start, this.pos), start, this.pos);
  }
}
