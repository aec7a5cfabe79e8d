import type { LineCol, Span } from './types';

/** Maps UTF-16 offsets to 0-based line/column and back. Lines end at \n; a \r before it is part of the line. */
export class LineIndex {
  readonly lineStarts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
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
