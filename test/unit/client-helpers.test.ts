// The VS Code client's pure helpers: AWS profile parsing, the mounts preview, the CSI volume insertion.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { awsConfigPaths, parseAwsProfiles } from '../../client/src/aws-config';
import { applyInsertions, planCsiVolume } from '../../client/src/insert-volume';
import { countSummary, renderPreview } from '../../client/src/preview';
import { isRelevantText } from '../../client/src/relevance';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import type { PreviewMountsResult } from '../../server/src/shared/protocol';

describe('AWS profiles', () => {
  const config = `[default]
region = us-east-1
[profile dev]   # a comment
output = json
region=eu-west-1
[sso-session corp]
sso_region = us-east-1
[profile prod]
`;
  const credentials = `[default]
aws_access_key_id = AKIAEXAMPLE
[ci]
aws_secret_access_key = not-read
`;
  it('lists config profiles, then credentials-only ones, without sso-session sections', () => {
    assert.deepEqual(parseAwsProfiles(config, credentials), [
      { name: 'default', region: 'us-east-1', sources: ['config', 'credentials'] },
      { name: 'dev', region: 'eu-west-1', sources: ['config'] },
      { name: 'prod', sources: ['config'] },
      { name: 'ci', sources: ['credentials'] },
    ]);
  });
  it('never returns a key', () => {
    assert.doesNotMatch(JSON.stringify(parseAwsProfiles(config, credentials)), /AKIA|not-read/);
  });
  it('honours AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE', () => {
    assert.deepEqual(awsConfigPaths({ AWS_CONFIG_FILE: '/c' }, '/home/u'), {
      config: '/c',
      credentials: '/home/u/.aws/credentials',
    });
  });
});

describe('relevance', () => {
  it('wakes the server for a class or a CSI volume only', () => {
    assert.ok(isRelevantText('kind: SecretProviderClass'));
    assert.ok(isRelevantText('driver: secrets-store.csi.k8s.io'));
    assert.ok(!isRelevantText('kind: ConfigMap'));
  });
});

describe('mounts preview', () => {
  const result: PreviewMountsResult = {
    uri: 'file:///w/a.yaml',
    mounts: [
      {
        workload: 'Pod/web',
        namespace: null,
        container: 'nginx',
        volume: 'secrets',
        className: 'c',
        file: '_test_parameter',
        path: '/var/secrets/_test_parameter',
        permission: '0644',
      },
      {
        workload: 'Pod/web',
        namespace: null,
        container: 'nginx',
        volume: 'secrets',
        className: 'c',
        file: 'a|b',
        path: '/var/secrets/a|b',
        permission: '0600',
      },
    ],
    classes: [
      {
        name: 'c',
        namespace: null,
        files: [{ name: '_test_parameter', permission: '0644', from: '/test/parameter' }],
        mountedBy: ['Pod/web'],
      },
    ],
  };
  it('lists every path and mode per workload and container', () => {
    const md = renderPreview(result, 'a.yaml');
    assert.match(md, /^# Mounted files: a\.yaml/);
    assert.match(md, /## Pod\/web\n\n### Container `nginx`/);
    assert.match(md, /\| `\/var\/secrets\/_test_parameter` \| 0644 \| c \| secrets \|/);
    assert.match(md, /### c: mounted by Pod\/web/);
    assert.match(md, /\| `\/var\/secrets\/a\\\|b` \| 0600 \|/);
    assert.equal(countSummary(result), '1 class, 2 mounted files in this file');
  });
  it('says so when there is nothing to show', () => {
    assert.match(renderPreview({ uri: '', mounts: [], classes: [] }, 'x.yaml'), /No workload/);
  });
});

describe('planCsiVolume', () => {
  const cls = readFileSync('examples/ssm-parameter.yaml', 'utf8').split('\n---\n')[0] ?? '';
  const check = (workload: string, cursorAt: string) => {
    const text = `${cls}\n---\n${workload}`;
    const plan = planCsiVolume(text, text.indexOf(cursorAt), { className: 'nginx-param-store-class' });
    assert.ok(plan, 'a plan');
    const out = applyInsertions(text, plan.edits);
    const [a] = analyzeWorkspace([{ id: 'w.yaml', text: out }]);
    assert.deepEqual(
      a?.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code),
      [],
      out,
    );
    return { plan, out, mounts: a?.mounts.map((m) => `${m.container}:${m.path}`) ?? [] };
  };

  it('adds volumes and volumeMounts keys to a pod that has neither', () => {
    const { plan, out, mounts } = check(
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: nginx\n    image: nginx\n',
      'image',
    );
    assert.equal(plan.workload, 'Pod/web');
    assert.deepEqual(mounts, ['nginx:/mnt/secrets-store/_test_parameter']);
    // the document's own style: `- ` at the key's column
    assert.match(
      out,
      /\n {2}volumes:\n {2}- name: secrets-store-inline\n {4}csi:\n {6}driver: secrets-store\.csi\.k8s\.io/,
    );
    assert.match(
      out,
      /\n {4}volumeMounts:\n {4}- name: secrets-store-inline\n {6}mountPath: \/mnt\/secrets-store\n/,
    );
  });

  it('appends to existing lists in a Deployment, in the container under the cursor, with a fresh name', () => {
    const dep = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: first
          image: a
        - name: second
          image: b
          volumeMounts:
            - name: data
              mountPath: /data
      volumes:
        - name: secrets-store-inline
          emptyDir: {}
        - name: data
          emptyDir: {}
`;
    const { plan, mounts } = check(dep, 'image: b');
    assert.equal(plan.container, 'second');
    assert.equal(plan.volumeName, 'secrets-store-inline-2');
    assert.deepEqual(mounts, ['second:/mnt/secrets-store-inline-2/_test_parameter']);
  });

  it('keeps CRLF line ends', () => {
    const pod =
      'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: web\r\nspec:\r\n  containers:\r\n    - name: nginx\r\n      image: nginx\r\n';
    const plan = planCsiVolume(pod, 0, { className: 'c' });
    assert.ok(plan);
    const out = applyInsertions(pod, plan.edits);
    assert.doesNotMatch(out.replace(/\r\n/g, ''), /\n/);
  });

  it('declines outside a workload or in flow style', () => {
    assert.equal(planCsiVolume(cls, 10, { className: 'c' }), undefined);
    assert.equal(
      planCsiVolume('kind: Pod\nspec: {containers: [{name: a}]}\n', 0, { className: 'c' }),
      undefined,
    );
  });
});
