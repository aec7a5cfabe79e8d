// Two language status items for manifests. "ASCP checks" says what is checked and whether AWS takes
// part: no credentials is the normal offline use, said calmly (information, not a warning); a real AWS
// problem (access denied, expired session, ...) is a warning. "ASCP mounts" counts the active file's
// classes and the files they mount, through workloads of this file or of other files.
import * as vscode from 'vscode';
import { MountsTreeRequest, type AscpStatus, type MountsTreeResult } from '../../server/src/shared/protocol';
import { DOCUMENT_SELECTOR, type AscpClient } from './client';
import { mountsStatus } from './mounts-model';
import { CALM, checkStatus } from './status-model';
import { isServedDocument } from './relevance';

const SEVERITY = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

export class StatusItem implements vscode.Disposable {
  readonly checks: vscode.LanguageStatusItem;
  readonly mounts: vscode.LanguageStatusItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** both items' text and detail, for tests */
  detail = '';

  constructor(private readonly client: AscpClient) {
    this.checks = vscode.languages.createLanguageStatusItem('ascp.status', DOCUMENT_SELECTOR);
    this.checks.name = 'ASCP checks';
    this.mounts = vscode.languages.createLanguageStatusItem('ascp.mountsStatus', DOCUMENT_SELECTOR);
    this.mounts.name = 'ASCP mounts';
    this.mounts.command = { title: 'Preview', command: 'ascp.previewMounts' };
    this.disposables.push(
      this.checks,
      this.mounts,
      client.onDidChangeState(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isServedDocument(e.document) && e.contentChanges.length > 0) this.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
      client.onDidChangeAwsStatus((s) => {
        this.schedule();
        // Missing credentials and no network are the normal state of an offline user: only the status says it.
        if (s.newProblem && s.problem && !CALM.has(s.problem.code)) void this.tellProblem(s);
      }),
    );
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), 100);
  }

  private async update(): Promise<void> {
    const trusted = vscode.workspace.isTrusted;
    const c = checkStatus(
      trusted ? this.client.awsStatus : undefined,
      trusted,
      this.client.state === 'failed',
    );
    this.checks.text = c.text;
    this.checks.detail = c.detail;
    this.checks.severity = SEVERITY[c.severity];
    this.checks.busy = c.busy;
    this.checks.command =
      c.severity === 'warning' || this.client.awsStatus?.problem?.code === 'no-credentials'
        ? { title: 'Profile', command: 'ascp.selectAwsProfile' }
        : { title: 'Output', command: 'ascp.showOutput' };
    const doc = vscode.window.activeTextEditor?.document;
    let mounts = { text: 'no manifest', detail: 'open a SecretProviderClass' };
    if (this.client.state === 'running' && doc && isServedDocument(doc)) {
      try {
        const r = await this.client.sendRequest<MountsTreeResult>(MountsTreeRequest, {
          uri: doc.uri.toString(),
        });
        mounts = mountsStatus(r);
      } catch {
        /* the server restarts: the next update fills it in */
      }
    } else if (this.client.state !== 'running')
      mounts = { text: 'no manifest yet', detail: 'the server starts with the first SecretProviderClass' };
    this.mounts.text = mounts.text;
    this.mounts.detail = mounts.detail;
    this.detail = `${c.text}: ${c.detail} | ${mounts.text}, ${mounts.detail}`;
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
