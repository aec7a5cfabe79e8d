// Helm / Go template actions (`{{ ... }}`) are not YAML. We mask them with same-length filler so the
// rest of the document keeps its exact positions, and remember where they were so that no rule reports
// anything about a templated value ("skip what is templated, do not invent errors").
import type { Span } from './types';

export interface Masked {
  text: string;
  masks: Span[];
}

const ACTION = /\{\{[\s\S]*?\}\}/g;

export function maskTemplates(text: string): Masked {
  if (!text.includes('{{')) return { text, masks: [] };
  const masks: Span[] = [];
  const out = text.replace(ACTION, (m, offset: number) => {
    masks.push({ start: offset, end: offset + m.length });
    // A line that holds nothing but actions (`{{- if .Values.x }}`) becomes blank; an inline action
    // becomes a plain word of the same length (line breaks inside the action are kept).
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const nl = text.indexOf('\n', offset + m.length);
    const lineEnd = nl === -1 ? text.length : nl;
    const before = text.slice(lineStart, offset);
    const after = text.slice(offset + m.length, lineEnd).replace(ACTION, '');
    const alone = before.trim() === '' && after.trim() === '';
    return m.replace(/[^\n\r]/g, alone ? ' ' : 'x');
  });
  return { text: out, masks };
}

export function overlapsMask(masks: Span[], span: Span): boolean {
  for (const m of masks) if (m.start < span.end && span.start < m.end) return true;
  return false;
}
