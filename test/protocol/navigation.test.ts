// Definition, references and rename over stdio, across a class file that is only on disk in the
// workspace root and workload files that are open; inside literal, folded and quoted `objects`;
// namespace-aware; garbage positions answer null/[] without errors in the log. Rename results are
// applied the way an editor applies them and the re-analysed files must have no new diagnostics.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type {
  Diagnostic,
  Location,
  LocationLink,
  Position,
  Range,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { CLIENT_CAPABILITIES, posOf, TestClient } from './lsp-client';

const CLASS = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
  namespace: team
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
      - objectName: "db/creds"
        objectType: secretsmanager
        objectAlias: db/creds-file
        jmesPath:
          - path: username
            objectAlias: "db-user"
  secretObjects:
    - secretName: app
      type: Opaque
      data:
        - objectName: db_creds-file
          key: creds
        - objectName: "db-user"
          key: user
        - objectName: _test_parameter
          key: param
`;

function pod(name: string, namespace: string | undefined, cls = 'app-secrets', subPath = 'db-user'): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  volumes:
    - name: secrets
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: ${cls}
  containers:
    - name: web
      image: nginx
      volumeMounts:
        - name: secrets
          mountPath: /var/secrets
          readOnly: true
        - name: secrets
          mountPath: /etc/user
          subPath: ${subPath}
          readOnly: true
`;
}

function offsetAt(text: string, p: Position): number {
  let line = 0;
  let i = 0;
  while (line < p.line) {
    const nl = text.indexOf('\n', i);
    assert.notEqual(nl, -1, `line ${p.line} is past the end`);
    i = nl + 1;
    line++;
  }
  return i + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const spans = edits
    .map((e) => ({
      start: offsetAt(text, e.range.start),
      end: offsetAt(text, e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

function rangeOf(text: string, needle: string, occurrence = 0): Range {
  const start = posOf(text, needle, 0, occurrence);
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

/** Position one character into the `occurrence`th `needle`. */
const inside = (text: string, needle: string, occurrence = 0): Position => posOf(text, needle, 1, occurrence);

const codes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).sort();

describe('navigation over stdio', () => {
  let dir: string;
  let c: TestClient;
  let classUri: string;
  let podUri: string;
  let otherUri: string;
  let teamUri: string;
  const podText = pod('web', undefined);
  const otherText = pod('other', 'other');
  const teamText = pod('team-web', 'team');
  const version = new Map<string, number>();
  const texts = new Map<string, string>();

  async function openDoc(uri: string, text: string): Promise<Diagnostic[]> {
    version.set(uri, 1);
    texts.set(uri, text);
    return c.open(uri, text, 1);
  }

  /** Applies a WorkspaceEdit like an editor: open documents get didChange, files that are not open are opened with the edited text. */
  async function applyWorkspaceEdit(edit: WorkspaceEdit): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
    for (const dc of changes) {
      const uri = dc.textDocument.uri;
      const open = version.get(uri);
      assert.equal(dc.textDocument.version, open ?? null, `version of ${uri}`);
      const before = texts.get(uri);
      assert.ok(before !== undefined, `no text for ${uri}`);
      const after = applyEdits(before, dc.edits as TextEdit[]);
      out.set(uri, after);
      texts.set(uri, after);
      if (open === undefined) {
        version.set(uri, 1);
        await c.open(uri, after, 1);
      } else {
        version.set(uri, open + 1);
        // incremental changes, last first, as an editor sends them
        const sorted = [...(dc.edits as TextEdit[])].sort(
          (a, b) =>
            b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
        );
        await c.change(
          uri,
          open + 1,
          sorted.map((e) => ({ range: e.range, text: e.newText })),
        );
      }
    }
    return out;
  }

  async function settle(uri: string): Promise<Diagnostic[]> {
    const v = version.get(uri);
    const hit = [...c.published].reverse().find((p) => p.uri === uri && (v === undefined || p.version === v));
    if (hit) return hit.diagnostics;
    return (await c.nextDiagnostics(uri, v)).diagnostics;
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ascp-nav-'));
    writeFileSync(join(dir, 'class.yaml'), CLASS);
    classUri = pathToFileURL(join(dir, 'class.yaml')).toString();
    podUri = pathToFileURL(join(dir, 'pod.yaml')).toString();
    otherUri = pathToFileURL(join(dir, 'other.yaml')).toString();
    teamUri = pathToFileURL(join(dir, 'team.yaml')).toString();
    texts.set(classUri, CLASS);
    c = new TestClient({ root: dir });
    await c.initialize();
    let diags = await openDoc(podUri, podText);
    // the index may finish after the first publish; the server republishes open files when it does
    while (diags.some((d) => d.code === 'class-not-found'))
      diags = (await c.nextDiagnostics(podUri)).diagnostics;
    assert.deepEqual(diags, []);
    await openDoc(otherUri, otherText);
    assert.deepEqual(await openDoc(teamUri, teamText), []);
  });

  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
    rmSync(dir, { recursive: true, force: true });
  });

  it('advertises definition, references and rename with prepare', () => {
    const caps = c.initializeResult?.capabilities;
    assert.equal(caps?.definitionProvider, true);
    assert.equal(caps?.referencesProvider, true);
    assert.deepEqual(caps?.renameProvider, { prepareProvider: true });
  });

  it('goes from a workload value to the class name in a file that is only on disk', async () => {
    const links = await c.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: podUri },
      position: inside(podText, 'app-secrets'),
    });
    assert.deepEqual(links, [
      {
        originSelectionRange: rangeOf(podText, 'app-secrets'),
        targetUri: classUri,
        targetRange: rangeOf(CLASS, 'app-secrets'),
        targetSelectionRange: rangeOf(CLASS, 'app-secrets'),
      },
    ]);
  });

  it('does not link a workload in another explicit namespace', async () => {
    const r = await c.request('textDocument/definition', {
      textDocument: { uri: otherUri },
      position: inside(otherText, 'app-secrets'),
    });
    assert.equal(r, null);
  });

  it('lists the workload values that name a class, with or without the declaration', async () => {
    const at = { textDocument: { uri: classUri }, position: inside(CLASS, 'app-secrets') };
    const refs = await c.request<Location[]>('textDocument/references', {
      ...at,
      context: { includeDeclaration: false },
    });
    assert.deepEqual(refs, [
      { uri: podUri, range: rangeOf(podText, 'app-secrets') },
      { uri: teamUri, range: rangeOf(teamText, 'app-secrets') },
    ]);
    const withDecl = await c.request<Location[]>('textDocument/references', {
      ...at,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(withDecl, [{ uri: classUri, range: rangeOf(CLASS, 'app-secrets') }, ...refs]);
  });

  it('goes from secretObjects to the alias inside a literal objects block, and back', async () => {
    const def = await c.request<LocationLink[]>('textDocument/definition', {
      textDocument: { uri: classUri },
      position: inside(CLASS, 'db_creds-file'),
    });
    assert.equal(def.length, 1);
    assert.equal(def[0]?.targetUri, classUri);
    assert.deepEqual(def[0]?.targetSelectionRange, rangeOf(CLASS, 'db/creds-file'));
    assert.deepEqual(def[0]?.originSelectionRange, rangeOf(CLASS, 'db_creds-file'));
    const refs = await c.request<Location[]>('textDocument/references', {
      textDocument: { uri: classUri },
      position: inside(CLASS, 'db-user'),
      context: { includeDeclaration: false },
    });
    // the secretObjects entry (without its quotes) and the subPath of both linked pods
    assert.deepEqual(refs, [
      { uri: classUri, range: rangeOf(CLASS, 'db-user', 1) },
      { uri: podUri, range: rangeOf(podText, 'db-user') },
      { uri: teamUri, range: rangeOf(teamText, 'db-user') },
    ]);
  });

  it('refuses to rename a file named after objectName, with the reason', async () => {
    const at = { textDocument: { uri: classUri }, position: inside(CLASS, '_test_parameter') };
    await assert.rejects(c.request('textDocument/prepareRename', at), /objectAlias/);
    await assert.rejects(c.request('textDocument/rename', { ...at, newName: 'param' }), /objectAlias/);
  });

  it('rejects invalid class names', async () => {
    const at = { textDocument: { uri: podUri }, position: inside(podText, 'app-secrets') };
    await assert.rejects(c.request('textDocument/rename', { ...at, newName: 'App_Secrets' }), /DNS-1123/);
    await assert.rejects(c.request('textDocument/rename', { ...at, newName: '' }), /DNS-1123/);
  });

  it('answers null or [] at garbage positions, keys and unknown files', async () => {
    const garbage: unknown[] = [
      { textDocument: { uri: podUri }, position: { line: 999, character: 0 } },
      { textDocument: { uri: podUri }, position: { line: 0, character: -4 } },
      { textDocument: { uri: podUri }, position: { line: 1.5, character: 0 } },
      { textDocument: { uri: podUri }, position: posOf(podText, 'secretProviderClass') },
      { textDocument: { uri: classUri }, position: posOf(CLASS, 'objectType') },
      { textDocument: { uri: 'file:///nowhere.yaml' }, position: { line: 0, character: 0 } },
      { textDocument: {}, position: { line: 0, character: 0 } },
      {},
    ];
    for (const g of garbage) {
      const p = g as Record<string, unknown>;
      assert.equal(await c.request('textDocument/definition', p), null);
      assert.deepEqual(
        await c.request('textDocument/references', { ...p, context: { includeDeclaration: true } }),
        [],
      );
      assert.equal(await c.request('textDocument/prepareRename', p), null);
      assert.equal(await c.request('textDocument/rename', { ...p, newName: 'x' }), null);
    }
  });

  it('renames a jmesPath alias in the file on disk and the subPath in the open pods', async () => {
    const at = { textDocument: { uri: classUri }, position: inside(CLASS, 'db-user') };
    const prep = await c.request('textDocument/prepareRename', at);
    assert.deepEqual(prep, { range: rangeOf(CLASS, 'db-user'), placeholder: 'db-user' });
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'db #user' });
    assert.deepEqual(
      (edit.documentChanges as TextDocumentEdit[]).map((d) => [d.textDocument.uri, d.textDocument.version]),
      [
        [classUri, null],
        [podUri, 1],
        [teamUri, 1],
      ],
    );
    const after = await applyWorkspaceEdit(edit);
    assert.equal(
      after.get(classUri),
      CLASS.replace('"db-user"', '"db #user"').replace('"db-user"', '"db #user"'),
    );
    assert.equal(after.get(podUri), podText.replace('subPath: db-user', 'subPath: "db #user"'));
    assert.equal(after.get(teamUri), teamText.replace('subPath: db-user', 'subPath: "db #user"'));
    for (const u of [classUri, podUri, teamUri]) assert.deepEqual(await settle(u), [], u);
  });

  it('renames a class from a workload value across files, leaving the other namespace alone', async () => {
    const podNow = texts.get(podUri) as string;
    const at = { textDocument: { uri: podUri }, position: inside(podNow, 'app-secrets') };
    const prep = await c.request('textDocument/prepareRename', at);
    assert.deepEqual(prep, { range: rangeOf(podNow, 'app-secrets'), placeholder: 'app-secrets' });
    const classNow = texts.get(classUri) as string;
    const teamNow = texts.get(teamUri) as string;
    const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'web-secrets.v2' });
    const changed = (edit.documentChanges as TextDocumentEdit[]).map((d) => [
      d.textDocument.uri,
      d.textDocument.version,
    ]);
    // the class is open now (the previous rename opened it, as an editor does)
    assert.deepEqual(changed, [
      [classUri, 1],
      [podUri, 2],
      [teamUri, 2],
    ]);
    const after = await applyWorkspaceEdit(edit);
    assert.equal(after.get(classUri), classNow.replace('name: app-secrets', 'name: web-secrets.v2'));
    assert.equal(after.get(podUri), podNow.replace('Class: app-secrets', 'Class: web-secrets.v2'));
    assert.equal(after.get(teamUri), teamNow.replace('Class: app-secrets', 'Class: web-secrets.v2'));
    assert.equal(after.has(otherUri), false);
    for (const u of [classUri, podUri, teamUri]) assert.deepEqual(await settle(u), [], u);
    // the workload in namespace "other" still names the old class (and still does not find it)
    assert.deepEqual(codes(await settle(otherUri)), ['class-not-found']);
  });

  it('uses plain changes when the client has no documentChanges', async () => {
    const caps = structuredClone(CLIENT_CAPABILITIES) as typeof CLIENT_CAPABILITIES;
    caps.workspace.workspaceEdit = { documentChanges: false };
    const plain = new TestClient({ capabilities: caps });
    try {
      await plain.initialize();
      const u = 'file:///virtual/plain.yaml';
      const text = CLASS + '---\n' + pod('web', 'team');
      await plain.open(u, text);
      const edit = await plain.request<WorkspaceEdit>('textDocument/rename', {
        textDocument: { uri: u },
        position: inside(text, 'db/creds-file'),
        newName: 'db/password',
      });
      assert.equal(edit.documentChanges, undefined);
      assert.deepEqual(Object.keys(edit.changes ?? {}), [u]);
      const out = applyEdits(text, edit.changes?.[u] ?? []);
      assert.equal(
        out,
        text
          .replace('objectAlias: db/creds-file', 'objectAlias: db/password')
          .replace('db_creds-file', 'db_password'),
      );
      assert.deepEqual(await plain.change(u, 2, [{ text: out }]), []);
    } finally {
      assert.equal(await plain.stop(), 0);
      assert.deepEqual(plain.errorsLogged(), []);
    }
  });
});

describe('navigation inside folded and quoted objects', () => {
  let c: TestClient;
  before(async () => {
    const caps = structuredClone(CLIENT_CAPABILITIES) as typeof CLIENT_CAPABILITIES;
    // a client without LocationLink support gets plain Locations
    (caps.textDocument.definition as { linkSupport: boolean }).linkSupport = false;
    c = new TestClient({ capabilities: caps });
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  const head = (name: string): string => `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ${name}
spec:
  provider: aws
  parameters:
    region: us-east-1
`;
  const tail = `  secretObjects:
    - secretName: app
      type: Opaque
      data:
        - objectName: creds
          key: creds
`;
  const forms: { name: string; objects: string; alias: string; renamed: string }[] = [
    {
      name: 'folded',
      objects: `    objects: >
      - objectName: "db/creds"
        objectType: secretsmanager
        objectAlias: creds
`,
      alias: 'objectAlias: creds',
      renamed: 'objectAlias: "db #1"',
    },
    {
      name: 'double-quoted',
      objects: `    objects: "- objectName: \\"db/creds\\"\\n  objectType: secretsmanager\\n  objectAlias: creds\\n"\n`,
      alias: 'objectAlias: creds',
      renamed: 'objectAlias: \\"db #1\\"',
    },
    {
      name: 'single-quoted',
      objects: `    objects: '[{objectName: "db/creds", objectType: secretsmanager, objectAlias: ''creds''}]'\n`,
      alias: "objectAlias: ''creds''",
      renamed: "objectAlias: ''db #1''",
    },
  ];

  const span = (p: Position, length: number): Range => ({
    start: p,
    end: { line: p.line, character: p.character + length },
  });
  const plus = (p: Position, n: number): Position => ({ line: p.line, character: p.character + n });

  for (const f of forms) {
    it(`${f.name}: definition, references and rename of an alias`, async () => {
      const u = `file:///virtual/${f.name}.yaml`;
      const text =
        head(`${f.name}-class`) +
        f.objects +
        tail +
        '---\n' +
        pod('p', undefined, `${f.name}-class`, 'creds');
      const before = codes(await c.open(u, text));
      const alias = span(posOf(text, f.alias, f.alias.indexOf('creds')), 5);
      const so = span(posOf(text, 'objectName: creds', 'objectName: '.length), 5);
      const sub = span(posOf(text, 'subPath: creds', 'subPath: '.length), 5);
      const def = await c.request<Location[]>('textDocument/definition', {
        textDocument: { uri: u },
        position: plus(so.start, 2),
      });
      assert.deepEqual(def, [{ uri: u, range: alias }]);
      const refs = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: u },
        position: plus(alias.start, 1),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(refs, [
        { uri: u, range: alias },
        { uri: u, range: so },
        { uri: u, range: sub },
      ]);
      const at = { textDocument: { uri: u }, position: plus(alias.start, 2) };
      assert.deepEqual(await c.request('textDocument/prepareRename', at), {
        range: alias,
        placeholder: 'creds',
      });
      const edit = await c.request<WorkspaceEdit>('textDocument/rename', { ...at, newName: 'db #1' });
      const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
      assert.deepEqual(
        changes.map((d) => d.textDocument),
        [{ uri: u, version: 1 }],
      );
      const out = applyEdits(text, (changes[0]?.edits ?? []) as TextEdit[]);
      assert.equal(
        out,
        text
          .replace(f.alias, f.renamed)
          .replace('objectName: creds', 'objectName: "db #1"')
          .replace('subPath: creds', 'subPath: "db #1"'),
      );
      assert.deepEqual(codes(await c.change(u, 2, [{ text: out }])), before);
      const preview = await c.request<{ classes: { files: { name: string }[] }[] }>('ascp/previewMounts', {
        uri: u,
      });
      assert.deepEqual(
        preview.classes[0]?.files.map((x) => x.name),
        ['db #1'],
      );
    });
  }
});
