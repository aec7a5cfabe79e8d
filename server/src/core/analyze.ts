// The entry point of the pure core: parse files into document models (cached per document text),
// run every rule, link workloads to classes across files, and compute the mounts table.
import type { ClassModel, DocModel, WorkloadModel } from './model';
import { classFiles, classTranslation, joinMountPath, type MountedFile } from './mounts';
import { parseDoc, splitDocuments } from './parse';
import { ALL_RULES } from './rules/registry';
import { containerMounts, makeView, type IndexedDoc } from './workspace';
import {
  diag,
  type ClassContext,
  type LinkContext,
  type Report,
  type CatalogLookup,
  type Rule,
  type SecretLookup,
  type WorkspaceView,
} from './rules/rule';
import { commonPrefixLength, commonSuffixLength, LineIndex } from './text';
import type { Diagnostic, Severity } from './types';

export type SeveritySetting = Severity | 'ignore';

export interface AnalyzeOptions {
  secrets?: SecretLookup;
  /** existence facts from AWS; the rules of the aws family read it */
  catalog?: CatalogLookup;
  severities?: Record<string, SeveritySetting>;
  rules?: Rule[];
}

export interface SourceFile {
  /** a path or URI; only used to identify the file */
  id: string;
  text: string;
}

export interface ParsedFile {
  id: string;
  text: string;
  lines: LineIndex;
  docs: DocModel[];
  /** why the file was not analysed (binary, ...) */
  skipped?: string;
}

export interface MountRow {
  workload: string;
  workloadKind: string;
  workloadName: string;
  namespace: string | undefined;
  container: string;
  volume: string;
  mountPath: string;
  className: string;
  file: string;
  path: string;
  permission: string;
}

export interface ClassSummary {
  name: string;
  namespace: string | undefined;
  files: string[];
}

export interface FileAnalysis extends ParsedFile {
  /** diagnostics with spans in file offsets, sorted by position */
  diagnostics: Diagnostic[];
  classes: ClassSummary[];
  mounts: MountRow[];
}

interface DocLocal {
  model: DocModel;
  files: MountedFile[];
  diagnostics: Diagnostic[];
  /** the class's summary, computed once for the cached document (it depends on nothing else) */
  summary?: ClassSummary;
}

/** A cached document result and where the document starts in this file. */
export interface PlacedDoc extends IndexedDoc {
  local: DocLocal;
  /** position of the document in this file */
  index: number;
}

/** Per-document results keyed by the document's text; shared by every analysis that passes it. */
export class DocumentCache {
  private map = new Map<string, DocLocal>();
  private generation = new Map<string, number>();
  private gen = 0;
  get(key: string): DocLocal | undefined {
    const v = this.map.get(key);
    if (v) this.generation.set(key, this.gen);
    return v;
  }
  /** Marks an entry as still in use. */
  touch(key: string): void {
    if (this.map.has(key)) this.generation.set(key, this.gen);
  }
  set(key: string, v: DocLocal): void {
    this.map.set(key, v);
    this.generation.set(key, this.gen);
  }
  /** Drops entries not used since the previous sweep. */
  sweep(): void {
    for (const [k, g] of this.generation) {
      if (g < this.gen) {
        this.map.delete(k);
        this.generation.delete(k);
      }
    }
    this.gen++;
  }
  get size(): number {
    return this.map.size;
  }
}

const isBinary = (text: string): boolean => text.includes('\u0000');

function localAnalysis(text: string, index: number, rules: Rule[]): DocLocal {
  const model = parseDoc(text, index);
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    if (!rule.checkDocument) continue;
    safely(() =>
      rule.checkDocument?.({ doc: model, report: (r) => void diagnostics.push(diag(rule.meta, r)) }),
    );
  }
  let files: MountedFile[] = [];
  const cls = model.class;
  if (cls && cls.isAws) {
    const translation = classTranslation(cls);
    files = classFiles(cls, translation);
    const ctx: ClassContext = {
      doc: model,
      cls,
      translation,
      files,
      region: nonEmpty(cls.params.get('region')?.value.value),
      failoverRegion: nonEmpty(cls.params.get('failoverRegion')?.value.value),
      secrets: undefined,
      catalog: undefined,
      report: () => undefined,
    };
    for (const rule of rules) {
      if (!rule.checkClass) continue;
      ctx.report = (r) => void diagnostics.push(diag(rule.meta, r));
      safely(() => rule.checkClass?.(ctx));
    }
  }
  const w = model.workload;
  if (w) {
    for (const rule of rules) {
      if (!rule.checkWorkload) continue;
      safely(() =>
        rule.checkWorkload?.({
          doc: model,
          workload: w,
          report: (r) => void diagnostics.push(diag(rule.meta, r)),
        }),
      );
    }
  }
  return { model, files, diagnostics };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

let ruleErrorHandler: ((e: unknown) => void) | undefined;

/** Tests and the server's log learn about rules that threw (the analysis goes on without them). */
export function onRuleError(handler: ((e: unknown) => void) | undefined): void {
  ruleErrorHandler = handler;
}

/** A rule that throws must not take the analysis down with it. */
function safely(f: () => void): void {
  try {
    f();
  } catch (e) {
    ruleErrorHandler?.(e);
  }
}

/**
 * Parses a file into documents, reusing cached per-document results. With `previous` (the same file's
 * last parse, e.g. before a keystroke), documents lying wholly in the text the edit left untouched are
 * taken from it without hashing their text, and the line index is updated instead of rebuilt.
 */
export function parseFile(
  id: string,
  text: string,
  cache?: DocumentCache,
  rules: Rule[] = ALL_RULES,
  previous?: ParsedFile & { placed: PlacedDoc[] },
): ParsedFile & { placed: PlacedDoc[] } {
  // the edit, when the previous parse is of the same file: old [from, oldEnd) became [from, newEnd)
  let edit: { from: number; oldEnd: number; newEnd: number; delta: number } | undefined;
  let lines: LineIndex;
  let binary: boolean;
  const before = new Map<number, PlacedDoc>();
  if (previous && previous.id === id && !previous.skipped) {
    const from = commonPrefixLength(previous.text, text);
    const tail = commonSuffixLength(previous.text, text, Math.min(previous.text.length, text.length) - from);
    const oldEnd = previous.text.length - tail;
    const newEnd = text.length - tail;
    edit = { from, oldEnd, newEnd, delta: newEnd - oldEnd };
    lines = previous.lines.edited(text, from, oldEnd, newEnd);
    // the previous text had no NUL: one can only have come in with the edit
    binary = text.slice(from, newEnd).includes('\u0000');
    for (const pd of previous.placed) before.set(pd.base, pd);
  } else {
    lines = new LineIndex(text);
    binary = isBinary(text);
  }
  if (binary) return { id, text, lines, docs: [], skipped: 'binary file (contains NUL bytes)', placed: [] };
  const placed: PlacedDoc[] = [];
  splitDocuments(text).forEach((seg, index) => {
    let local: DocLocal | undefined;
    if (edit) {
      // Same offsets and length inside the unchanged prefix, or shifted by the edit inside the unchanged
      // suffix: the previous document there has exactly this text.
      const old =
        seg.end <= edit.from
          ? before.get(seg.start)
          : seg.start >= edit.newEnd
            ? before.get(seg.start - edit.delta)
            : undefined;
      if (old && old.local.model.text.length === seg.end - seg.start) local = old.local;
    }
    if (!local) {
      // After an edit, the document's text is copied out of the file's text: a slice would keep that
      // whole version of the file alive for as long as the document is cached (a version per keystroke).
      const docText = edit ? ownCopy(text.slice(seg.start, seg.end)) : text.slice(seg.start, seg.end);
      // Keyed by text alone: an unchanged document is reused wherever it moved. DocModel.index is the
      // position where it was first parsed; PlacedDoc.index is the current one.
      const key = docText;
      local = cache?.get(key);
      if (!local) {
        local = localAnalysis(docText, index, rules);
        cache?.set(key, local);
      }
    }
    placed.push({ local, model: local.model, files: local.files, base: seg.start, index });
  });
  return { id, text, lines, docs: placed.map((p) => p.model), placed };
}

/** A string with the same text that shares no storage with `s`'s parent string. */
function ownCopy(s: string): string {
  // Concatenating and slicing makes the engine flatten the pair into a fresh string of s's size.
  return (' ' + s).slice(1);
}

function shift(d: Diagnostic, base: number): Diagnostic {
  const out: Diagnostic = { ...d, span: { start: d.span.start + base, end: d.span.end + base } };
  if (d.related)
    // A related span in another file is already a file offset there (RelatedInfo.fileId).
    out.related = d.related.map((r) =>
      r.fileId !== undefined ? r : { ...r, span: { start: r.span.start + base, end: r.span.end + base } },
    );
  if (d.fixes)
    out.fixes = d.fixes.map((f) => ({
      ...f,
      edits: f.edits.map((e) => ({ ...e, span: { start: e.span.start + base, end: e.span.end + base } })),
    }));
  return out;
}

export function workloadLabel(w: WorkloadModel): string {
  return `${w.workloadKind}/${w.name ?? '?'}`;
}

export function mountRows(w: WorkloadModel, view: WorkspaceView): MountRow[] {
  const rows: MountRow[] = [];
  const label = workloadLabel(w);
  for (const cm of containerMounts(w, view)) {
    const { ref, mountPath } = cm;
    const files =
      cm.translationOverride !== undefined
        ? classFiles(ref.cls, classTranslation(ref.cls, cm.translationOverride))
        : ref.files;
    const seen = new Set<string>();
    const sub = cm.mount.subPath?.value;
    for (const f of files) {
      if (seen.has(f.name)) continue;
      seen.add(f.name);
      if (sub && sub !== f.name) continue;
      rows.push({
        workload: label,
        workloadKind: w.workloadKind,
        workloadName: w.name ?? '',
        namespace: w.namespace,
        container: cm.container.name,
        volume: cm.volume.name?.value ?? '',
        mountPath,
        className: cm.className,
        file: f.name,
        path: sub ? mountPath : joinMountPath(mountPath, f.name),
        permission: f.permission,
      });
    }
  }
  return rows;
}

function classSummary(cls: ClassModel, files: MountedFile[]): ClassSummary {
  const names = [...new Set(files.map((f) => f.name))];
  return { name: cls.name ?? '', namespace: cls.namespace, files: names };
}

function applySeverity(
  d: Diagnostic,
  settings: Record<string, SeveritySetting> | undefined,
): Diagnostic | undefined {
  const s = settings?.[d.code];
  if (!s) return d;
  if (s === 'ignore') return undefined;
  return { ...d, severity: s };
}

/**
 * Content diagnostics (rules that read secret values or the AWS catalog) of a document depend only on
 * the document and on the lookups. They are remembered per lookup objects, outside the document cache
 * (which never holds anything of a secret): whoever has new facts passes new lookup objects (the server
 * does, on every change of settings or facts), and the old results go with the old objects.
 */
const NO_LOOKUP = {};
const contentResults = new WeakMap<object, WeakMap<object, WeakMap<DocLocal, ContentResult>>>();
interface ContentResult {
  rules: Rule[];
  diagnostics: Diagnostic[];
}

function contentMemo(
  secrets: SecretLookup | undefined,
  catalog: CatalogLookup | undefined,
): WeakMap<DocLocal, ContentResult> {
  const a = secrets ?? NO_LOOKUP;
  const b = catalog ?? NO_LOOKUP;
  let bySecrets = contentResults.get(a);
  if (!bySecrets) contentResults.set(a, (bySecrets = new WeakMap()));
  let memo = bySecrets.get(b);
  if (!memo) bySecrets.set(b, (memo = new WeakMap()));
  return memo;
}

/** Analyses a set of files together (workloads link to classes across them). */
export function analyzeWorkspace(
  sources: SourceFile[],
  opts: AnalyzeOptions = {},
  cache?: DocumentCache,
): FileAnalysis[] {
  const rules = opts.rules ?? ALL_RULES;
  const parsed = sources.map((s) => parseFile(s.id, s.text, cache, rules));
  const view = makeView(parsed.map((p) => ({ id: p.id, docs: p.placed })));
  return parsed.map((p) => finishFile(p, view, rules, opts));
}

/** Diagnostics, classes and mounts of one parsed file, given the whole workspace. */
export function finishFile(
  p: ParsedFile & { placed: PlacedDoc[] },
  view: WorkspaceView,
  rules: Rule[] = ALL_RULES,
  opts: AnalyzeOptions = {},
): FileAnalysis {
  const diagnostics: Diagnostic[] = [];
  const classes: ClassSummary[] = [];
  const workloads: WorkloadModel[] = [];
  for (const pd of p.placed) {
    const l = pd.local;
    const docDiags: Diagnostic[] = [...l.diagnostics];
    const model = l.model;
    const cls = model.class && model.class.isAws ? model.class : undefined;
    if (cls) {
      l.summary ??= classSummary(cls, l.files);
      classes.push(l.summary);
      if (opts.secrets || opts.catalog) {
        const memo = contentMemo(opts.secrets, opts.catalog);
        const hit = memo.get(l);
        if (hit && hit.rules === rules) docDiags.push(...hit.diagnostics);
        else {
          const content: Diagnostic[] = [];
          const ctx: ClassContext = {
            doc: model,
            cls,
            translation: classTranslation(cls),
            files: l.files,
            region: nonEmpty(cls.params.get('region')?.value.value),
            failoverRegion: nonEmpty(cls.params.get('failoverRegion')?.value.value),
            secrets: opts.secrets,
            catalog: opts.catalog,
            report: () => undefined,
          };
          for (const rule of rules) {
            if (!rule.checkContent) continue;
            ctx.report = (r) => void content.push(diag(rule.meta, r));
            safely(() => rule.checkContent?.(ctx));
          }
          memo.set(l, { rules, diagnostics: content });
          docDiags.push(...content);
        }
      }
    }
    if (cls || model.workload) {
      // one context per document, its `report` set per rule (as for the class rules)
      const ctx: LinkContext = {
        doc: model,
        fileId: p.id,
        base: pd.base,
        workspace: view,
        report: () => undefined,
      };
      if (cls) ctx.cls = cls;
      if (model.workload) ctx.workload = model.workload;
      for (const rule of rules) {
        if (!rule.checkLink) continue;
        ctx.report = (r: Report) => void docDiags.push(diag(rule.meta, r));
        safely(() => rule.checkLink?.(ctx));
      }
    }
    if (model.workload) workloads.push(model.workload);
    for (const d of docDiags) {
      const s = applySeverity(shift(d, pd.base), opts.severities);
      if (s) diagnostics.push(s);
    }
  }
  diagnostics.sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code),
  );
  const { placed: _placed, ...rest } = p;
  const out = { ...rest, diagnostics, classes } as FileAnalysis;
  // The mounts table (a row per file per container) is built on first use: publishing diagnostics
  // after a keystroke does not need it, and on a large file it is tens of thousands of rows.
  let mounts: MountRow[] | undefined;
  Object.defineProperty(out, 'mounts', {
    enumerable: true,
    configurable: true,
    get: () => (mounts ??= workloads.flatMap((w) => mountRows(w, view))),
    set: (v: MountRow[]) => void (mounts = v),
  });
  return out;
}
