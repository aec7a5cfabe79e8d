// Code actions of the service layer, in file offsets: "fix all" (the safe fix of every diagnostic of a
// code, or of every code, combined into edits that do not overlap), the refactor that rewrites a
// folded, quoted or flow `objects` string as a literal block, and a guard that drops fix edits that
// would land inside an `objects` string whose text is not the file's own text.
import { isScalar, type Scalar } from 'yaml';
import type { ParsedFile, PlacedDoc } from '../core/analyze';
import { parseDoc } from '../core/parse';
import type { Diagnostic, FixData, Span } from '../core/types';
import { hasControl } from './completion-types';
import type { Project } from './project';

export interface ActionEdit {
  span: Span;
  newText: string;
}

export interface FixAll {
  edits: ActionEdit[];
  /** the diagnostics whose fix is part of the edits */
  fixed: Diagnostic[];
}

function conflicts(a: Span, b: Span): boolean {
  const aEmpty = a.start === a.end;
  const bEmpty = b.start === b.end;
  if (aEmpty && bEmpty) return false; // two insertions at one place: both apply, in order
  if (aEmpty) return a.start >= b.start && a.start <= b.end;
  if (bEmpty) return b.start >= a.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** The fix of a diagnostic that "fix all" applies: its first fix marked safe for it. */
export function safeFix(d: Diagnostic): FixData | undefined {
  return d.fixes?.find((f) => f.safeForFixAll === true && f.edits.length > 0);
}

/**
 * Combines the safe fixes of `diagnostics` (of `code` only, when given) in file order. A fix whose
 * edits overlap an edit already taken is left for a later run: each fix is applied whole or not at all.
 */
export function fixAll(
  diagnostics: Diagnostic[],
  code?: string,
  parsed?: ParsedFile & { placed: PlacedDoc[] },
): FixAll {
  const edits: ActionEdit[] = [];
  const fixed: Diagnostic[] = [];
  for (const d of diagnostics) {
    if (code !== undefined && d.code !== code) continue;
    const f = safeFix(d);
    if (!f) continue;
    if (parsed && !editsAllowed(parsed, f.edits)) continue;
    if (f.edits.some((e) => edits.some((t) => conflicts(e.span, t.span)))) continue;
    edits.push(...f.edits.map((e) => ({ span: { ...e.span }, newText: e.newText })));
    fixed.push(d);
  }
  edits.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { edits, fixed };
}

/** Number of diagnostics of `code` that have a safe fix. */
export function safeFixCount(diagnostics: Diagnostic[], code: string): number {
  let n = 0;
  for (const d of diagnostics) if (d.code === code && safeFix(d)) n++;
  return n;
}

/**
 * False when an edit would change the inside of an `objects` value that is not a literal block (`|`):
 * rule fixes write YAML of the inner document, which only a literal block holds verbatim.
 */
export function editsAllowed(parsed: { placed: PlacedDoc[] }, edits: { span: Span }[]): boolean {
  for (const pd of parsed.placed) {
    const o = pd.model.class?.objects;
    const node = o?.value.node;
    if (!o || !node || !isScalar(node)) continue;
    const literal = (node as Scalar).type === 'BLOCK_LITERAL' && o.map?.exact === true;
    if (literal) continue;
    const start = o.value.span.start + pd.base;
    const end = o.value.span.end + pd.base;
    for (const e of edits) {
      const inside = e.span.start > start && e.span.end < end;
      const across =
        e.span.start < end && e.span.end > start && !(e.span.start <= start && e.span.end >= end);
      if (inside || across) return false;
    }
  }
  return true;
}

export interface Refactor {
  title: string;
  edits: ActionEdit[];
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  const end = nl === -1 ? text.length : nl;
  return end > offset && text[end - 1] === '\r' ? end - 1 : end;
}

export const TO_LITERAL_TITLE = 'Convert objects to a literal block (|)';

/**
 * "Convert objects to a literal block (|)" for every `objects` value in [start, end] that is folded,
 * quoted or plain (e.g. a JSON string): the decoded value, re-indented two columns under its key, in
 * the file's line breaks. Offered only when the rewritten document decodes to the same value.
 */
export function objectsToLiteral(project: Project, uri: string, start: number, end: number): Refactor[] {
  const parsed = project.parsed(uri);
  if (!parsed || parsed.skipped) return [];
  const text = parsed.text;
  const eol = (() => {
    const nl = text.indexOf('\n');
    return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
  })();
  const out: Refactor[] = [];
  for (const pd of parsed.placed) {
    const cls = pd.model.class;
    const o = cls?.objects;
    const node = o?.value.node;
    if (!cls || !cls.isAws || !o || !node || !isScalar(node) || o.facts.templated) continue;
    const style = (node as Scalar).type;
    if (style !== 'BLOCK_FOLDED' && style !== 'QUOTE_DOUBLE' && style !== 'QUOTE_SINGLE' && style !== 'PLAIN')
      continue;
    const keyStart = o.value.keySpan.start + pd.base;
    const valueStart = o.value.span.start + pd.base;
    const valueEnd = o.value.span.end + pd.base;
    if (end < keyStart || start > valueEnd) continue;
    const edit = literalEdit(pd, text, eol, keyStart, valueStart, valueEnd, o.text, style);
    if (edit) out.push({ title: TO_LITERAL_TITLE, edits: [edit] });
  }
  return out;
}

function literalEdit(
  pd: PlacedDoc,
  text: string,
  eol: string,
  keyStart: number,
  valueStart: number,
  valueEnd: number,
  value: string,
  style: Scalar.Type,
): ActionEdit | undefined {
  const lineStart = lineStartOf(text, keyStart);
  if (!/^[ ]*$/.test(text.slice(lineStart, keyStart))) return undefined; // not a block mapping key
  if (hasControl(value, true)) return undefined;
  let body = value;
  let breaks = 0;
  while (body.endsWith('\n')) {
    body = body.slice(0, -1);
    breaks++;
  }
  if (body.trim() === '') return undefined;
  const chomp = breaks === 0 ? '-' : breaks === 1 ? '' : '+';
  const indicator = /^[ \n]/.test(body) ? '2' : '';
  const pad = ' '.repeat(keyStart - lineStart + 2);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  if (chomp === '+') for (let i = 1; i < breaks; i++) lines.push('');
  // what follows the value on its last line: nothing, or a comment we keep on the header line
  let replaceEnd = valueEnd;
  let comment = '';
  if (style === 'BLOCK_FOLDED') {
    // the block runs to the end of its last line; keep the line break after it
    replaceEnd = valueEnd;
    while (replaceEnd > valueStart && (text[replaceEnd - 1] === '\n' || text[replaceEnd - 1] === '\r'))
      replaceEnd--;
  } else {
    const lineEnd = lineEndOf(text, valueEnd);
    const rest = text.slice(valueEnd, lineEnd);
    if (/^[ \t]+#/.test(rest)) comment = ' ' + rest.trim();
    else if (!/^[ \t]*$/.test(rest)) return undefined;
    replaceEnd = lineEnd;
  }
  const newText = `|${indicator}${chomp}${comment}${eol}${lines.join(eol)}`;
  const edit = { span: { start: valueStart, end: replaceEnd }, newText };
  // the rewritten document must decode to the same objects value, as a literal block
  const rel = (n: number): number => n - pd.base;
  const docText = pd.model.text;
  const newDoc = docText.slice(0, rel(valueStart)) + newText + docText.slice(rel(replaceEnd));
  try {
    const m = parseDoc(newDoc, 0);
    const after = m.class?.objects;
    const n = after?.value.node;
    if (!after || !n || !isScalar(n) || (n as Scalar).type !== 'BLOCK_LITERAL') return undefined;
    if (after.text !== value) return undefined;
    if (m.syntaxErrors.length > pd.model.syntaxErrors.length) return undefined;
    if ([...(m.class?.params.keys() ?? [])].join() !== [...(pd.model.class?.params.keys() ?? [])].join())
      return undefined;
  } catch {
    return undefined;
  }
  return edit;
}
