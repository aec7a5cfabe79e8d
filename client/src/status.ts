// The language status item shown for YAML files: connection state (offline until the AWS layer
// exists) and how many classes and mounted files the active file has.
import * as vscode from 'vscode';
import {
  PreviewMountsRequest,
  type AscpStatus,
  type PreviewMountsResult,
} from '../../server/src/shared/protocol';
import { DOCUMENT_SELECTOR, type AscpClient } from './client';
import { countSummary } from './preview';
import { isServedDocument } from './relevance';

export class StatusItem implements vscode.Disposable {
  readonly item: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** the last summary, for tests */
  detail = '';

  constructor(private readonly client: AscpClient) {
    this.item = vscode.languages.createLanguageStatusItem('ascp.status', DOCUMENT_SELECTOR);
    this.item.name = 'ASCP';
    this.item.text = 'ASCP: offline';
    this.item.command = { title: 'Preview mounted files', command: 'ascp.previewMounts' };
    this.disposables.push(
      this.item,
      client.onDidChangeState(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      client.onDidChangeAwsStatus((s) => {
        this.schedule();
        // Missing credentials is the normal state of an offline user: the status item says it.
        if (s.newProblem && s.problem && s.problem.code !== 'no-credentials') void this.tellProblem(s);
      }),
    );
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 250);
  }

  private async update(): Promise<void> {
    const trust = vscode.workspace.isTrusted ? '' : ' (Restricted Mode: AWS is off)';
    const aws = vscode.workspace.isTrusted ? this.client.awsStatus : undefined;
    this.item.text = awsText(aws);
    this.item.busy = aws?.state === 'resolving' || aws?.state === 'loading';
    this.item.severity =
      this.client.state === 'failed'
        ? vscode.LanguageStatusSeverity.Error
        : aws?.state === 'problem'
          ? vscode.LanguageStatusSeverity.Warning
          : vscode.LanguageStatusSeverity.Information;
    const doc = vscode.window.activeTextEditor?.document;
    if (this.client.state === 'failed') {
      this.setDetail(`language server failed to start${trust}`);
      return;
    }
    if (this.client.state !== 'running' || !doc || !isServedDocument(doc)) {
      this.setDetail(
        this.client.state === 'running'
          ? `checks are offline${trust}`
          : `no SecretProviderClass opened yet${trust}`,
      );
      return;
    }
    try {
      const r = await this.client.sendRequest<PreviewMountsResult>(PreviewMountsRequest, {
        uri: doc.uri.toString(),
      });
      this.setDetail(`${countSummary(r)}${trust}`);
    } catch {
      this.setDetail(`checks are offline${trust}`);
    }
  }

  private setDetail(s: string): void {
    const problem = vscode.workspace.isTrusted ? this.client.awsStatus?.problem : undefined;
    const full = problem ? `${s}; ${problem.message}` : s;
    this.detail = full;
    this.item.detail = full;
  }

  private async tellProblem(s: AscpStatus): Promise<void> {
    const pick = await vscode.window.showWarningMessage(
      `ASCP: ${s.problem?.message ?? 'AWS problem'}. The checks go on offline.`,
      'Select AWS Profile',
      'Show Output',
    );
    if (pick === 'Select AWS Profile') await vscode.commands.executeCommand('ascp.selectAwsProfile');
    else if (pick === 'Show Output') await vscode.commands.executeCommand('ascp.showOutput');
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}

/** The status text: offline until the server's AWS layer reports a state. */
export function awsText(s: AscpStatus | undefined): string {
  if (!s || s.state === 'off') return 'ASCP: offline';
  const who = [s.profile || undefined, s.region || undefined].filter(Boolean).join(' · ');
  switch (s.state) {
    case 'idle':
      return `ASCP: AWS${who ? ` ${who}` : ''}`;
    case 'resolving':
    case 'loading':
      return 'ASCP: loading AWS catalog';
    case 'ready': {
      const names = s.catalogs.reduce((n, c) => n + c.count, 0);
      return `ASCP: AWS${who ? ` ${who}` : ''} (${names} names)`;
    }
    case 'problem':
      return 'ASCP: AWS problem (offline checks)';
  }
}
