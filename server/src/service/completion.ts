// Completion for SecretProviderClasses and the workloads that mount them. Pure: works on the project's
// memoised parse (never parses the file again) and answers in file offsets.
//
// Where the cursor is comes from indentation (completion-yaml.ts): while typing, the YAML around the
// cursor is incomplete. Inside `objects` the same reading runs on the lines of the embedded string
// (completion-objects.ts), and every edit is written back in the scalar's own style, or dropped.
import type { PlacedDoc } from '../core/analyze';
import type { LineIndex } from '../core/text';
import { docAt } from './locate';
import { PARAMETER_KEYS, PARAMETER_VALUES, indentParts, render, type Part } from './completion-data';
import { innerCompletions, type InnerEnv } from './completion-inner';
import { objectsAt } from './completion-objects';
import {
  EMPTY,
  openQuote,
  yamlScalar,
  type CompleteOptions,
  type CompletionEntry,
  type CompletionResult,
} from './completion-types';
import { docKind, workloadCompletions, type DocLines } from './completion-workload';
import { cursorContext, type Lines, type YamlCursor } from './completion-yaml';
import { keyDoc } from './keydocs';
import type { Project } from './project';
import type { NameProvider, ValueProvider } from './providers';

export type { CompleteOptions, CompletionEntry, CompletionResult } from './completion-types';

/** Line break style of a file: CRLF when its first line ends with one. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

function docLines(text: string, lines: LineIndex, pd: PlacedDoc): DocLines {
  const first = lines.positionAt(pd.base).line;
  const endOffset = pd.base + pd.model.text.length;
  let last = lines.positionAt(endOffset).line;
  if (last > first && lines.lineStarts[last] === endOffset) last--;
  const region: Lines = {
    first,
    last: Math.max(first, last),
    get: (i) => text.slice(lines.lineStarts[i] ?? text.length, lines.lineEnd(i)),
  };
  return {
    lines: region,
    lineStart: (i) => lines.lineStarts[i] ?? text.length,
    lineEnd: (i) => lines.lineEnd(i),
    eol: eolOf(text),
  };
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Completion items at `offset` (UTF-16, absolute) of `uri`. */
export function complete(
  project: Project,
  uri: string,
  offset: number,
  opts: CompleteOptions,
): CompletionResult {
  const parsed = project.parsed(uri);
  if (!parsed || parsed.skipped || !Number.isFinite(offset)) return EMPTY;
  const text = parsed.text;
  const at = Math.max(0, Math.min(Math.floor(offset), text.length));
  const pd = docAt(parsed.placed, at);
  if (!pd) return EMPTY;
  const eol = eolOf(text);
  const kind = docKind(pd);

  if (kind === 'SecretProviderClass') {
    const cls = pd.model.class;
    if (cls && !cls.isAws) return EMPTY;
    if (cls) {
      const o = objectsAt({ text, lines: parsed.lines, eol }, pd, cls, at);
      if (o?.kind === 'nothing') return EMPTY;
      if (o?.kind === 'site') {
        const env: InnerEnv = {
          snippets: opts.snippets,
          region: nonEmpty(cls.params.get('region')?.value.value),
        };
        const e = entryAt(pd, at);
        if (e) env.entry = e;
        return innerCompletions(o.site, env);
      }
    }
  }

  const doc = docLines(text, parsed.lines, pd);
  const pos = parsed.lines.positionAt(at);
  const cur = cursorContext(doc.lines, pos.line, pos.character);
  if (!cur) return EMPTY;
  if (kind === 'SecretProviderClass') {
    if (pd.model.class === undefined && /^[ \t]*provider:[ \t]*["']?(?!aws\b)\w/m.test(pd.model.text))
      return EMPTY;
    return { items: classCompletions(pd, doc, pos.line, pos.character, cur, opts) };
  }
  return {
    items: workloadCompletions({
      pd,
      view: project.view(),
      doc,
      line: pos.line,
      col: pos.character,
      cur,
      snippets: opts.snippets,
    }),
  };
}

export interface Providers {
  names?: NameProvider | undefined;
  values?: ValueProvider | undefined;
}

/**
 * Completes a result with what the providers know (names in the account, paths into a value). Without
 * a provider, or when it fails, the result stays as it is.
 */
export async function resolvePending(
  result: CompletionResult,
  providers: Providers,
  signal?: AbortSignal,
): Promise<CompletionResult> {
  const items = [...result.items];
  let incomplete = result.incomplete === true;
  const p = result.pending;
  if (p?.names && providers.names) {
    const answer = await providers.names.complete(p.names.query, signal);
    items.push(...p.names.build(Array.isArray(answer?.items) ? answer.items : []));
    if (!answer?.complete) incomplete = true;
  }
  if (p?.paths && providers.values?.enabled()) {
    const paths = await providers.values.paths(p.paths.ref, signal);
    if (paths) items.push(...p.paths.build(paths));
  }
  return incomplete ? { items, incomplete } : { items };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

function entryAt(pd: PlacedDoc, offset: number): InnerEnv['entry'] {
  const rel = offset - pd.base;
  let found;
  for (const e of pd.model.class?.objects?.entries ?? []) {
    if (e.isNull) continue;
    if (e.span.start <= rel) found = e;
  }
  if (!found) return undefined;
  return {
    objectName: found.objectName?.value ?? '',
    objectType: found.objectType?.value ?? '',
    version: found.objectVersion?.value ?? '',
    label: found.objectVersionLabel?.value ?? '',
  };
}

function wordEnd(line: string, col: number): number {
  let e = col;
  while (e < line.length && /[A-Za-z0-9_]/.test(line[e] as string)) e++;
  return e;
}

function classCompletions(
  pd: PlacedDoc,
  doc: DocLines,
  line: number,
  col: number,
  cur: YamlCursor,
  opts: CompleteOptions,
): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  const start = doc.lineStart(line);
  const eol = (s: string): string => s.replace(/\n/g, doc.eol);
  const params = ['spec', 'parameters'];
  if (cur.mode === 'key' && same(cur.path, params) && !cur.dash && !cur.itemPosition) {
    const text = doc.lines.get(line);
    const end = wordEnd(text, col);
    const keyFollows = text.slice(end).trimStart().startsWith(':');
    for (const d of PARAMETER_KEYS) {
      if (cur.siblings.has(d.key)) continue;
      let parts: Part[];
      if (keyFollows) parts = [d.key];
      else if (d.key === 'objects')
        parts = indentParts(
          [
            'objects: |\n  - objectName: "',
            { stop: 1, text: 'name' },
            '"\n    objectType: ',
            { stop: 2, text: 'secretsmanager', choices: ['secretsmanager', 'ssmparameter'] },
          ],
          ' '.repeat(cur.keyCol),
        );
      else parts = [`${d.key}: `];
      out.push({
        label: d.key,
        kind: 'property',
        detail: d.detail,
        ...(keyDoc('param', d.key) ? { documentation: keyDoc('param', d.key)?.text } : {}),
        sortText: String(out.length).padStart(4, '0'),
        filterText: d.key,
        edit: {
          span: { start: start + cur.keyCol, end: start + end },
          newText: eol(render(parts, opts.snippets)),
        },
        snippet: opts.snippets && parts.some((p) => typeof p !== 'string'),
        ...(d.values && !keyFollows ? { retrigger: true } : {}),
      });
    }
    return out;
  }
  if (cur.mode === 'value' && same(cur.path, params) && cur.key && PARAMETER_VALUES[cur.key]) {
    const quote = openQuote(cur.valueText);
    for (const v of PARAMETER_VALUES[cur.key] ?? []) {
      out.push({
        label: v.quote ? `"${v.value}"` : v.value,
        kind: 'enum',
        detail: v.detail,
        sortText: String(out.length).padStart(4, '0'),
        filterText: quote + v.value,
        edit: {
          span: { start: start + cur.valueCol, end: start + cur.valueEnd },
          newText: (cur.needSpace ? ' ' : '') + yamlScalar(v.value, quote, v.quote === true),
        },
        snippet: false,
      });
    }
    return out;
  }
  if (
    cur.mode === 'value' &&
    cur.key === 'objectName' &&
    same(cur.path, ['spec', 'secretObjects', '-', 'data', '-'])
  ) {
    const quote = openQuote(cur.valueText);
    const seen = new Set<string>();
    for (const f of pd.files) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      out.push({
        label: f.name,
        kind: 'file',
        detail: f.kind === 'jmesPath' ? `jmesPath file (${f.source})` : `file of ${f.source}`,
        documentation: `The mounted file \`${f.name}\` (mode ${f.permission}): the relative path the driver's secret sync looks up.`,
        sortText: String(out.length).padStart(4, '0'),
        filterText: quote + f.name,
        edit: {
          span: { start: start + cur.valueCol, end: start + cur.valueEnd },
          newText: (cur.needSpace ? ' ' : '') + yamlScalar(f.name, quote, false),
        },
        snippet: false,
      });
    }
    return out;
  }
  return out;
}
