// jmesPath checks as the editor and the CLI show them: exact columns inside the path in every
// objects form, content checks from the offline store, and no secret value in any output.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../../server/src/cli/run';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/text';

const HEAD = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: jp
spec:
  provider: aws
  parameters:
    region: us-east-1
`;

function analyse(text: string, secrets?: Record<string, string>) {
  const [r] = analyzeWorkspace(
    [{ id: 'j.yaml', text }],
    secrets ? { secrets: { get: (n) => secrets[n] } } : {},
  );
  assert.ok(r);
  return r;
}

describe('jmesPath diagnostics', () => {
  const forms: [string, string, string][] = [
    [
      'literal',
      HEAD +
        '    objects: |\n      - objectName: "s"\n        objectType: "secretsmanager"\n        jmesPath:\n          - path: db.api-key\n            objectAlias: K\n',
      'db.api-key',
    ],
    [
      'folded',
      HEAD +
        '    objects: >\n      - objectName: "s"\n        objectType: "secretsmanager"\n        jmesPath:\n          - path: db.api-key\n            objectAlias: K\n',
      'db.api-key',
    ],
    [
      'double-quoted',
      HEAD +
        '    objects: "- objectName: s\\n  objectType: secretsmanager\\n  jmesPath:\\n    - path: db.api-key\\n      objectAlias: K\\n"\n',
      'db.api-key',
    ],
    [
      'single-quoted flow JSON',
      HEAD +
        `    objects: '[{"objectName": "s", "objectType": "secretsmanager", "jmesPath": [{"path": "db.api-key", "objectAlias": "K"}]}]'\n`,
      'db.api-key',
    ],
    [
      'CRLF literal with multi-byte text before',
      (
        HEAD +
        '    objects: |\n      - objectName: "秘密/🔑"\n        objectType: "secretsmanager"\n        jmesPath:\n          - path: db.api-key\n            objectAlias: K\n'
      ).replace(/\n/g, '\r\n'),
      'db.api-key',
    ],
  ];
  for (const [name, text, path] of forms) {
    it(`puts a hyphen error on the hyphen's column (${name})`, () => {
      const r = analyse(text);
      const d = r.diagnostics.find((x) => x.code === 'jmespath-syntax');
      assert.ok(d, JSON.stringify(r.diagnostics.map((x) => x.code)));
      const lines = new LineIndex(text);
      const hyphen = text.indexOf(path) + path.indexOf('-');
      assert.deepEqual(lines.positionAt(d.span.start), lines.positionAt(hyphen));
      assert.match(d.message, /"api-key"/);
    });
  }

  it('offers the quoted identifier as a fix in a literal block', () => {
    const text = forms[0]?.[1] as string;
    const d = analyse(text).diagnostics.find((x) => x.code === 'jmespath-syntax');
    const edit = d?.fixes?.[0]?.edits[0];
    assert.ok(edit);
    const fixed = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
    assert.match(fixed, /- path: 'db\."api-key"'/);
    assert.deepEqual(
      analyse(fixed).diagnostics.filter((x) => x.severity === 'error'),
      [],
    );
  });

  const RDS = JSON.stringify({
    username: 'app',
    password: 'pw',
    engine: 'postgres',
    host: 'h',
    port: 5432,
    ssl: true,
    replicas: [{ host: 'r1' }],
    tags: null,
  });
  const cls = (paths: string[]) =>
    HEAD +
    '    objects: |\n      - objectName: "prod/db"\n        objectType: "secretsmanager"\n        jmesPath:\n' +
    paths.map((p, i) => `          - path: ${p}\n            objectAlias: A${i}\n`).join('');
  const outcome = (path: string) =>
    analyse(cls([path]), { 'prod/db': RDS })
      .diagnostics.filter((d) => d.code !== 'region-missing')
      .map((d) => d.code);

  it('accepts paths that give strings', () => {
    for (const p of [
      'username',
      'replicas[0].host',
      '"to_string(port)"',
      `'"username"'`,
      '"join(\',\', replicas[*].host)"',
    ])
      assert.deepEqual(outcome(p), [], p);
  });
  it('reports each content outcome with its own code', () => {
    assert.deepEqual(outcome('Username'), ['jmespath-no-value']);
    assert.deepEqual(outcome('tags'), ['jmespath-no-value']);
    assert.deepEqual(outcome('port'), ['jmespath-not-string']);
    assert.deepEqual(outcome('ssl'), ['jmespath-not-string']);
    assert.deepEqual(outcome('replicas'), ['jmespath-not-string']);
    assert.deepEqual(outcome('replicas[0]'), ['jmespath-not-string']);
    assert.deepEqual(outcome('"[username, password]"'), ['jmespath-never-string']);
    assert.deepEqual(outcome('$.password'), ['jmespath-syntax']);
  });
  it('names the keys that exist and the closest one', () => {
    const d = analyse(cls(['Username']), { 'prod/db': RDS }).diagnostics.find(
      (x) => x.code === 'jmespath-no-value',
    );
    assert.match(d?.message ?? '', /did you mean `username`/);
  });
  it('reports a value that is not JSON once, on the jmesPath key', () => {
    const text = cls(['username', 'password']);
    const r = analyse(text, { 'prod/db': 'user=app' });
    const ds = r.diagnostics.filter((x) => x.code === 'secret-not-json');
    assert.equal(ds.length, 1);
    assert.equal(text.slice(ds[0]?.span.start, ds[0]?.span.end), 'jmesPath');
  });
  it('checks jmesPath on SSM parameters too', () => {
    const text = cls(['port'])
      .replace('"secretsmanager"', '"ssmparameter"')
      .replace('"prod/db"', '"/prod/db"');
    assert.deepEqual(
      analyse(text, { '/prod/db': RDS })
        .diagnostics.filter((d) => d.code !== 'region-missing')
        .map((d) => d.code),
      ['jmespath-not-string'],
    );
  });
});

describe('secret values never leave memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ascp-canary-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const CANARY = 'CANARY-7f3a9c-DO-NOT-LEAK';
  it('no output format contains the canary', () => {
    const store = join(dir, 'store.json');
    writeFileSync(
      store,
      JSON.stringify({
        'prod/db': {
          username: CANARY,
          password: CANARY,
          port: 5432,
          nested: { k: CANARY, list: [CANARY] },
          odd: 1,
        },
        '/plain': CANARY,
      }),
    );
    const manifest = join(dir, 'm.yaml');
    const paths = [
      'username',
      'Username',
      'port',
      'nested',
      'nested.list',
      'nested.k.x',
      '"nested.list[0]"',
      'missing',
      '"values(nested)"',
      '$.x',
      'api-key',
    ];
    writeFileSync(
      manifest,
      HEAD +
        '    objects: |\n      - objectName: "prod/db"\n        objectType: "secretsmanager"\n        jmesPath:\n' +
        paths.map((p, i) => `          - path: ${p}\n            objectAlias: A${i}\n`).join('') +
        '      - objectName: "/plain"\n        objectType: "ssmparameter"\n        jmesPath:\n          - path: x\n            objectAlias: P\n',
    );
    for (const format of ['text', 'json', 'sarif']) {
      let out = '';
      let err = '';
      runCli(['--format', format, '--secrets', store, manifest], {
        stdout: (s) => (out += s),
        stderr: (s) => (err += s),
        cwd: dir,
        color: false,
      });
      assert.ok(out.length > 100, `${format} printed something`);
      assert.ok(
        !out.includes(CANARY.slice(0, 12)) && !err.includes(CANARY.slice(0, 12)),
        `${format} leaked the canary`,
      );
    }
  });
});
