// Extension-host tests in an untrusted workspace (Restricted Mode): every offline feature works and
// the server is told AWS is off, whatever the user settings say (they say enabled: true here).
import * as assert from 'node:assert/strict';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { api, codeOf, diagnosticsWhere, extension, open, waitFor } from './helpers';

interface ServerSettings {
  aws?: { enabled?: boolean; checkValues?: boolean; profile?: string };
}

suite('ASCP extension (untrusted workspace, Restricted Mode)', () => {
  test('the workspace is untrusted and the extension still activates', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await open('examples', 'broken', 'objects.yaml');
    await waitFor('activation', () => extension().isActive);
  });

  test('offline diagnostics arrive', async () => {
    const ed = await open('examples', 'broken', 'objects.yaml');
    const ds = await diagnosticsWhere(ed.document.uri, (d) =>
      d.some((x) => codeOf(x) === 'object-type-invalid'),
    );
    assert.ok(ds.every((d) => d.source === 'ascp'));
  });

  test('the server is told AWS is off although the settings enable it', async () => {
    const a = await api();
    await a.whenRunning();
    const cfg = vscode.workspace.getConfiguration('ascp');
    assert.equal(cfg.get('aws.enabled'), true, 'machine setting from the runner');
    assert.equal(cfg.get('aws.checkValues'), true, 'machine setting from the runner');
    assert.equal(a.effectiveSettings().aws.enabled, false);
    assert.equal(a.effectiveSettings().aws.checkValues, false);
    const sent = await waitFor(
      'settings sent to the server',
      () => a.lastServerSettings() as ServerSettings | undefined,
    );
    assert.equal(sent.aws?.enabled, false);
    assert.equal(sent.aws?.checkValues, false);
  });

  test('a workspace cannot choose the AWS profile or region', async () => {
    const cfg = vscode.workspace.getConfiguration('ascp');
    // the folder's .vscode/settings.json names workspace-profile and ap-south-1
    assert.equal(cfg.get('aws.profile'), 'user-profile');
    assert.equal(cfg.get('aws.region'), '');
  });

  test('Refresh AWS Catalog refuses in Restricted Mode', async () => {
    const r = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('ascp.refreshCatalog');
    assert.deepEqual(r, { ok: false, reason: 'untrusted' });
  });

  test('Preview Mounted Files works offline', async () => {
    const ed = await open('examples', 'ssm-parameter.yaml');
    await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts');
    const a = await api();
    await waitFor(
      'the preview',
      () => a.preview(ed.document.uri.toString())?.html.includes('/var/secrets/_test_parameter') || undefined,
    );
  });

  test('the status item says AWS is off', async () => {
    const a = await api();
    await open('examples', 'ssm-parameter.yaml');
    await waitFor('the status detail', () =>
      /^ASCP: Restricted Mode: objects, jmesPath, pods; AWS off/.test(a.statusDetail()),
    );
  });
});
