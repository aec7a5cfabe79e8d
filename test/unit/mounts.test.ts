import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { fileNameFor, joinMountPath, translationOf } from '../../server/src/core/mounts';
import { spc } from '../../server/src/core/rules/rule';

describe('mounted file names (GetFileName)', () => {
  const cases: [string, string | undefined, string][] = [
    ['/test/parameter', undefined, '_test_parameter'],
    ['test/secret', undefined, 'test_secret'],
    [
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments/api-key-Xy12Ab',
      undefined,
      'arn:aws:secretsmanager:eu-west-1:111122223333:secret:payments_api-key-Xy12Ab',
    ],
    ['/app/prod/token', '-', '-app-prod-token'],
    ['/api/db/url', '.', '.api.db.url'],
    ['/feature-toggle', 'False', 'feature-toggle'],
    ['/feature-toggle', 'FALSE', 'feature-toggle'],
    ['//a/b', 'false', 'a/b'],
    ['db/user', undefined, 'db_user'],
    ['/a/b', '', '_a_b'],
  ];
  for (const [name, t, want] of cases) {
    it(`${name} with pathTranslation ${JSON.stringify(t)} -> ${want}`, () => {
      assert.equal(fileNameFor(name, translationOf(t)), want);
    });
  }
  it('counts pathTranslation length in bytes', () => {
    assert.equal(translationOf('·').mode, 'invalid');
    assert.equal(translationOf('__').mode, 'invalid');
    assert.equal(translationOf('True').mode, 'invalid');
    assert.deepEqual(translationOf('-'), { mode: 'char', ch: '-', explicit: true });
  });
  it('joins mount paths like filepath.Join', () => {
    assert.equal(joinMountPath('/var/secrets', '_test_parameter'), '/var/secrets/_test_parameter');
    assert.equal(joinMountPath('/var/secrets/', 'x'), '/var/secrets/x');
  });
});

describe('the mounts table', () => {
  const pod = (ns = '') => `---
apiVersion: v1
kind: Pod
metadata:
  name: app${ns ? `\n  namespace: ${ns}` : ''}
spec:
  volumes:
    - name: secrets
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: example
  containers:
    - name: app
      image: app
      volumeMounts:
        - name: secrets
          mountPath: /var/secrets
    - name: sidecar
      image: s
`;
  it('gives every container that mounts the volume every file, with permissions', () => {
    const text =
      spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  filePermission: "0600"\n  jmesPath:\n    - path: username\n      objectAlias: SECRET_USERNAME\n    - path: password\n      objectAlias: SECRET_PASSWORD\n      filePermission: "0400"',
        { region: 'us-east-1' },
      ) + pod();
    const [r] = analyzeWorkspace([{ id: 'm.yaml', text }]);
    assert.deepEqual(
      r?.mounts.map((m) => [m.workload, m.container, m.path, m.permission]),
      [
        ['Pod/app', 'app', '/var/secrets/test_secret', '0600'],
        ['Pod/app', 'app', '/var/secrets/SECRET_USERNAME', '0600'],
        ['Pod/app', 'app', '/var/secrets/SECRET_PASSWORD', '0400'],
      ],
    );
    assert.deepEqual(r?.classes, [
      { name: 'example', namespace: undefined, files: ['test_secret', 'SECRET_USERNAME', 'SECRET_PASSWORD'] },
    ]);
  });
  it('links a pod to a class in another file', () => {
    const cls = spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { region: 'us-east-1' });
    const [, p] = analyzeWorkspace([
      { id: 'class.yaml', text: cls },
      { id: 'pod.yaml', text: pod() },
    ]);
    assert.deepEqual(
      p?.mounts.map((m) => m.path),
      ['/var/secrets/_test_parameter'],
    );
  });
  it('does not link across explicit, different namespaces', () => {
    const cls = spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
      region: 'us-east-1',
    }).replace('  name: example\n', '  name: example\n  namespace: team-a\n');
    const [, p] = analyzeWorkspace([
      { id: 'class.yaml', text: cls },
      { id: 'pod.yaml', text: pod('team-b') },
    ]);
    assert.deepEqual(p?.mounts, []);
  });
  it('honours a pathTranslation set in the pod volumeAttributes (they override class parameters)', () => {
    const text =
      spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { region: 'us-east-1' }) +
      pod().replace(
        '          secretProviderClass: example\n',
        '          secretProviderClass: example\n          pathTranslation: "-"\n',
      );
    const [r] = analyzeWorkspace([{ id: 'm.yaml', text }]);
    assert.deepEqual(
      r?.mounts.map((m) => m.path),
      ['/var/secrets/-test-parameter'],
    );
  });
});
