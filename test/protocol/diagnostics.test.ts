// Diagnostics over stdio: one publish per document version, exact positions, settings, linking
// across files and the workspace index, and a server that survives garbage.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { CLIENT_CAPABILITIES, posOf, TestClient } from './lsp-client';

const read = (p: string) => readFileSync(p, 'utf8');
const uri = (name: string) => `file:///virtual/${name}`;

describe('diagnostics over stdio', () => {
  let c: TestClient;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('advertises incremental sync and the ascp features', () => {
    const caps = c.initializeResult?.capabilities;
    // didSave (without the text) re-reads ascp.secretsFile for a client that cannot watch files
    assert.deepEqual(caps?.textDocumentSync, { openClose: true, change: 2, save: { includeText: false } });
    assert.equal(c.initializeResult?.serverInfo?.name, 'ascp-language-server');
  });

  it('publishes an empty list for a valid example', async () => {
    assert.deepEqual(await c.open(uri('ssm.yaml'), read('examples/ssm-parameter.yaml')), []);
  });

  it('publishes diagnostics with code, docs link, source and exact range', async () => {
    const text = read('examples/broken/objects.yaml');
    const diags = await c.open(uri('objects.yaml'), text);
    const d = diags.find((x) => x.code === 'object-type-invalid');
    assert.ok(d);
    assert.equal(d.source, 'ascp');
    assert.equal(d.severity, 1);
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\/object-type-invalid\.md$/);
    assert.deepEqual(d.range.start, posOf(text, '"ssm"'));
    assert.deepEqual(d.range.end, posOf(text, '"ssm"', 5));
    const dup = diags.find((x) => x.code === 'duplicate-alias');
    assert.equal(dup?.relatedInformation?.[0]?.location.uri, uri('objects.yaml'));
    assert.deepEqual(dup?.relatedInformation?.[0]?.location.range.start, posOf(text, 'creds'));
  });

  it('publishes once per version on incremental edits, empty lists included', async () => {
    const u = uri('edit.yaml');
    const text = read('examples/ssm-parameter.yaml');
    assert.deepEqual(await c.open(u, text, 1), []);
    const at = posOf(text, '"ssmparameter"', 1);
    // type "X" inside the objectType value -> invalid objectType
    let diags = await c.change(u, 2, [{ range: { start: at, end: at }, text: 'X' }]);
    assert.deepEqual(
      diags.map((d) => [d.code, d.range.start]),
      [['object-type-invalid', { line: at.line, character: at.character - 1 }]],
    );
    const end = { line: at.line, character: at.character + 1 };
    diags = await c.change(u, 3, [{ range: { start: at, end }, text: '' }]);
    assert.deepEqual(diags, []);
    const versions = c.published.filter((p) => p.uri === u).map((p) => p.version);
    assert.deepEqual([...new Set(versions)], [1, 2, 3]);
  });

  it('applies per-rule severities from workspace/configuration', async () => {
    const u = uri('severity.yaml');
    const text = read('examples/broken/objects.yaml');
    await c.open(u, text);
    const wait = c.nextDiagnostics(u);
    await c.pushSettings({ ascp: { rules: { 'object-type-invalid': 'hint', 'unknown-key': 'ignore' } } });
    const diags = (await wait).diagnostics;
    assert.equal(diags.find((d) => d.code === 'object-type-invalid')?.severity, 4);
    assert.equal(
      diags.find((d) => d.code === 'unknown-key'),
      undefined,
    );
    const back = c.nextDiagnostics(u);
    await c.pushSettings({});
    assert.equal((await back).diagnostics.find((d) => d.code === 'object-type-invalid')?.severity, 1);
  });

  it('links a workload to a class in another open file and republishes when the class changes', async () => {
    const pod = read('examples/ssm-parameter.yaml').split('---\n')[1] as string;
    const cls = read('examples/ssm-parameter.yaml').split('---\n')[0] as string;
    const podUri = uri('link-pod.yaml');
    const clsUri = uri('link-class.yaml');
    let podDiags = await c.open(podUri, pod.replace('nginx-param-store-class', 'link-class'));
    assert.deepEqual(
      podDiags.map((d) => d.code),
      ['class-not-found'],
    );
    const republished = c.nextDiagnostics(podUri);
    await c.open(clsUri, cls.replace('nginx-param-store-class', 'link-class'));
    podDiags = (await republished).diagnostics;
    assert.deepEqual(podDiags, []);
    const preview = await c.request<{ mounts: { path: string; workload: string }[] }>('ascp/previewMounts', {
      uri: podUri,
    });
    assert.deepEqual(
      preview.mounts.map((m) => [m.workload, m.path]),
      [['Pod/nginx-pod-parameter-store', '/var/secrets/_test_parameter']],
    );
  });

  it('survives garbage: binary, huge lines, broken YAML, unknown methods, bad params', async () => {
    await c.open(uri('bin.yaml'), '\u0000\u0001\u0002');
    await c.open(uri('broken.yaml'), 'kind: SecretProviderClass\nspec: [\n  provider: {aws\n');
    await c.open(uri('long.yaml'), 'kind: SecretProviderClass\n' + 'x'.repeat(200000));
    await assert.rejects(c.request('ascp/noSuchMethod', {}));
    const r = await c.request('ascp/previewMounts', { uri: 'file:///not/open.yaml' });
    assert.deepEqual(r, { uri: 'file:///not/open.yaml', mounts: [], classes: [] });
    await c.request('ascp/previewMounts', null).catch(() => undefined);
    await c
      .request('textDocument/hover', {
        textDocument: { uri: uri('nope.yaml') },
        position: { line: 99, character: 99 },
      })
      .catch(() => undefined);
    // still alive and correct
    assert.deepEqual(await c.open(uri('alive.yaml'), read('examples/ssm-parameter.yaml')), []);
  });
});

describe('workspace index', () => {
  let dir: string;
  let c: TestClient;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ascp-ws-'));
    writeFileSync(join(dir, 'class.yaml'), read('examples/ssm-parameter.yaml').split('---\n')[0] as string);
    c = new TestClient({ root: dir });
    await c.initialize();
  });
  after(async () => {
    await c.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a class defined in a workspace file that is not open', async () => {
    const pod = read('examples/ssm-parameter.yaml').split('---\n')[1] as string;
    const u = pathToFileURL(join(dir, 'pod.yaml')).toString();
    let diags = await c.open(u, pod, 1);
    // The index may finish after this first publish; the server republishes open files when it does.
    while (diags.some((d) => d.code === 'class-not-found')) diags = (await c.nextDiagnostics(u)).diagnostics;
    assert.deepEqual(diags, []);
    const preview = await c.request<{ mounts: { path: string }[] }>('ascp/previewMounts', { uri: u });
    assert.deepEqual(
      preview.mounts.map((m) => m.path),
      ['/var/secrets/_test_parameter'],
    );
  });
});

describe('editors without workspace/configuration (Helix, minimal Neovim setups)', () => {
  for (const [name, initializationOptions] of [
    ['Helix-style {ascp: ...}', { ascp: { rules: { 'object-type-invalid': 'hint' } } }],
    ['client-style {settings: ...}', { settings: { rules: { 'object-type-invalid': 'hint' } } }],
  ] as const) {
    it(`takes settings from initializationOptions (${name})`, async () => {
      const caps = {
        ...CLIENT_CAPABILITIES,
        workspace: { ...CLIENT_CAPABILITIES.workspace, configuration: false },
      };
      const c = new TestClient({ initializationOptions, capabilities: caps });
      await c.initialize();
      const diags = await c.open(uri('helix.yaml'), read('examples/broken/objects.yaml'));
      assert.equal(diags.find((d) => d.code === 'object-type-invalid')?.severity, 4);
      assert.equal(await c.stop(), 0);
    });
  }
});
