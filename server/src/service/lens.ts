// Code lenses over the `objects:` key of each AWS class: the files it mounts and who mounts it.
// Pure: plain data with absolute spans; the LSP layer turns it into CodeLens objects.
import type { PlacedDoc } from '../core/analyze';
import type { WorkspaceView } from '../core/rules/rule';
import type { Span } from '../core/types';
import { mountsOfClass, workloadText } from './hover-mounts';

export interface LensItem {
  /** absolute span of the `objects` key */
  span: Span;
  title: string;
}

/** File names listed before "+N more". */
export const MAX_LENS_NAMES = 3;
/** Workloads listed before "+N more". */
export const MAX_LENS_WORKLOADS = 2;
/** Characters of one listed item before "…". */
export const MAX_LENS_ITEM = 60;

function short(s: string): string {
  const one = s.replace(/\r?\n/g, ' ');
  return one.length > MAX_LENS_ITEM ? `${one.slice(0, MAX_LENS_ITEM - 1)}…` : one;
}

function listed(items: string[], max: number): string {
  const shown = items
    .slice(0, max)
    .map((i) => short(i))
    .join(', ');
  return items.length > max ? `${shown}, +${items.length - max} more` : shown;
}

/** Lenses of one file's documents, in document order. */
export function codeLenses(placed: PlacedDoc[], view: WorkspaceView): LensItem[] {
  const out: LensItem[] = [];
  for (const d of placed) {
    const cls = d.model.class;
    const key = cls?.params.get('objects');
    const objects = cls?.objects;
    if (!cls || !cls.isAws || !key || !objects || objects.facts.templated || !objects.parsed) continue;
    const span = { start: d.base + key.keySpan.start, end: d.base + key.keySpan.end };
    const names: string[] = [];
    for (const f of d.files) if (!names.includes(f.name)) names.push(f.name);
    out.push({
      span,
      title:
        names.length === 0
          ? 'mounts no files'
          : `mounts ${names.length} file${names.length === 1 ? '' : 's'}: ${listed(names, MAX_LENS_NAMES)}`,
    });
    const who: string[] = [];
    for (const m of mountsOfClass(view, cls)) {
      const s = `${workloadText(m.workload.workload)} at ${m.mountPath}`;
      if (!who.includes(s)) who.push(s);
    }
    if (who.length > 0) out.push({ span, title: `mounted by ${listed(who, MAX_LENS_WORKLOADS)}` });
  }
  return out;
}
