// Owns the language client: starts the server (dist/server.js over IPC) lazily, the first time a YAML
// document holds a SecretProviderClass or a Secrets Store CSI volume, or when a command needs it.
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  State,
  TransportKind,
  type InitializeResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { StatusNotification, type AscpStatus } from '../../server/src/shared/protocol';
import { isRelevantText, isServedDocument, SCHEMES, YAML_LANGUAGE } from './relevance';
import { effectiveSettings, patchConfigurationItem, patchScalar, SECTION } from './settings';

export type ClientState = 'idle' | 'starting' | 'running' | 'stopped' | 'failed';

export const DOCUMENT_SELECTOR = SCHEMES.map((scheme) => ({ language: YAML_LANGUAGE, scheme }));

export class AscpClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private _state: ClientState = 'idle';
  private readonly stateEmitter = new vscode.EventEmitter<ClientState>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly awsEmitter = new vscode.EventEmitter<AscpStatus>();
  /** the server's AWS state (ascp/status), when its AWS layer sends one */
  readonly onDidChangeAwsStatus = this.awsEmitter.event;
  awsStatus: AscpStatus | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** milliseconds from start() to the server's initialize answer */
  startMs: number | undefined;
  /** the last `ascp` settings the server was given (initialize or workspace/configuration) */
  lastServerSettings: unknown;
  /** what started the server: a document URI or a command */
  startedBy: string | undefined;

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.maybeStart(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.maybeStart(e.document)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) this.pushSettings();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('workspace trusted: AWS settings now apply');
        this.pushSettings();
      }),
    );
  }

  get state(): ClientState {
    return this._state;
  }

  get initializeResult(): InitializeResult | undefined {
    return this.client?.initializeResult;
  }

  /** Starts the server when any open document is relevant. */
  scanOpenDocuments(): void {
    for (const d of vscode.workspace.textDocuments) if (this.maybeStart(d)) return;
  }

  private maybeStart(doc: vscode.TextDocument): boolean {
    if (this._state !== 'idle' || !isServedDocument(doc) || !isRelevantText(doc.getText())) return false;
    this.log.info(`starting the language server for ${doc.uri.toString(true)}`);
    void this.start(doc.uri.toString()).catch(() => undefined);
    return true;
  }

  /** The running client, started if needed. */
  async ensureStarted(): Promise<LanguageClient> {
    if (this.client && this.client.state === State.Running) return this.client;
    return this.start();
  }

  private setState(s: ClientState): void {
    if (this._state === s) return;
    this._state = s;
    this.stateEmitter.fire(s);
  }

  start(by = 'a command'): Promise<LanguageClient> {
    if (this.starting) return this.starting;
    this.startedBy = by;
    const t0 = performance.now();
    this.setState('starting');
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: 'ascp',
      outputChannel: this.log,
      traceOutputChannel: this.log,
      initializationOptions: () => {
        const settings = effectiveSettings();
        this.lastServerSettings = settings;
        return { settings };
      },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) return result;
            return result.map((value: unknown, i) => {
              const section = params.items[i]?.section;
              const patched = patchScalar(section, patchConfigurationItem(section, value));
              if (section === SECTION) this.lastServerSettings = patched;
              return patched;
            });
          },
        },
      },
    };
    const client = new LanguageClient('ascp', 'ASCP Language Server', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(StatusNotification, (s: AscpStatus) => {
      this.awsStatus = s;
      this.awsEmitter.fire(s);
    });
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Stopped && this._state === 'running') this.setState('stopped');
    });
    this.starting = client.start().then(
      () => {
        this.startMs = performance.now() - t0;
        this.log.info(`language server ready in ${this.startMs.toFixed(0)} ms`);
        this.setState('running');
        return client;
      },
      (e: unknown) => {
        this.log.error(`the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
        this.setState('failed');
        this.starting = undefined;
        this.client = undefined;
        throw e;
      },
    );
    return this.starting;
  }

  async restart(): Promise<void> {
    if (!this.client) {
      await this.start();
      return;
    }
    this.log.info('restarting the language server');
    this.setState('starting');
    const t0 = performance.now();
    await this.client.restart();
    this.startMs = performance.now() - t0;
    this.setState('running');
  }

  /** Tells the server the settings changed; it pulls the `ascp` section again (patched for trust). */
  private pushSettings(): void {
    const c = this.client;
    if (!c || c.state !== State.Running) return;
    void c
      .sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: effectiveSettings() },
      })
      .catch((e: unknown) => this.log.warn(`could not send settings: ${String(e)}`));
  }

  async sendRequest<R>(method: string, params: unknown): Promise<R> {
    const c = await this.ensureStarted();
    return c.sendRequest<R>(method, params);
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (c) await c.stop().catch(() => undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.stateEmitter.dispose();
    this.awsEmitter.dispose();
  }
}
