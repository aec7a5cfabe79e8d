// The set of files the language features see: open documents and indexed workspace files. Pure: text
// comes in through set(), analysis goes out; the LSP layer decides what to read and when to publish.
import {
  DocumentCache,
  finishFile,
  parseFile,
  type AnalyzeOptions,
  type FileAnalysis,
  type ParsedFile,
  type PlacedDoc,
} from '../core/analyze';
import type { SecretLookup, WorkspaceView } from '../core/rules/rule';
import { makeView } from '../core/workspace';
import { layered } from './secret-store';

type Parsed = ParsedFile & { placed: PlacedDoc[] };

export class Project {
  private readonly cache = new DocumentCache();
  private readonly files = new Map<string, Parsed>();
  private generation = 0;
  private viewGen = -1;
  private currentView: WorkspaceView | undefined;
  private readonly memo = new Map<string, { gen: number; analysis: FileAnalysis }>();
  private sweepCountdown = 200;
  /** sample secrets per file (the workspace folder's `ascp.secretsFile`), asked before options.secrets */
  private fileSecrets: ((uri: string) => SecretLookup | undefined) | undefined;
  /** one combined lookup per (file lookup, options lookup), so content results stay memoised */
  private readonly combined = new WeakMap<SecretLookup, WeakMap<object, SecretLookup>>();

  constructor(public options: AnalyzeOptions = {}) {}

  /** Adds or replaces a file. Only documents whose text changed are parsed again. */
  set(uri: string, text: string): Parsed {
    // the file's previous parse: documents the edit did not touch are reused without hashing their text
    const parsed = parseFile(uri, text, this.cache, undefined, this.files.get(uri));
    this.files.set(uri, parsed);
    this.generation++;
    if (--this.sweepCountdown <= 0) {
      this.sweepCountdown = 200;
      this.sweep();
    }
    return parsed;
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.generation++;
    this.memo.delete(uri);
  }

  has(uri: string): boolean {
    return this.files.has(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  parsed(uri: string): Parsed | undefined {
    return this.files.get(uri);
  }

  /** Settings changed (severities, secrets): every analysis is stale. */
  setOptions(options: AnalyzeOptions): void {
    this.options = options;
    this.generation++;
  }

  /**
   * Sample secrets per file, which take precedence over `options.secrets` (AWS values) objectName by
   * objectName. Call again whenever a lookup changed: every analysis is stale.
   */
  setFileSecrets(lookup: ((uri: string) => SecretLookup | undefined) | undefined): void {
    this.fileSecrets = lookup;
    this.generation++;
  }

  /** The options one file is analysed with. */
  optionsFor(uri: string): AnalyzeOptions {
    const file = this.fileSecrets?.(uri);
    if (!file) return this.options;
    const other = this.options.secrets;
    if (!other) return { ...this.options, secrets: file };
    let byOther = this.combined.get(file);
    if (!byOther) this.combined.set(file, (byOther = new WeakMap()));
    let both = byOther.get(other);
    if (!both) byOther.set(other, (both = layered(file, other)));
    return { ...this.options, secrets: both };
  }

  view(): WorkspaceView {
    if (!this.currentView || this.viewGen !== this.generation) {
      this.currentView = makeView([...this.files.values()].map((p) => ({ id: p.id, docs: p.placed })));
      this.viewGen = this.generation;
    }
    return this.currentView;
  }

  /** Diagnostics, classes and mounts of one file against the whole project (memoised per project state). */
  analysis(uri: string): FileAnalysis | undefined {
    const p = this.files.get(uri);
    if (!p) return undefined;
    const m = this.memo.get(uri);
    if (m && m.gen === this.generation) return m.analysis;
    const analysis = finishFile(p, this.view(), undefined, this.optionsFor(uri));
    this.memo.set(uri, { gen: this.generation, analysis });
    return analysis;
  }

  /** Drops cached documents that no file uses any more. */
  private sweep(): void {
    for (const p of this.files.values()) for (const d of p.placed) this.cache.touch(d.model.text);
    this.cache.sweep();
  }
}
