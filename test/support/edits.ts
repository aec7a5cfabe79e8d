// Applying the text edits of a quick fix (or of an LSP code action) the way an editor does: all edits
// refer to the original text, and they must not overlap.
import type { FixData, Span } from '../../server/src/core/types';

export interface TextEditLike {
  span: Span;
  newText: string;
}

export function applyEdits(text: string, edits: readonly TextEditLike[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = '';
  let from = 0;
  for (const e of sorted) {
    const { start, end } = e.span;
    if (start < from) throw new Error(`overlapping edits at offset ${start}`);
    if (start > end || end > text.length) throw new Error(`edit span ${start}-${end} outside the text`);
    out += text.slice(from, start) + e.newText;
    from = end;
  }
  return out + text.slice(from);
}

export function applyFix(text: string, fix: FixData): string {
  return applyEdits(text, fix.edits);
}
