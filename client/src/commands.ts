// The ASCP commands. Each returns a value so tests (and other extensions) can drive them; pickers
// take an optional argument that skips the picker.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';
import {
  PreviewMountsRequest,
  type PreviewClass,
  type PreviewMountsResult,
  type SourceLocation,
} from '../../server/src/shared/protocol';
import { awsConfigPaths, AWS_REGIONS, parseAwsProfiles } from './aws-config';
import type { AscpClient } from './client';
import { mountPathProblem, planCsiVolume } from './insert-volume';
import { revealLocation, REVEAL_COMMAND } from './mounts-view';
import type { MountsPreview } from './preview-panel';
import { isRelevantText, isServedDocument } from './relevance';
import { SECTION } from './settings';

export const REFRESH_CATALOG_REQUEST = 'ascp/refreshCatalog';

export interface RefreshResult {
  ok: boolean;
  reason?: 'untrusted' | 'method-not-found' | 'error';
}

export interface ClassChoice {
  name: string;
  namespace: string | null;
  uri: string;
}

function activeYaml(): vscode.TextEditor | undefined {
  const e = vscode.window.activeTextEditor;
  return e && isServedDocument(e.document) ? e : undefined;
}

/** The manifest editor that was active last (a walkthrough or a webview may be active now). */
let lastManifest: vscode.Uri | undefined;

export function trackManifests(context: vscode.ExtensionContext): void {
  const note = (e: vscode.TextEditor | undefined) => {
    if (e && isServedDocument(e.document) && isRelevantText(e.document.getText()))
      lastManifest = e.document.uri;
  };
  note(vscode.window.activeTextEditor);
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(note));
}

/**
 * What Preview Mounted Files previews without an argument: the active YAML editor; else (the command
 * runs from the walkthrough, or focus is in a webview) the manifest editor active last, a visible one,
 * or an open manifest.
 */
export function previewTarget(): vscode.Uri | undefined {
  const active = activeYaml();
  if (active) return active.document.uri;
  const open = (u: vscode.Uri | undefined) =>
    u && vscode.workspace.textDocuments.some((d) => d.uri.toString() === u.toString()) ? u : undefined;
  const visible = vscode.window.visibleTextEditors.find(
    (e) => isServedDocument(e.document) && isRelevantText(e.document.getText()),
  );
  const anyOpen = vscode.workspace.textDocuments.find(
    (d) => isServedDocument(d) && isRelevantText(d.getText()),
  );
  return open(lastManifest) ?? visible?.document.uri ?? anyOpen?.uri;
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function registerCommands(
  context: vscode.ExtensionContext,
  client: AscpClient,
  preview: MountsPreview,
): void {
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  reg('ascp.previewMounts', async (target?: vscode.Uri | string): Promise<vscode.Uri | undefined> => {
    const source =
      target instanceof vscode.Uri
        ? target
        : typeof target === 'string'
          ? vscode.Uri.parse(target)
          : previewTarget();
    if (!source) {
      void vscode.window.showInformationMessage(
        'ASCP: open a YAML manifest to preview the files its pods see.',
      );
      return undefined;
    }
    if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === source.toString()))
      await vscode.workspace.openTextDocument(source);
    await client.ensureStarted();
    await preview.show(source);
    return source;
  });

  reg(REVEAL_COMMAND, async (loc?: SourceLocation): Promise<boolean> => {
    if (!loc || typeof loc.uri !== 'string' || !loc.range) return false;
    await revealLocation(loc);
    return true;
  });

  reg('ascp.selectAwsProfile', async (name?: string): Promise<string | undefined> => {
    let chosen = typeof name === 'string' ? name : undefined;
    if (chosen === undefined) {
      const paths = awsConfigPaths(process.env, homedir());
      const profiles = parseAwsProfiles(
        await readOptional(paths.config),
        await readOptional(paths.credentials),
      );
      const current = vscode.workspace.getConfiguration(SECTION).get<string>('aws.profile', '');
      const items: (vscode.QuickPickItem & { value: string })[] = profiles.map((p) => ({
        label: p.name,
        description: [p.region, p.name === current ? '(current)' : undefined].filter(Boolean).join(' '),
        detail: `from ${p.sources.map((s) => (s === 'config' ? paths.config : paths.credentials)).join(' and ')}`,
        value: p.name,
      }));
      items.push({
        label: '$(clear-all) No profile',
        description: 'use the default credential chain (AWS_PROFILE, then [default])',
        value: '',
      });
      const pick = await vscode.window.showQuickPick(items, {
        title: 'ASCP: Select AWS Profile',
        placeHolder: profiles.length
          ? 'Profile for reading the AWS catalog'
          : `No profiles in ${paths.config}`,
      });
      if (!pick) return undefined;
      chosen = pick.value;
    }
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('aws.profile', chosen, vscode.ConfigurationTarget.Global);
    client.log.info(`AWS profile set to ${chosen || '(default chain)'}`);
    return chosen;
  });

  reg('ascp.selectAwsRegion', async (region?: string): Promise<string | undefined> => {
    let chosen = typeof region === 'string' ? region : undefined;
    if (chosen === undefined) {
      const current = vscode.workspace.getConfiguration(SECTION).get<string>('aws.region', '');
      const profile = vscode.workspace.getConfiguration(SECTION).get<string>('aws.profile', '');
      const paths = awsConfigPaths(process.env, homedir());
      const fromProfile = parseAwsProfiles(await readOptional(paths.config), undefined).find(
        (p) => p.name === (profile || 'default'),
      )?.region;
      const items: (vscode.QuickPickItem & { value: string })[] = [
        {
          label: '$(clear-all) From the profile',
          description: fromProfile ? `currently ${fromProfile}` : 'or AWS_REGION',
          value: '',
        },
        ...AWS_REGIONS.map((r) => ({
          label: r,
          description: [r === fromProfile ? "profile's region" : '', r === current ? '(current)' : '']
            .filter(Boolean)
            .join(' '),
          value: r,
        })),
      ];
      const pick = await vscode.window.showQuickPick(items, { title: 'ASCP: Select AWS Region' });
      if (!pick) return undefined;
      chosen = pick.value;
    }
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('aws.region', chosen, vscode.ConfigurationTarget.Global);
    client.log.info(`AWS region set to ${chosen || '(from the profile)'}`);
    return chosen;
  });

  reg('ascp.refreshCatalog', async (): Promise<RefreshResult> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showInformationMessage(
        'ASCP: AWS is off in Restricted Mode. Trust the workspace to use it.',
      );
      return { ok: false, reason: 'untrusted' };
    }
    try {
      await client.sendRequest(REFRESH_CATALOG_REQUEST, {});
      return { ok: true };
    } catch (e) {
      if (e instanceof ResponseError && e.code === ErrorCodes.MethodNotFound) {
        client.log.info(`${REFRESH_CATALOG_REQUEST}: not offered by this server (no AWS layer yet)`);
        void vscode.window.showInformationMessage(
          'ASCP: this version checks offline only; there is no AWS catalog yet.',
        );
        return { ok: false, reason: 'method-not-found' };
      }
      client.log.error(`${REFRESH_CATALOG_REQUEST} failed: ${e instanceof Error ? e.message : String(e)}`);
      return { ok: false, reason: 'error' };
    }
  });

  reg('ascp.insertCsiVolume', async (className?: string, mountPath?: string): Promise<string | undefined> => {
    const editor = activeYaml();
    if (!editor) {
      void vscode.window.showInformationMessage('ASCP: open a workload manifest to insert a CSI volume.');
      return undefined;
    }
    let name = typeof className === 'string' ? className : undefined;
    if (name === undefined) {
      const classes = await listClasses(client);
      if (classes.length === 0) {
        void vscode.window.showInformationMessage(
          'ASCP: no SecretProviderClass with provider aws found in the open files or the workspace.',
        );
        return undefined;
      }
      const pick = await vscode.window.showQuickPick(
        classes.map((c) => ({
          label: c.name,
          description: [
            c.namespace ? `namespace ${c.namespace}` : '',
            vscode.workspace.asRelativePath(vscode.Uri.parse(c.uri)),
          ]
            .filter(Boolean)
            .join(' · '),
          value: c.name,
        })),
        { title: 'ASCP: Insert CSI Volume for a Class', placeHolder: 'SecretProviderClass to mount' },
      );
      if (!pick) return undefined;
      name = pick.value;
    }
    const doc = editor.document;
    const cursor = doc.offsetAt(editor.selection.active);
    // the default: what the plan would choose (/mnt/secrets-store, or /mnt/<volume> beside other volumes)
    const suggested = planCsiVolume(doc.getText(), cursor, { className: name });
    let path = typeof mountPath === 'string' ? mountPath : undefined;
    if (path === undefined) {
      path = await vscode.window.showInputBox({
        title: `ASCP: Insert CSI Volume for ${name}`,
        prompt: 'mountPath: the directory in the container where the class writes its files',
        value: suggested?.mountPath ?? '/mnt/secrets-store',
        validateInput: (v) => mountPathProblem(v),
      });
      if (path === undefined) return undefined;
    }
    const problem = mountPathProblem(path);
    if (problem) {
      void vscode.window.showErrorMessage(`ASCP: ${problem}`);
      return undefined;
    }
    path = path.trim();
    const plan = planCsiVolume(doc.getText(), cursor, { className: name, mountPath: path });
    if (plan) {
      const edit = new vscode.WorkspaceEdit();
      for (const e of plan.edits) edit.insert(doc.uri, doc.positionAt(e.offset), e.text);
      await vscode.workspace.applyEdit(edit);
      client.log.info(
        `mounted class ${name} as volume ${plan.volumeName} in ${plan.workload}/${plan.container}`,
      );
      return plan.volumeName;
    }
    // Not inside a block-style workload: insert the volume + volumeMount pair as a snippet.
    await editor.insertSnippet(
      new vscode.SnippetString(
        [
          'volumes:',
          '  - name: ${1:secrets-store-inline}',
          '    csi:',
          '      driver: secrets-store.csi.k8s.io',
          '      readOnly: true',
          '      volumeAttributes:',
          `        secretProviderClass: ${name.replace(/[$}\\]/g, '\\$&')}`,
          '# volumeMounts entry for the container:',
          '#   - name: $1',
          `#     mountPath: \${2:${path.replace(/[$}\\]/g, '\\$&')}}`,
          '#     readOnly: true',
          '$0',
        ].join('\n'),
      ),
    );
    return 'secrets-store-inline';
  });

  reg('ascp.restartServer', async (): Promise<void> => {
    await client.restart();
  });

  reg('ascp.showOutput', () => {
    client.log.show(true);
  });
}

/** Classes the server knows: from each open YAML file, then from workspace files that mention one. */
export async function listClasses(client: AscpClient): Promise<ClassChoice[]> {
  await client.ensureStarted();
  const uris = new Set<string>();
  for (const d of vscode.workspace.textDocuments) if (isServedDocument(d)) uris.add(d.uri.toString());
  const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/node_modules/**', 500);
  for (const f of files) {
    if (uris.has(f.toString())) continue;
    try {
      const bytes = await vscode.workspace.fs.readFile(f);
      if (Buffer.from(bytes).toString('utf8').includes('SecretProviderClass')) uris.add(f.toString());
    } catch {
      /* unreadable: skip */
    }
  }
  const out: ClassChoice[] = [];
  const seen = new Set<string>();
  for (const uri of uris) {
    let r: PreviewMountsResult;
    try {
      r = await client.sendRequest<PreviewMountsResult>(PreviewMountsRequest, { uri });
    } catch {
      continue;
    }
    for (const c of r.classes as PreviewClass[]) {
      const key = `${c.namespace ?? ''}/${c.name}`;
      if (!c.name || seen.has(key)) continue;
      seen.add(key);
      out.push({ name: c.name, namespace: c.namespace, uri });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
