/**
 * Scalar source maps: for one YAML scalar, the source offset (UTF-16, into the outer text) of every
 * character of its decoded value.
 *
 * The `yaml` package does the parsing; this module only walks the source slice of one scalar once,
 * producing the decoded characters together with their source offsets, and then checks the result
 * against the value the library decoded. When they differ (or the input uses something this module does
 * not model), the map falls back to `exact: false`, where every position is the start of the scalar and
 * every span is the whole scalar: imprecise, never wrong.
 *
 * Where decoded characters come from:
 * - verbatim characters (including each half of a surrogate pair) map to themselves;
 * - an escape (`\t`, `\x41`, `\U0001F600`, `''`) maps to its first character (the `\` or first `'`);
 *   both UTF-16 units of an escaped astral character map to the same escape;
 * - a line break folded to a space maps to that line break; a `\n` kept or produced by folding maps to
 *   the start of one line break (the `\r` of a CRLF pair). In a fold over empty lines, the first break is
 *   discarded (YAML 1.2, 6.5), so the newlines map to the breaks ending the empty lines;
 * - a final `\n` added by clip/keep chomping with no line break in the source maps, zero-width, to the end.
 *
 * Maps compose: parse `outer.value` again, map an inner scalar with `mapScalar(outer.value, inner)` or
 * `mapScalarSource(outer.value, ...)`, and combine both with `composeScalarMaps(outer, inner)`.
 */
import { CST } from 'yaml';
import type { Scalar } from 'yaml';

export interface ScalarMap {
  /** the decoded string value (must equal what the yaml library gives for this node) */
  value: string;
  /** true when every decoded character has an exact source position */
  exact: boolean;
  /**
   * source offset (UTF-16 offset into the outer text) of decoded index i, 0 <= i <= value.length
   * (i === value.length maps to the end of the last character's source). When !exact, returns the start
   * of the whole value for any i.
   */
  toSource(i: number): number;
  /** maps a decoded range [start,end) to an outer-text span; when !exact returns the whole scalar's span */
  spanToSource(start: number, end: number): { start: number; end: number };
  /** the whole scalar's source span (including quotes / block header) */
  whole: { start: number; end: number };
}

interface Span {
  start: number;
  end: number;
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const SQUOTE = 39;
const PLUS = 43;
const MINUS = 45;
const COLON = 58;
const GT = 62;
const QUESTION = 63;
const BACKSLASH = 92;
const PIPE = 124;

/**
 * Decoded characters plus, for every UTF-16 unit k, the source span [start(k), end(k)) it came from,
 * stored as segments of decoded units rather than per unit (a block scalar of n lines is about 2n
 * segments, whatever its length). Segment j covers decoded units [d, d + len) and is either a *run*
 * (units copied verbatim: unit d + i comes from [src + i, src + i + 1)) or an *emit* (units produced
 * by one escape, fold or chomped newline: each comes from [src, to)). Layout, 4 ints per segment:
 * d, len, src, to (to = RUN for a run).
 */
const RUN = -1;

class Builder {
  seg: Int32Array;
  /** number of segments */
  m = 0;
  /** number of decoded UTF-16 units */
  n = 0;
  private readonly parts: string[] = [];

  constructor(private readonly text: string) {
    this.seg = new Int32Array(64);
  }

  private push(len: number, src: number, to: number): void {
    const m = this.m;
    const seg = this.seg;
    // a run that continues the previous run in the source extends it
    if (to === RUN && m > 0 && seg[4 * m - 1] === RUN) {
      const prevLen = seg[4 * m - 3] as number;
      if ((seg[4 * m - 2] as number) + prevLen === src) {
        seg[4 * m - 3] = prevLen + len;
        this.n += len;
        return;
      }
    }
    if (4 * m + 4 > seg.length) {
      const grown = new Int32Array(seg.length * 2);
      grown.set(seg);
      this.seg = grown;
    }
    const g = this.seg;
    g[4 * m] = this.n;
    g[4 * m + 1] = len;
    g[4 * m + 2] = src;
    g[4 * m + 3] = to;
    this.m = m + 1;
    this.n += len;
  }

  /** Source characters [a, b) copied verbatim. */
  run(a: number, b: number): void {
    if (b <= a) return;
    this.parts.push(this.text.slice(a, b));
    this.push(b - a, a, RUN);
  }

  /** Decoded text produced by the source span [from, to) (an escape, a fold, a chomped newline). */
  emit(str: string, from: number, to: number): void {
    if (str.length === 0) return;
    this.parts.push(str);
    this.push(str.length, from, to);
  }

  /** A `\n` produced by the line break starting at `at`. */
  newline(at: number): void {
    this.emit('\n', at, breakEnd(this.text, at));
  }

  value(): string {
    return this.parts.length === 1 ? (this.parts[0] as string) : this.parts.join('');
  }

  /** The segments, trimmed to their count. */
  segments(): Int32Array {
    return this.seg.length === 4 * this.m ? this.seg : this.seg.slice(0, 4 * this.m);
  }
}

/** End of the line break starting at `at` (a `\n`, or the `\r` of `\r\n`). */
function breakEnd(text: string, at: number): number {
  return text.charCodeAt(at) === CR ? at + 2 : at + 1;
}

/** Index of the first `\n` in [from, end), or -1. Bounded, so a long one-line file stays linear. */
function findLF(text: string, from: number, end: number): number {
  for (let k = from; k < end; k++) if (text.charCodeAt(k) === LF) return k;
  return -1;
}

function clampIndex(i: number, max: number): number {
  if (!(i > 0)) return 0; // also NaN
  if (i >= max) return max;
  return Math.floor(i);
}

class ExactMap implements ScalarMap {
  readonly exact = true;
  constructor(
    readonly value: string,
    /** Builder segments: d, len, src, to per segment, in decoded order, covering [0, value.length) */
    private readonly seg: Int32Array,
    /** position of an empty value (just inside the quotes / after the block header) */
    private readonly emptyAt: number,
    readonly whole: Span,
  ) {}

  /** Index (in segments) of the segment holding decoded unit k, 0 <= k < value.length. */
  private find(k: number): number {
    const seg = this.seg;
    let lo = 0;
    let hi = (seg.length >> 2) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((seg[4 * mid] as number) <= k) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Source start of decoded unit k. */
  private startOf(k: number): number {
    const j = this.find(k);
    const seg = this.seg;
    const src = seg[4 * j + 2] as number;
    return seg[4 * j + 3] === RUN ? src + (k - (seg[4 * j] as number)) : src;
  }

  /** Source end of decoded unit k. */
  private endOf(k: number): number {
    const j = this.find(k);
    const seg = this.seg;
    const to = seg[4 * j + 3] as number;
    return to === RUN ? (seg[4 * j + 2] as number) + (k - (seg[4 * j] as number)) + 1 : to;
  }

  toSource(i: number): number {
    const n = this.value.length;
    const k = clampIndex(i, n);
    if (k < n) return this.startOf(k);
    return n > 0 ? this.endOf(n - 1) : this.emptyAt;
  }

  spanToSource(start: number, end: number): Span {
    const n = this.value.length;
    let a = clampIndex(start, n);
    let b = clampIndex(end, n);
    if (b < a) [a, b] = [b, a];
    if (a === b) {
      const p = this.toSource(a);
      return { start: p, end: p };
    }
    return { start: this.startOf(a), end: this.endOf(b - 1) };
  }
}

class FallbackMap implements ScalarMap {
  readonly exact = false;
  constructor(
    readonly value: string,
    readonly whole: Span,
  ) {}

  toSource(_i: number): number {
    return this.whole.start;
  }

  spanToSource(_start: number, _end: number): Span {
    return { start: this.whole.start, end: this.whole.end };
  }
}

class ComposedMap implements ScalarMap {
  readonly value: string;
  readonly exact: boolean;
  readonly whole: Span;
  constructor(
    private readonly outer: ScalarMap,
    private readonly inner: ScalarMap,
  ) {
    this.value = inner.value;
    this.exact = outer.exact && inner.exact;
    this.whole = outer.spanToSource(inner.whole.start, inner.whole.end);
  }

  toSource(i: number): number {
    return this.exact ? this.outer.toSource(this.inner.toSource(i)) : this.whole.start;
  }

  spanToSource(start: number, end: number): Span {
    const s = this.inner.spanToSource(start, end);
    return this.outer.spanToSource(s.start, s.end);
  }
}

/**
 * Chains two maps: `inner` was computed over `outer.value` (the decoded outer scalar, parsed again).
 * The result maps inner decoded indexes straight to the outer text. It is exact when both are; otherwise
 * positions fall back to the inner scalar's whole span, still mapped through `outer`.
 */
export function composeScalarMaps(outer: ScalarMap, inner: ScalarMap): ScalarMap {
  return new ComposedMap(outer, inner);
}

// ---------------------------------------------------------------------------------------------------
// flow scalars

/**
 * Plain and single-quoted content [cs, ce): lines are trimmed (the first at its end, the last at its
 * start, the others at both), a single break between non-empty lines folds to a space, and n empty lines
 * become n newlines. In single-quoted content, `''` is an escaped quote.
 */
function decodeFolding(text: string, cs: number, ce: number, out: Builder, singleQuoted: boolean): boolean {
  // Next `'` at or after the scan position, cached so that quote-free content is searched once.
  let nextQuote = singleQuoted ? text.indexOf("'", cs) : -1;
  const content = (a: number, b: number): boolean => {
    if (!singleQuoted) {
      out.run(a, b);
      return true;
    }
    let p = a;
    while (p < b) {
      if (nextQuote !== -1 && nextQuote < p) nextQuote = text.indexOf("'", p);
      if (nextQuote === -1 || nextQuote >= b) {
        out.run(p, b);
        return true;
      }
      if (nextQuote + 1 >= b || text.charCodeAt(nextQuote + 1) !== SQUOTE) return false; // lone quote
      out.run(p, nextQuote);
      out.emit("'", nextQuote, nextQuote + 2);
      p = nextQuote + 2;
      nextQuote = text.indexOf("'", p);
    }
    return true;
  };

  let ls = cs;
  let first = true;
  // Line breaks (their start offsets) since the last non-empty line.
  const breaks: number[] = [];
  while (true) {
    const nl = findLF(text, ls, ce);
    const last = nl === -1;
    let le = last ? ce : nl;
    let brk = nl;
    if (!last && le > ls && text.charCodeAt(le - 1) === CR) brk = --le;
    if (first && last) return content(ls, le);
    let a = ls;
    let b = le;
    if (!first) {
      let c = text.charCodeAt(a);
      while (a < b && (c === SPACE || c === TAB)) c = text.charCodeAt(++a);
    }
    if (!last) {
      let c = text.charCodeAt(b - 1);
      while (b > a && (c === SPACE || c === TAB)) c = text.charCodeAt(--b - 1);
    }
    if (first) {
      if (!content(a, b)) return false;
      breaks.push(brk);
      first = false;
    } else if (!last && a === b) {
      breaks.push(brk);
    } else {
      const k = breaks.length;
      if (k === 1) out.emit(' ', breaks[0] as number, breakEnd(text, breaks[0] as number));
      else for (let j = 1; j < k; j++) out.newline(breaks[j] as number);
      breaks.length = 0;
      if (!content(a, b)) return false;
      if (!last) breaks.push(brk);
    }
    if (last) return true;
    ls = nl + 1;
  }
}

function simpleEscape(c: number): string | undefined {
  switch (c) {
    case 48: // 0
      return '\0';
    case 97: // a
      return '\x07';
    case 98: // b
      return '\b';
    case 101: // e
      return '\x1b';
    case 102: // f
      return '\f';
    case 110: // n
      return '\n';
    case 114: // r
      return '\r';
    case 116: // t
      return '\t';
    case 118: // v
      return '\v';
    case 78: // N
      return '\u0085';
    case 95: // _
      return '\u00a0';
    case 76: // L
      return '\u2028';
    case 80: // P
      return '\u2029';
    case SPACE:
      return ' ';
    case DQUOTE:
      return '"';
    case 47: // /
      return '/';
    case BACKSLASH:
      return '\\';
    case TAB:
      return '\t';
    default:
      return undefined;
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Double-quoted content [cs, ce), following the `yaml` library's reading of escapes and folding. */
function decodeDouble(text: string, cs: number, ce: number, out: Builder): boolean {
  let i = cs;
  while (i < ce) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 >= ce) return false;
      const nx = text.charCodeAt(i + 1);
      const simple = simpleEscape(nx);
      if (simple !== undefined) {
        out.emit(simple, i, i + 2);
        i += 2;
      } else if (nx === LF || (nx === CR && text.charCodeAt(i + 2) === LF)) {
        // escaped line break: nothing decoded; the next line's leading white space is dropped
        i += nx === LF ? 2 : 3;
        let d = text.charCodeAt(i);
        while (i < ce && (d === SPACE || d === TAB)) d = text.charCodeAt(++i);
      } else if (nx === 120 || nx === 117 || nx === 85) {
        const len = nx === 120 ? 2 : nx === 117 ? 4 : 8;
        const stop = i + 2 + len;
        if (stop > ce) return false;
        let cp = 0;
        for (let k = i + 2; k < stop; k++) {
          const h = hexDigit(text.charCodeAt(k));
          if (h < 0) return false;
          cp = cp * 16 + h;
        }
        if (cp > 0x10ffff) return false;
        out.emit(String.fromCodePoint(cp), i, stop);
        i = stop;
      } else {
        return false; // invalid escape (a parse error)
      }
    } else if (c === LF || (c === CR && text.charCodeAt(i + 1) === LF)) {
      // fold: trailing white space was dropped already; skip the next lines' leading white space
      const brk = i;
      let j = c === CR ? i + 2 : i + 1;
      let extra = false;
      while (j < ce) {
        const d = text.charCodeAt(j);
        if (d === SPACE || d === TAB) j++;
        else if (d === LF) {
          out.newline(j);
          extra = true;
          j++;
        } else if (d === CR && text.charCodeAt(j + 1) === LF) {
          out.newline(j);
          extra = true;
          j += 2;
        } else break;
      }
      if (!extra) out.emit(' ', brk, breakEnd(text, brk));
      i = j;
    } else if (c === SPACE || c === TAB) {
      let j = i + 1;
      let d = text.charCodeAt(j);
      while (j < ce && (d === SPACE || d === TAB)) d = text.charCodeAt(++j);
      // white space before a line break is trimmed
      if (!(j < ce && (d === LF || (d === CR && text.charCodeAt(j + 1) === LF)))) out.run(i, j);
      i = j;
    } else {
      let j = i + 1;
      while (j < ce) {
        const d = text.charCodeAt(j);
        if (d === BACKSLASH || d === LF || d === CR || d === SPACE || d === TAB) break;
        j++;
      }
      out.run(i, j);
      i = j;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// block scalars

interface BlockHeader {
  folded: boolean;
  /** 0 = clip, MINUS = strip, PLUS = keep */
  chomp: number;
  /** explicit indentation indicator, 0 when auto-detected */
  explicit: number;
  /** end of the indicator characters (the header token) */
  headerEnd: number;
  /** start of the content (after the header line's line break) */
  contentStart: number;
}

function parseBlockHeader(text: string, hs: number, end: number): BlockHeader | null {
  const mode = text.charCodeAt(hs);
  if (mode !== PIPE && mode !== GT) return null;
  let p = hs + 1;
  let chomp = 0;
  let explicit = 0;
  for (let k = 0; k < 2 && p < end; k++) {
    const c = text.charCodeAt(p);
    if (chomp === 0 && (c === MINUS || c === PLUS)) chomp = c;
    else if (explicit === 0 && c >= 49 && c <= 57) explicit = c - 48;
    else break;
    p++;
  }
  const headerEnd = p;
  let c = text.charCodeAt(p);
  if (p < end && (c === SPACE || c === TAB)) {
    while (p < end && (c === SPACE || c === TAB)) c = text.charCodeAt(++p);
    if (p < end && c === HASH) {
      const nl = findLF(text, p, end);
      p = nl === -1 ? end : nl;
      c = text.charCodeAt(p);
    }
  }
  if (p >= end) return { folded: mode === GT, chomp, explicit, headerEnd, contentStart: end };
  if (c === CR && text.charCodeAt(p + 1) === LF) p++;
  if (text.charCodeAt(p) !== LF) return null;
  return { folded: mode === GT, chomp, explicit, headerEnd, contentStart: p + 1 };
}

/**
 * The indentation the `yaml` library gives a block scalar's token (its parent's indentation), which an
 * explicit indentation indicator is relative to: the column of the key on the header's line, or of the
 * innermost `- `, `? ` or `: ` indicator when the header follows one directly. When the header starts its
 * line, the same is read from the previous line that is not blank or a comment (0 at the top).
 */
function inferParentIndent(text: string, hs: number): number {
  let ls = lineStart(text, hs);
  const own = indicatorIndent(text, ls, hs);
  if (own !== null) return own;
  while (ls > 0) {
    const le = text.charCodeAt(ls - 2) === CR ? ls - 2 : ls - 1;
    ls = lineStart(text, le);
    let p = ls;
    while (p < le && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
    if (p === le || text.charCodeAt(p) === HASH) continue;
    return indicatorIndent(text, ls, le) ?? p - ls;
  }
  return 0;
}

function lineStart(text: string, at: number): number {
  let ls = at;
  while (ls > 0 && text.charCodeAt(ls - 1) !== LF) ls--;
  return ls;
}

/** On the line part [ls, stop): column of the first key, else of the innermost indicator, else null. */
function indicatorIndent(text: string, ls: number, stop: number): number | null {
  let p = ls;
  while (p < stop && text.charCodeAt(p) === SPACE) p++;
  let indent: number | null = null;
  while (p < stop) {
    const c = text.charCodeAt(p);
    const next = p + 1 < stop ? text.charCodeAt(p + 1) : SPACE;
    if (!((c === MINUS || c === QUESTION || c === COLON) && (next === SPACE || next === TAB || next === CR)))
      break;
    indent = p - ls;
    p++;
    let d = text.charCodeAt(p);
    while (p < stop && (d === SPACE || d === TAB)) d = text.charCodeAt(++p);
  }
  return p < stop ? p - ls : indent;
}

/**
 * Block scalar content [cs, end). Lines are `indentation + content`; the indentation (trimIndent) is
 * explicit or that of the first non-empty line. Empty lines (only spaces, at most trimIndent) separate
 * content lines; "spaced" lines (more indented or starting with a tab) keep their extra indentation and,
 * in folded scalars, the line breaks around them (YAML 1.2, 8.1.3).
 */
function decodeBlock(
  text: string,
  h: BlockHeader,
  end: number,
  parentIndent: number | null,
  out: Builder,
): boolean {
  const cs = h.contentStart;
  // find the first non-empty line: it sets the indentation when there is no indicator
  let firstIndent = -1;
  for (let p = cs; p < end;) {
    let q = p;
    while (q < end && text.charCodeAt(q) === SPACE) q++;
    if (q >= end) break;
    const c = text.charCodeAt(q);
    if (c === LF) p = q + 1;
    else if (c === CR && (q + 1 >= end || text.charCodeAt(q + 1) === LF)) p = q + 2;
    else {
      firstIndent = q - p;
      break;
    }
  }

  if (firstIndent === -1) {
    // no content: only keep chomping produces newlines, one per line break (at least one)
    if (h.chomp !== PLUS || cs >= end) return true;
    let any = false;
    for (let nl = findLF(text, cs, end); nl !== -1; nl = findLF(text, nl + 1, end)) {
      out.newline(nl > cs && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl);
      any = true;
    }
    if (!any) out.emit('\n', end, end);
    return true;
  }

  let trimIndent: number;
  if (h.explicit > 0) {
    if (parentIndent === null) return false;
    trimIndent = parentIndent + h.explicit;
  } else trimIndent = firstIndent;

  const NONE = 0;
  const TEXT = 1;
  const SPACED = 2;
  let prev = NONE;
  const pending: number[] = []; // line breaks since the last content line
  let ls = cs;
  while (true) {
    const nl = findLF(text, ls, end);
    const last = nl === -1;
    const le = last ? end : nl;
    let ce = le;
    if (ce > ls && text.charCodeAt(ce - 1) === CR) ce--;
    let q = ls;
    while (q < ce && text.charCodeAt(q) === SPACE) q++;
    const indent = q - ls;
    const hasContent = q < ce;
    if (!hasContent && indent <= trimIndent) {
      if (!last) pending.push(ce);
    } else {
      let from: number;
      let spaced: boolean;
      if (hasContent && indent < trimIndent) {
        // less indented than the block (the library reports an error and keeps the content)
        from = q;
        spaced = text.charCodeAt(q) === TAB;
      } else {
        from = ls + trimIndent;
        spaced = indent > trimIndent || text.charCodeAt(q) === TAB;
      }
      const k = pending.length;
      if (h.folded && prev === TEXT && !spaced) {
        if (k === 1) out.emit(' ', pending[0] as number, breakEnd(text, pending[0] as number));
        else for (let j = 1; j < k; j++) out.newline(pending[j] as number);
      } else {
        for (let j = 0; j < k; j++) out.newline(pending[j] as number);
      }
      out.run(from, ce);
      prev = spaced ? SPACED : TEXT;
      pending.length = 0;
      if (!last) pending.push(ce);
    }
    if (last) break;
    ls = nl + 1;
  }

  if (h.chomp === PLUS) {
    for (let j = 0; j < pending.length; j++) out.newline(pending[j] as number);
    if (pending.length === 0) out.emit('\n', end, end);
  } else if (h.chomp === 0) {
    if (pending.length > 0) out.newline(pending[0] as number);
    else out.emit('\n', end, end);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// entry points

interface Decoded {
  out: Builder;
  emptyAt: number;
  header: BlockHeader | null;
}

function decode(
  text: string,
  start: number,
  end: number,
  style: Scalar.Type,
  parentIndent: number | null,
): Decoded | null {
  if (!(start >= 0 && end >= start && end <= text.length)) return null;
  const out = new Builder(text);
  switch (style) {
    case 'PLAIN':
      return decodeFolding(text, start, end, out, false) ? { out, emptyAt: start, header: null } : null;
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      const q = style === 'QUOTE_SINGLE' ? SQUOTE : DQUOTE;
      if (end - start < 2 || text.charCodeAt(start) !== q || text.charCodeAt(end - 1) !== q) return null;
      const ok =
        q === SQUOTE
          ? decodeFolding(text, start + 1, end - 1, out, true)
          : decodeDouble(text, start + 1, end - 1, out);
      return ok ? { out, emptyAt: start + 1, header: null } : null;
    }
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const header = parseBlockHeader(text, start, end);
      if (!header || header.folded !== (style === 'BLOCK_FOLDED')) return null;
      const indent = parentIndent ?? (header.explicit > 0 ? inferParentIndent(text, start) : 0);
      return decodeBlock(text, header, end, indent, out)
        ? { out, emptyAt: header.contentStart, header }
        : null;
    }
    default:
      return null;
  }
}

function exactMap(d: Decoded, value: string, whole: Span): ScalarMap {
  return new ExactMap(value, d.out.segments(), d.emptyAt, whole);
}

function isStyle(style: unknown): style is Scalar.Type {
  return (
    style === 'PLAIN' ||
    style === 'QUOTE_SINGLE' ||
    style === 'QUOTE_DOUBLE' ||
    style === 'BLOCK_LITERAL' ||
    style === 'BLOCK_FOLDED'
  );
}

const ignoreErrors = (): void => undefined;

/**
 * Maps a scalar parsed from `text` (with `keepSourceTokens: true`, so that `node.srcToken` carries the
 * block scalar indentation; without it the indentation is inferred and still checked against the value).
 */
export function mapScalar(text: string, node: Scalar): ScalarMap {
  const range = node.range;
  const tok = node.srcToken;
  let libValue: string | null = null;
  if (typeof node.value === 'string') libValue = node.value;
  else if (typeof node.source === 'string') libValue = node.source;
  else if (
    tok &&
    (tok.type === 'block-scalar' || tok.type === 'scalar' || tok.type.endsWith('quoted-scalar'))
  )
    libValue = CST.resolveAsScalar(tok, false, ignoreErrors)?.value ?? null;
  if (!range) return new FallbackMap(libValue ?? '', { start: 0, end: 0 });
  const start = range[0];
  const end = range[1];
  const whole = { start, end };
  const fallback = (): ScalarMap => new FallbackMap(libValue ?? '', whole);
  if (libValue === null || !isStyle(node.type)) return fallback();
  // a string `source` must agree with a string `value` (a mutated node is not trusted)
  if (typeof node.source === 'string' && node.source !== libValue) return fallback();

  let parentIndent: number | null = null;
  if (tok) {
    if (tok.offset !== start) return fallback();
    if (tok.type === 'block-scalar') {
      parentIndent = tok.indent;
      if (end - tok.source.length < start || !text.startsWith(tok.source, end - tok.source.length))
        return fallback();
    } else if (
      tok.type === 'scalar' ||
      tok.type === 'single-quoted-scalar' ||
      tok.type === 'double-quoted-scalar'
    ) {
      if (tok.source.length !== end - start || !text.startsWith(tok.source, start)) return fallback();
    } else return fallback();
  }
  const d = decode(text, start, end, node.type, parentIndent);
  if (!d) return fallback();
  if (tok?.type === 'block-scalar' && d.header && d.header.contentStart !== end - tok.source.length)
    return fallback();
  const value = d.out.value();
  if (value !== libValue || value.length !== d.out.n) return fallback();
  return exactMap(d, value, whole);
}

/**
 * Maps the raw scalar source text[start, end) of the given style, e.g. a scalar found by parsing an
 * already decoded value again. The decoded value is checked against the `yaml` library's own decoding of
 * the same source. For block scalars with an explicit indentation indicator, `parentIndent` (the
 * indentation of the block scalar's parent, as in the library's token) is inferred from the text before
 * the header when not given. Returns null for an unknown style.
 */
export function mapScalarSource(
  text: string,
  start: number,
  end: number,
  style: Scalar.Type,
  parentIndent?: number,
): ScalarMap | null {
  if (!isStyle(style)) return null;
  const whole = { start, end };
  if (!(start >= 0 && end >= start && end <= text.length)) return new FallbackMap('', whole);
  const d = decode(text, start, end, style, parentIndent ?? null);
  const libValue = libraryDecode(text, start, end, style, d?.header ?? null, parentIndent);
  if (!d || libValue === null) return new FallbackMap(libValue ?? text.slice(start, end), whole);
  const value = d.out.value();
  if (value !== libValue || value.length !== d.out.n) return new FallbackMap(libValue, whole);
  return exactMap(d, value, whole);
}

/** The library's decoding of a raw scalar source, through a CST token built for it. */
function libraryDecode(
  text: string,
  start: number,
  end: number,
  style: Scalar.Type,
  header: BlockHeader | null,
  parentIndent: number | undefined,
): string | null {
  const source = text.slice(start, end);
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    if (!header) return null;
    const indent = parentIndent ?? (header.explicit > 0 ? inferParentIndent(text, start) : 0);
    const token: CST.BlockScalar = {
      type: 'block-scalar',
      offset: start,
      indent,
      props: [
        { type: 'block-scalar-header', offset: start, indent, source: text.slice(start, header.headerEnd) },
        {
          type: 'newline',
          offset: header.headerEnd,
          indent,
          source: text.slice(header.headerEnd, header.contentStart),
        },
      ],
      source: text.slice(header.contentStart, end),
    };
    return CST.resolveAsScalar(token, false, ignoreErrors).value;
  }
  const type =
    style === 'PLAIN' ? 'scalar' : style === 'QUOTE_SINGLE' ? 'single-quoted-scalar' : 'double-quoted-scalar';
  const token: CST.FlowScalar = { type, offset: start, indent: 0, source, end: [] };
  return CST.resolveAsScalar(token, false, ignoreErrors).value;
}
