// The language server: a thin adapter from LSP to the pure core and the service layer.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAnalysis, PlacedDoc } from '../core/analyze';
import { onRuleError } from '../core/analyze';
import { LineIndex } from '../core/text';
import { Project } from '../service/project';
import { DEFAULT_SETTINGS, type AscpSettings } from '../shared/protocol';
import { AwsWiring, awsSettingsFrom } from './aws';
import type { Feature, ServerContext } from './context';
import { toLspDiagnostic } from './diagnostics';
import { FEATURES } from './handlers/index';
import { registerSampleSecrets } from './sample-secrets';
import { SecretsFileWiring } from './secrets-file';

const MAX_INDEXED_FILE = 5 * 1024 * 1024;
const MAX_INDEXED_FILES = 20000;
const RELEVANT = /SecretProviderClass|secrets-store\.csi/;

export function isYamlUri(uri: string, languageId?: string): boolean {
  return languageId === 'yaml' || /\.ya?ml$/i.test(uri);
}

export class AscpServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly project = new Project();
  private settings: AscpSettings = { ...DEFAULT_SETTINGS };
  private readonly clientCaps = {
    snippets: false,
    markdown: false,
    relatedInformation: false,
    hierarchicalSymbols: false,
    documentChanges: false,
    definitionLinks: false,
  };
  private configurationSupport = false;
  private watchedFilesDynamic = false;
  /** ascp.secretsFile of each workspace folder */
  private readonly secrets: SecretsFileWiring;
  /** resolves once `initialized` has read the settings and started the workspace index */
  private started!: () => void;
  private readonly whenStarted = new Promise<void>((r) => (this.started = r));
  private workspaceFolders: string[] = [];
  private readonly ctx: ServerContext;
  /** link signature per file: when it changes, other open files' diagnostics may change too */
  private readonly signatures = new Map<string, string>();
  private indexing: Promise<void> | undefined;
  private readonly aws: AwsWiring;
  /** `ascp.aws` from initializationOptions: what workspace/configuration leaves out falls back to it */
  private initAws: unknown;

  constructor(
    private readonly connection: Connection,
    private readonly features: Feature[] = FEATURES,
  ) {
    this.ctx = {
      connection,
      project: this.project,
      documents: this.documents,
      settings: () => this.settings,
      client: this.clientCaps,
      lines: (uri) => this.lines(uri),
      toRange: (uri, span) => {
        const l = this.lines(uri);
        if (!l) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
        return { start: l.positionAt(span.start), end: l.positionAt(span.end) };
      },
      toOffset: (uri, pos) => this.lines(uri)?.offsetAt(pos),
      analysis: (uri) => this.project.analysis(uri),
      placed: (uri) => this.project.parsed(uri)?.placed ?? [],
      log: (m) => connection.console.log(m),
      safe: (name, fallback, token, fn) => this.safe(name, fallback, token, fn),
      refreshAll: () => this.refreshAll(),
    };
    this.aws = new AwsWiring(connection, {
      openModels: () => this.documents.all().flatMap((d) => this.project.parsed(d.uri)?.docs ?? []),
      reanalyse: () => this.republishAws(),
      log: (m) => connection.console.info(m),
    });
    this.ctx.names = this.aws.service;
    this.ctx.values = this.aws.service;
    this.secrets = new SecretsFileWiring(connection, {
      changed: (lookup) => {
        this.project.setFileSecrets(lookup);
        this.refreshAll();
      },
    });
    this.project.setFileSecrets((uri) => this.secrets.files.lookupFor(uri));
  }

  listen(): void {
    const c = this.connection;
    onRuleError((e) => c.console.error(`a rule failed: ${describeError(e)}`));
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration((p) => void this.loadSettings(p?.settings));
    c.onShutdown(() => this.aws.dispose());
    this.aws.register();
    c.onDidChangeWatchedFiles((p) => {
      let secrets = false;
      for (const ch of p.changes) {
        if (this.secrets.files.matches(ch.uri)) secrets = true;
        else void this.watchedFileChanged(ch.uri, ch.type);
      }
      if (secrets) this.secrets.reload();
    });
    this.documents.onDidSave((e) => this.secrets.saved(e.document.uri));
    registerSampleSecrets(c, {
      project: this.project,
      secrets: this.secrets.files,
      // the skeleton covers the whole folder: wait for the workspace index; and it says where the file
      // goes: read the folders' settings now (a change may still be on its way)
      ready: async () => {
        await this.whenStarted;
        await this.whenIndexed();
        await this.secrets.configure(this.settings.secretsFile);
      },
      log: (m) => c.console.info(m),
    });
    this.documents.onDidChangeContent((e) =>
      this.safe('didChange', undefined, undefined, () => this.documentChanged(e.document)),
    );
    this.documents.onDidClose((e) =>
      this.safe('didClose', undefined, undefined, () => void this.documentClosed(e.document.uri)),
    );
    for (const f of this.features) {
      try {
        f.register(this.ctx);
      } catch (e) {
        c.console.error(`feature failed to register: ${describeError(e)}`);
      }
    }
    this.documents.listen(c);
    c.listen();
  }

  private initialize(p: InitializeParams): InitializeResult {
    const caps = p.capabilities;
    Object.assign(this.clientCaps, {
      snippets: caps.textDocument?.completion?.completionItem?.snippetSupport === true,
      markdown: (caps.textDocument?.hover?.contentFormat ?? []).includes('markdown'),
      relatedInformation: caps.textDocument?.publishDiagnostics?.relatedInformation === true,
      hierarchicalSymbols: caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      definitionLinks: caps.textDocument?.definition?.linkSupport === true,
    });
    this.configurationSupport = caps.workspace?.configuration === true;
    this.watchedFilesDynamic = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const folders = p.workspaceFolders?.map((f) => f.uri) ?? (p.rootUri ? [p.rootUri] : []);
    this.workspaceFolders = folders.filter((u) => u.startsWith('file:'));
    this.secrets.initialize(caps, this.workspaceFolders);
    // `{settings: {...}}` (the VS Code client) or `{ascp: {...}}` (Helix sends its `config` as is).
    const init = p.initializationOptions as
      { settings?: Partial<AscpSettings>; ascp?: Partial<AscpSettings> } | undefined;
    const initSettings = init?.settings ?? init?.ascp;
    this.initAws = initSettings?.aws;
    this.applySettings(initSettings ?? {});
    let capabilities: ServerCapabilities = {
      textDocumentSync: {
        openClose: true,
        change: TextDocumentSyncKind.Incremental,
        save: { includeText: false },
      },
    };
    for (const f of this.features) capabilities = { ...capabilities, ...f.capabilities };
    return { capabilities, serverInfo: { name: 'ascp-language-server', version: '0.1.0' } };
  }

  private async initialized(): Promise<void> {
    if (this.watchedFilesDynamic) {
      void this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
        .catch(() => undefined);
    }
    try {
      await this.loadSettings();
      this.aws.start();
      if (this.settings.indexWorkspace) {
        this.indexing = this.indexWorkspace().catch((e) =>
          this.connection.console.error(`indexing failed: ${describeError(e)}`),
        );
      }
    } finally {
      this.started();
    }
  }

  private async loadSettings(pushed?: unknown): Promise<void> {
    if (!this.configurationSupport) {
      // a client that cannot be asked pushes its settings (`{ascp: {...}}`) with didChangeConfiguration
      const s = pushed && typeof pushed === 'object' ? (pushed as { ascp?: unknown }).ascp : undefined;
      if (s && typeof s === 'object') {
        const before = JSON.stringify(this.settings);
        this.applySettings(s as Partial<AscpSettings>);
        if (JSON.stringify(this.settings) !== before) this.refreshAll();
      }
      await this.secrets.configure(this.settings.secretsFile);
      return;
    }
    try {
      const s = (await this.connection.workspace.getConfiguration('ascp')) as Partial<AscpSettings> | null;
      const before = JSON.stringify(this.settings);
      this.applySettings(s ?? {});
      if (JSON.stringify(this.settings) !== before) this.refreshAll();
    } catch (e) {
      this.connection.console.error(`could not read settings: ${describeError(e)}`);
    }
    await this.secrets.configure(this.settings.secretsFile);
  }

  private applySettings(s: Partial<AscpSettings>): void {
    const rules = s.rules && typeof s.rules === 'object' ? s.rules : {};
    this.settings = {
      rules: Object.fromEntries(
        Object.entries(rules).filter(([, v]) =>
          ['ignore', 'hint', 'information', 'warning', 'error'].includes(String(v)),
        ),
      ) as AscpSettings['rules'],
      indexWorkspace: s.indexWorkspace ?? DEFAULT_SETTINGS.indexWorkspace,
      inlayHints: s.inlayHints ?? DEFAULT_SETTINGS.inlayHints,
      codeLens: s.codeLens ?? DEFAULT_SETTINGS.codeLens,
      secretsFile: typeof s.secretsFile === 'string' ? s.secretsFile : DEFAULT_SETTINGS.secretsFile,
      // Profile and region only from what the client sent: initializationOptions, then configuration.
      aws: awsSettingsFrom(this.initAws, s.aws),
    };
    this.aws.configure(this.settings.aws);
    const { catalog: _c, secrets: _s, ...rest } = this.project.options;
    this.project.setOptions({ ...rest, severities: this.settings.rules, ...this.aws.service.lookups() });
  }

  /** AWS facts arrived: analyse open documents again (the lookups read the new facts) and publish. */
  private republishAws(): void {
    const { catalog: _c, secrets: _s, ...rest } = this.project.options;
    this.project.setOptions({ ...rest, ...this.aws.service.lookups() });
    for (const d of this.documents.all()) this.safe('publish', undefined, undefined, () => this.publish(d));
  }

  private lines(uri: string): LineIndex | undefined {
    return this.project.parsed(uri)?.lines;
  }

  private documentChanged(doc: TextDocument): void {
    if (!isYamlUri(doc.uri, doc.languageId)) return;
    this.project.set(doc.uri, doc.getText());
    const sig = this.signature(doc.uri);
    const changedLinks = this.signatures.get(doc.uri) !== sig;
    this.signatures.set(doc.uri, sig);
    this.publish(doc);
    this.aws.documentsChanged();
    if (changedLinks) {
      for (const other of this.documents.all()) if (other.uri !== doc.uri) this.publish(other);
      void this.connection.languages.inlayHint.refresh().catch(() => undefined);
      void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    }
  }

  private async documentClosed(uri: string): Promise<void> {
    // Keep the file in the project when it exists on disk (it still defines classes and workloads).
    const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    let text: string | undefined;
    if (path) text = await readFile(path, 'utf8').catch(() => undefined);
    if (text !== undefined && this.settings.indexWorkspace && RELEVANT.test(text))
      this.project.set(uri, text);
    else this.project.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** What other files can see of this one: classes (name, namespace, files) and workload references. */
  private signature(uri: string): string {
    const p = this.project.parsed(uri);
    if (!p) return '';
    const parts: string[] = [];
    for (const d of p.placed) {
      const part = docSignature(d);
      if (part !== '') parts.push(part);
    }
    return parts.join('|');
  }

  private publish(doc: TextDocument): void {
    const analysis = this.project.analysis(doc.uri);
    const diagnostics = (analysis?.diagnostics ?? []).map((d) => toLspDiagnostic(this.ctx, doc.uri, d));
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }

  private refreshAll(): void {
    for (const d of this.documents.all()) this.safe('publish', undefined, undefined, () => this.publish(d));
    void this.connection.languages.inlayHint.refresh().catch(() => undefined);
    void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  }

  private async watchedFileChanged(uri: string, type: FileChangeType): Promise<void> {
    if (this.documents.get(uri) || !isYamlUri(uri)) return; // open documents are the truth
    if (type === FileChangeType.Deleted) {
      this.project.delete(uri);
    } else {
      const text = await readFile(fileURLToPath(uri), 'utf8').catch(() => undefined);
      if (text !== undefined && RELEVANT.test(text) && text.length <= MAX_INDEXED_FILE)
        this.project.set(uri, text);
      else this.project.delete(uri);
    }
    const sig = this.signature(uri);
    if (this.signatures.get(uri) !== sig) {
      this.signatures.set(uri, sig);
      this.refreshAll();
    }
  }

  /** Reads the workspace's YAML files that mention a class or a CSI volume, a few at a time. */
  private async indexWorkspace(): Promise<void> {
    let count = 0;
    let indexed = 0;
    const visit = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (count >= MAX_INDEXED_FILES) return;
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        const p = join(dir, e.name);
        if (e.isDirectory()) await visit(p);
        else if (e.isFile() && /\.ya?ml$/i.test(e.name)) {
          count++;
          const uri = pathToFileURL(p).toString();
          if (this.documents.get(uri)) continue;
          const st = await stat(p).catch(() => undefined);
          if (!st || st.size > MAX_INDEXED_FILE) continue;
          const text = await readFile(p, 'utf8').catch(() => undefined);
          if (text === undefined || !RELEVANT.test(text) || this.documents.get(uri)) continue;
          indexed++;
          this.safe('index', undefined, undefined, () => {
            this.project.set(uri, text);
            this.signatures.set(uri, this.signature(uri));
          });
          await new Promise((r) => setImmediate(r));
        }
      }
    };
    for (const f of this.workspaceFolders) await visit(fileURLToPath(f));
    if (indexed > 0) this.refreshAll();
  }

  /** For tests: resolves when the initial workspace index is complete. */
  whenIndexed(): Promise<void> {
    return this.indexing ?? Promise.resolve();
  }

  private safe<T>(name: string, fallback: T, token: CancellationToken | undefined, fn: () => T): T {
    if (token?.isCancellationRequested) return fallback;
    try {
      return fn();
    } catch (e) {
      this.connection.console.error(`${name} failed: ${describeError(e)}`);
      return fallback;
    }
  }
}

/** A document's part of its file's signature; a cached document keeps its model, so it is built once. */
const docSignatures = new WeakMap<PlacedDoc['model'], string>();

function docSignature(d: PlacedDoc): string {
  const known = docSignatures.get(d.model);
  if (known !== undefined) return known;
  const parts: string[] = [];
  const c = d.model.class;
  if (c)
    parts.push(
      `c:${c.namespace ?? ''}/${c.name ?? ''}:${c.isAws}:${d.files.map((f) => f.name).join(',')}:${c.secretObjects.length}`,
    );
  const w = d.model.workload;
  if (w)
    parts.push(
      `w:${w.namespace ?? ''}/${w.workloadKind}/${w.name ?? ''}:${w.volumes.map((v) => v.secretProviderClass?.value ?? '').join(',')}`,
    );
  const sig = parts.join('|');
  docSignatures.set(d.model, sig);
  return sig;
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
  return String(e);
}

export type { FileAnalysis, PlacedDoc };
