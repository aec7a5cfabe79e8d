// "ASCP: Preview Mounted Files": a webview per manifest with the rendered table of what each
// container sees (client/src/mounts-model.ts renders it), refreshed after every edit of any manifest;
// a click on a path reveals the entry the file comes from.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  MountsTreeRequest,
  type MountsTreeResult,
  type SourceLocation,
} from '../../server/src/shared/protocol';
import type { AscpClient } from './client';
import { baseName, previewHtml } from './mounts-model';
import { revealLocation } from './mounts-view';
import { isServedDocument } from './relevance';

export const PREVIEW_VIEW_TYPE = 'ascp.mountsPreview';

interface Preview {
  panel: vscode.WebviewPanel;
  source: vscode.Uri;
  targets: SourceLocation[];
  html: string;
  updates: number;
}

export class MountsPreview implements vscode.Disposable {
  private readonly previews = new Map<string, Preview>();
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: AscpClient) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.previews.size === 0 || !isServedDocument(e.document) || e.contentChanges.length === 0)
          return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
          for (const p of this.previews.values()) void this.render(p);
        }, 100);
      }),
    );
  }

  /** Opens (or reveals) the preview of `source` beside the editor and renders it. */
  async show(source: vscode.Uri): Promise<void> {
    const key = source.toString();
    const existing = this.previews.get(key);
    if (existing) {
      existing.panel.reveal(vscode.ViewColumn.Beside, true);
      await this.render(existing);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      PREVIEW_VIEW_TYPE,
      `Mounted files: ${baseName(key)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [], enableFindWidget: true },
    );
    const p: Preview = { panel, source, targets: [], html: '', updates: 0 };
    this.previews.set(key, p);
    panel.onDidDispose(() => this.previews.delete(key));
    panel.webview.onDidReceiveMessage((m: { reveal?: unknown }) => {
      const t = typeof m?.reveal === 'number' ? p.targets[m.reveal] : undefined;
      if (t) void revealLocation(t);
    });
    await this.render(p);
  }

  private async render(p: Preview): Promise<void> {
    let result: MountsTreeResult;
    try {
      result = await this.client.sendRequest<MountsTreeResult>(MountsTreeRequest, {
        uri: p.source.toString(),
      });
    } catch (e) {
      this.client.log.error(`ascp/mountsTree failed: ${e instanceof Error ? e.message : String(e)}`);
      result = { uri: p.source.toString(), workloads: [], classes: [], mountedFiles: 0 };
    }
    const { html, targets } = previewHtml(result, vscode.workspace.asRelativePath(p.source), {
      nonce: randomBytes(16).toString('base64'),
      cspSource: p.panel.webview.cspSource,
    });
    p.targets = targets;
    p.html = html;
    p.panel.webview.html = html;
    p.updates++;
  }

  /** For tests: the HTML of the preview of `source`, and how often it was rendered. */
  state(source: string): { html: string; updates: number; targets: SourceLocation[] } | undefined {
    const p = this.previews.get(source);
    return p ? { html: p.html, updates: p.updates, targets: p.targets } : undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const p of this.previews.values()) p.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
