// Where a cursor is in block YAML, read from indentation alone. While the user types, the line under
// the cursor is rarely valid YAML (`objectTy`, `- `, `path: "ap`), so the parse says little about it;
// the lines above it (and the keys below it) say which mapping or list the cursor belongs to.
// Pure and line based: the caller supplies the lines (of a document, or of the `objects` string).

export interface Lines {
  /** index of the first line of the region */
  first: number;
  /** index of the last line of the region */
  last: number;
  /** a line's text, without its line break */
  get(i: number): string;
}

export interface LineInfo {
  /** empty, whitespace, a comment, or a document marker */
  blank: boolean;
  /** column of the first non-space character */
  indent: number;
  /** columns of the leading `- ` indicators */
  dashes: number[];
  /** column of the content after the indicators */
  keyCol: number;
  /** the key, unquoted, when the content is `key:` or `key: value` */
  key?: string;
  /** the value after `key:`, trimmed, without a trailing comment ('' when none) */
  value?: string;
}

const KEY =
  /^(?:"((?:[^"\\]|\\.)*)"|'((?:[^']|'')*)'|([^\s"'#{}[\],&*!|>%@`?:-][^#:]*?|-[^\s#:][^#:]*?))[ \t]*:(?=[ \t]|$)/;

/** Strips a trailing ` # comment` from a value (outside quotes). */
export function stripComment(value: string): string {
  const v = value.trim();
  if (v.startsWith('"')) {
    const m = /^"(?:[^"\\]|\\.)*"/.exec(v);
    return m ? m[0] : v;
  }
  if (v.startsWith("'")) {
    const m = /^'(?:[^']|'')*'/.exec(v);
    return m ? m[0] : v;
  }
  const hash = /(^|[ \t])#/.exec(v);
  return (hash ? v.slice(0, hash.index) : v).trim();
}

export function lineInfo(s: string): LineInfo {
  let p = 0;
  while (p < s.length && s.charCodeAt(p) === 32) p++;
  const indent = p;
  const rest = s.slice(p);
  if (rest === '' || rest.startsWith('#') || /^(?:---|\.\.\.)(?:\s|$)/.test(s) || /^\s*$/.test(rest))
    return { blank: true, indent, dashes: [], keyCol: indent };
  const dashes: number[] = [];
  while (s[p] === '-' && (p + 1 === s.length || s[p + 1] === ' ')) {
    dashes.push(p);
    p++;
    while (s[p] === ' ') p++;
  }
  const info: LineInfo = { blank: false, indent, dashes, keyCol: p };
  const m = KEY.exec(s.slice(p));
  if (m) {
    info.key = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2].replace(/''/g, "'") : (m[3] ?? '');
    info.value = stripComment(s.slice(p + m[0].length));
  }
  return info;
}

export interface YamlCursor {
  /** keys from the root to the mapping the cursor's key belongs to; `-` stands for a list item */
  path: string[];
  mode: 'key' | 'value';
  /** column where the key starts (after any `- `) */
  keyCol: number;
  /** key mode: the word typed so far */
  prefix: string;
  /** the line starts a new list item (`- ` or a bare `-` before the cursor) */
  dash: boolean;
  /** column of that `-` */
  dashCol: number;
  /** the cursor follows a `-` with no space after it yet */
  bareDash: boolean;
  /**
   * key mode without a dash, at the column of a list's `- ` indicators: a new item could start here
   * (path is then the list's path, not an item's)
   */
  itemPosition: boolean;
  /** value mode: the key */
  key?: string;
  /** value mode: column where the value starts (the cursor when nothing is typed yet) */
  valueCol: number;
  /** value mode: column where the value ends on the line (before any comment) */
  valueEnd: number;
  /** value mode: the value typed so far, up to the cursor */
  valueText: string;
  /** value mode: the cursor directly follows the colon (a space must be inserted) */
  needSpace: boolean;
  /** other keys of the same mapping (above and below the cursor line), key -> value as written */
  siblings: Map<string, string>;
}

type PathResult = string[] | undefined;

/** A `- ` (or a lone `-`) list indicator at column `i`. */
function isDashAt(s: string, i: number): boolean {
  return s.charCodeAt(i) === 45 && (i + 1 === s.length || s[i + 1] === ' ');
}

/** Indentation of a line, or -1 for a blank or comment line (cheap: no full parse). */
function quickIndent(s: string): number {
  let p = 0;
  while (p < s.length && s.charCodeAt(p) === 32) p++;
  if (p === s.length) return -1;
  const c = s.charCodeAt(p);
  if (c === 35 /* # */) return -1;
  if (c === 9 || c === 13) return /^[ \t\r]*$/.test(s) ? -1 : p;
  return p;
}

function parentOf(lines: Lines, i: number, info: LineInfo): PathResult {
  const d = info.dashes;
  if (d.length > 0) {
    const seq = seqPath(lines, i, d[d.length - 1] as number);
    return seq && [...seq, '-'];
  }
  return mapPath(lines, i, info.keyCol, undefined);
}

/** Path of the list whose `- ` indicators sit at column `dashCol`, looking above line `from`. */
function seqPath(lines: Lines, from: number, dashCol: number): PathResult {
  for (let i = from - 1; i >= lines.first; i--) {
    const text = lines.get(i);
    const ind = quickIndent(text);
    if (ind < 0 || ind > dashCol) continue;
    if (ind === dashCol && isDashAt(text, ind)) continue; // an earlier item
    const info = lineInfo(text);
    if (info.blank || info.indent > dashCol) continue;
    if (info.indent === dashCol && info.dashes[0] === dashCol) continue; // an earlier item
    if (info.key !== undefined && info.value === '' && info.keyCol <= dashCol) {
      const p = parentOf(lines, i, info);
      return p && [...p, info.key];
    }
    if (info.indent < dashCol && info.key === undefined && info.dashes.length > 0) {
      const last = info.dashes[info.dashes.length - 1] as number;
      if (last < dashCol && info.keyCol >= lines.get(i).length) {
        const p = seqPath(lines, i, last);
        return p && [...p, '-'];
      }
    }
    return undefined;
  }
  return [];
}

/**
 * Path of the mapping whose keys sit at column `col`, looking above line `from`; collects the keys
 * met on the way into `siblings`.
 */
function mapPath(
  lines: Lines,
  from: number,
  col: number,
  siblings: Map<string, string> | undefined,
): PathResult {
  for (let i = from - 1; i >= lines.first; i--) {
    const text = lines.get(i);
    const ind = quickIndent(text);
    if (ind < 0 || ind > col) continue; // blank, or deeper (a key at `col` is never indented more)
    if (ind === col && isDashAt(text, ind)) continue; // an item of a sibling key's compact list
    const info = lineInfo(text);
    if (info.blank) continue;
    if (info.keyCol === col && info.key !== undefined) {
      siblings?.set(info.key, info.value ?? '');
      const d = info.dashes;
      if (d.length > 0) {
        const seq = seqPath(lines, i, d[d.length - 1] as number);
        return seq && [...seq, '-'];
      }
      continue;
    }
    if (info.dashes.length > 0 && info.key === undefined && info.keyCol >= text.length) {
      // a bare `-` line: its item's keys follow on the next lines
      const last = info.dashes[info.dashes.length - 1] as number;
      if (last < col) {
        const seq = seqPath(lines, i, last);
        return seq && [...seq, '-'];
      }
    }
    if (info.indent > col) continue;
    if (info.keyCol < col && info.key !== undefined && info.value === '') {
      const p = parentOf(lines, i, info);
      return p && [...p, info.key];
    }
    return undefined;
  }
  return [];
}

function siblingsBelow(lines: Lines, from: number, col: number, into: Map<string, string>): void {
  for (let i = from + 1; i <= lines.last; i++) {
    const text = lines.get(i);
    const ind = quickIndent(text);
    if (ind < 0 || ind > col || (ind === col && isDashAt(text, ind))) continue;
    const info = lineInfo(text);
    if (info.blank || info.indent > col) continue;
    if (info.dashes.length === 0 && info.keyCol === col && info.key !== undefined) {
      into.set(info.key, info.value ?? '');
      continue;
    }
    return;
  }
}

const WORD = /^[A-Za-z0-9_./-]*$/;

/**
 * What the cursor at (line, col) is typing: a key of some mapping, or the value of a key. Undefined
 * where neither applies (inside a comment, a flow collection, a block scalar of another key, after a
 * complete value on a line we do not understand, tabs in the indentation).
 */
export function cursorContext(lines: Lines, line: number, col: number): YamlCursor | undefined {
  if (line < lines.first || line > lines.last) return undefined;
  const s = lines.get(line);
  const c = Math.min(Math.max(col, 0), s.length);
  const prefix = s.slice(0, c);
  let p = 0;
  while (p < prefix.length && prefix.charCodeAt(p) === 32) p++;
  if (prefix[p] === '\t') return undefined;
  let dash = false;
  let dashCol = -1;
  let bareDash = false;
  if (prefix[p] === '-' && (p + 1 === prefix.length || prefix[p + 1] === ' ')) {
    dash = true;
    dashCol = p;
    bareDash = p + 1 === prefix.length;
    p++;
    while (prefix[p] === ' ') p++;
    if (prefix[p] === '-' && (p + 1 === prefix.length || prefix[p + 1] === ' ')) return undefined; // `- - x`
  }
  const keyCol = p;
  const rest = prefix.slice(p);
  const base: YamlCursor = {
    path: [],
    mode: 'key',
    keyCol,
    prefix: '',
    dash,
    dashCol,
    bareDash,
    itemPosition: false,
    valueCol: c,
    valueEnd: c,
    valueText: '',
    needSpace: false,
    siblings: new Map(),
  };
  if (!bareDash && WORD.test(rest) && !rest.startsWith('-')) {
    base.prefix = rest;
  } else if (!bareDash) {
    const m = KEY.exec(rest);
    if (!m) return undefined;
    const key = m[1] !== undefined ? m[1] : m[2] !== undefined ? m[2] : (m[3] ?? '');
    const after = rest.slice(m[0].length);
    const ws = /^[ \t]*/.exec(after)?.[0] ?? '';
    const typed = after.slice(ws.length);
    if (/^[|>[{&*!]/.test(typed) || /(^|\s)#/.test(typed)) return undefined;
    if (/^"(?:[^"\\]|\\.)*"./.test(typed) || /^'(?:[^']|'')*'./.test(typed)) return undefined; // after a closed quote
    base.mode = 'value';
    base.key = key;
    base.valueCol = keyCol + m[0].length + ws.length;
    base.valueText = typed;
    base.needSpace = ws.length === 0;
    const whole = stripComment(s.slice(base.valueCol));
    base.valueEnd = Math.max(c, base.valueCol + whole.length);
  } else {
    base.prefix = '';
  }

  const siblings = base.siblings;
  let path: PathResult;
  if (dash) {
    const seq = seqPath(lines, line, dashCol);
    path = seq && [...seq, '-'];
  } else {
    // a line at the column of a list's indicators: a new item (without its `- ` yet)
    for (let i = line - 1; i >= lines.first; i--) {
      const info = lineInfo(lines.get(i));
      if (info.blank || info.indent > keyCol) continue;
      if (info.indent === keyCol && info.dashes[0] === keyCol && base.mode === 'key') {
        base.itemPosition = true;
        path = seqPath(lines, i + 1, keyCol);
        if (!path) return undefined;
        base.path = path;
        return base;
      }
      break;
    }
    path = mapPath(lines, line, keyCol, siblings);
  }
  if (!path) return undefined;
  base.path = path;
  siblingsBelow(lines, line, keyCol, siblings);
  return base;
}

/** Lines of a string (split at \n, a trailing \r dropped), as a region for cursorContext. */
export function stringLines(text: string): Lines & { starts: number[] } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    first: 0,
    last: starts.length - 1,
    starts,
    get(i: number): string {
      const a = starts[i] ?? text.length;
      let b = i + 1 < starts.length ? (starts[i + 1] as number) - 1 : text.length;
      if (b > a && text.charCodeAt(b - 1) === 13) b--;
      return text.slice(a, b);
    },
  };
}
