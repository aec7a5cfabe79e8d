// The ASCP Manifests extension: a log channel, the commands, a language status item, and a language
// client that starts the server only once a YAML document needs it.
import * as vscode from 'vscode';
import type { InitializeResult } from 'vscode-languageclient/node';
import { AscpClient, type ClientState } from './client';
import { listClasses, registerCommands, type ClassChoice } from './commands';
import { MountsPreviewProvider, PREVIEW_SCHEME } from './preview-provider';
import { registerCreateSampleSecrets } from './sample-secrets';
import { effectiveSettings, type ClientSettings } from './settings';
import { StatusItem } from './status';

/** What `vscode.extensions.getExtension('ascp-manifests.ascp-manifests').exports` offers (tests use it). */
export interface AscpApi {
  /** milliseconds activate() took */
  readonly activationMs: number;
  state(): ClientState;
  /** what started the server: a document URI or 'a command' */
  startedBy(): string | undefined;
  /** milliseconds from starting the server to its initialize answer, once started */
  startMs(): number | undefined;
  /** resolves when the language server runs (starting it if needed) */
  whenRunning(): Promise<void>;
  /** the server's capabilities, once running */
  initializeResult(): InitializeResult | undefined;
  /** the settings the server gets (AWS patched for workspace trust) */
  effectiveSettings(): ClientSettings;
  statusDetail(): string;
  /** the last `ascp` settings the server was given (initializationOptions or workspace/configuration) */
  lastServerSettings(): unknown;
  sendRequest<R>(method: string, params: unknown): Promise<R>;
  /** the classes Insert CSI Volume for a Class offers */
  classChoices(): Promise<ClassChoice[]>;
}

let client: AscpClient | undefined;

export function activate(context: vscode.ExtensionContext): AscpApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('ASCP', { log: true });
  context.subscriptions.push(log);
  client = new AscpClient(context, log);
  const c = client;
  context.subscriptions.push(c);
  const preview = new MountsPreviewProvider(c);
  context.subscriptions.push(
    preview,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, preview),
  );
  registerCommands(context, c);
  registerCreateSampleSecrets(context, c);
  const status = new StatusItem(c);
  context.subscriptions.push(status);
  c.scanOpenDocuments();
  const activationMs = performance.now() - t0;
  log.info(
    `activated in ${activationMs.toFixed(1)} ms (${vscode.env.appName} ${vscode.version}, ` +
      `workspace ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted: AWS off'})`,
  );
  return {
    activationMs,
    state: () => c.state,
    startedBy: () => c.startedBy,
    startMs: () => c.startMs,
    whenRunning: async () => {
      await c.ensureStarted();
    },
    initializeResult: () => c.initializeResult,
    effectiveSettings: () => effectiveSettings(),
    statusDetail: () => status.detail,
    lastServerSettings: () => c.lastServerSettings,
    sendRequest: (method, params) => c.sendRequest(method, params),
    classChoices: () => listClasses(c),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
