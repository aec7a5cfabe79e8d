// The ASCP Manifests extension: a log channel, the commands, a language status item, and a language
// client that starts the server only once a YAML document needs it.
import * as vscode from 'vscode';
import type { InitializeResult } from 'vscode-languageclient/node';
import { AscpClient, type ClientState } from './client';
import { listClasses, previewTarget, registerCommands, trackManifests, type ClassChoice } from './commands';
import type { ViewNode } from './mounts-model';
import { MountsView } from './mounts-view';
import { MountsPreview } from './preview-panel';
import { isRelevantText, isServedDocument } from './relevance';
import { registerCreateSampleSecrets } from './sample-secrets';
import { effectiveSettings, type ClientSettings } from './settings';
import { StatusItem } from './status';

/** Context key: the active editor is a YAML manifest with a class or a CSI volume (the preview's title-bar icon). */
export const MANIFEST_CONTEXT = 'ascp.activeManifest';

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
  /** the ASCP Mounts view: the file it shows, its nodes, and how many answers it has shown */
  mountsView(): {
    source: string | undefined;
    nodes: ViewNode[];
    updates: number;
    message: string | undefined;
  };
  /** the rendered preview of a manifest (undefined when none is open) */
  preview(source: string): { html: string; updates: number } | undefined;
  /** what Preview Mounted Files previews when run without an argument */
  previewTarget(): string | undefined;
  /** whether the preview's title-bar icon shows for the active editor */
  activeManifest(): boolean;
}

let client: AscpClient | undefined;

export function activate(context: vscode.ExtensionContext): AscpApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('ASCP', { log: true });
  context.subscriptions.push(log);
  client = new AscpClient(context, log);
  const c = client;
  context.subscriptions.push(c);
  const preview = new MountsPreview(c);
  const mounts = new MountsView(c);
  context.subscriptions.push(preview, mounts);
  registerCommands(context, c, preview);
  registerCreateSampleSecrets(context, c);
  trackManifests(context);
  const status = new StatusItem(c);
  context.subscriptions.push(status);
  let activeManifest = false;
  const setManifestContext = () => {
    const d = vscode.window.activeTextEditor?.document;
    const v = !!d && isServedDocument(d) && isRelevantText(d.getText());
    if (v === activeManifest) return;
    activeManifest = v;
    void vscode.commands.executeCommand('setContext', MANIFEST_CONTEXT, v);
  };
  setManifestContext();
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => setManifestContext()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) setManifestContext();
    }),
  );
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
    mountsView: () => ({
      source: mounts.source?.toString(),
      nodes: mounts.nodes,
      updates: mounts.updates,
      message: mounts.view.message,
    }),
    preview: (source) => preview.state(source),
    previewTarget: () => previewTarget()?.toString(),
    activeManifest: () => activeManifest,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
