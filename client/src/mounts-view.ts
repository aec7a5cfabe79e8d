// The "ASCP Mounts" view in the Explorer: for the active manifest, each workload (of the file, or of
// another file that mounts one of its classes), then container, mount path and files, each file with
// its mode, class and the objectName / jmesPath it comes from. Clicking a file reveals its entry.
// It follows the active editor and asks the server again after every edit (ascp/mountsTree).
import * as vscode from 'vscode';
import {
  MountsTreeRequest,
  type MountsTreeResult,
  type SourceLocation,
} from '../../server/src/shared/protocol';
import type { AscpClient } from './client';
import { baseName, emptyMessage, viewNodes, type ViewNode } from './mounts-model';
import { isServedDocument } from './relevance';

export const MOUNTS_VIEW = 'ascp.mounts';
export const REVEAL_COMMAND = 'ascp.revealMountSource';

const ICONS: Record<ViewNode['kind'], string> = {
  workload: 'server-process',
  container: 'package',
  mount: 'folder-opened',
  file: 'file',
  info: 'info',
};

/** Opens the document of `loc` and selects its range (the entry a mounted file comes from). */
export async function revealLocation(loc: SourceLocation): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.parse(loc.uri);
  const doc = await vscode.workspace.openTextDocument(uri);
  const r = loc.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Active,
    selection: range,
    preserveFocus: false,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

export class MountsView implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  readonly view: vscode.TreeView<ViewNode>;
  private readonly emitter = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** the file the view shows */
  source: vscode.Uri | undefined;
  nodes: ViewNode[] = [];
  result: MountsTreeResult | undefined;
  /** how many answers the view has shown (tests wait for the next one) */
  updates = 0;
  /** tree item ids: the shown file and the node's path, so a node of another file is drawn anew */
  private ids = new WeakMap<ViewNode, string>();

  constructor(private readonly client: AscpClient) {
    this.view = vscode.window.createTreeView(MOUNTS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.emitter,
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // any manifest: a workload in another file changes what this file's classes give
        if (isServedDocument(e.document) && e.contentChanges.length > 0) this.schedule(50);
      }),
      client.onDidChangeState(() => this.schedule(0)),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** Shows the active manifest; focus on another kind of editor keeps the last one. */
  private follow(e: vscode.TextEditor | undefined): void {
    if (!e || !isServedDocument(e.document)) return;
    if (this.source?.toString() === e.document.uri.toString()) return;
    this.source = e.document.uri;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), ms);
  }

  async refresh(): Promise<void> {
    const g = ++this.generation;
    const source = this.source;
    const label = source ? baseName(source.toString()) : undefined;
    let result: MountsTreeResult | undefined;
    if (source && this.client.state === 'running') {
      try {
        result = await this.client.sendRequest<MountsTreeResult>(MountsTreeRequest, {
          uri: source.toString(),
        });
      } catch (e) {
        this.client.log.warn(`ascp/mountsTree failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    if (g !== this.generation) return;
    this.result = result;
    this.nodes = result ? viewNodes(result) : [];
    const ids = new WeakMap<ViewNode, string>();
    const walk = (list: ViewNode[], prefix: string) =>
      list.forEach((n, i) => {
        const id = `${prefix}/${i}:${n.label}`;
        ids.set(n, id);
        walk(n.children, id);
      });
    walk(this.nodes, source?.toString() ?? '');
    this.ids = ids;
    this.view.description = label ?? '';
    this.view.message =
      source && this.client.state !== 'running'
        ? 'The ASCP language server starts when a manifest holds a SecretProviderClass or a CSI volume.'
        : emptyMessage(result, label);
    this.updates++;
    this.emitter.fire(undefined);
  }

  getTreeItem(n: ViewNode): vscode.TreeItem {
    const expanded = n.kind === 'workload' || n.kind === 'container' || n.kind === 'mount';
    const item = new vscode.TreeItem(
      n.label,
      n.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.description = n.description;
    item.tooltip = n.tooltip;
    item.iconPath = new vscode.ThemeIcon(ICONS[n.kind]);
    item.contextValue = `ascp.${n.kind}`;
    const id = this.ids.get(n);
    if (id) item.id = id;
    if (n.kind === 'file' && n.location)
      item.command = { title: 'Go to the entry', command: REVEAL_COMMAND, arguments: [n.location] };
    return item;
  }

  getChildren(n?: ViewNode): ViewNode[] {
    return n ? n.children : this.nodes;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
