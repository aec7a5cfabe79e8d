import type { LineCol, Span } from './types';

/** Maps UTF-16 offsets to 0-based line/column and back. Lines end at \n; a \r before it is part of the line. */
export class LineIndex {
  /** offset of the start of each line (a typed array: a large file's index stays off the GC heap) */
  readonly lineStarts: Int32Array;
  constructor(
    readonly text: string,
    /** line starts already known (see `edited`); computed from `text` when absent */
    lineStarts?: Int32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    const starts = new Int32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    this.lineStarts = starts;
  }

  /**
   * The index of `text`, which equals this index's text except that [from, oldEnd) was replaced by
   * [from, newEnd) of `text`: line starts before the edit are kept, those after it shifted, and only
   * the replaced text is scanned.
   */
  edited(text: string, from: number, oldEnd: number, newEnd: number): LineIndex {
    const old = this.lineStarts;
    const delta = newEnd - oldEnd;
    // a line start s comes from the \n at s - 1: unchanged while that \n lies before the edit
    const keep = upperBound(old, from);
    const tail = upperBound(old, oldEnd);
    let added = 0;
    for (let i = text.indexOf('\n', from); i !== -1 && i < newEnd; i = text.indexOf('\n', i + 1)) added++;
    const starts = new Int32Array(keep + added + (old.length - tail));
    starts.set(old.subarray(0, keep));
    let k = keep;
    for (let i = text.indexOf('\n', from); i !== -1 && i < newEnd; i = text.indexOf('\n', i + 1))
      starts[k++] = i + 1;
    for (let j = tail; j < old.length; j++) starts[k++] = (old[j] as number) + delta;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - (starts[lo] as number) };
  }

  offsetAt(pos: LineCol): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.max(0, pos.line)] as number;
    const next =
      pos.line + 1 < this.lineStarts.length ? (this.lineStarts[pos.line + 1] as number) : this.text.length;
    return Math.min(start + Math.max(0, pos.character), next);
  }

  /** End offset of a line's content, excluding \r\n or \n. */
  lineEnd(line: number): number {
    const next =
      line + 1 < this.lineStarts.length ? (this.lineStarts[line + 1] as number) - 1 : this.text.length;
    return next > 0 && this.text[next - 1] === '\r' && next - 1 >= (this.lineStarts[line] as number)
      ? next - 1
      : next;
  }

  rangeOf(span: Span): { start: LineCol; end: LineCol } {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/**
 * Length of the common prefix of two strings. Compares in chunks with native string equality (a
 * keystroke in a 3 MB file is found in well under a millisecond), then character by character.
 */
/** Number of entries of a sorted array that are <= x. */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  let step = 1024;
  while (n - i > 32) {
    const len = Math.min(step, n - i);
    if (a.slice(i, i + len) === b.slice(i, i + len)) {
      i += len;
      step = Math.min(step * 2, 1 << 20);
    } else if (len <= 32) break;
    else step = len >> 1;
  }
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `max`. */
export function commonSuffixLength(a: string, b: string, max: number): number {
  const n = Math.min(a.length, b.length, Math.max(0, max));
  const ea = a.length;
  const eb = b.length;
  let i = 0;
  let step = 1024;
  while (n - i > 32) {
    const len = Math.min(step, n - i);
    if (a.slice(ea - i - len, ea - i) === b.slice(eb - i - len, eb - i)) {
      i += len;
      step = Math.min(step * 2, 1 << 20);
    } else if (len <= 32) break;
    else step = len >> 1;
  }
  while (i < n && a.charCodeAt(ea - 1 - i) === b.charCodeAt(eb - 1 - i)) i++;
  return i;
}
