// Inlay hints: in a class, the file name ASCP writes, after the name or alias it comes from; in a
// workload, the full path of each file a volumeMount gets, after its mountPath.
//
// Which class hints: an entry's file is named after its objectAlias, else its objectName; the hint
// follows that value only when the file name differs from the text as written (pathTranslation
// turns `"/test/parameter"` into `_test_parameter`): a hint repeating the text is noise, for an
// objectName as for a jmesPath objectAlias. No hint when the `objects` source map is inexact (a
// position could be wrong) or when pathTranslation is invalid (every mount fails; the rule reports
// it, and a name would be a guess).
//
// Which workload hints: one per volumeMount of a CSI volume whose class the workspace defines, after
// its mountPath: the full paths the container sees, as many as fit in MAX_HINT_LABEL characters (the
// first always), then "+N more"; the tooltip lists them all (up to MAX_TOOLTIP_FILES) with their modes. With a subPath
// the mountPath is the file itself: the hint names it. Pure: plain data.
import type { PlacedDoc } from '../core/analyze';
import { classTranslation } from '../core/mounts';
import type { WorkspaceView } from '../core/rules/rule';
import type { Span } from '../core/types';
import { containerMounts } from '../core/workspace';
import { workloadTree } from './mounts-tree';

export interface InlayItem {
  /** absolute offset: the end of the name or alias (after its closing quote), or of the mountPath */
  offset: number;
  /** e.g. "→ _test_parameter" (shown with a space before it) */
  label: string;
  /** plain-text explanation */
  tooltip: string;
}

/** Characters of a volumeMount hint's label: VS Code cuts longer hints (`editor.inlayHints.maximumLength`, 43). */
export const MAX_HINT_LABEL = 43;
/** Files listed in a volumeMount hint's tooltip. */
export const MAX_TOOLTIP_FILES = 50;

function mountLabel(paths: string[]): string {
  let out = '→';
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i] as string;
    const rest = paths.length - i - 1;
    const more = rest > 0 ? `, +${rest} more` : '';
    if (i > 0 && out.length + 2 + p.length + more.length > MAX_HINT_LABEL)
      return `${out}, +${paths.length - i} more`;
    out += (i === 0 ? ' ' : ', ') + p;
  }
  return out;
}

/** Hints of one file whose offsets lie within `range` (absolute, both ends inclusive). */
export function inlayHints(placed: PlacedDoc[], range: Span, view?: WorkspaceView, fileId = ''): InlayItem[] {
  const out: InlayItem[] = [];
  for (const d of placed) {
    if (d.base > range.end || d.base + d.model.text.length < range.start) continue;
    const cls = d.model.class;
    const w = d.model.workload;
    if (w && view && w.volumes.length > 0) {
      const mounts = containerMounts(w, view);
      if (mounts.length === 0) continue;
      const t = workloadTree({ workload: w, doc: d.model, fileId, base: d.base }, mounts, fileId);
      for (const c of t.containers)
        for (const m of c.mounts) {
          const offset = m.where.span.end;
          if (offset < range.start || offset > range.end || m.files.length === 0) continue;
          const f0 = m.files[0];
          if (m.subPath && f0) {
            out.push({
              offset,
              label: `→ ${f0.name}`,
              tooltip: `subPath ${JSON.stringify(m.subPath)}: container ${JSON.stringify(c.name)} sees the file ${JSON.stringify(f0.name)} of class ${JSON.stringify(m.className)} at ${m.mountPath} (mode ${f0.permission}).`,
            });
            continue;
          }
          const listed = m.files.slice(0, MAX_TOOLTIP_FILES).map((f) => `${f.path} (${f.permission})`);
          if (m.files.length > MAX_TOOLTIP_FILES)
            listed.push(`… and ${m.files.length - MAX_TOOLTIP_FILES} more`);
          out.push({
            offset,
            label: mountLabel(m.files.map((f) => f.path)),
            tooltip: `Container ${JSON.stringify(c.name)} sees ${m.files.length} file${m.files.length === 1 ? '' : 's'} of class ${JSON.stringify(m.className)} here:\n${listed.join('\n')}`,
          });
        }
      continue;
    }
    if (!cls || !cls.isAws || cls.objects?.map?.exact !== true) continue;
    const t = classTranslation(cls);
    if (t.mode === 'invalid') continue;
    const how =
      t.mode === 'off'
        ? 'pathTranslation is off: leading "/" removed'
        : `pathTranslation ${JSON.stringify(t.ch)}: every "/" replaced`;
    for (const f of d.files) {
      if (f.name === f.source) continue;
      const offset = d.base + f.span.end;
      if (offset < range.start || offset > range.end) continue;
      const what = f.kind === 'jmesPath' ? 'The result of this jmesPath entry' : 'This object';
      out.push({
        offset,
        label: `→ ${f.name}`,
        tooltip: `${what} is mounted as the file ${JSON.stringify(f.name)} (mode ${f.permission}; ${how}).`,
      });
    }
  }
  return out;
}
