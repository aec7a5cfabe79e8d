// A test client that drives the built language server over stdio exactly as an editor does:
// realistic initialize capabilities, workspace/configuration answers, incremental didChange, and
// waiting for events (never for fixed times).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type {
  Diagnostic,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export const SERVER = 'dist/server.js';

export const CLIENT_CAPABILITIES = {
  workspace: {
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    codeLens: { refreshSupport: true },
    inlayHint: { refreshSupport: true },
    semanticTokens: { refreshSupport: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        insertReplaceSupport: true,
      },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    definition: { linkSupport: true },
    references: {},
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    codeAction: {
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'],
        },
      },
      isPreferredSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    codeLens: {},
    inlayHint: {},
  },
  window: { workDoneProgress: true },
};

export interface StartOptions {
  root?: string;
  settings?: Record<string, unknown>;
  initializationOptions?: unknown;
  capabilities?: unknown;
  /** the server's environment; default: this one without AWS credentials or config (tests never reach a real account) */
  env?: NodeJS.ProcessEnv;
  /** another language server's command line (default: ours, `node dist/server.js --stdio`) */
  command?: string[];
}

/** This process's environment without any AWS_* variable, shared config or instance metadata. */
export function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
  env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  env.AWS_EC2_METADATA_DISABLED = 'true';
  return env;
}

export class TestClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly logs: { type: number; message: string }[] = [];
  stderr = '';
  private diagWaiters: {
    uri: string;
    version: number | undefined;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  settings: Record<string, unknown>;
  exited: Promise<number | null>;
  initializeResult: InitializeResult | undefined;

  constructor(private readonly opts: StartOptions = {}) {
    this.settings = opts.settings ?? {};
    const [cmd, ...args] = opts.command ?? [process.execPath, SERVER, '--stdio'];
    this.proc = spawn(cmd as string, args, {
      stdio: 'pipe',
      env: opts.env ?? offlineEnv(),
    });
    this.proc.stderr.on('data', (d) => (this.stderr += d.toString()));
    this.exited = new Promise((r) => this.proc.on('exit', (code) => r(code)));
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.conn.onNotification(
      'window/logMessage',
      (p: { type: number; message: string }) => void this.logs.push(p),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.diagWaiters = this.diagWaiters.filter((w) => {
        if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section ? (this.settings[i.section] ?? null) : this.settings)),
    );
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('client/unregisterCapability', () => null);
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('workspace/inlayHint/refresh', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.listen();
  }

  async initialize(): Promise<InitializeResult> {
    const root = this.opts.root;
    const rootUri = root ? pathToFileURL(root).toString() : null;
    this.initializeResult = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'ascp-protocol-tests', version: '1' },
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities: this.opts.capabilities ?? CLIENT_CAPABILITIES,
      initializationOptions: this.opts.initializationOptions,
    })) as InitializeResult;
    await this.conn.sendNotification('initialized', {});
    return this.initializeResult;
  }

  /** Resolves on the next publishDiagnostics for `uri` (at `version`, when given). */
  nextDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const hit = this.published.find((p) => p.uri === uri && version !== undefined && p.version === version);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.diagWaiters.push({ uri, version, resolve }));
  }

  async open(uri: string, text: string, version = 1, languageId = 'yaml'): Promise<Diagnostic[]> {
    const wait = this.nextDiagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
    return (await wait).diagnostics;
  }

  async change(
    uri: string,
    version: number,
    changes: TextDocumentContentChangeEvent[],
  ): Promise<Diagnostic[]> {
    const wait = this.nextDiagnostics(uri, version);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return (await wait).diagnostics;
  }

  async close(uri: string): Promise<void> {
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  async pushSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings });
  }

  async stop(): Promise<number | null> {
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }

  errorsLogged(): string[] {
    return this.logs.filter((l) => l.type === 1).map((l) => l.message);
  }
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function posOf(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
