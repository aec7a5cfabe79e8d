// A read-only virtual Markdown document per previewed file (scheme `ascp-mounts`), refreshed when
// the source changes. No webview: the text is plain Markdown, readable as is or in the preview.
import * as vscode from 'vscode';
import { PreviewMountsRequest, type PreviewMountsResult } from '../../server/src/shared/protocol';
import type { AscpClient } from './client';
import { renderPreview } from './preview';

export const PREVIEW_SCHEME = 'ascp-mounts';

function basename(uri: vscode.Uri): string {
  const p = uri.path;
  return p.slice(p.lastIndexOf('/') + 1) || uri.toString(true);
}

export function previewUriFor(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({
    scheme: PREVIEW_SCHEME,
    path: `/Mounted files of ${basename(source)}.md`,
    query: source.toString(),
  });
}

export class MountsPreviewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listener: vscode.Disposable;

  constructor(private readonly client: AscpClient) {
    this.listener = vscode.workspace.onDidChangeTextDocument((e) => {
      const src = e.document.uri.toString();
      for (const d of vscode.workspace.textDocuments) {
        if (d.uri.scheme !== PREVIEW_SCHEME || d.uri.query !== src) continue;
        const key = d.uri.toString();
        clearTimeout(this.timers.get(key));
        this.timers.set(
          key,
          setTimeout(() => this.emitter.fire(d.uri), 300),
        );
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = vscode.Uri.parse(uri.query);
    try {
      const result = await this.client.sendRequest<PreviewMountsResult>(PreviewMountsRequest, {
        uri: source.toString(),
      });
      return renderPreview(result, vscode.workspace.asRelativePath(source));
    } catch (e) {
      this.client.log.error(`previewMounts failed: ${e instanceof Error ? e.message : String(e)}`);
      return `# Mounted files\n\nThe language server could not compute the preview (see the ASCP output).\n`;
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.listener.dispose();
    this.emitter.dispose();
  }
}
