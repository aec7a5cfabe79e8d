// ASCP: Create Sample Secrets File. The server computes the skeleton (ascp/sampleSecrets) from the
// workspace folder's classes and says where it goes (the folder's ascp.secretsFile); the client only
// writes it, never over an existing file without asking, and points ascp.secretsFile at a new file.
import * as vscode from 'vscode';
import { SampleSecretsRequest, type SampleSecretsResult } from '../../server/src/shared/protocol';
import type { AscpClient } from './client';
import { SECTION } from './settings';

/** Where the skeleton goes when ascp.secretsFile is not set. */
export const DEFAULT_SAMPLE_FILE = 'ascp-secrets.sample.json';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function chooseFolder(arg: unknown): Promise<vscode.WorkspaceFolder | undefined> {
  if (arg instanceof vscode.Uri) return vscode.workspace.getWorkspaceFolder(arg);
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (fromEditor) return fromEditor;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder to sample' });
}

export function registerCreateSampleSecrets(context: vscode.ExtensionContext, client: AscpClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'ascp.createSampleSecrets',
      async (folderArg?: vscode.Uri): Promise<vscode.Uri | undefined> => {
        const folder = await chooseFolder(folderArg);
        if (!folder) {
          void vscode.window.showInformationMessage(
            'ASCP: open a workspace folder to create its sample secrets file.',
          );
          return undefined;
        }
        const r = await client.sendRequest<SampleSecretsResult>(SampleSecretsRequest, {
          uri: folder.uri.toString(),
        });
        if (r.refused) {
          void vscode.window.showWarningMessage(`ASCP: ${r.refused}`);
          return undefined;
        }
        if (r.objects === 0) {
          void vscode.window.showInformationMessage(
            `ASCP: no SecretProviderClass in ${folder.name} names an object to sample.`,
          );
          return undefined;
        }
        const target = r.target
          ? vscode.Uri.parse(r.target)
          : vscode.Uri.joinPath(folder.uri, DEFAULT_SAMPLE_FILE);
        const shown = vscode.workspace.asRelativePath(target, false);
        if (await exists(target)) {
          const replace = await vscode.window.showWarningMessage(
            `${shown} exists. Replace it with a new skeleton? Its values are lost.`,
            { modal: true },
            'Replace',
          );
          if (replace !== 'Replace') return undefined;
        }
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.content));
        if (!r.target)
          await vscode.workspace
            .getConfiguration(SECTION, folder.uri)
            .update('secretsFile', DEFAULT_SAMPLE_FILE, vscode.ConfigurationTarget.WorkspaceFolder);
        await vscode.window.showTextDocument(target, { preview: false });
        for (const s of r.skipped)
          client.log.info(
            `sample secrets: left out ${s.objectName}${s.path ? ` path ${s.path}` : ''}: ${s.reason}`,
          );
        const left = r.skipped.length
          ? ` ${r.skipped.length} path${r.skipped.length === 1 ? '' : 's'} could not become keys (${r.skipped
              .slice(0, 3)
              .map((s) => s.path ?? s.objectName)
              .join(', ')}${r.skipped.length > 3 ? ', ...' : ''}; see ASCP: Show Output).`
          : '';
        void vscode.window.showInformationMessage(
          `ASCP: wrote ${r.objects} object${r.objects === 1 ? '' : 's'} with placeholder values to ${shown}${r.target ? '' : ' and set ascp.secretsFile'}. Replace the placeholders with values of the real secrets' shape.${left}`,
        );
        return target;
      },
    ),
  );
}
