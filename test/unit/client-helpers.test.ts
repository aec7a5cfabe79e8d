// The VS Code client's pure helpers: AWS profile parsing, the mounts preview, the CSI volume insertion.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { awsConfigPaths, parseAwsProfiles } from '../../client/src/aws-config';
import { applyInsertions, mountPathProblem, planCsiVolume } from '../../client/src/insert-volume';
import {
  emptyMessage,
  escapeHtml,
  mountsStatus,
  previewHtml,
  viewNodes,
} from '../../client/src/mounts-model';
import { isRelevantText } from '../../client/src/relevance';
import { checkStatus, MAX_DETAIL } from '../../client/src/status-model';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { mountsTree } from '../../server/src/service/mounts-tree';
import { Project } from '../../server/src/service/project';
import type { AscpStatus, MountsTreeResult, SourceLocation } from '../../server/src/shared/protocol';

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

/** The server's answer for `uri`, computed by the service over the given files (ranges as line/character). */
function treeOf(files: Record<string, string>, uri: string): MountsTreeResult {
  const p = new Project();
  for (const [u, t] of Object.entries(files)) p.set(u, t);
  const loc = (w: { fileId: string; span: { start: number; end: number } }): SourceLocation => {
    const l = p.parsed(w.fileId)?.lines;
    const at = (o: number) => l?.positionAt(o) ?? { line: 0, character: 0 };
    return { uri: w.fileId, range: { start: at(w.span.start), end: at(w.span.end) } };
  };
  const t = mountsTree(uri, p.parsed(uri)?.placed ?? [], p.view());
  return {
    uri,
    mountedFiles: t.mountedFiles,
    classes: t.classes.map((c) => ({
      name: c.name,
      namespace: c.namespace ?? null,
      location: loc(c.where),
      files: c.files,
    })),
    workloads: t.workloads.map((w) => ({
      label: w.label,
      kind: w.kind,
      name: w.name,
      namespace: w.namespace ?? null,
      inFile: w.inFile,
      location: loc(w.where),
      containers: w.containers.map((c) => ({
        name: c.name,
        init: c.init,
        location: loc(c.where),
        mounts: c.mounts.map((m) => ({
          mountPath: m.mountPath,
          volume: m.volume,
          className: m.className,
          subPath: m.subPath ?? null,
          location: loc(m.where),
          classLocation: loc(m.classWhere),
          classInFile: m.classInFile,
          files: m.files.map((f) => ({
            name: f.name,
            path: f.path,
            permission: f.permission,
            kind: f.kind,
            objectName: f.objectName,
            objectType: f.objectType ?? null,
            objectAlias: f.objectAlias ?? null,
            jmesPath: f.jmesPath ?? null,
            location: loc(f.where),
          })),
        })),
      })),
    })),
  };
}

describe('the mounts view, preview and status (client model)', () => {
  const jm = readFileSync('examples/secrets-manager-jmespath.yaml', 'utf8');
  const [spc = '', deployment = ''] = jm.split('\n---\n');
  const files = { 'file:///w/spc.yaml': spc, 'file:///w/deploy.yaml': deployment };

  it('view: workload, container, mount path, files with mode, class and source, each file located', () => {
    const nodes = viewNodes(treeOf(files, 'file:///w/spc.yaml'));
    const shape = (n: (typeof nodes)[number]): unknown => [
      n.kind,
      n.label,
      n.description,
      n.children.map(shape),
    ];
    assert.deepEqual(nodes.map(shape), [
      [
        'workload',
        'Deployment/nginx-deployment',
        'in deploy.yaml',
        [
          [
            'container',
            'nginx-deployment',
            'container',
            [
              [
                'mount',
                '/mnt/secrets-store',
                '3 files · class nginx-deployment-aws-secrets',
                [
                  ['file', 'test_secret', '0644 · nginx-deployment-aws-secrets · objectName test/secret', []],
                  [
                    'file',
                    'SECRET_USERNAME',
                    '0644 · nginx-deployment-aws-secrets · jmesPath username of test/secret',
                    [],
                  ],
                  [
                    'file',
                    'SECRET_PASSWORD',
                    '0644 · nginx-deployment-aws-secrets · jmesPath password of test/secret',
                    [],
                  ],
                ],
              ],
            ],
          ],
        ],
      ],
    ]);
    const user = nodes[0]?.children[0]?.children[0]?.children[1];
    assert.equal(user?.location?.uri, 'file:///w/spc.yaml');
    const line = spc.split('\n')[user?.location?.range.start.line ?? 0] ?? '';
    assert.equal(
      line.slice(user?.location?.range.start.character, user?.location?.range.end.character),
      'SECRET_USERNAME',
    );
    assert.match(user?.tooltip ?? '', /\/mnt\/secrets-store\/SECRET_USERNAME\nmode 0644/);
  });

  it('status: the classes of a file mount files through a workload in another file, and says so', () => {
    assert.deepEqual(mountsStatus(treeOf(files, 'file:///w/spc.yaml')), {
      text: '1 class, 3 mounted files',
      detail: 'through Deployment/nginx-deployment in deploy.yaml',
    });
    assert.deepEqual(mountsStatus(treeOf(files, 'file:///w/deploy.yaml')), {
      text: '1 workload, 3 mounted files',
      detail: 'in this file',
    });
    assert.deepEqual(mountsStatus(treeOf({ 'file:///w/spc.yaml': spc }, 'file:///w/spc.yaml')), {
      text: '1 class, 0 mounted files',
      detail: 'no workload mounts them yet',
    });
    assert.match(
      emptyMessage(treeOf({ 'file:///w/spc.yaml': spc }, 'file:///w/spc.yaml'), 'spc.yaml') ?? '',
      /No workload in the workspace mounts the class of spc\.yaml/,
    );
  });

  it('preview: rendered HTML tables, every value escaped, one link per file to its entry, a strict CSP', () => {
    const t = treeOf(files, 'file:///w/spc.yaml');
    const f = t.workloads[0]?.containers[0]?.mounts[0]?.files[0];
    assert.ok(f);
    f.path = '/mnt/<script>alert(1)</script>';
    const { html, targets } = previewHtml(t, 'spc.yaml', { nonce: 'N0nce', cspSource: 'vscode-resource:' });
    assert.match(html, /<h2>Deployment\/nginx-deployment <span class="where">in deploy\.yaml<\/span><\/h2>/);
    assert.match(
      html,
      /<td><a href="#" data-reveal="1"><code>\/mnt\/secrets-store\/SECRET_USERNAME<\/code><\/a><\/td><td>0644<\/td><td>nginx-deployment-aws-secrets<\/td><td>jmesPath username of test\/secret<\/td>/,
    );
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&#60;script&#62;alert\(1\)/);
    assert.match(html, /script-src 'nonce-N0nce'/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.equal(targets.length, 3);
    assert.equal(escapeHtml(`"'&`), '&#34;&#39;&#38;');
  });
});

describe('language status: what is checked, calm when offline', () => {
  const base: AscpStatus = { state: 'idle', checkValues: false, catalogs: [] };
  it('no credentials and no network read as offline checks, an information; a denial is a warning', () => {
    const none = checkStatus(
      {
        ...base,
        state: 'problem',
        profile: 'default',
        problem: { code: 'no-credentials', message: 'no AWS credentials' },
      },
      true,
    );
    assert.deepEqual(none, {
      text: 'ASCP: offline checks',
      detail: 'objects, jmesPath, pods; no AWS credentials',
      severity: 'information',
      busy: false,
    });
    assert.doesNotMatch(none.text, /problem/i);
    assert.equal(
      checkStatus({ ...base, state: 'problem', problem: { code: 'offline', message: 'x' } }, true).severity,
      'information',
    );
    const denied = checkStatus(
      {
        ...base,
        state: 'problem',
        problem: { code: 'access-denied', message: 'access denied to sts:GetCallerIdentity' },
      },
      true,
    );
    assert.equal(denied.severity, 'warning');
    assert.match(denied.detail, /access denied/);
  });
  it('says AWS takes part when it does, and that Restricted Mode turns it off', () => {
    const ready = checkStatus(
      {
        ...base,
        state: 'ready',
        profile: 'dev',
        region: 'eu-west-1',
        catalogs: [{ region: 'eu-west-1', kind: 'ssmparameter', count: 12, complete: true, loading: false }],
      },
      true,
    );
    assert.equal(ready.text, 'ASCP: AWS dev · eu-west-1');
    assert.match(ready.detail, /^objectNames checked against 12 names$/);
    assert.deepEqual(
      [checkStatus(undefined, false).text, checkStatus(undefined, false).detail],
      ['ASCP: Restricted Mode', 'objects, jmesPath, pods; AWS off'],
    );
    assert.equal(checkStatus({ ...base, state: 'loading' }, true).busy, true);
    assert.equal(checkStatus(undefined, true, true).severity, 'error');
    // short enough for the status hover (about 500 px): MAX_DETAIL, a long AWS message cut
    const long = checkStatus(
      { ...base, state: 'problem', problem: { code: 'access-denied', message: 'x'.repeat(200) } },
      true,
    );
    for (const s of [none(), ready, long]) assert.ok(s.detail.length <= MAX_DETAIL, s.detail);
  });
  const none = () =>
    checkStatus(
      { ...base, state: 'problem', problem: { code: 'no-credentials', message: 'no AWS credentials' } },
      true,
    );
});

describe('Insert CSI Volume: the mount path', () => {
  it('accepts absolute paths, refuses relative ones, ":" and ".."', () => {
    assert.equal(mountPathProblem('/mnt/secrets-store'), undefined);
    for (const bad of ['', 'mnt/x', '/a:b', '/a/../b']) assert.ok(mountPathProblem(bad), bad);
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
