// Running the core the way the tests need it: one manifest or several files, with an offline secret
// store and an AWS catalog when a case needs them, and the rule examples (trigger / near miss).
import {
  analyzeWorkspace,
  type AnalyzeOptions,
  type FileAnalysis,
  type SourceFile,
} from '../../server/src/core/analyze';
import { staticCatalog } from '../../server/src/core/rules/aws/catalog';
import type { ExampleCatalog, Rule, SecretLookup } from '../../server/src/core/rules/rule';
import type { Diagnostic } from '../../server/src/core/types';

/** The id a single manifest is analysed under. */
export const MANIFEST_ID = 'manifest.yaml';

/** Secret values by objectName, or a full lookup (for version- or region-dependent values). */
export type Secrets = Record<string, string> | SecretLookup;

export interface LookupOptions {
  secrets?: Secrets;
  catalog?: ExampleCatalog;
  /** the rules to run (default: every registered rule) */
  rules?: Rule[];
}

export function analyzeOptions(o: LookupOptions = {}): AnalyzeOptions {
  const opts: AnalyzeOptions = {};
  const s = o.secrets;
  if (s)
    opts.secrets = isLookup(s)
      ? s
      : { get: (name: string) => (Object.hasOwn(s, name) ? s[name] : undefined) };
  if (o.catalog) opts.catalog = staticCatalog(o.catalog);
  if (o.rules) opts.rules = o.rules;
  return opts;
}

function isLookup(s: Secrets): s is SecretLookup {
  return typeof (s as SecretLookup).get === 'function';
}

/** Files as a list: a single text becomes `manifest.yaml`; a record maps file ids to texts. */
export function sources(input: string | Record<string, string> | SourceFile[]): SourceFile[] {
  if (typeof input === 'string') return [{ id: MANIFEST_ID, text: input }];
  if (Array.isArray(input)) return input;
  return Object.entries(input).map(([id, text]) => ({ id, text }));
}

export function analyze(
  input: string | Record<string, string> | SourceFile[],
  o: LookupOptions = {},
): FileAnalysis[] {
  return analyzeWorkspace(sources(input), analyzeOptions(o));
}

/** The diagnostics of one file (the first, or `id`). */
export function diagnostics(
  input: string | Record<string, string> | SourceFile[],
  o: LookupOptions & { id?: string } = {},
): Diagnostic[] {
  const all = analyze(input, o);
  const fa = o.id === undefined ? all[0] : all.find((f) => f.id === o.id);
  if (!fa) throw new Error(`no analysis for ${o.id ?? 'the first file'}`);
  return fa.diagnostics;
}

/** The codes of one file's diagnostics, in position order. */
export function codes(
  input: string | Record<string, string> | SourceFile[],
  o: LookupOptions & { id?: string } = {},
): string[] {
  return diagnostics(input, o).map((d) => d.code);
}

/** A rule example's diagnostics, analysed with the example's own secrets and catalog. */
export function exampleDiagnostics(rule: Rule, which: 'trigger' | 'nearMiss'): Diagnostic[] {
  const ex = rule.meta.examples;
  const o: LookupOptions = {};
  if (ex.secrets) o.secrets = ex.secrets;
  if (ex.catalog) o.catalog = ex.catalog;
  return diagnostics(ex[which], o);
}
