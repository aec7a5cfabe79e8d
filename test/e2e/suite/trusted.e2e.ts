// Extension-host tests in a trusted workspace (a copy of examples/ and test/e2e/fixtures/).
// Server features that are still placeholders (no capability advertised) are skipped with a reason.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import {
  api,
  ascpDiagnostics,
  closeAll,
  codeOf,
  diagnosticsWhere,
  extension,
  hoverText,
  open,
  placeholder,
  positionOf,
  waitFor,
  workspaceUri,
} from './helpers';

interface CliDiag {
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'information' | 'hint';
  code: string;
}

const SEVERITY: Record<CliDiag['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

const key = (line: number, col: number, code: string, sev: vscode.DiagnosticSeverity) =>
  `${line}:${col} ${code} ${sev}`;

suite('ASCP extension (trusted workspace)', () => {
  suiteSetup(() => {
    assert.ok(vscode.workspace.isTrusted, 'this suite runs in a trusted workspace');
  });

  test('activates on a YAML file but starts no server for a plain one', async () => {
    await open('fixtures', 'plain.yaml');
    const ext = extension();
    await waitFor('activation on onLanguage:yaml', () => ext.isActive);
    assert.equal(ext.exports.state(), 'idle', `started by ${ext.exports.startedBy()}`);
    console.log(`activation: ${ext.exports.activationMs.toFixed(1)} ms`);
  });

  test('starts the server when a SecretProviderClass opens', async () => {
    const a = await api();
    const ed = await open('examples', 'ssm-parameter.yaml');
    await waitFor('the server to run', () => a.state() === 'running');
    await diagnosticsWhere(ed.document.uri, (d) => d.length === 0);
    console.log(`server ready: ${a.startMs()?.toFixed(0)} ms after start`);
    assert.equal(a.initializeResult()?.serverInfo?.name, 'ascp-language-server');
  });

  test('diagnostics of every example equal ascp-lint --format json', async function () {
    const ext = extension();
    const cli = join(ext.extensionPath, 'dist', 'cli.js');
    if (!existsSync(cli)) return placeholder(this, 'dist/cli.js is not part of the installed extension');
    const folder = workspaceUri().fsPath;
    let json = '';
    try {
      json = execFileSync(process.execPath, [cli, '--format', 'json', '.'], {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      });
    } catch (e) {
      json = (e as { stdout?: string }).stdout ?? ''; // exit 1: errors found
    }
    const report = JSON.parse(json) as { files: { path: string; diagnostics: CliDiag[] }[] };
    const files = report.files.filter((f) => f.path.startsWith('examples/'));
    assert.ok(files.length >= 7, 'every example');
    for (const f of files) {
      const want = f.diagnostics.map((d) => key(d.line, d.column, d.code, SEVERITY[d.severity])).sort();
      const ed = await open(...f.path.split('/'));
      const have = (ds: vscode.Diagnostic[]) =>
        ds.map((d) => key(d.range.start.line + 1, d.range.start.character + 1, codeOf(d), d.severity)).sort();
      await diagnosticsWhere(ed.document.uri, (ds) => JSON.stringify(have(ds)) === JSON.stringify(want));
    }
  });

  test('diagnostics carry source ascp, a rule code and a link to the rule page', async () => {
    const ed = await open('examples', 'broken', 'objects.yaml');
    const ds = await diagnosticsWhere(ed.document.uri, (d) => d.length > 0);
    for (const d of ds) {
      assert.equal(d.source, 'ascp');
      assert.ok(typeof d.code === 'object' && d.code !== null, 'code with a target');
      assert.match(d.code.target.toString(), /docs\/rules\/[a-z0-9-]+\.md$/);
    }
    const bad = ds.find((d) => codeOf(d) === 'object-type-invalid');
    assert.ok(bad);
    assert.equal(ed.document.getText(bad.range), '"ssm"');
  });

  test('an unsaved (untitled) YAML document is checked too', async () => {
    const text = (
      await vscode.workspace.openTextDocument(workspaceUri('fixtures', 'quickfix.yaml'))
    ).getText();
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhere(doc.uri, (d) => d.some((x) => codeOf(x) === 'object-type-invalid'));
    assert.equal(ds.length, 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the contributed snippets load and expand to a manifest without diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', {
      langId: 'yaml',
      name: 'SecretProviderClass: Secrets Manager with jmesPath',
    });
    await waitFor('the snippet text', () => doc.getText().includes('objectAlias: "DB_PASSWORD"'));
    await vscode.commands.executeCommand('leaveSnippet');
    const a = await api();
    await a.whenRunning();
    // the server has read the expanded snippet once the preview lists its class and files
    await waitFor('the class in the server', async () => {
      const r = await a.sendRequest<{ classes: { name: string; files: unknown[] }[] }>('ascp/previewMounts', {
        uri: doc.uri.toString(),
      });
      return r.classes.some((c) => c.name === 'app-secrets' && c.files.length === 3) || undefined;
    });
    await diagnosticsWhere(doc.uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('completion offers the objectType values inside objects', async function () {
    const a = await api();
    if (!a.initializeResult()?.capabilities.completionProvider)
      return placeholder(this, 'completion: the server advertises no completionProvider yet');
    const ed = await open('fixtures', 'app.yaml');
    const at = positionOf(ed.document, '"secretmanager"', 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      ed.document.uri,
      at,
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(
      labels.some((l) => l.includes('secretsmanager')) && labels.some((l) => l.includes('ssmparameter')),
      `objectType values offered; got ${JSON.stringify(labels.slice(0, 20))}`,
    );
  });

  test('hover on an objectName shows the path the pod sees', async function () {
    const a = await api();
    if (!a.initializeResult()?.capabilities.hoverProvider)
      return placeholder(this, 'hover: the server advertises no hoverProvider yet');
    const ed = await open('fixtures', 'app.yaml');
    await diagnosticsWhere(ed.document.uri, (d) => d.length > 0);
    const at = positionOf(ed.document, '/app/db/password', 3);
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        ed.document.uri,
        at,
      );
      return h.length > 0 ? h : undefined;
    });
    assert.match(hoverText(hovers), /\/var\/secrets\/_app_db_password/);
  });

  test('code lens above the class and the workload', async function () {
    const a = await api();
    if (!a.initializeResult()?.capabilities.codeLensProvider)
      return placeholder(this, 'code lens: the server advertises no codeLensProvider yet');
    const ed = await open('fixtures', 'app.yaml');
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        ed.document.uri,
        10,
      );
      return l.length >= 2 ? l : undefined;
    });
    const classLines = [
      positionOf(ed.document, 'kind: SecretProviderClass').line,
      positionOf(ed.document, 'kind: Pod').line,
    ];
    const onClass = lenses.filter(
      (l) => l.range.start.line >= (classLines[0] ?? 0) && l.range.start.line < (classLines[1] ?? 0),
    );
    const titles = onClass.map((l) => l.command?.title ?? '').join(' | ');
    // the class's lenses name its files and the workload that mounts it, with the mount path
    assert.match(titles, /_app_db_password/);
    assert.match(titles, /Pod\/web/);
    assert.match(titles, /\/var\/secrets/);
  });

  test('a quick fix corrects objectType "ssm" to "ssmparameter"', async function () {
    const a = await api();
    if (!a.initializeResult()?.capabilities.codeActionProvider)
      return placeholder(this, 'code actions: the server advertises no codeActionProvider yet');
    const ed = await open('fixtures', 'quickfix.yaml');
    const uri = ed.document.uri;
    const [diag] = await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'object-type-invalid'));
    assert.ok(diag);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diag.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((x) => x.edit && /ssmparameter/.test(x.title));
    assert.ok(
      fix?.edit,
      `a quick fix naming ssmparameter; got ${JSON.stringify(actions.map((x) => x.title))}`,
    );
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await diagnosticsWhere(uri, (d) => d.length === 0);
    assert.match(ed.document.getText(), /objectType: "ssmparameter"/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsWhere(uri, (d) => d.length === 1);
  });

  test('ascp.rules settings reach the server: ignore hides a rule, error raises one', async () => {
    const ed = await open('examples', 'broken', 'parameters.yaml');
    const uri = ed.document.uri;
    const cfg = vscode.workspace.getConfiguration('ascp');
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'provider-name'));
    try {
      await cfg.update(
        'rules',
        { 'provider-name': 'ignore', 'unknown-parameter': 'error' },
        vscode.ConfigurationTarget.Workspace,
      );
      await diagnosticsWhere(
        uri,
        (d) =>
          !d.some((x) => codeOf(x) === 'provider-name') &&
          d.some((x) => codeOf(x) === 'unknown-parameter' && x.severity === vscode.DiagnosticSeverity.Error),
      );
    } finally {
      await cfg.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(uri, (d) => d.some((x) => codeOf(x) === 'provider-name'));
  });

  test('Preview Mounted Files lists every path and mode per workload and container', async () => {
    const ed = await open('examples', 'secrets-manager-jmespath.yaml');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts');
    assert.ok(uri);
    const doc = await waitFor('the preview document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()),
    );
    const text = doc.getText();
    assert.match(text, /## Deployment\/nginx-deployment/);
    assert.match(text, /### Container `nginx-deployment`/);
    for (const f of ['test_secret', 'SECRET_USERNAME', 'SECRET_PASSWORD'])
      assert.match(text, new RegExp(`\\| \`/mnt/secrets-store/${f}\` \\| 0644 \\|`));
    assert.equal(doc.languageId, 'markdown');
    await vscode.window.showTextDocument(ed.document);
  });

  test('the language status item says offline and counts the classes', async () => {
    const a = await api();
    await open('examples', 'ssm-parameter.yaml');
    await waitFor('the status detail', () => /1 class, 1 mounted file in this file/.test(a.statusDetail()));
  });

  test('Insert CSI Volume for a Class mounts it in the workload under the cursor', async () => {
    const ed = await open('fixtures', 'no-volume.yaml');
    ed.selection = new vscode.Selection(
      positionOf(ed.document, 'busybox'),
      positionOf(ed.document, 'busybox'),
    );
    const name = await vscode.commands.executeCommand<string>(
      'ascp.insertCsiVolume',
      'nginx-param-store-class',
    );
    assert.equal(name, 'secrets-store-inline');
    const text = ed.document.getText();
    assert.match(text, /\n {6}volumes:\n {8}- name: secrets-store-inline\n {10}csi:\n/);
    assert.match(
      text,
      /\n {10}volumeMounts:\n {12}- name: secrets-store-inline\n {14}mountPath: \/mnt\/secrets-store\n/,
    );
    await diagnosticsWhere(ed.document.uri, (d) => d.length === 0);
    const preview = await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts', ed.document.uri);
    const doc = await vscode.workspace.openTextDocument(preview);
    await waitFor('the mount in the preview', () =>
      doc.getText().includes('/mnt/secrets-store/_test_parameter'),
    );
    await vscode.window.showTextDocument(ed.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Insert CSI Volume for a Class offers the classes the server knows', async () => {
    await open('fixtures', 'no-volume.yaml');
    const pending = vscode.commands.executeCommand<string | undefined>('ascp.insertCsiVolume');
    // the quick pick is open; close it without choosing: the command inserts nothing
    await waitFor('the class picker', async () => {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      return Promise.race([
        pending.then(() => true),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 200)),
      ]);
    });
    assert.equal(await pending, undefined);
    const a = await api();
    const names = (await a.classChoices()).map((c) => c.name);
    for (const n of [
      'nginx-param-store-class',
      'nginx-deployment-aws-secrets',
      'web-secrets',
      'broken-objects',
    ])
      assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
  });

  test('Select AWS Profile reads ~/.aws/config profiles and stores a machine setting', async () => {
    const cfg = () => vscode.workspace.getConfiguration('ascp');
    const pending = vscode.commands.executeCommand<string | undefined>('ascp.selectAwsProfile');
    // the picker lists AWS_CONFIG_FILE's profiles in file order: default, e2e-dev, e2e-prod
    await waitFor('the profile picker', async () => {
      await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return Promise.race([
        pending.then(() => true),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 200)),
      ]);
    });
    const picked = await pending;
    assert.ok(picked === 'e2e-dev' || picked === 'default', `picked ${picked}`);
    assert.equal(cfg().get('aws.profile'), picked);
    assert.equal(await vscode.commands.executeCommand('ascp.selectAwsProfile', 'e2e-prod'), 'e2e-prod');
    assert.equal(cfg().inspect('aws.profile')?.globalValue, 'e2e-prod');
    assert.equal(await vscode.commands.executeCommand('ascp.selectAwsRegion', 'eu-north-1'), 'eu-north-1');
    assert.equal(cfg().inspect('aws.region')?.globalValue, 'eu-north-1');
    // a workspace cannot choose them (machine scope): the folder's .vscode/settings.json says
    // ap-south-1 and workspace-profile, and is ignored
    assert.equal(cfg().get('aws.region'), 'eu-north-1');
    const a = await api();
    assert.equal(a.effectiveSettings().aws.profile, 'e2e-prod');
    await cfg().update('aws.profile', undefined, vscode.ConfigurationTarget.Global);
    await cfg().update('aws.region', undefined, vscode.ConfigurationTarget.Global);
  });

  test('trusted: the AWS settings pass through to the server', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('ascp');
    await cfg.update('aws.enabled', true, vscode.ConfigurationTarget.Global);
    try {
      assert.equal(a.effectiveSettings().aws.enabled, true);
      await waitFor('the server to pull aws.enabled = true', () => {
        const s = a.lastServerSettings() as { aws?: { enabled?: boolean } } | undefined;
        return s?.aws?.enabled === true;
      });
    } finally {
      await cfg.update('aws.enabled', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Refresh AWS Catalog tolerates a server without it', async () => {
    const r = await vscode.commands.executeCommand<{ ok: boolean; reason?: string }>('ascp.refreshCatalog');
    assert.ok(r.ok || r.reason === 'method-not-found', JSON.stringify(r));
  });

  test('Restart Server brings the diagnostics back', async () => {
    const a = await api();
    const ed = await open('examples', 'broken', 'pod.yaml');
    await diagnosticsWhere(ed.document.uri, (d) => d.length > 0);
    await vscode.commands.executeCommand('ascp.restartServer');
    assert.equal(a.state(), 'running');
    await diagnosticsWhere(ed.document.uri, (d) => d.some((x) => codeOf(x) === 'csi-driver-name'));
  });

  test('Show Output runs', async () => {
    await vscode.commands.executeCommand('ascp.showOutput');
  });

  test('ascp.secretsFile: paths checked against sample secrets; Create Sample Secrets File', async () => {
    const ed = await open('fixtures', 'secrets-file.yaml');
    const uri = ed.document.uri;
    const cfg = vscode.workspace.getConfiguration('ascp', uri);
    const sample = workspaceUri('fixtures', 'secrets', 'new-sample.json');
    await diagnosticsWhere(uri, (d) => d.length === 0);
    try {
      await cfg.update('secretsFile', 'fixtures/secrets/sample.json', vscode.ConfigurationTarget.Workspace);
      const ds = await diagnosticsWhere(
        uri,
        (d) =>
          d.some((x) => codeOf(x) === 'jmespath-no-value') &&
          d.some((x) => codeOf(x) === 'jmespath-not-string'),
      );
      const line = (re: RegExp) =>
        ed.document
          .getText()
          .split('\n')
          .findIndex((l) => re.test(l));
      const noValue = ds.find((x) => codeOf(x) === 'jmespath-no-value');
      assert.equal(noValue?.range.start.line, line(/path: usrname/));
      assert.match(noValue?.message ?? '', /did you mean `username`\?/);
      assert.equal(ds.find((x) => codeOf(x) === 'jmespath-not-string')?.range.start.line, line(/path: port/));
      for (const d of ds) assert.doesNotMatch(d.message, /sample-user|sample-password|5432/);

      // the skeleton goes where the setting points
      await cfg.update(
        'secretsFile',
        'fixtures/secrets/new-sample.json',
        vscode.ConfigurationTarget.Workspace,
      );
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        'ascp.createSampleSecrets',
        workspaceUri(),
      );
      assert.equal(written?.toString(), sample.toString());
      const skeleton = JSON.parse(
        new TextDecoder().decode(await vscode.workspace.fs.readFile(sample)),
      ) as Record<string, unknown>;
      assert.deepEqual(skeleton['orders/db'], { usrname: '<usrname>', port: '<port>' });
      // against its own skeleton the class has no content problem
      await diagnosticsWhere(uri, (d) => d.length === 0);
    } finally {
      await cfg.update('secretsFile', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(sample).then(undefined, () => undefined);
    }
  });

  test('every contributed command is registered', async () => {
    const all = await vscode.commands.getCommands(true);
    const pkg = extension().packageJSON as { contributes: { commands: { command: string }[] } };
    for (const c of pkg.contributes.commands) assert.ok(all.includes(c.command), c.command);
  });

  test('diagnostics never come from another source for these files', async () => {
    await closeAll();
    const ed = await open('examples', 'broken', 'jmespath.yaml');
    await diagnosticsWhere(ed.document.uri, (d) => d.length > 0);
    const others = vscode.languages.getDiagnostics(ed.document.uri).filter((d) => d.source !== 'ascp');
    assert.deepEqual(
      others.map((d) => `${d.source}: ${d.message}`),
      [],
    );
    assert.equal(ascpDiagnostics(ed.document.uri).length, 2);
  });
});
