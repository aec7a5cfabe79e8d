// Document symbols: each SecretProviderClass with its object entries (and their jmesPath entries), and
// each workload with its Secrets Store CSI volumes and the containers that mount them. Pure: a tree of
// plain nodes with absolute spans; the LSP layer maps kinds and flattens it for clients without
// hierarchical symbol support.
import type { PlacedDoc } from '../core/analyze';
import type { ClassModel, EntryModel, JmesEntryModel, WorkloadModel } from '../core/model';
import type { Span } from '../core/types';

export type SymbolNodeKind = 'class' | 'entry' | 'jmesPath' | 'workload' | 'volume' | 'container';

export interface SymbolNode {
  /** never empty */
  name: string;
  detail?: string;
  kind: SymbolNodeKind;
  /** absolute; contains `selection` */
  span: Span;
  /** absolute */
  selection: Span;
  children: SymbolNode[];
}

function union(...spans: (Span | undefined)[]): Span {
  const s = spans.filter((x): x is Span => x !== undefined);
  return {
    start: Math.min(...s.map((x) => x.start)),
    end: Math.max(...s.map((x) => x.end)),
  };
}

function inside(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function label(s: string | undefined, fallback: string): string {
  const one = (s ?? '').replace(/\s+/g, ' ').trim();
  return one === '' ? fallback : one;
}

class Builder {
  constructor(private readonly d: PlacedDoc) {}

  abs(s: Span): Span {
    return { start: s.start + this.d.base, end: s.end + this.d.base };
  }

  /** A document-relative span without the line breaks and blanks it ends with. */
  trim(s: Span): Span {
    const text = this.d.model.text;
    let end = Math.min(s.end, text.length);
    while (end > s.start && /\s/.test(text[end - 1] as string)) end--;
    return { start: s.start, end: Math.max(end, s.start) };
  }

  /** An absolute span back to document-relative. */
  rel(s: Span): Span {
    return { start: s.start - this.d.base, end: s.end - this.d.base };
  }

  node(
    name: string,
    kind: SymbolNodeKind,
    span: Span,
    selection: Span,
    children: SymbolNode[],
    detail?: string,
  ): SymbolNode {
    const a = this.abs(this.trim(span));
    const sel = this.abs(selection);
    const n: SymbolNode = { name, kind, span: a, selection: inside(sel, a) ? sel : { ...a }, children };
    if (detail !== undefined && detail !== '') n.detail = detail;
    return n;
  }

  /** The document without trailing blank lines and comments' whitespace. */
  docSpan(): Span {
    const text = this.d.model.text;
    return { start: 0, end: text.replace(/\s+$/, '').length };
  }

  cls(cls: ClassModel): SymbolNode {
    const doc = this.docSpan();
    const detail = ['SecretProviderClass'];
    if (cls.namespace !== undefined) detail.push(`namespace ${cls.namespace}`);
    if (!cls.isAws) detail.push(`provider ${cls.provider?.value ?? '?'}`);
    const selection = cls.name !== undefined ? cls.nameSpan : cls.kindSpan;
    const children = (cls.objects?.entries ?? []).map((e) => this.entry(e));
    return this.node(
      label(cls.name, '(unnamed class)'),
      'class',
      union(doc, selection, ...children.map((c) => this.rel(c.span))),
      selection,
      children,
      detail.join(' · '),
    );
  }

  entry(e: EntryModel): SymbolNode {
    const file = this.d.files.find((f) => f.entry === e && f.kind === 'object');
    const type = e.objectType?.value;
    const detail = [type, file ? `→ ${file.name}` : undefined].filter((x) => x).join(' ');
    const selection = e.objectName && e.objectName.kind !== 'null' ? e.objectName.span : e.itemStart;
    const name = e.isNull ? '(empty entry)' : label(e.objectName?.value, '(no objectName)');
    const children = e.jmesPath.map((j) => this.jmes(j));
    return this.node(name, 'entry', union(e.span, e.itemStart, selection), selection, children, detail);
  }

  jmes(j: JmesEntryModel): SymbolNode {
    const selection = j.objectAlias && j.objectAlias.kind !== 'null' ? j.objectAlias.span : j.itemStart;
    return this.node(
      label(j.objectAlias?.value, '(no objectAlias)'),
      'jmesPath',
      union(j.span, j.itemStart, selection),
      selection,
      [],
      j.path?.value,
    );
  }

  workload(w: WorkloadModel): SymbolNode {
    const doc = this.docSpan();
    const csi = new Set(w.volumes.map((v) => v.name?.value).filter((n): n is string => n !== undefined));
    const children: SymbolNode[] = [];
    for (const v of w.volumes) {
      const sel = v.name?.span ?? v.csiKey.keySpan;
      const cls = v.secretProviderClass?.value;
      children.push(
        this.node(
          label(v.name?.value, '(unnamed volume)'),
          'volume',
          union(v.span, sel),
          sel,
          [],
          cls ? `class ${cls}` : 'no secretProviderClass',
        ),
      );
    }
    for (const c of w.containers) {
      const mine = c.mounts.filter((m) => m.name?.value !== undefined && csi.has(m.name.value));
      if (mine.length === 0) continue;
      const paths = mine.map((m) => m.mountPath?.value).filter((p): p is string => !!p);
      children.push(
        this.node(
          label(c.name, '(unnamed container)'),
          'container',
          union(c.nameSpan, ...mine.map((m) => m.span)),
          c.nameSpan,
          [],
          `${c.init ? 'init container · ' : ''}${paths.join(', ')}`,
        ),
      );
    }
    children.sort((a, b) => a.span.start - b.span.start);
    const ns = w.namespace !== undefined ? ` · namespace ${w.namespace}` : '';
    return this.node(
      label(w.name, `(unnamed ${w.workloadKind})`),
      'workload',
      union(doc, w.nameSpan, ...children.map((c) => this.rel(c.span))),
      w.name !== undefined ? w.nameSpan : w.kindSpan,
      children,
      `${w.workloadKind}${ns}`,
    );
  }
}

/** The symbol tree of one file, in document order. */
export function documentSymbols(placed: PlacedDoc[]): SymbolNode[] {
  const out: SymbolNode[] = [];
  for (const d of placed) {
    const b = new Builder(d);
    if (d.model.class) out.push(b.cls(d.model.class));
    else if (d.model.workload) out.push(b.workload(d.model.workload));
  }
  return out;
}

/** Depth-first list of (node, parent name), for clients that only take SymbolInformation. */
export function flattenSymbols(
  nodes: SymbolNode[],
  container?: string,
): { node: SymbolNode; container: string | undefined }[] {
  const out: { node: SymbolNode; container: string | undefined }[] = [];
  for (const n of nodes) {
    out.push({ node: n, container });
    out.push(...flattenSymbols(n.children, n.name));
  }
  return out;
}
