// Helpers for the extension-host suite: wait for events or poll with a timeout (no fixed sleeps).
import * as assert from 'node:assert/strict';
import type { Context } from 'mocha';
import * as vscode from 'vscode';
import type { AscpApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'ascp-manifests.ascp-manifests';

export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function extension(): vscode.Extension<AscpApi> {
  const ext = vscode.extensions.getExtension<AscpApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is installed`);
  return ext;
}

export async function api(): Promise<AscpApi> {
  const ext = extension();
  return ext.isActive ? ext.exports : ext.activate();
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function open(...segments: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(...segments));
  return vscode.window.showTextDocument(doc);
}

export function ascpDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ascp');
}

/** Resolves once the diagnostics of `uri` satisfy `ok` (checked on every change, and now). */
export function diagnosticsWhere(
  uri: vscode.Uri,
  ok: (d: vscode.Diagnostic[]) => boolean,
  timeoutMs = 20_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const d = ascpDiagnostics(uri);
      if (!ok(d)) return false;
      sub.dispose();
      clearTimeout(timer);
      resolve(d);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for diagnostics of ${uri.path}; have: ${JSON.stringify(
            ascpDiagnostics(uri).map(
              (d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)}`,
            ),
          )}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return String(c ?? '');
}

/**
 * Skips a test whose server feature is still a placeholder (the server does not advertise the
 * capability): the node:test side reports it as skipped with this reason.
 */
export function placeholder(ctx: Context, reason: string): never {
  if (ctx.test) (ctx.test as typeof ctx.test & { skipReason?: string }).skipReason = `PLACEHOLDER: ${reason}`;
  ctx.skip();
}

export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Puts `text` into the document and saves it (the workspace is a throw-away copy): undoes a test's edits. */
export async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
  // save() answers false when the editor sees the saved text again (nothing to save); a save that a
  // slow will-save participant delayed is tried again
  await waitFor('the restored document saved', async () => {
    if (doc.isDirty) await doc.save();
    return doc.isDirty ? undefined : true;
  });
  assert.equal(doc.getText(), text);
}
