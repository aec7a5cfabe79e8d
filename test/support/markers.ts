// Markers in test manifests: where a diagnostic must start and end, where a related location is, and
// where the cursor is. They are characters YAML never gives a meaning to and that no manifest of ours
// contains, so a marked manifest reads like the real one:
//
//   ⟦ ... ⟧   the exact span of an expected diagnostic (several allowed, in document order)
//   ⟪ ... ⟫   the exact span of a related location of the diagnostic
//   ‸          a position (a caret: the cursor for completion, hover, ...)
//
// `unmark` removes them and returns their offsets in the unmarked text (UTF-16, like every span of the
// core). Markers of one kind may nest (two diagnostics on one text: `⟦⟦x⟧⟧`); unbalanced markers throw,
// so a typo in a test fails loudly.
import type { Span } from '../../server/src/core/types';

export const SPAN_OPEN = '⟦';
export const SPAN_CLOSE = '⟧';
export const RELATED_OPEN = '⟪';
export const RELATED_CLOSE = '⟫';
export const CARET = '‸';
const ALL = [SPAN_OPEN, SPAN_CLOSE, RELATED_OPEN, RELATED_CLOSE, CARET];

export interface Marked {
  /** the text with every marker removed */
  text: string;
  /** ⟦ ⟧ spans, in the order of the core's diagnostics: by start, then by end */
  spans: Span[];
  /** ⟪ ⟫ spans, in the same order */
  related: Span[];
  /** ‸ offsets, in order */
  carets: number[];
}

export function hasMarkers(s: string): boolean {
  return ALL.some((m) => s.includes(m));
}

export function unmark(marked: string): Marked {
  let text = '';
  const spans: Span[] = [];
  const related: Span[] = [];
  const carets: number[] = [];
  // Where the open markers are in the unmarked text; one kind may nest, so that two diagnostics on the
  // same text read `⟦⟦x⟧⟧`.
  const openSpans: number[] = [];
  const openRelated: number[] = [];
  const where = (i: number) => {
    const before = marked.slice(0, i);
    const line = before.split('\n').length;
    return `line ${line}, column ${i - before.lastIndexOf('\n')}`;
  };
  // Walk by code unit: the markers are single UTF-16 code units (BMP), so no surrogate pair is split.
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i] as string;
    if (c === SPAN_OPEN || c === RELATED_OPEN) (c === SPAN_OPEN ? openSpans : openRelated).push(text.length);
    else if (c === SPAN_CLOSE || c === RELATED_CLOSE) {
      const stack = c === SPAN_CLOSE ? openSpans : openRelated;
      const start = stack.pop();
      if (start === undefined)
        throw new Error(`${c} without ${c === SPAN_CLOSE ? SPAN_OPEN : RELATED_OPEN} at ${where(i)}`);
      (c === SPAN_CLOSE ? spans : related).push({ start, end: text.length });
    } else if (c === CARET) carets.push(text.length);
    else text += c;
  }
  if (openSpans.length) throw new Error(`unclosed ${SPAN_OPEN}`);
  if (openRelated.length) throw new Error(`unclosed ${RELATED_OPEN}`);
  // the order the core sorts diagnostics in: by start, then by end
  const ordered = (list: Span[]) => list.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text, spans: ordered(spans), related: ordered(related), carets };
}

/** The text with ⟦ ⟧ around each span (and ⟪ ⟫ around each related span): what `unmark` reverses. */
export function markup(text: string, spans: readonly Span[], related: readonly Span[] = []): string {
  // At one offset: the closing markers of spans that end there, then empty spans, then opening markers,
  // so that adjacent spans read `⟦a⟧⟦b⟧`.
  const events: { at: number; order: number; text: string }[] = [];
  const add = (list: readonly Span[], open: string, close: string) => {
    for (const s of list) {
      if (s.start === s.end) events.push({ at: s.start, order: 1, text: open + close });
      else events.push({ at: s.end, order: 0, text: close }, { at: s.start, order: 2, text: open });
    }
  };
  add(spans, SPAN_OPEN, SPAN_CLOSE);
  add(related, RELATED_OPEN, RELATED_CLOSE);
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  let out = '';
  let from = 0;
  for (const e of events) {
    out += text.slice(from, e.at) + e.text;
    from = e.at;
  }
  return out + text.slice(from);
}

/** The one ‸ of a text: the unmarked text and the caret's offset. */
export function caret(marked: string): { text: string; offset: number } {
  const m = unmark(marked);
  if (m.carets.length !== 1) throw new Error(`expected one ${CARET}, found ${m.carets.length}`);
  if (m.spans.length || m.related.length) throw new Error('a caret text has no span markers');
  return { text: m.text, offset: m.carets[0] as number };
}

/** Wraps the `nth` occurrence (from 0) of `needle` in `text` in ⟦ ⟧ (or ⟪ ⟫ with `related`). */
export function mark(text: string, needle: string, nth = 0, related = false): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`mark: occurrence ${nth} of ${JSON.stringify(needle)} not found`);
  }
  const [open, close] = related ? [RELATED_OPEN, RELATED_CLOSE] : [SPAN_OPEN, SPAN_CLOSE];
  return text.slice(0, at) + open + needle + close + text.slice(at + needle.length);
}
