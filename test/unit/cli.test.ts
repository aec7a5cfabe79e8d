// The ascp-lint contract other tools depend on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/run';

function run(args: string[]) {
  let out = '';
  let err = '';
  const code = runCli(args, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    cwd: process.cwd(),
    color: false,
  });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'ascp-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('ascp-lint', () => {
  it('prints the two classic examples with exit 0', () => {
    const r = run([
      '--format',
      'json',
      '--secrets',
      'examples/offline-secrets.json',
      'examples/ssm-parameter.yaml',
      'examples/secrets-manager-jmespath.yaml',
    ]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['files']);
    const [ssm, sm] = j.files;
    assert.equal(ssm.path, 'examples/ssm-parameter.yaml');
    assert.deepEqual(ssm.diagnostics, []);
    assert.deepEqual(ssm.classes, [
      { name: 'nginx-param-store-class', namespace: null, files: ['_test_parameter'] },
    ]);
    assert.deepEqual(ssm.mounts, [
      { workload: 'Pod/nginx-pod-parameter-store', container: 'nginx', path: '/var/secrets/_test_parameter' },
    ]);
    assert.deepEqual([...sm.classes[0].files].sort(), ['SECRET_PASSWORD', 'SECRET_USERNAME', 'test_secret']);
    assert.deepEqual(sm.mounts.map((m: { path: string }) => m.path).sort(), [
      '/mnt/secrets-store/SECRET_PASSWORD',
      '/mnt/secrets-store/SECRET_USERNAME',
      '/mnt/secrets-store/test_secret',
    ]);
  });
  it('reports errors with 1-based positions and exit 1', () => {
    const r = run(['--format=json', 'examples/broken/objects.yaml']);
    assert.equal(r.code, 1);
    const d = JSON.parse(r.out).files[0].diagnostics;
    const bad = d.find((x: { code: string }) => x.code === 'object-type-invalid');
    assert.deepEqual(
      {
        line: bad.line,
        column: bad.column,
        endLine: bad.endLine,
        endColumn: bad.endColumn,
        severity: bad.severity,
      },
      { line: 14, column: 21, endLine: 14, endColumn: 26, severity: 'error' },
    );
    for (const x of d)
      assert.deepEqual(Object.keys(x), [
        'line',
        'column',
        'endLine',
        'endColumn',
        'severity',
        'code',
        'message',
      ]);
  });
  it('prints compiler-style text and the mounts table', () => {
    const r = run(['examples/broken/objects.yaml', 'examples/ssm-parameter.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^examples\/broken\/objects\.yaml:14:21: error ascp\/object-type-invalid: /m);
    assert.match(r.out, /Pod\/nginx-pod-parameter-store +nginx +\/var\/secrets\/_test_parameter/);
  });
  it('exits 0 on warnings only', () => {
    const f = join(dir, 'warn.yaml');
    writeFileSync(
      f,
      'apiVersion: secrets-store.csi.x-k8s.io/v1alpha1\nkind: SecretProviderClass\nmetadata:\n  name: w\nspec:\n  provider: aws\n  parameters:\n    region: us-east-1\n    objects: |\n      - objectName: "/a"\n        objectType: "ssmparameter"\n',
    );
    const r = run([f]);
    assert.equal(r.code, 0);
    assert.match(r.out, /warning ascp\/api-version-deprecated/);
  });
  it('searches directories for .yaml and .yml only', () => {
    const sub = join(dir, 'tree');
    spawnSync('mkdir', ['-p', join(sub, 'nested'), join(sub, 'node_modules')]);
    writeFileSync(
      join(sub, 'nested', 'a.yml'),
      'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: a\nspec:\n  provider: AWS\n  parameters:\n    objects: ""\n',
    );
    writeFileSync(join(sub, 'notes.txt'), 'kind: SecretProviderClass\nspec: {provider: AWS}\n');
    writeFileSync(join(sub, 'node_modules', 'x.yaml'), 'kind: SecretProviderClass\nspec: {provider: AWS}\n');
    const r = run(['--format', 'json', sub]);
    const j = JSON.parse(r.out);
    assert.deepEqual(
      j.files.map((f: { path: string }) => f.path.split('/').slice(-2).join('/')),
      ['nested/a.yml'],
    );
    assert.equal(r.code, 1);
  });
  it('exits 2 on usage errors and unreadable input', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['--format', 'xml', 'examples']).code, 2);
    assert.equal(run(['--bogus', 'examples']).code, 2);
    const missing = run(['does/not/exist.yaml']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read does\/not\/exist\.yaml: ENOENT/);
    const badStore = join(dir, 'store.json');
    writeFileSync(badStore, '{not json');
    assert.equal(run(['--secrets', badStore, 'examples']).code, 2);
    writeFileSync(badStore, '["a"]');
    assert.match(run(['--secrets', badStore, 'examples']).err, /must be a JSON object/);
  });
  it('skips binary files with a message', () => {
    const f = join(dir, 'bin.yaml');
    writeFileSync(f, Buffer.from([0, 1, 2, 3, 0, 255]));
    const r = run(['--format', 'json', f]);
    assert.equal(r.code, 0);
    assert.match(r.err, /skipped .*binary/);
    assert.match(JSON.parse(r.out).files[0].skipped, /binary/);
  });
  it('runs as a process with the documented exit codes', () => {
    const cli = ['--import', 'tsx', 'server/src/cli/main.ts'];
    assert.equal(spawnSync(process.execPath, [...cli, 'examples/ssm-parameter.yaml']).status, 0);
    assert.equal(spawnSync(process.execPath, [...cli, 'examples/broken/parameters.yaml']).status, 1);
    assert.equal(spawnSync(process.execPath, [...cli, '--nope']).status, 2);
  });
});
