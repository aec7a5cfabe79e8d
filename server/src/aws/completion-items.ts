// Pure helpers that turn catalog answers into LSP completion items, for the completion feature:
// names (with type, last change, description and KMS key in the detail; never a value), hierarchical
// SSM names one segment at a time, the right objectType added when the entry has none, and jmesPath
// paths from the shape of a JSON value.
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionItem,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node';
import type { CatalogItem, ObjectKind } from '../service/providers';
import { folderOf } from './catalog';

export type ValueQuote = 'double' | 'single' | 'plain';

export interface NameCompletionOptions {
  /** what is typed in the objectName value so far (the CatalogQuery prefix) */
  typed: string;
  /** what the item replaces: the value's content (inside its quotes when quoted, or the plain scalar) */
  range: Range;
  /** how the value is written (default 'double'): names are escaped to fit */
  quote?: ValueQuote;
  /** the entry's objectType when written; when absent every kind is offered and its type inserted */
  objectType?: ObjectKind;
  /** where `objectType: "<kind>"` goes for an entry without one: a new line after objectName */
  objectTypeInsert?: { position: Position; indent: string; eol?: string };
  /** render documentation as markdown (else plain text) */
  markdown?: boolean;
  /** offer hierarchical SSM names one segment at a time (default true) */
  hierarchical?: boolean;
}

const KIND_LABEL: Record<ObjectKind, string> = {
  secretsmanager: 'Secrets Manager secret',
  ssmparameter: 'SSM parameter',
};

/** Escapes `s` for the inside of a YAML scalar written with `quote`. */
export function escapeFor(s: string, quote: ValueQuote): string {
  if (quote === 'double') return JSON.stringify(s).slice(1, -1);
  if (quote === 'single') return s.replace(/'/g, "''");
  return /^[\s\-?:,[\]{}#&*!|>'"%@`]|[:#]\s|\s#|:$|\s$/.test(s) ? `'${s.replace(/'/g, "''")}'` : s;
}

function day(iso: string | undefined): string | undefined {
  return iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? iso.slice(0, 10) : undefined;
}

/** "SSM parameter · SecureString · KMS alias/aws/ssm · changed 2024-05-01" (never a value). */
export function itemDetail(i: CatalogItem): string {
  const parts = [KIND_LABEL[i.kind]];
  if (i.type) parts.push(i.type);
  if (i.kmsKeyId) parts.push(`KMS ${i.kmsKeyId}`);
  const changed = day(i.lastChanged);
  if (changed) parts.push(`changed ${changed}`);
  return parts.join(' · ');
}

function documentation(i: CatalogItem, markdown: boolean): CompletionItem['documentation'] {
  const lines: string[] = [];
  if (i.description) lines.push(i.description);
  if (i.arn) lines.push(markdown ? `\`${i.arn}\`` : i.arn);
  if (lines.length === 0) return undefined;
  return markdown ? { kind: MarkupKind.Markdown, value: lines.join('\n\n') } : lines.join('\n');
}

function objectTypeEdit(o: NameCompletionOptions, kind: ObjectKind): TextEdit[] | undefined {
  if (o.objectType || !o.objectTypeInsert) return undefined;
  const { position, indent, eol } = o.objectTypeInsert;
  return [
    { range: { start: position, end: position }, newText: `${eol ?? '\n'}${indent}objectType: "${kind}"` },
  ];
}

/**
 * Completion items for objectName. `items` is a CatalogAnswer's items (for hierarchical SSM names,
 * one representative per folder is enough). Items of another kind than a written objectType are
 * left out.
 */
export function nameCompletionItems(items: CatalogItem[], o: NameCompletionOptions): CompletionItem[] {
  const quote = o.quote ?? 'double';
  const hierarchical = o.hierarchical ?? true;
  const out: CompletionItem[] = [];
  const folders = new Set<string>();
  for (const i of items) {
    if (o.objectType && i.kind !== o.objectType) continue;
    const folder = hierarchical && i.kind === 'ssmparameter' ? folderOf(o.typed, i.name) : undefined;
    if (folder !== undefined && folder.startsWith(o.typed.slice(0, o.typed.lastIndexOf('/') + 1))) {
      if (folders.has(folder)) continue;
      folders.add(folder);
      const item: CompletionItem = {
        label: folder,
        kind: CompletionItemKind.Folder,
        detail: `${KIND_LABEL.ssmparameter}s under ${folder}`,
        filterText: folder,
        sortText: String(out.length).padStart(5, '0'),
        textEdit: { range: o.range, newText: escapeFor(folder, quote) },
        command: { title: 'Next segment', command: 'editor.action.triggerSuggest' },
      };
      const extra = objectTypeEdit(o, 'ssmparameter');
      if (extra) item.additionalTextEdits = extra;
      out.push(item);
      continue;
    }
    const item: CompletionItem = {
      label: i.name,
      kind: i.kind === 'secretsmanager' ? CompletionItemKind.Value : CompletionItemKind.Variable,
      detail: itemDetail(i),
      labelDetails: { description: i.kind },
      filterText: i.name,
      sortText: String(out.length).padStart(5, '0'),
      textEdit: { range: o.range, newText: escapeFor(i.name, quote) },
    };
    const doc = documentation(i, o.markdown ?? true);
    if (doc !== undefined) item.documentation = doc;
    const extra = objectTypeEdit(o, i.kind);
    if (extra) item.additionalTextEdits = extra;
    out.push(item);
  }
  return out;
}

export interface PathCompletionOptions {
  /** what the item replaces: the `path` value's content (inside its quotes when quoted) */
  range: Range;
  quote?: ValueQuote;
}

/** Completion items for a jmesPath `path`, from ValueProvider.paths (keys only: never a value). */
export function jmesPathCompletionItems(paths: string[], o: PathCompletionOptions): CompletionItem[] {
  const quote = o.quote ?? 'double';
  return paths.map((p, n) => ({
    label: p,
    kind: CompletionItemKind.Field,
    detail: 'string in the secret (JSON)',
    filterText: p,
    sortText: String(n).padStart(5, '0'),
    textEdit: { range: o.range, newText: escapeFor(p, quote) },
  }));
}
