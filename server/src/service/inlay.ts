// Inlay hints: the file name ASCP writes, right after the name or alias it comes from.
//
// Which hints: an entry's file is named after its objectAlias, else its objectName; the hint follows
// that value only when pathTranslation changes it (`"/test/parameter"` → `_test_parameter`), since a
// hint repeating the text as written is noise. A jmesPath objectAlias always gets one: it is the only
// place where the name of the file holding an expression's result is visible, and the hint tells the
// alias (a file name) from the path (an expression) at a glance.
//
// No hint when the `objects` source map is inexact (a position could be wrong) or when pathTranslation
// is invalid (every mount fails; the rule reports it, and a name would be a guess). Pure: plain data.
import type { PlacedDoc } from '../core/analyze';
import { classTranslation } from '../core/mounts';
import type { Span } from '../core/types';

export interface InlayItem {
  /** absolute offset: the end of the name or alias (after its closing quote) */
  offset: number;
  /** e.g. "→ _test_parameter" (shown with a space before it) */
  label: string;
  /** plain-text explanation */
  tooltip: string;
}

/** Hints of one file whose offsets lie within `range` (absolute, both ends inclusive). */
export function inlayHints(placed: PlacedDoc[], range: Span): InlayItem[] {
  const out: InlayItem[] = [];
  for (const d of placed) {
    if (d.base > range.end || d.base + d.model.text.length < range.start) continue;
    const cls = d.model.class;
    if (!cls || !cls.isAws || cls.objects?.map?.exact !== true) continue;
    const t = classTranslation(cls);
    if (t.mode === 'invalid') continue;
    const how =
      t.mode === 'off'
        ? 'pathTranslation is off: leading "/" removed'
        : `pathTranslation ${JSON.stringify(t.ch)}: every "/" replaced`;
    for (const f of d.files) {
      if (f.kind === 'object' && f.name === f.source) continue;
      const offset = d.base + f.span.end;
      if (offset < range.start || offset > range.end) continue;
      const what = f.kind === 'jmesPath' ? 'The result of this jmesPath entry' : 'This object';
      out.push({
        offset,
        label: `→ ${f.name}`,
        tooltip: `${what} is mounted as the file ${JSON.stringify(f.name)} (mode ${f.permission}${f.name === f.source ? '' : `; ${how}`}).`,
      });
    }
  }
  return out;
}
