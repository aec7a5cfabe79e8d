// schemas/*.json in the real yaml-language-server (the npm devDependency, over stdio), used the two ways
// the README documents: mapped to files with the `yaml.schemas` setting, and named by a `$schema`
// modeline. Valid manifests get no schema problem; a class without `provider` gets one, at `spec`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from './lsp-client';

const YAML_LS = resolve('node_modules/yaml-language-server/bin/yaml-language-server');
const CLASS_SCHEMA = pathToFileURL(resolve('schemas/secretproviderclass.schema.json')).href;
const EXAMPLES = resolve('examples');

const yamlSettings = (schemas: Record<string, string[]>) => ({
  yaml: {
    schemas,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
  },
  http: { proxy: '', proxyStrictSSL: false },
  editor: { tabSize: 2, detectIndentation: false },
});

const yamls = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => join(dir, f));

const VALID = [...yamls('test/fixtures/valid'), ...yamls('examples')];

const NO_PROVIDER = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  parameters:
    region: us-east-1
    objects: |
      - objectName: "/app/db/url"
        objectType: "ssmparameter"
`;

const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
const show = (ds: Diagnostic[]) => JSON.stringify(ds.map((d) => [d.range.start.line, text(d)]));

describe('schemas/ in yaml-language-server 2.0.0', () => {
  let c: TestClient;
  let n = 0;

  /** Opens a document under examples/ (it need not exist on disk) and returns its first diagnostics. */
  async function check(text: string, name = `doc-${++n}.yaml`): Promise<Diagnostic[]> {
    const uri = pathToFileURL(join(EXAMPLES, name)).href;
    const published = c.nextDiagnostics(uri);
    await c.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    const { diagnostics } = await published;
    await c.close(uri);
    return diagnostics;
  }

  before(async () => {
    c = new TestClient({
      command: [process.execPath, YAML_LS, '--stdio'],
      root: resolve('.'),
      settings: yamlSettings({ [CLASS_SCHEMA]: ['/mapped/**/*.yaml'] }),
    });
    await c.initialize();
  });
  after(async () => {
    await c.stop();
  });

  describe('with the schema mapped in `yaml.schemas`', () => {
    before(async () => {
      await c.pushSettings(yamlSettings({ [CLASS_SCHEMA]: ['*.yaml'] }));
    });

    it('finds no problem in any valid manifest (workloads beside the class included)', async () => {
      for (const f of VALID) {
        const ds = await check(readFileSync(f, 'utf8'));
        assert.deepEqual(show(ds), '[]', f);
      }
    });

    it('reports a class without `provider`', async () => {
      const ds = await check(NO_PROVIDER);
      const missing = ds.filter((d) => /provider/.test(text(d)));
      assert.equal(missing.length, 1, show(ds));
      assert.equal(missing[0]?.severity, 1, 'an error');
      assert.equal(missing[0]?.range.start.line, 4, 'at `spec:`');
    });

    it('reports a parameter that is not a string and a misspelt provider', async () => {
      const ds = await check(
        NO_PROVIDER.replace('spec:\n', 'spec:\n  provider: AWS\n').replace(
          'region: us-east-1',
          'usePodIdentity: true',
        ),
      );
      assert.ok(
        ds.some((d) => d.range.start.line === 5),
        `provider: ${show(ds)}`,
      );
      assert.ok(
        ds.some((d) => d.range.start.line === 7 && /string/i.test(text(d))),
        `usePodIdentity: ${show(ds)}`,
      );
    });
  });

  describe('with a `$schema` modeline', () => {
    before(async () => {
      await c.pushSettings(yamlSettings({}));
    });

    const modeline = '# yaml-language-server: $schema=../schemas/secretproviderclass.schema.json\n';

    it('applies the schema the modeline names, relative to the file', async () => {
      assert.deepEqual(
        show(await check(modeline + readFileSync('examples/ssm-parameter.yaml', 'utf8'))),
        '[]',
      );
      const ds = await check(modeline + NO_PROVIDER);
      assert.ok(
        ds.some((d) => /provider/.test(text(d)) && d.range.start.line === 5),
        show(ds),
      );
    });

    it('checks a standalone objects list with objects.schema.json', async () => {
      const objects = '# yaml-language-server: $schema=../schemas/objects.schema.json\n';
      const good = `${objects}- objectName: "prod/db/credentials"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: username\n      objectAlias: DB_USER\n`;
      assert.deepEqual(show(await check(good)), '[]');
      const ds = await check(
        good.replace('"secretsmanager"', '"ssm"').replace('objectAlias: DB_USER', 'objectAlais: DB_USER'),
      );
      assert.ok(
        ds.some((d) => d.range.start.line === 2),
        `objectType: ${show(ds)}`,
      );
      assert.ok(
        ds.some((d) => d.range.start.line === 5),
        `objectAlais: ${show(ds)}`,
      );
    });

    it('is not applied without a modeline or a mapping', async () => {
      assert.deepEqual(show(await check(NO_PROVIDER)), '[]');
    });
  });
});
