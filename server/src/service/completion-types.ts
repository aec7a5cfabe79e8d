// Completion results of the service layer, in file offsets; the LSP adapter turns them into
// CompletionItems. Kept free of LSP types so the CLI, tests or another editor can use them.
import type { CatalogItem, CatalogQuery, ObjectKind, ObjectRef } from './providers';
import type { TextEdit } from './completion-objects';

export type { TextEdit };

export type EntryKind = 'property' | 'value' | 'enum' | 'snippet' | 'class' | 'file' | 'reference';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  detail?: string;
  /** markdown */
  documentation?: string;
  /** a short qualifier shown after the label (e.g. a namespace) */
  description?: string;
  sortText: string;
  filterText?: string;
  /** replaces the partially typed word */
  edit: TextEdit;
  /** edit.newText is in snippet syntax */
  snippet: boolean;
  additionalEdits?: TextEdit[];
  /** after inserting, ask the editor to suggest again (values follow the key) */
  retrigger?: boolean;
  preselect?: boolean;
}

/**
 * Where a provider's value goes when the objects text is the file's own text (a literal block): the
 * value's content (inside its quotes) and how it is quoted, so that an editor layer can build its own
 * items (e.g. SSM folders one segment at a time). Absent for folded or quoted objects: use `build`.
 */
export interface VerbatimValue {
  /** absolute span of the value's content, inside its quotes when quoted */
  content: { start: number; end: number };
  quote: 'double' | 'single' | 'plain';
  /** the entry's objectType when written */
  objectType?: ObjectKind;
  /** where `objectType: "<kind>"` would go for an entry without one: after the objectName line */
  objectTypeInsert?: { offset: number; indent: string; eol: string };
}

/**
 * What only a provider can answer (names in the account, paths into a secret's value) is asked after
 * the synchronous part; `build` turns the answer into entries. Without a provider: no such items.
 */
export interface Pending {
  names?: { query: CatalogQuery; build(items: CatalogItem[]): CompletionEntry[]; verbatim?: VerbatimValue };
  paths?: { ref: ObjectRef; build(paths: string[]): CompletionEntry[]; verbatim?: VerbatimValue };
}

export interface CompletionResult {
  items: CompletionEntry[];
  /** more items may come as the user types (partial listings) */
  incomplete?: boolean;
  pending?: Pending;
}

export interface CompleteOptions {
  /** the client accepts snippet syntax */
  snippets: boolean;
}

export const EMPTY: CompletionResult = { items: [] };

/** A YAML scalar for a value the user is completing: in the quote they opened, else plain when safe. */
export function yamlScalar(value: string, quote: string, forceQuote: boolean): string {
  if (quote === "'") return `'${value.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(value);
  if (!forceQuote && plainSafe(value)) return value;
  // `"api-key"` (a JMESPath quoted identifier) reads best as '"api-key"'
  if (value.includes('"') && !value.includes("'") && !hasControl(value)) return `'${value}'`;
  return JSON.stringify(value);
}

const YAML11_SPECIAL =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;

/** Written unquoted, YAML 1.1 reads the same string back. */
export function plainSafe(v: string): boolean {
  if (v === '' || YAML11_SPECIAL.test(v)) return false;
  if (/^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9]+|0x[0-9a-fA-F_]+|0o?[0-7_]+)(?:[eE][-+]?[0-9]+)?$/.test(v))
    return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(v)) return false;
  return !/: |\s#|:$|\s$/.test(v) && !hasControl(v);
}

/** Whether `s` holds a control character (other than tab, and line feed when `newlines`). */
export function hasControl(s: string, newlines = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || (newlines && c === 10)) continue;
    if (c < 32 || c === 127 || c === 0xfeff) return true;
  }
  return false;
}

/** The quote the user opened at the start of a value ('' when none). */
export function openQuote(typed: string): string {
  return typed.startsWith('"') ? '"' : typed.startsWith("'") ? "'" : '';
}
