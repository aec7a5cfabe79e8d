// Code lenses: over the `objects:` key of each AWS class, the files it mounts; over its `kind:`, who
// mounts it; over each workload's `kind:`, the files its containers get. Every title fits in
// MAX_LENS_TITLE characters (names are listed while they fit, then "+N more"), and a class's two
// lenses sit on two lines, so an editor never cuts one off.
// Pure: plain data with absolute spans; the LSP layer turns it into CodeLens objects.
import type { PlacedDoc } from '../core/analyze';
import type { WorkspaceView } from '../core/rules/rule';
import type { Span } from '../core/types';
import { containerMounts } from '../core/workspace';
import { mountsOfClass, workloadText } from './hover-mounts';
import { workloadTree } from './mounts-tree';

export interface LensItem {
  /** absolute span of the key or value the lens sits over */
  span: Span;
  title: string;
}

/** Characters of a whole lens title. */
export const MAX_LENS_TITLE = 72;
/** Characters of one listed item before "…". */
export const MAX_LENS_ITEM = 60;
/** The first item keeps at least this many characters, however long the head. */
const MIN_FIRST_ITEM = 12;

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > MAX_LENS_ITEM ? `${one.slice(0, MAX_LENS_ITEM - 1)}…` : one;
}

/**
 * `head` followed by as many items as fit in MAX_LENS_TITLE, then ", +N more". The first item is
 * always listed, shortened to what is left of the title (and to MAX_LENS_ITEM).
 */
export function lensTitle(head: string, items: string[]): string {
  let out = head;
  for (let i = 0; i < items.length; i++) {
    let item = short(items[i] as string);
    const rest = items.length - i - 1;
    const more = rest > 0 ? `, +${rest} more` : '';
    if (i === 0) {
      const room = Math.max(MIN_FIRST_ITEM, MAX_LENS_TITLE - out.length - 1 - more.length);
      if (item.length > room) item = `${item.slice(0, room - 1)}…`;
      out += ' ' + item;
      continue;
    }
    if (out.length + 2 + item.length + more.length > MAX_LENS_TITLE) return `${out}, +${rest + 1} more`;
    out += ', ' + item;
  }
  return out;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** Lenses of one file's documents, in document order. */
export function codeLenses(placed: PlacedDoc[], view: WorkspaceView, fileId = ''): LensItem[] {
  const out: LensItem[] = [];
  for (const d of placed) {
    const cls = d.model.class;
    const w = d.model.workload;
    if (cls && cls.isAws) {
      const key = cls.params.get('objects');
      const objects = cls.objects;
      if (!key || !objects || objects.facts.templated || !objects.parsed) continue;
      const names = [...new Set(d.files.map((f) => f.name))];
      const who = [
        ...new Set(
          mountsOfClass(view, cls).map((m) => `${workloadText(m.workload.workload)} at ${m.mountPath}`),
        ),
      ];
      if (who.length > 0)
        out.push({
          span: { start: d.base + cls.kindSpan.start, end: d.base + cls.kindSpan.end },
          title: lensTitle('mounted by', who),
        });
      out.push({
        span: { start: d.base + key.keySpan.start, end: d.base + key.keySpan.end },
        title:
          names.length === 0
            ? 'mounts no files'
            : lensTitle(`mounts ${plural(names.length, 'file')}:`, names),
      });
    } else if (w && w.volumes.length > 0) {
      const mounts = containerMounts(w, view);
      if (mounts.length === 0) continue;
      const t = workloadTree({ workload: w, doc: d.model, fileId, base: d.base }, mounts, fileId);
      const names = new Set<string>();
      const mountPaths = new Set<string>();
      for (const c of t.containers)
        for (const m of c.mounts) {
          mountPaths.add(m.mountPath);
          for (const f of m.files) names.add(f.name);
        }
      const paths = [...names];
      const at = mountPaths.size === 1 ? ` at ${short([...mountPaths][0] as string)}` : '';
      out.push({
        span: { start: d.base + w.kindSpan.start, end: d.base + w.kindSpan.end },
        title:
          paths.length === 0
            ? `mounts no ASCP files${at}`
            : lensTitle(`mounts ${plural(paths.length, 'file')}${at}:`, paths),
      });
    }
  }
  return out;
}
