// Text edits for quick fixes. Edits inside `objects` are only offered where the objects value is a
// literal block scalar (`|`), whose inner lines are outer lines verbatim; other forms get no edit
// rather than a wrong one.
import { isScalar } from 'yaml';
import type { ClassModel, StrValue } from '../model';
import type { Span } from '../types';

export function literalObjects(cls: ClassModel): boolean {
  const n = cls.objects?.value.node;
  return !!n && isScalar(n) && n.type === 'BLOCK_LITERAL' && !!cls.objects?.map?.exact;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Inserts `key: value` as a new line after the line of `after`, aligned with `after`'s key. */
export function insertKeyAfter(text: string, after: StrValue, line: string): { span: Span; newText: string } {
  const keyCol = after.keySpan.start - lineStartOf(text, after.keySpan.start);
  const end = lineEndOf(text, Math.max(after.span.end - 1, after.keySpan.start));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { span: { start: end, end }, newText: `${eol}${' '.repeat(keyCol)}${line}` };
}

/** Replaces a key's text. */
export function renameKey(v: { keySpan: Span }, newKey: string): { span: Span; newText: string } {
  return { span: v.keySpan, newText: newKey };
}

/** Double-quotes a scalar value, as YAML. */
export function quoted(s: string): string {
  return JSON.stringify(s);
}

export function indentOfLine(text: string, offset: number): string {
  const start = lineStartOf(text, offset);
  const m = /^[ \t]*/.exec(text.slice(start, start + 200));
  return m ? m[0] : '';
}

export { lineEndOf, lineStartOf };
