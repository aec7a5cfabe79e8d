// The embedded `objects` string as completion sees it: a "view" of its lines, a cursor in that view,
// and edits of the view turned into edits of the file. For block scalars (`|`, `>`) the view is the
// file's own lines without the block's indentation; for quoted and plain scalars it is the decoded
// string, and the cursor is found by inverting the scalar's source map (monotonic, so a binary search).
// Edits that cannot be written exactly in the scalar's style are dropped: a literal block takes any
// text; a folded block must still read the same folded as it would literal; quoted and plain scalars
// are re-decoded and compared with the intended value.
import { isScalar, type Scalar } from 'yaml';
import type { PlacedDoc } from '../core/analyze';
import type { ClassModel, ObjectsModel } from '../core/model';
import { mapScalarSource, type ScalarMap } from '../core/scalar-map';
import type { LineIndex } from '../core/text';
import type { Span } from '../core/types';
import { hasControl } from './completion-types';
import { stringLines, type Lines } from './completion-yaml';

export interface TextEdit {
  /** absolute offsets in the file */
  span: Span;
  newText: string;
}

export interface ObjectsSite {
  /** the view's lines */
  lines: Lines;
  /** the cursor in the view */
  line: number;
  col: number;
  style: Scalar.Type;
  /** snippet syntax can be used in edits (block scalars: the text is inserted verbatim) */
  snippets: boolean;
  /**
   * The view is the file's own text (a literal block): absolute offset of a column of the cursor's
   * line, and the outer indentation of a view column. Undefined for other styles.
   */
  verbatim?: { offset(col: number): number; indent(col: number): string; lineEnd: number; eol: string };
  /**
   * An edit replacing columns [from, to) of the cursor's view line with `text` (whose line breaks
   * are followed by view indentation). `snippet` is the same text in snippet syntax. Undefined when
   * the text cannot be written exactly in this scalar.
   */
  edit(
    from: number,
    to: number,
    text: string,
    snippet?: string,
  ): { edit: TextEdit; snippet: boolean } | undefined;
}

/** What completion should do at an offset with respect to `objects`. */
export type ObjectsAt = { kind: 'site'; site: ObjectsSite } | { kind: 'nothing' } | undefined;

/** Smallest decoded index whose source offset is >= `rel`; exact when it maps to `rel` itself. */
export function innerIndexOf(map: ScalarMap, rel: number): { index: number; exact: boolean } {
  const n = map.value.length;
  let lo = 0;
  let hi = n + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (map.toSource(mid) >= rel) hi = mid;
    else lo = mid + 1;
  }
  return { index: lo, exact: lo <= n && map.toSource(lo) === rel };
}

const innerLinesMemo = new WeakMap<ObjectsModel, ReturnType<typeof stringLines>>();

function innerLines(o: ObjectsModel): ReturnType<typeof stringLines> {
  let l = innerLinesMemo.get(o);
  if (!l) {
    l = stringLines(o.text);
    innerLinesMemo.set(o, l);
  }
  return l;
}

function isBlank(s: string): boolean {
  return /^[ \t]*$/.test(s);
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  return i;
}

interface FileLines {
  text: string;
  lines: LineIndex;
  eol: string;
}

function lineText(f: FileLines, line: number): string {
  const start = f.lines.lineStarts[line] ?? f.text.length;
  return f.text.slice(start, f.lines.lineEnd(line));
}

/** Double-quoted YAML text for a decoded string (no line folding: breaks become `\n`). */
function encodeDouble(s: string): string | undefined {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) return undefined;
    else out += ch;
  }
  return out;
}

function encodeFlow(style: Scalar.Type, s: string): string | undefined {
  if (style === 'QUOTE_DOUBLE') return encodeDouble(s);
  if (hasControl(s)) return undefined;
  if (style === 'QUOTE_SINGLE') return s.replace(/'/g, "''");
  return s; // plain: checked by decoding
}

/**
 * Finds whether `offset` (absolute) is inside the class's `objects` string, and if so the view and
 * cursor. `nothing` means: inside the block but where no edit can be right (e.g. left of the block's
 * indentation between its lines).
 */
export function objectsAt(file: FileLines, pd: PlacedDoc, cls: ClassModel, offset: number): ObjectsAt {
  const o = cls.objects;
  const node = o?.value.node;
  if (!o || !node || !isScalar(node) || o.facts.templated) return undefined;
  const map = o.map;
  if (!map) return undefined;
  const style = (node as Scalar).type;
  if (!style) return undefined;
  const base = pd.base;
  const vs = o.value.span.start + base;
  const ve = o.value.span.end + base;
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') {
    if (!map.exact) return offset > vs && offset <= ve ? { kind: 'nothing' } : undefined;
    return blockSite(file, pd, cls, o, map, style, offset);
  }
  if (offset <= vs || offset >= ve) return undefined;
  if (!map.exact) return { kind: 'nothing' };
  const { index, exact } = innerIndexOf(map, offset - base);
  if (!exact) return { kind: 'nothing' };
  const il = innerLines(o);
  let line = 0;
  let lo = 0;
  let hi = il.starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((il.starts[mid] as number) <= index) {
      line = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  const col = index - (il.starts[line] as number);
  const inner = o.text;
  const site: ObjectsSite = {
    lines: il,
    line,
    col,
    style,
    snippets: false,
    edit(from, to, text) {
      const ls = il.starts[line] as number;
      const is = ls + from;
      const ie = ls + to;
      const encoded = encodeFlow(style, text);
      if (encoded === undefined || ie > inner.length) return undefined;
      const a = map.toSource(is);
      const b = map.toSource(ie);
      if (map.toSource(is) !== a || b < a) return undefined;
      const expected = inner.slice(0, is) + text + inner.slice(ie);
      const docText = pd.model.text;
      const newDoc = docText.slice(0, a) + encoded + docText.slice(b);
      const delta = encoded.length - (b - a);
      const r = mapScalarSource(newDoc, o.value.span.start, o.value.span.end + delta, style);
      if (!r || r.value !== expected) return undefined;
      return { edit: { span: { start: a + base, end: b + base }, newText: encoded }, snippet: false };
    },
  };
  return { kind: 'site', site };
}

function blockSite(
  file: FileLines,
  pd: PlacedDoc,
  cls: ClassModel,
  o: ObjectsModel,
  map: ScalarMap,
  style: 'BLOCK_LITERAL' | 'BLOCK_FOLDED',
  offset: number,
): ObjectsAt {
  const base = pd.base;
  const vs = o.value.span.start + base;
  const ve = o.value.span.end + base;
  const headerLine = file.lines.positionAt(vs).line;
  const pos = file.lines.positionAt(offset);
  if (pos.line <= headerLine) return undefined;
  const docEnd = base + pd.model.text.length;
  const lastScalarLine = file.lines.positionAt(Math.max(vs, ve - 1)).line;
  const cursorLine = lineText(file, pos.line);
  const prefix = cursorLine.slice(0, pos.character);
  const keyIndent = file.lines.positionAt(o.value.keySpan.start + base).character;

  // Beyond the scalar: only trailing blank lines may separate it from the cursor line.
  if (pos.line > lastScalarLine) {
    if (offset > docEnd) return undefined;
    for (let l = lastScalarLine + 1; l < pos.line; l++) if (!isBlank(lineText(file, l))) return undefined;
  }

  // The block's content indentation: from its first non-space character, else from the cursor.
  let ci: number | undefined;
  const inner = o.text;
  const firstChar = inner.search(/[^ \n]/);
  if (firstChar >= 0) {
    const innerCol = firstChar - (inner.lastIndexOf('\n', firstChar - 1) + 1);
    ci = file.lines.positionAt(map.toSource(firstChar) + base).character - innerCol;
  } else if (isBlank(prefix) && prefix.length > keyIndent) {
    ci = prefix.length;
  }
  if (ci === undefined || ci <= keyIndent) return undefined;

  const contentIndent = leadingSpaces(cursorLine);
  const lineHasContent = !isBlank(cursorLine);
  if (lineHasContent && contentIndent < ci) return undefined; // a line of the parent mapping
  if (pos.character < ci) {
    if (!isBlank(prefix)) return undefined;
    // Left of the block's indentation: between lines of the block nothing fits; after its last line,
    // the cursor is back in the parameters mapping.
    if (lineHasContent || pos.line < lastScalarLine) return { kind: 'nothing' };
    for (let l = pos.line + 1; l <= lastScalarLine; l++)
      if (!isBlank(lineText(file, l))) return { kind: 'nothing' };
    return undefined;
  }

  const firstLine = headerLine + 1;
  const lastLine = Math.max(lastScalarLine, pos.line);
  const lines: Lines = {
    first: 0,
    last: lastLine - firstLine,
    get(i: number): string {
      const t = lineText(file, firstLine + i);
      return t.length <= ci ? (isBlank(t) ? '' : t.slice(ci)) : t.slice(ci);
    },
  };
  const lineStart = file.lines.lineStarts[pos.line] as number;
  const lineEnd = file.lines.lineEnd(pos.line);
  const pad = '\n'.concat(' '.repeat(ci));
  const site: ObjectsSite = {
    lines,
    line: pos.line - firstLine,
    col: pos.character - ci,
    style,
    snippets: true,
    ...(style === 'BLOCK_LITERAL'
      ? {
          verbatim: {
            offset: (c: number) => lineStart + ci + c,
            indent: (c: number) => ' '.repeat(ci + c),
            lineEnd,
            eol: file.eol,
          },
        }
      : {}),
    edit(from, to, text, snippet) {
      const a = lineStart + ci + from;
      const b = lineStart + ci + to;
      if (a > lineEnd || b > lineEnd || b < a) return undefined;
      const encode = (s: string): string => s.replace(/\n/g, pad).replace(/\n/g, file.eol);
      const plain = encode(text);
      if (hasControl(text, true)) return undefined;
      if (style === 'BLOCK_FOLDED' && !foldsLikeLiteral(file.text, a, b, plain, ci)) return undefined;
      return {
        edit: { span: { start: a, end: b }, newText: snippet !== undefined ? encode(snippet) : plain },
        snippet: snippet !== undefined,
      };
    },
  };
  return { kind: 'site', site };
}

/**
 * After replacing [a, b) (document offsets) with `text`, do the lines around the edit read the same
 * folded as literal (as the user sees them)? Folding only joins a line with its neighbours, so the
 * edited lines and the nearest non-blank line on each side, re-indented under a `>1` / `|1` header,
 * decide it; the rest of the block is untouched.
 */
function foldsLikeLiteral(docText: string, a: number, b: number, text: string, ci: number): boolean {
  const isBlankLine = (from: number, to: number): boolean => /^[ \t\r]*$/.test(docText.slice(from, to));
  // one non-blank line before the edit (or the edit's own line start)
  let start = docText.lastIndexOf('\n', a - 1) + 1;
  while (start > 0) {
    const prev = docText.lastIndexOf('\n', start - 2) + 1;
    const blank = isBlankLine(prev, start - 1);
    start = prev;
    if (!blank) break;
  }
  // one non-blank line after it
  let end = docText.indexOf('\n', b);
  end = end === -1 ? docText.length : end;
  while (end < docText.length) {
    const next = docText.indexOf('\n', end + 1);
    const stop = next === -1 ? docText.length : next;
    const blank = isBlankLine(end + 1, stop);
    end = stop;
    if (!blank) break;
  }
  const lines: string[] = [];
  for (const raw of (docText.slice(start, a) + text + docText.slice(b, end)).split('\n')) {
    const l = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (l.length <= ci && /^[ \t]*$/.test(l)) lines.push('');
    else if (/^ *$/.test(l.slice(0, ci)) && l.length > ci) lines.push(' ' + l.slice(ci));
    else lines.push(''); // a line of the parent mapping: not part of the block
  }
  const body = lines.join('\n') + '\n';
  const folded = mapScalarSource('>1\n' + body, 0, body.length + 3, 'BLOCK_FOLDED', 0);
  const literal = mapScalarSource('|1\n' + body, 0, body.length + 3, 'BLOCK_LITERAL', 0);
  return !!folded && !!literal && folded.value === literal.value;
}
