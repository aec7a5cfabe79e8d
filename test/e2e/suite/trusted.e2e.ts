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
  restore,
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
    const original = ed.document.getText();
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
    // undo the fix (not the revert command: it acts on whatever editor is active)
    await restore(ed.document, original);
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

  test('Preview Mounted Files renders every path and mode per workload and container', async () => {
    const ed = await open('examples', 'secrets-manager-jmespath.yaml');
    const a = await api();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts');
    assert.equal(uri?.toString(), ed.document.uri.toString());
    const html = await waitFor('the rendered preview', () => a.preview(ed.document.uri.toString())?.html);
    assert.match(html, /<h2>Deployment\/nginx-deployment<\/h2>/);
    assert.match(html, /<h3>Container <code>nginx-deployment<\/code><\/h3>/);
    for (const f of ['test_secret', 'SECRET_USERNAME', 'SECRET_PASSWORD'])
      assert.match(html, new RegExp(`<code>/mnt/secrets-store/${f}</code></a></td><td>0644</td>`));
    // a webview, not a Markdown document
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.languageId === 'markdown'));
    await vscode.window.showTextDocument(ed.document);
  });

  test('Preview Mounted Files from a class file finds the pod of another file, and follows its edits', async () => {
    const a = await api();
    const pod = await open('fixtures', 'split', 'pod.yaml');
    const ed = await open('fixtures', 'split', 'secrets.yaml');
    await diagnosticsWhere(ed.document.uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('ascp.previewMounts');
    const key = ed.document.uri.toString();
    const html = await waitFor('the preview', () => a.preview(key)?.html);
    assert.match(html, /<h2>Pod\/split-web <span class="where">in pod\.yaml<\/span><\/h2>/);
    assert.match(
      html,
      /<code>\/etc\/split\/DB_USER<\/code><\/a><\/td><td>0644<\/td><td>split-secrets<\/td><td>jmesPath username of prod\/split\/db<\/td>/,
    );
    assert.match(html, /<code>\/etc\/split\/_split_api-key<\/code><\/a><\/td><td>0440<\/td>/);
    // an edit of the pod (another file) shows in the class file's preview
    const edit = new vscode.WorkspaceEdit();
    const original = pod.document.getText();
    const at = positionOf(pod.document, '/etc/split');
    edit.replace(pod.document.uri, new vscode.Range(at, at.translate(0, '/etc/split'.length)), '/etc/db');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      'the preview after the edit',
      () => a.preview(key)?.html.includes('/etc/db/DB_USER') || undefined,
    );
    await restore(pod.document, original);
    await waitFor(
      'the preview after the revert',
      () => a.preview(key)?.html.includes('/etc/split/DB_USER') || undefined,
    );
    await closeAll();
  });

  test("the walkthrough's Preview button previews the manifest open in another tab", async () => {
    const a = await api();
    const ed = await open('fixtures', 'split', 'secrets.yaml');
    await vscode.commands.executeCommand(
      'workbench.action.openWalkthrough',
      'ascp-manifests.ascp-manifests#ascp.gettingStarted',
      false,
    );
    await waitFor(
      'the walkthrough in front',
      () => vscode.window.activeTextEditor === undefined || undefined,
    );
    assert.equal(a.previewTarget(), ed.document.uri.toString());
    const uri = await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts');
    assert.equal(uri?.toString(), ed.document.uri.toString());
    await closeAll();
  });

  test('the ASCP Mounts view follows the active editor, refreshes on every edit, and a file reveals its entry', async () => {
    const a = await api();
    const ed = await open('fixtures', 'split', 'secrets.yaml');
    const key = ed.document.uri.toString();
    const settled = () => {
      const v = a.mountsView();
      return v.source === key && v.nodes.length > 0 ? v : undefined;
    };
    const v = await waitFor('the view on secrets.yaml', settled);
    const shape = v.nodes.map((w) => [
      w.label,
      w.description,
      w.children.map((c) => [
        c.label,
        c.children.map((m) => [m.label, m.children.map((f) => `${f.label}: ${f.description}`)]),
      ]),
    ]);
    assert.deepEqual(shape, [
      [
        'Pod/split-web',
        'in pod.yaml',
        [
          [
            'web',
            [
              [
                '/etc/split',
                [
                  'prod_split_db: 0644 · split-secrets · objectName prod/split/db',
                  'DB_USER: 0644 · split-secrets · jmesPath username of prod/split/db',
                  'DB_PASSWORD: 0644 · split-secrets · jmesPath password of prod/split/db',
                  '_split_api-key: 0440 · split-secrets · objectName /split/api-key',
                ],
              ],
            ],
          ],
        ],
      ],
    ]);
    // every edit: rename an alias, the view shows the new file at once
    const original = ed.document.getText();
    const before = a.mountsView().updates;
    const at = positionOf(ed.document, 'DB_PASSWORD');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(ed.document.uri, new vscode.Range(at, at.translate(0, 'DB_PASSWORD'.length)), 'DB_PASS');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the view after the edit', () => {
      const s = a.mountsView();
      const labels = s.nodes[0]?.children[0]?.children[0]?.children.map((f) => f.label) ?? [];
      return s.updates > before && labels.includes('DB_PASS') ? labels : undefined;
    });
    // a click on a file (its tree item's command) lands on its entry
    const file = a
      .mountsView()
      .nodes[0]?.children[0]?.children[0]?.children.find((f) => f.label === '_split_api-key');
    assert.ok(file?.location);
    await open('fixtures', 'split', 'pod.yaml');
    await waitFor('the view on pod.yaml', () =>
      a.mountsView().source?.endsWith('pod.yaml') ? true : undefined,
    );
    assert.equal(await vscode.commands.executeCommand('ascp.revealMountSource', file.location), true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), key);
    assert.equal(editor?.document.getText(editor.selection), '"/split/api-key"');
    await restore(ed.document, original);
    await closeAll();
  });

  test('workload code lenses and volumeMount inlay hints in the editor', async () => {
    const ed = await open('fixtures', 'split', 'pod.yaml');
    await open('fixtures', 'split', 'secrets.yaml');
    const lenses = await waitFor('the workload lens', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        ed.document.uri,
        10,
      );
      return l.length > 0 ? l : undefined;
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [
          positionOf(ed.document, 'kind: Pod').line,
          'mounts 4 files at /etc/split: prod_split_db, DB_USER, +2 more',
        ],
      ],
    );
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      ed.document.uri,
      new vscode.Range(0, 0, ed.document.lineCount, 0),
    );
    assert.deepEqual(
      hints.map((h) => [
        h.position.line,
        typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''),
      ]),
      [[positionOf(ed.document, 'mountPath: /etc/split').line, '→ /etc/split/prod_split_db, +3 more']],
    );
    // in the class: no hint repeats an alias as written
    const cls = await open('fixtures', 'split', 'secrets.yaml');
    const classHints = await vscode.commands.executeCommand<vscode.InlayHint[]>(
      'vscode.executeInlayHintProvider',
      cls.document.uri,
      new vscode.Range(0, 0, cls.document.lineCount, 0),
    );
    const labels = classHints.map((h) => (typeof h.label === 'string' ? h.label : ''));
    assert.deepEqual(labels, ['→ prod_split_db', '→ _split_api-key']);
  });

  test('the preview icon shows in the title bar of manifests only', async () => {
    const a = await api();
    await open('fixtures', 'plain.yaml');
    await waitFor('no icon on a plain YAML file', () => (a.activeManifest() ? undefined : true));
    await open('fixtures', 'split', 'secrets.yaml');
    await waitFor('the icon on a manifest', () => (a.activeManifest() ? true : undefined));
    const pkg = extension().packageJSON as {
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    const title = pkg.contributes.menus['editor/title']?.find((m) => m.command === 'ascp.previewMounts');
    assert.match(title?.when ?? '', /ascp\.activeManifest/);
    await closeAll();
  });

  test('the language status says what it checks, calmly offline, and counts the files mounted through other files', async () => {
    const a = await api();
    await open('examples', 'ssm-parameter.yaml');
    await waitFor(
      'the status detail',
      () =>
        /^ASCP: offline checks: objects, jmesPath, pods; .*\| 1 class, 1 workload, 1 mounted file, in this file$/.test(
          a.statusDetail(),
        ) || undefined,
    );
    assert.doesNotMatch(a.statusDetail(), /problem/i);
    // a class file counts the files its classes give a pod of another file, and says through which
    await open('fixtures', 'split', 'secrets.yaml');
    await waitFor(
      'the status of the class file',
      () =>
        /\| 1 class, 4 mounted files, through Pod\/split-web in pod\.yaml$/.test(a.statusDetail()) ||
        undefined,
    );
  });

  test('Insert CSI Volume for a Class asks for the mount path and mounts it in the workload under the cursor', async () => {
    const ed = await open('fixtures', 'no-volume.yaml');
    const original = ed.document.getText();
    ed.selection = new vscode.Selection(
      positionOf(ed.document, 'busybox'),
      positionOf(ed.document, 'busybox'),
    );
    const pending = vscode.commands.executeCommand<string>('ascp.insertCsiVolume', 'nginx-param-store-class');
    // the input box offers /mnt/secrets-store; accept it
    await waitFor('the mount path input', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return Promise.race([
        pending.then(() => true),
        new Promise<undefined>((r) => setTimeout(() => r(undefined), 200)),
      ]);
    });
    const name = await pending;
    assert.equal(name, 'secrets-store-inline');
    const text = ed.document.getText();
    assert.match(text, /\n {6}volumes:\n {8}- name: secrets-store-inline\n {10}csi:\n/);
    assert.match(
      text,
      /\n {10}volumeMounts:\n {12}- name: secrets-store-inline\n {14}mountPath: \/mnt\/secrets-store\n/,
    );
    await diagnosticsWhere(ed.document.uri, (d) => d.length === 0);
    const a = await api();
    await vscode.commands.executeCommand<vscode.Uri>('ascp.previewMounts', ed.document.uri);
    await waitFor(
      'the mount in the preview',
      () =>
        a.preview(ed.document.uri.toString())?.html.includes('/mnt/secrets-store/_test_parameter') ||
        undefined,
    );
    await restore(ed.document, original);
    // a mount path given (as the input box would): written as given
    const again = await vscode.window.showTextDocument(ed.document);
    again.selection = new vscode.Selection(
      positionOf(ed.document, 'busybox'),
      positionOf(ed.document, 'busybox'),
    );
    assert.equal(
      await vscode.commands.executeCommand<string>(
        'ascp.insertCsiVolume',
        'nginx-param-store-class',
        '/etc/app secrets',
      ),
      'secrets-store-inline',
    );
    assert.match(ed.document.getText(), /\n {14}mountPath: "\/etc\/app secrets"\n/);
    await restore(ed.document, original);
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
