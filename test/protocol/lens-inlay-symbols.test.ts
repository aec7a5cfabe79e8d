// Code lenses, inlay hints and document symbols over stdio: exact positions and contents on the
// examples and inside literal, folded and double-quoted `objects`, the settings that turn lenses and
// hints off, flat symbols for clients without hierarchy, and empty answers for garbage requests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type {
  CodeLens,
  DocumentSymbol,
  InlayHint,
  Position,
  Range,
  SymbolInformation,
} from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, posOf, TestClient } from './lsp-client';

const read = (p: string) => readFileSync(p, 'utf8');
const uri = (name: string) => `file:///virtual/lens/${name}`;

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
  '- objectName: plain',
  '  objectType: ssmparameter',
  '- objectName: /app/api',
  '  objectAlias: api',
  '  objectType: ssmparameter',
];
const STYLES: { style: string; objects: string; name: string }[] = [
  { style: 'literal', objects: '|\n' + ENTRY_LINES.map((l) => `      ${l}\n`).join(''), name: '"/app/db"' },
  { style: 'folded', objects: '>\n' + ENTRY_LINES.map((l) => `      ${l}\n`).join(''), name: '"/app/db"' },
  {
    style: 'double-quoted',
    objects: JSON.stringify(ENTRY_LINES.join('\n') + '\n'),
    name: '\\"/app/db\\"',
  },
];

const end = (text: string, needle: string, occurrence = 0): Position =>
  posOf(text, needle, needle.length, occurrence);
const range = (text: string, needle: string, occurrence = 0): Range => ({
  start: posOf(text, needle, 0, occurrence),
  end: end(text, needle, occurrence),
});
const whole = (text: string): Range => {
  const lines = text.split('\n');
  return { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
};

describe('code lens, inlay hints and symbols over stdio', () => {
  let c: TestClient;
  const lenses = (u: string) =>
    c.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri: u } });
  const hints = (u: string, r: unknown) =>
    c.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri: u }, range: r });
  const symbols = (u: string) =>
    c.request<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument: { uri: u } });
  const brief = (h: InlayHint[] | null) => (h ?? []).map((x) => [x.position, x.label]);

  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('advertises the three features', () => {
    const caps = c.initializeResult?.capabilities;
    assert.deepEqual(caps?.codeLensProvider, { resolveProvider: false });
    assert.deepEqual(caps?.inlayHintProvider, { resolveProvider: false });
    assert.ok(caps?.documentSymbolProvider);
  });

  it('code lenses: who mounts the class over its kind, its files over `objects:`, the files of the workload over its kind', async () => {
    const text = read('examples/secrets-manager-jmespath.yaml');
    const u = uri('sm.yaml');
    await c.open(u, text);
    const lens = (r: Range, title: string) => ({
      range: r,
      command: { title, command: 'ascp.previewMounts', arguments: [u] },
    });
    assert.deepEqual(await lenses(u), [
      lens(
        range(text, 'SecretProviderClass'),
        'mounted by Deployment/nginx-deployment at /mnt/secrets-store',
      ),
      lens(range(text, 'objects'), 'mounts 3 files: test_secret, SECRET_USERNAME, SECRET_PASSWORD'),
      lens(range(text, 'Deployment'), 'mounts 3 files at /mnt/secrets-store: test_secret, +2 more'),
    ]);
  });

  it('code lens lists names while they fit and says nothing about mounts when nobody mounts the class', async () => {
    const objects =
      '|\n' +
      ['a', 'b', 'c', 'd', 'e', 'a-longer-name-for-the-sixth-parameter', 'g']
        .map((n) => `      - objectName: /${n}\n        objectType: ssmparameter\n`)
        .join('');
    const text = styled('lens-five', objects);
    const u = uri('five.yaml');
    await c.open(u, text);
    const got = await lenses(u);
    assert.deepEqual(
      got?.map((l) => [l.range, l.command?.title]),
      [[range(text, 'objects'), 'mounts 7 files: _a, _b, _c, _d, _e, +2 more']],
    );
  });

  it('inlay hints on the examples: after a translated objectName, after a volumeMount', async () => {
    const ssm = read('examples/ssm-parameter.yaml');
    const su = uri('ssm.yaml');
    await c.open(su, ssm);
    const h = await hints(su, whole(ssm));
    assert.deepEqual(brief(h).slice(1), [
      [end(ssm, 'mountPath: /var/secrets'), '→ /var/secrets/_test_parameter'],
    ]);
    assert.deepEqual(h?.[0]?.position, end(ssm, '"/test/parameter"'));
    assert.equal(h?.[0]?.label, '→ _test_parameter');
    assert.equal(h?.[0]?.paddingLeft, true);
    assert.match(
      String(h?.[0]?.tooltip),
      /mounted as the file "_test_parameter" \(mode 0644; pathTranslation "_"/,
    );
    const sm = read('examples/secrets-manager-jmespath.yaml');
    const mu = uri('sm.yaml');
    // an alias that is the file name as written gets no hint; the volumeMount gets the full paths
    const all = await hints(mu, whole(sm));
    assert.deepEqual(brief(all), [
      [end(sm, '"test/secret"'), '→ test_secret'],
      [end(sm, 'mountPath: "/mnt/secrets-store"'), '→ /mnt/secrets-store/test_secret, +2 more'],
    ]);
    assert.equal(
      all?.[1]?.tooltip,
      'Container "nginx-deployment" sees 3 files of class "nginx-deployment-aws-secrets" here:\n' +
        '/mnt/secrets-store/test_secret (0644)\n/mnt/secrets-store/SECRET_USERNAME (0644)\n/mnt/secrets-store/SECRET_PASSWORD (0644)',
    );
    // only the requested range
    const from = posOf(sm, '- path: password');
    assert.deepEqual(brief(await hints(mu, { start: from, end: end(sm, 'SECRET_PASSWORD') })), []);
    assert.deepEqual(await hints(mu, { start: { line: 0, character: 0 }, end: posOf(sm, 'objects') }), []);
  });

  for (const s of STYLES) {
    it(`inlay hints and symbols inside ${s.style} objects sit at exact positions`, async () => {
      const text = styled(`lens-${s.style}`, s.objects);
      const u = uri(`${s.style}.yaml`);
      assert.deepEqual(await c.open(u, text), []);
      // `plain` needs no hint (no `/`), `api` and `DB_HOST` are the aliases as written
      assert.deepEqual(brief(await hints(u, whole(text))), [[end(text, s.name), '→ _app_db']]);
      const syms = await symbols(u);
      const cls = syms?.[0];
      assert.equal(cls?.name, `lens-${s.style}`);
      assert.deepEqual(cls?.selectionRange, range(text, `lens-${s.style}`));
      assert.deepEqual(
        cls?.children?.map((e) => [e.name, e.detail, e.kind, e.selectionRange]),
        [
          ['/app/db', 'secretsmanager → _app_db', 8, range(text, s.name)],
          ['plain', 'ssmparameter → plain', 8, range(text, 'plain')],
          ['/app/api', 'ssmparameter → api', 8, range(text, '/app/api')],
        ],
      );
      const j = cls?.children?.[0]?.children?.[0];
      assert.deepEqual(
        [j?.name, j?.detail, j?.kind, j?.selectionRange],
        ['DB_HOST', 'host', 7, range(text, 'DB_HOST')],
      );
    });
  }

  it('no hints when pathTranslation is off for names without a leading slash, or invalid, or positions inexact', async () => {
    const off = styled(
      'lens-off',
      '|\n      - objectName: /x/y\n        objectType: ssmparameter\n',
      '    pathTranslation: "False"\n',
    );
    const ou = uri('off.yaml');
    await c.open(ou, off);
    assert.deepEqual(brief(await hints(ou, whole(off))), [[end(off, '/x/y'), '→ x/y']]);
    const invalid = styled(
      'lens-invalid',
      '|\n      - objectName: /x/y\n        objectType: ssmparameter\n',
      '    pathTranslation: "ab"\n',
    );
    const iu = uri('invalid.yaml');
    await c.open(iu, invalid);
    assert.deepEqual(await hints(iu, whole(invalid)), []);
    const inexact = styled(
      'lens-inexact',
      '"- objectName: /x/y\\n  objectType: ssmparameter\\n  objectAlias: a\\qb/c\\n"',
    );
    const xu = uri('inexact.yaml');
    await c.open(xu, inexact);
    assert.deepEqual(await hints(xu, whole(inexact)), []);
  });

  it('document symbols of the jmesPath example: class, entry, aliases, workload, volume, container', async () => {
    const text = read('examples/secrets-manager-jmespath.yaml');
    const u = uri('sm.yaml');
    const syms = (await symbols(u)) ?? [];
    const shape = (s: DocumentSymbol): unknown => [
      s.name,
      s.kind,
      s.detail,
      s.selectionRange,
      (s.children ?? []).map(shape),
    ];
    assert.deepEqual(syms.map(shape), [
      [
        'nginx-deployment-aws-secrets',
        5,
        'SecretProviderClass',
        range(text, 'nginx-deployment-aws-secrets'),
        [
          [
            'test/secret',
            8,
            'secretsmanager → test_secret',
            range(text, '"test/secret"'),
            [
              ['SECRET_USERNAME', 7, 'username', range(text, 'SECRET_USERNAME'), []],
              ['SECRET_PASSWORD', 7, 'password', range(text, 'SECRET_PASSWORD'), []],
            ],
          ],
        ],
      ],
      [
        'nginx-deployment',
        2,
        'Deployment',
        range(text, 'nginx-deployment', 1),
        [
          [
            'secrets-store-inline',
            4,
            'class nginx-deployment-aws-secrets',
            range(text, 'secrets-store-inline'),
            [],
          ],
          [
            'nginx-deployment',
            19,
            '/mnt/secrets-store',
            {
              start: posOf(text, '- name: nginx-deployment', 8),
              end: posOf(text, '- name: nginx-deployment', 24),
            },
            [],
          ],
        ],
      ],
    ]);
    // every child lies inside its parent, every selection inside its range
    const contains = (o: Range, i: Range) =>
      (o.start.line < i.start.line ||
        (o.start.line === i.start.line && o.start.character <= i.start.character)) &&
      (o.end.line > i.end.line || (o.end.line === i.end.line && o.end.character >= i.end.character));
    const check = (s: DocumentSymbol) => {
      assert.ok(contains(s.range, s.selectionRange), s.name);
      for (const ch of s.children ?? []) {
        assert.ok(contains(s.range, ch.range), `${ch.name} in ${s.name}`);
        check(ch);
      }
    };
    syms.forEach(check);
    assert.deepEqual(syms[0]?.range.start, { line: 0, character: 0 });
    assert.deepEqual(syms[1]?.range.start, posOf(text, '---'));
  });

  it('settings turn code lenses and inlay hints off and on again', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const u = uri('ssm.yaml');
    let republished = c.nextDiagnostics(u);
    await c.pushSettings({ ascp: { codeLens: false, inlayHints: false } });
    await republished;
    assert.deepEqual(await lenses(u), []);
    assert.deepEqual(await hints(u, whole(text)), []);
    assert.equal((await symbols(u))?.length, 2);
    republished = c.nextDiagnostics(u);
    await c.pushSettings({});
    await republished;
    // the class's two lenses and the pod's; the objectName's hint and the volumeMount's
    assert.equal((await lenses(u))?.length, 3);
    assert.equal((await hints(u, whole(text)))?.length, 2);
  });

  it('garbage requests get empty answers and log no error', async () => {
    const u = uri('ssm.yaml');
    for (const r of [
      null,
      { start: { line: 5, character: 0 }, end: { line: 1, character: 0 } },
      { start: { line: 9999, character: 0 }, end: { line: 99999, character: 0 } },
    ])
      assert.deepEqual(await hints(u, r), [], JSON.stringify(r));
    const missing = uri('not-open.yaml');
    assert.deepEqual(await lenses(missing), []);
    assert.deepEqual(await symbols(missing), []);
    assert.deepEqual(
      await hints(missing, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }),
      [],
    );
    await c.open(uri('broken.yaml'), 'kind: SecretProviderClass\nspec: [\n  parameters: {objects: "- x\n');
    assert.deepEqual(await lenses(uri('broken.yaml')), []);
    assert.deepEqual(await c.request('textDocument/codeLens', { textDocument: null }), []);
    assert.deepEqual(await c.request('textDocument/documentSymbol', {}), []);
  });
});

describe('symbols for a client without hierarchical symbols', () => {
  let c: TestClient;
  before(async () => {
    const caps = structuredClone(CLIENT_CAPABILITIES);
    caps.textDocument.documentSymbol.hierarchicalDocumentSymbolSupport = false;
    c = new TestClient({ capabilities: caps });
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  it('returns flat SymbolInformation with container names', async () => {
    const text = read('examples/ssm-parameter.yaml');
    const u = uri('flat.yaml');
    await c.open(u, text);
    const syms = await c.request<SymbolInformation[]>('textDocument/documentSymbol', {
      textDocument: { uri: u },
    });
    assert.deepEqual(
      syms.map((s) => [s.name, s.kind, s.containerName, s.location.uri]),
      [
        ['nginx-param-store-class', 5, undefined, u],
        ['/test/parameter', 8, 'nginx-param-store-class', u],
        ['nginx-pod-parameter-store', 2, undefined, u],
        ['secrets-store-inline', 4, 'nginx-pod-parameter-store', u],
        ['nginx', 19, 'nginx-pod-parameter-store', u],
      ],
    );
    assert.deepEqual(syms[1]?.location.range, {
      start: posOf(text, 'objectName'),
      end: posOf(text, '"ssmparameter"', 14),
    });
  });
});
