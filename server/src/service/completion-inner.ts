// Completion inside the `objects` string: keys of an entry, of a jmesPath item and of failoverObject;
// objectType and filePermission values; whole entries; objectName values from a NameProvider and
// jmesPath paths from a ValueProvider when the context has them.
import { inferType } from '../core/rules/names';
import type { ObjectsSite } from './completion-objects';
import {
  ENTRY_KEYS,
  ENTRY_TEMPLATES,
  FAILOVER_KEYS,
  FILE_PERMISSIONS,
  JMES_KEYS,
  OBJECT_TYPES,
  indentParts,
  render,
  type KeyInfo,
  type Part,
  type ValueDoc,
} from './completion-data';
import {
  openQuote,
  yamlScalar,
  type CompletionEntry,
  type CompletionResult,
  type EntryKind,
  type VerbatimValue,
} from './completion-types';
import { keyDoc, type KeyScope } from './keydocs';
import { cursorContext, stripComment, type YamlCursor } from './completion-yaml';
import type { CatalogItem, ObjectKind } from './providers';

export interface InnerEnv {
  snippets: boolean;
  /** `region` parameter of the class */
  region: string | undefined;
  /** the entry at the cursor, from the last analysis (which value a jmesPath `path` reads) */
  entry?: { objectName: string; objectType: string; version: string; label: string };
}

type Mapping = 'entry' | 'jmes' | 'failover';

const JMES_ITEM: Part[] = [
  '- path: ',
  { stop: 1, text: 'key' },
  '\n  objectAlias: ',
  { stop: 2, text: 'file' },
];

function canonical(key: string, table: KeyInfo[]): string | undefined {
  const k = key.toLowerCase();
  return table.find((d) => d.key.toLowerCase() === k)?.key;
}

function norm(path: string[]): string[] {
  return path.map((p) => (p === '-' ? p : (canonical(p, ENTRY_KEYS) ?? p)));
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function mappingOf(path: string[]): Mapping | undefined {
  const p = norm(path);
  if (same(p, ['-'])) return 'entry';
  if (same(p, ['-', 'jmesPath', '-'])) return 'jmes';
  if (same(p, ['-', 'failoverObject'])) return 'failover';
  return undefined;
}

const TABLE: Record<Mapping, KeyInfo[]> = { entry: ENTRY_KEYS, jmes: JMES_KEYS, failover: FAILOVER_KEYS };
const SCOPE: Record<Mapping, KeyScope> = { entry: 'entry', jmes: 'jmesPath', failover: 'failoverObject' };

function unquote(v: string): string {
  const s = stripComment(v);
  if (s.startsWith('"') && s.endsWith('"') && s.length >= 2) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.startsWith("'") && s.endsWith("'") && s.length >= 2) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

function sibling(cur: YamlCursor, key: string): string | undefined {
  const k = key.toLowerCase();
  for (const [name, value] of cur.siblings) if (name.toLowerCase() === k) return unquote(value);
  return undefined;
}

/** The end of the word at the cursor (so that completing in the middle of a word replaces all of it). */
function wordEnd(line: string, col: number): number {
  let e = col;
  while (e < line.length && /[A-Za-z0-9_]/.test(line[e] as string)) e++;
  return e;
}

export function innerCompletions(site: ObjectsSite, env: InnerEnv): CompletionResult {
  const cur = cursorContext(site.lines, site.line, site.col);
  if (!cur) return { items: [] };
  const items: CompletionEntry[] = [];
  const line = site.lines.get(site.line);
  const snippets = env.snippets && site.snippets;

  const push = (
    label: string,
    kind: EntryKind,
    from: number,
    to: number,
    parts: Part[],
    extra: Partial<CompletionEntry>,
    into: CompletionEntry[] = items,
  ): void => {
    const plain = render(parts, false);
    const snippet = snippets && parts.some((p) => typeof p !== 'string') ? render(parts, true) : undefined;
    const e = site.edit(from, to, plain, snippet);
    if (!e) return;
    const sortText = String(into.length).padStart(4, '0');
    into.push({ label, kind, sortText, ...extra, edit: e.edit, snippet: e.snippet });
  };

  if (cur.mode === 'key') {
    const listPath = cur.itemPosition ? norm(cur.path) : cur.dash ? norm(cur.path).slice(0, -1) : undefined;
    const mapping = cur.itemPosition || cur.bareDash ? undefined : mappingOf(cur.path);
    const end = wordEnd(line, site.col);
    const keyFollows = line.slice(end).trimStart().startsWith(':');
    if (mapping && !cur.bareDash) {
      const table = TABLE[mapping];
      const present = new Set([...cur.siblings.keys()].map((k) => k.toLowerCase()));
      for (const d of table) {
        if (present.has(d.key.toLowerCase())) continue;
        const indent = ' '.repeat(cur.keyCol);
        let parts: Part[];
        if (keyFollows) parts = [d.key];
        else if (d.block === 'list')
          parts = [`${d.key}:\n${indent}  `, ...indentParts(JMES_ITEM, indent + '  ')];
        else if (d.block === 'map')
          parts = indentParts([`${d.key}:\n  objectName: "`, { stop: 1, text: 'name' }, '"'], indent);
        else parts = [`${d.key}: `];
        const doc = keyDoc(SCOPE[mapping], d.key)?.text;
        push(d.key, 'property', cur.keyCol, end, parts, {
          detail: d.detail,
          ...(doc ? { documentation: doc } : {}),
          filterText: d.key,
          retrigger: !keyFollows && d.values === true,
        });
      }
    }
    // Whole entries (or jmesPath items) where a new list item can start.
    const topLevel = listPath ? same(listPath, []) : cur.path.length === 0 && !cur.dash;
    const jmesList = listPath !== undefined && same(listPath, ['-', 'jmesPath']);
    if ((topLevel || jmesList) && cur.prefix === '' && !keyFollows) {
      const from = cur.dash ? cur.dashCol : site.col;
      const indent = ' '.repeat(from);
      const templates = topLevel
        ? ENTRY_TEMPLATES
        : [
            {
              label: 'jmesPath item',
              detail: 'path and objectAlias',
              doc: keyDoc('jmesPath', 'path')?.text ?? '',
              parts: JMES_ITEM,
            },
          ];
      for (const t of templates) {
        push(t.label, 'snippet', from, end, indentParts(t.parts, indent), {
          detail: t.detail,
          documentation: t.doc,
          filterText: (cur.dash ? '- ' : '') + t.label,
        });
      }
    }
    return { items };
  }

  // value mode
  const mapping = mappingOf(cur.path);
  const key = cur.key ?? '';
  if (!mapping) return { items };
  const field = canonical(key, TABLE[mapping]);
  const quote = openQuote(cur.valueText);
  const values = (list: ValueDoc[], kind: EntryKind): void => {
    for (const v of list) {
      const text = (cur.needSpace ? ' ' : '') + yamlScalar(v.value, quote, v.quote === true);
      push(v.value, kind, cur.valueCol, cur.valueEnd, [text], {
        detail: v.detail,
        filterText: quote + v.value,
      });
    }
  };
  if (mapping === 'entry' && field === 'objectType') {
    const name = sibling(cur, 'objectName') ?? '';
    const inferred = inferType(name);
    const order = inferred === 'ssmparameter' ? [...OBJECT_TYPES].reverse() : OBJECT_TYPES;
    values(order, 'enum');
    if (items[0] && inferred) items[0].preselect = true;
    return { items };
  }
  if (field === 'filePermission') {
    values(FILE_PERMISSIONS, 'value');
    return { items };
  }
  const verbatim = (objectType?: ObjectKind, insertType = false): VerbatimValue | undefined => {
    const v = site.verbatim;
    if (!v || cur.needSpace) return undefined; // `key:` without a space: the generic entries add it
    let start = cur.valueCol;
    let end = cur.valueEnd;
    if (quote) {
      start++;
      if (end - 1 >= start && line[end - 1] === quote) end--;
    }
    const out: VerbatimValue = {
      content: { start: v.offset(start), end: v.offset(Math.max(start, end)) },
      quote: quote === '"' ? 'double' : quote === "'" ? 'single' : 'plain',
    };
    if (objectType) out.objectType = objectType;
    else if (insertType)
      out.objectTypeInsert = { offset: v.lineEnd, indent: v.indent(cur.keyCol), eol: v.eol };
    return out;
  };
  if (field === 'path' && mapping === 'jmes') {
    const e = env.entry;
    const kind = e && e.objectName !== '' ? objectKind(e.objectType, e.objectName) : undefined;
    if (!e || !kind) return { items };
    const ref = {
      kind,
      name: e.objectName,
      ...(env.region ? { region: env.region } : {}),
      ...(e.version ? { version: e.version } : {}),
      ...(e.label ? { label: e.label } : {}),
    };
    const v = verbatim();
    return {
      items,
      pending: {
        paths: {
          ref,
          ...(v ? { verbatim: v } : {}),
          build: (paths: string[]): CompletionEntry[] => {
            const out: CompletionEntry[] = [];
            for (const p of paths.slice(0, 500)) {
              const text = (cur.needSpace ? ' ' : '') + yamlScalar(p, quote, false);
              push(
                p,
                'value',
                cur.valueCol,
                cur.valueEnd,
                [text],
                { detail: 'selects a string', filterText: quote + p },
                out,
              );
            }
            return out;
          },
        },
      },
    };
  }
  if (field === 'objectName') {
    const typed = cur.valueText.slice(quote.length).replace(/["']$/, '');
    const written = mapping === 'entry' ? (sibling(cur, 'objectType') ?? '') : '';
    const typeKnown = written === 'secretsmanager' || written === 'ssmparameter' ? written : undefined;
    const kind = mapping === 'entry' ? (typeKnown ?? inferType(typed)) : undefined;
    const v = verbatim(typeKnown, mapping === 'entry' && written === '');
    const query = {
      prefix: typed,
      limit: 100,
      hierarchical: v !== undefined,
      ...(kind ? { kind } : {}),
      ...(env.region ? { region: env.region } : {}),
    };
    return {
      items,
      pending: {
        names: {
          query,
          ...(v ? { verbatim: v } : {}),
          build: (found: CatalogItem[]): CompletionEntry[] => {
            const out: CompletionEntry[] = [];
            for (const n of found) {
              const text = (cur.needSpace ? ' ' : '') + yamlScalar(n.name, quote || '"', false);
              const documentation = [n.description, n.arn ? '`' + n.arn + '`' : undefined]
                .filter((x) => x)
                .join('\n\n');
              push(
                n.name,
                'reference',
                cur.valueCol,
                cur.valueEnd,
                [text],
                {
                  detail:
                    n.kind === 'ssmparameter'
                      ? `SSM parameter${n.type ? ' · ' + n.type : ''}`
                      : 'Secrets Manager secret',
                  ...(documentation ? { documentation } : {}),
                  filterText: quote + n.name,
                },
                out,
              );
            }
            return out;
          },
        },
      },
    };
  }
  return { items };
}

function objectKind(objectType: string, name: string): ObjectKind | undefined {
  if (objectType === 'secretsmanager' || objectType === 'ssmparameter') return objectType;
  return inferType(name);
}
