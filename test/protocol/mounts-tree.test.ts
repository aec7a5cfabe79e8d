// ascp/mountsTree over stdio: the tree of a class file names the pod of another file, every location
// points at the exact text (the entry a file comes from, the volumeMount, the class), an edit of the
// pod's file shows in the class file's tree, and garbage gets an empty answer.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MountsTreeResult, SourceLocation } from '../../server/src/shared/protocol';
import { posOf, TestClient } from './lsp-client';

const SPC = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "prod/db"
        objectType: "secretsmanager"
        jmesPath:
          - path: username
            objectAlias: DB_USER
      - objectName: "/app/api-key"
        objectType: "ssmparameter"
        filePermission: "0440"
`;
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27
      volumeMounts:
        - name: secrets
          mountPath: /var/secrets
          readOnly: true
  volumes:
    - name: secrets
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`;
const spcUri = 'file:///virtual/tree/spc.yaml';
const podUri = 'file:///virtual/tree/pod.yaml';

describe('ascp/mountsTree over stdio', () => {
  let c: TestClient;
  const tree = (uri: unknown) => c.request<MountsTreeResult>('ascp/mountsTree', { uri });
  const texts: Record<string, string> = { [spcUri]: SPC, [podUri]: POD };
  const at = (l: SourceLocation) => {
    const lines = (texts[l.uri] ?? '').split('\n');
    assert.equal(l.range.start.line, l.range.end.line);
    return (lines[l.range.start.line] ?? '').slice(l.range.start.character, l.range.end.character);
  };

  before(async () => {
    c = new TestClient();
    await c.initialize();
    await c.open(spcUri, SPC);
    await c.open(podUri, POD);
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('a class file: the pod of another file, its container, mount path and files with their sources', async () => {
    const t = await tree(spcUri);
    assert.equal(t.mountedFiles, 3);
    assert.deepEqual(
      t.classes.map((x) => [x.name, x.files, at(x.location)]),
      [['app-secrets', 3, 'app-secrets']],
    );
    assert.deepEqual(
      t.workloads.map((w) => [w.label, w.inFile, w.location.uri, at(w.location)]),
      [['Pod/web', false, podUri, 'web']],
    );
    const container = t.workloads[0]?.containers[0];
    assert.equal(container?.name, 'web');
    const m = container?.mounts[0];
    assert.ok(m);
    assert.deepEqual(
      [m.mountPath, m.volume, m.className, m.subPath, m.classInFile, at(m.location), at(m.classLocation)],
      ['/var/secrets', 'secrets', 'app-secrets', null, true, '/var/secrets', 'app-secrets'],
    );
    assert.deepEqual(
      m.files.map((f) => [
        f.path,
        f.permission,
        f.kind,
        f.objectName,
        f.objectAlias,
        f.jmesPath,
        at(f.location),
      ]),
      [
        ['/var/secrets/prod_db', '0644', 'object', 'prod/db', null, null, '"prod/db"'],
        ['/var/secrets/DB_USER', '0644', 'jmesPath', 'prod/db', 'DB_USER', 'username', 'DB_USER'],
        ['/var/secrets/_app_api-key', '0440', 'object', '/app/api-key', null, null, '"/app/api-key"'],
      ],
    );
    assert.deepEqual(m.files[0]?.location.range.start, posOf(SPC, '"prod/db"'));
  });

  it("the pod's file: its workload, in the file; an edit of the pod shows in the class file's tree", async () => {
    const t = await tree(podUri);
    assert.deepEqual(
      t.workloads.map((w) => [w.label, w.inFile]),
      [['Pod/web', true]],
    );
    assert.deepEqual(t.classes, []);
    const from = posOf(POD, '/var/secrets');
    texts[podUri] = POD.replace('/var/secrets', '/etc/app');
    await c.change(podUri, 2, [
      { range: { start: from, end: { line: from.line, character: from.character + 12 } }, text: '/etc/app' },
    ]);
    const after = await tree(spcUri);
    assert.deepEqual(
      after.workloads[0]?.containers[0]?.mounts[0]?.files.map((f) => f.path),
      ['/etc/app/prod_db', '/etc/app/DB_USER', '/etc/app/_app_api-key'],
    );
  });

  it('unknown files and garbage get an empty tree', async () => {
    assert.deepEqual(await tree('file:///virtual/tree/none.yaml'), {
      uri: 'file:///virtual/tree/none.yaml',
      workloads: [],
      classes: [],
      mountedFiles: 0,
    });
    assert.deepEqual((await tree(42)).workloads, []);
    assert.deepEqual((await c.request<MountsTreeResult>('ascp/mountsTree', null)).workloads, []);
  });
});
