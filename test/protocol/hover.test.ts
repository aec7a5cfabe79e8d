// Hover over stdio: exact ranges and contents on the examples, inside literal, folded and
// double-quoted `objects`, across files (a class hovered in one file shows the pod's path from
// another), and null for positions that are not in the file, with no error logged.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent, Position } from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, posOf, TestClient } from './lsp-client';

const read = (p: string) => readFileSync(p, 'utf8');
const uri = (name: string) => `file:///virtual/hover/${name}`;

const styled = (name: string, objects: string, params = '') =>
  `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ${name}
spec:
  provider: aws
  parameters:
    region: us-east-1
${params}    objects: ${objects}
`;

const ENTRY_LINES = [
  '- objectName: "/app/db"',
  '  objectType: "secretsmanager"',
  '  jmesPath:',
  '    - path: host',
  '      objectAlias: DB_HOST',
];
/** The same entries in each scalar style, and how `"/app/db"` is written in the outer file. */
const STYLES: { style: string; objects: string; name: string }[] = [
  {
    style: 'literal',
    objects: '|\n' + ENTRY_LINES.map((l) => `      ${l}\n`).join(''),
    name: '"/app/db"',
  },
  {
    style: 'folded',
    objects: '>\n' + ENTRY_LINES.map((l) => `      ${l}\n`).join(''),
    name: '"/app/db"',
  },
  {
    style: 'double-quoted',
    objects: JSON.stringify(ENTRY_LINES.join('\n') + '\n'),
    name: '\\"/app/db\\"',
  },
];

function at(text: string, needle: string, delta = 0, occurrence = 0): Position {
  return posOf(text, needle, delta, occurrence);
}

function span(text: string, needle: string, occurrence = 0): { start: Position; end: Position } {
  return { start: at(text, needle, 0, occurrence), end: at(text, needle, needle.length, occurrence) };
}

describe('hover over stdio', () => {
  let c: TestClient;
  const hover = (u: string, position: unknown) =>
    c.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position });
  const value = (h: Hover | null): string => (h?.contents as MarkupContent | undefined)?.value ?? '';

  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('advertises hover', () => {
    assert.equal(c.initializeResult?.capabilities.hoverProvider, true);
  });

  it('objectName: the file, its mode and the full path in the pod (ssm example)', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const u = uri('ssm.yaml');
    await c.open(u, text);
    const h = await hover(u, at(text, '"/test/parameter"', 5));
    assert.deepEqual(h?.range, span(text, '"/test/parameter"'));
    assert.deepEqual(h?.contents, {
      kind: 'markdown',
      value:
        '**File** `_test_parameter` · mode `0644`\n\n' +
        '- `/var/secrets/_test_parameter` — Pod `nginx-pod-parameter-store`, container `nginx`',
    });
  });

  it('class name: which workloads mount it, where', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const h = await hover(uri('ssm.yaml'), at(text, 'nginx-param-store-class', 3));
    assert.deepEqual(h?.range, span(text, 'nginx-param-store-class'));
    assert.equal(
      value(h),
      '**SecretProviderClass** `nginx-param-store-class`\n\n' +
        'Writes 1 file: `_test_parameter`.\n\n' +
        'Mounted by:\n' +
        '- Pod `nginx-pod-parameter-store` in `ssm.yaml`: container `nginx` at `/var/secrets`',
    );
  });

  it("volumeAttributes.secretProviderClass: the class and the files of the pod's containers", async () => {
    const text = read('examples/ssm-parameter.yaml');
    const h = await hover(uri('ssm.yaml'), at(text, 'secretProviderClass: nginx', 25));
    assert.deepEqual(h?.range, span(text, 'nginx-param-store-class', 1));
    assert.equal(
      value(h),
      '**SecretProviderClass** `nginx-param-store-class` in `ssm.yaml`\n\n' +
        '- `/var/secrets/_test_parameter` — container `nginx` · mode `0644`',
    );
  });

  it('keys: what ASCP does with a parameter and an entry field', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const region = await hover(uri('ssm.yaml'), at(text, 'region:', 2));
    assert.deepEqual(region?.range, span(text, 'region'));
    assert.match(value(region), /^\*\*`region`\*\*: The AWS region ASCP calls/);
    const type = await hover(uri('ssm.yaml'), at(text, 'objectType', 4));
    assert.deepEqual(type?.range, span(text, 'objectType'));
    assert.match(value(type), /^\*\*`objectType`\*\*: `secretsmanager` or `ssmparameter`, exactly/);
  });

  it('jmesPath path: what it selects, the alias file and its path in the Deployment', async () => {
    const text = read('examples/secrets-manager-jmespath.yaml');
    const u = uri('sm.yaml');
    await c.open(u, text);
    const h = await hover(u, at(text, 'path: username', 8));
    assert.deepEqual(h?.range, span(text, 'username', 1));
    assert.equal(
      value(h),
      '**jmesPath** `username`: field `username`\n\n' +
        '**File** `SECRET_USERNAME` · mode `0644`\n\n' +
        '- `/mnt/secrets-store/SECRET_USERNAME` — Deployment `nginx-deployment`, container `nginx-deployment`',
    );
    const alias = await hover(u, at(text, 'SECRET_PASSWORD', 1));
    assert.deepEqual(alias?.range, span(text, 'SECRET_PASSWORD'));
    assert.equal(
      value(alias),
      '**File** `SECRET_PASSWORD` · mode `0644`\n\n' +
        'Holds `password` of `test/secret`.\n\n' +
        '- `/mnt/secrets-store/SECRET_PASSWORD` — Deployment `nginx-deployment`, container `nginx-deployment`',
    );
    const entry = await hover(u, at(text, '"test/secret"', 1));
    assert.match(value(entry), /Its jmesPath entries also write `SECRET_USERNAME`, `SECRET_PASSWORD`\.$/);
  });

  for (const s of STYLES) {
    it(`inside ${s.style} objects: exact ranges for the name, the path and the alias`, async () => {
      const text = styled(`hover-${s.style}`, s.objects, '    pathTranslation: "-"\n');
      const u = uri(`${s.style}.yaml`);
      assert.deepEqual(await c.open(u, text), []);
      const name = await hover(u, at(text, s.name, 4));
      assert.deepEqual(name?.range, span(text, s.name));
      assert.equal(
        value(name),
        '**File** `-app-db` · mode `0644`\n\n' +
          'No workload in the workspace mounts `hover-' +
          s.style +
          "`: the file is `-app-db` in the volume's mount path.\n\n" +
          'Its jmesPath entries also write `DB_HOST`.',
      );
      const path = await hover(u, at(text, 'path: host', 7));
      assert.deepEqual(path?.range, span(text, 'host'));
      assert.match(value(path), /^\*\*jmesPath\*\* `host`: field `host`\n\n\*\*File\*\* `DB_HOST`/);
      const alias = await hover(u, at(text, 'DB_HOST'));
      assert.deepEqual(alias?.range, span(text, 'DB_HOST'));
      assert.match(value(alias), /^\*\*File\*\* `DB_HOST` · mode `0644`\n\nHolds `host` of `\/app\/db`\./);
      const key = await hover(u, at(text, 'objectAlias', 3));
      assert.deepEqual(key?.range, span(text, 'objectAlias'));
      assert.match(value(key), /^\*\*`jmesPath\.objectAlias`\*\*: The name of the file/);
      const translation = await hover(u, at(text, '"-"', 1));
      assert.match(value(translation), /Every `\/` becomes `-`: `\/app\/db` → `-app-db`\.$/);
    });
  }

  it('a class and its pod in different files: hovering the class shows the pod path', async () => {
    const cls = styled(
      'cross-class',
      '|\n      - objectName: "/cross/token"\n        objectType: "ssmparameter"\n',
    );
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  volumes:
    - name: creds
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: cross-class
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: creds
          mountPath: /etc/creds
          readOnly: true
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: prod
spec:
  template:
    spec:
      volumes:
        - name: creds
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: cross-class
              pathTranslation: "-"
      containers:
        - name: api
          image: api
          volumeMounts:
            - name: creds
              mountPath: /run/secrets/
              readOnly: true
`;
    const cu = uri('cross-class.yaml');
    const pu = uri('cross-pod.yaml');
    await c.open(cu, cls);
    const before = await hover(cu, at(cls, '"/cross/token"', 2));
    assert.match(value(before), /No workload in the workspace mounts `cross-class`/);
    await c.open(pu, pod);
    const h = await hover(cu, at(cls, '"/cross/token"', 2));
    assert.deepEqual(h?.range, span(cls, '"/cross/token"'));
    assert.equal(
      value(h),
      '**File** `_cross_token` · mode `0644`\n\n' +
        '- `/etc/creds/_cross_token` — Pod `web` in `cross-pod.yaml`, container `app`\n' +
        '- `/run/secrets/-cross-token` — Deployment `api` (namespace `prod`) in `cross-pod.yaml`, container `api`',
    );
    const fromPod = await hover(pu, at(pod, 'cross-class', 2));
    assert.deepEqual(fromPod?.range, span(pod, 'cross-class'));
    assert.equal(
      value(fromPod),
      '**SecretProviderClass** `cross-class` in `cross-class.yaml`\n\n' +
        '- `/etc/creds/_cross_token` — container `app` · mode `0644`',
    );
    const name = await hover(cu, at(cls, 'cross-class'));
    assert.match(
      value(name),
      /Mounted by:\n- Pod `web` in `cross-pod.yaml`: container `app` at `\/etc\/creds`\n- Deployment `api` \(namespace `prod`\) in `cross-pod.yaml`: container `api` at `\/run\/secrets\/`$/,
    );
  });

  it('inexact objects (an invalid escape): a hover inside describes the whole string', async () => {
    const text = styled(
      'hover-inexact',
      '"- objectName: \\"/app/db\\"\\n  objectType: ssmparameter\\n  objectAlias: a\\qb\\n"',
    );
    const u = uri('inexact.yaml');
    await c.open(u, text);
    const h = await hover(u, at(text, '/app/db'));
    const whole = text.slice(text.indexOf('"- objectName'), text.lastIndexOf('"') + 1);
    assert.deepEqual(h?.range, span(text, whole));
    assert.match(value(h), /^\*\*`objects`\*\* of `hover-inexact`\n\nWrites 1 file: /);
  });

  it('returns null for positions outside the file and places with nothing to say', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const u = uri('ssm.yaml');
    const lastLine = text.split('\n').length - 1;
    for (const position of [
      { line: 9999, character: 0 },
      { line: 0, character: 9999 },
      // past the end of line 0, where a clamped or unchecked offset would land on the class name
      { line: 0, character: text.indexOf('nginx-param-store-class') + 2 },
      { line: lastLine + 1, character: 0 },
      { line: -1, character: 0 },
      { line: 1.5, character: 2 },
      { line: 'x', character: 0 },
      null,
      at(text, '# The classic', 3),
      at(text, 'image: nginx', 3),
    ])
      assert.equal(await hover(u, position), null, JSON.stringify(position));
    assert.equal(await hover(uri('not-open.yaml'), { line: 0, character: 0 }), null);
    assert.equal(await c.request('textDocument/hover', { textDocument: null, position: null }), null);
  });
});

describe('hover for a plain-text client', () => {
  let c: TestClient;
  before(async () => {
    const caps = structuredClone(CLIENT_CAPABILITIES);
    caps.textDocument.hover.contentFormat = ['plaintext'];
    c = new TestClient({ capabilities: caps });
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('renders plain text without markdown', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const u = uri('plain.yaml');
    await c.open(u, text);
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: at(text, '"/test/parameter"', 1),
    });
    assert.deepEqual(h?.contents, {
      kind: 'plaintext',
      value:
        'File _test_parameter · mode 0644\n\n' +
        '- /var/secrets/_test_parameter — Pod nginx-pod-parameter-store, container nginx',
    });
    const key = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: u },
      position: at(text, 'objectType', 1),
    });
    const v = (key?.contents as MarkupContent).value;
    assert.match(v, /^objectType: secretsmanager or ssmparameter/);
    assert.doesNotMatch(v, /[`*]/);
  });
});
