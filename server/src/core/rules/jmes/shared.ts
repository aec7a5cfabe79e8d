// Shared plumbing of the jmesPath rules: static issues are memoised per expression; content issues
// are computed once per class analysis (keyed by the context object, so no secret value outlives it).
import { checkJmesContent, checkJmesStatic, type JmesIssue } from '../../jmespath/index';
import type { EntryModel, JmesEntryModel } from '../../model';
import type { FixData, Span } from '../../types';
import { literalObjects } from '../edits';
import type { ClassContext } from '../rule';
import { entries } from '../rule';

const staticMemo = new Map<string, JmesIssue[]>();

export function staticIssues(expr: string): JmesIssue[] {
  let r = staticMemo.get(expr);
  if (!r) {
    try {
      r = checkJmesStatic(expr);
    } catch {
      r = [];
    }
    if (staticMemo.size > 5000) staticMemo.clear();
    staticMemo.set(expr, r);
  }
  return r;
}

export interface PathRef {
  entry: EntryModel;
  jmes: JmesEntryModel;
  expr: string;
}

export function paths(ctx: ClassContext): PathRef[] {
  const out: PathRef[] = [];
  for (const entry of entries(ctx)) {
    for (const jmes of entry.jmesPath) {
      const expr = jmes.path?.value ?? '';
      if (expr !== '') out.push({ entry, jmes, expr });
    }
  }
  return out;
}

/** The document span of an issue inside a path expression (the whole path value when not exact). */
export function issueSpan(j: JmesEntryModel, issue: { offset: number; length: number }): Span {
  const whole = (j.path?.span ?? j.span) as Span;
  const m = j.pathMap;
  if (!m || !m.exact) return whole;
  const start = m.toSource(issue.offset);
  const end = m.toSource(issue.offset + Math.max(issue.length, 1));
  return end > start ? { start, end } : { start, end: start + 1 };
}

/** A YAML scalar holding a JMESPath expression: single-quoted when it contains a double quote. */
export function yamlPath(expr: string): string {
  if (!/["'#:]|^[\s\-?&*!|>%@`[\]{},]|\s$/.test(expr)) return expr;
  return `'${expr.replace(/'/g, "''")}'`;
}

export function pathFix(ctx: ClassContext, j: JmesEntryModel, suggestion: string | undefined): FixData[] {
  if (!suggestion || !j.path || !literalObjects(ctx.cls)) return [];
  return [
    {
      title: `Use ${yamlPath(suggestion)}`,
      edits: [{ span: j.path.span, newText: yamlPath(suggestion) }],
      safeForFixAll: true,
    },
  ];
}

const contentMemo = new WeakMap<ClassContext, Map<JmesEntryModel, JmesIssue[]>>();

/** Content issues of every path of the class whose value is known (computed once per context). */
export function contentIssues(ctx: ClassContext): Map<JmesEntryModel, JmesIssue[]> {
  let m = contentMemo.get(ctx);
  if (m) return m;
  m = new Map();
  contentMemo.set(ctx, m);
  if (!ctx.secrets) return m;
  for (const p of paths(ctx)) {
    const name = p.entry.objectName?.value ?? '';
    if (name === '') continue;
    if (staticIssues(p.expr).some((i) => i.severity === 'error')) continue; // static rules say it already
    const value = ctx.secrets.get(name, p.entry.objectType?.value, {
      region: ctx.region,
      version: p.entry.objectVersion?.value,
      label: p.entry.objectVersionLabel?.value,
    });
    if (value === undefined) continue;
    try {
      m.set(p.jmes, checkJmesContent(p.expr, value, p.jmes.objectAlias?.value ?? '', name));
    } catch {
      m.set(p.jmes, []);
    }
  }
  return m;
}
