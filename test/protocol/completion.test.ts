// Completion over stdio against the built server: every context, the returned edits applied to the
// text, the result checked as YAML and analysed again by the server. Literal, folded and quoted
// objects, CRLF, clients with and without snippets, garbage positions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Position, TextEdit } from 'vscode-languageserver-protocol';
import { parseDoc } from '../../server/src/core/parse';
import { CLIENT_CAPABILITIES, TestClient } from './lsp-client';

const uri = (name: string) => `file:///virtual/completion/${name}`;

/** Offset of an LSP position (lines end at \n; a \r belongs to its line, as in the server). */
function offsetAt(text: string, p: Position): number {
  let start = 0;
  for (let l = 0; l < p.line; l++) start = text.indexOf('\n', start) + 1;
  return start + p.character;
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function snippetToPlain(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) out += s[++i];
    else if (c === '$' && s[i + 1] === '{') {
      const close = s.indexOf('}', i);
      const body = s.slice(i + 2, close);
      const choice = /^\d+\|([^,|]*)/.exec(body);
      const def = /^\d+:(.*)$/s.exec(body);
      out += choice ? (choice[1] as string) : def ? (def[1] as string) : '';
      i = close;
    } else out += c;
  }
  return out;
}

/** The text after accepting `item` (its text edit and additional edits). */
function accept(text: string, item: CompletionItem): string {
  const main = item.textEdit as TextEdit;
  assert.ok(main && 'range' in main, `${item.label} has no textEdit`);
  const edits = [
    { ...main, newText: item.insertTextFormat === 2 ? snippetToPlain(main.newText) : main.newText },
    ...(item.additionalTextEdits ?? []),
  ]
    .map((e) => ({
      start: offsetAt(text, e.range.start),
      end: offsetAt(text, e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function objectsOf(text: string): string {
  const m = parseDoc(text, 0);
  assert.deepEqual(m.syntaxErrors, []);
  const o = m.class?.objects;
  assert.ok(o, 'no objects');
  return o.text;
}

const HEAD = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app
spec:
  provider: aws
  parameters:
    region: us-east-1
`;

describe('completion over stdio', () => {
  let c: TestClient;
  let n = 0;
  before(async () => {
    c = new TestClient();
    await c.initialize();
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  /** Opens `src` (a `§` marks the cursor) in a fresh document and completes there. */
  async function completeAt(
    src: string,
    client = c,
  ): Promise<{ u: string; text: string; items: CompletionItem[] }> {
    const at = src.indexOf('§');
    const text = src.slice(0, at) + src.slice(at + 1);
    const u = uri(`doc${++n}.yaml`);
    await client.open(u, text);
    const list = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri: u },
      position: positionOf(text, at),
    });
    return { u, text, items: list?.items ?? [] };
  }

  function pick(items: CompletionItem[], label: string): CompletionItem {
    const i = items.find((x) => x.label === label);
    assert.ok(i, `no ${label} in [${items.map((x) => x.label).join(', ')}]`);
    return i;
  }

  /** Replaces the document's text and returns the server's diagnostic codes for it. */
  async function recheck(u: string, text: string, version = 2): Promise<string[]> {
    const diags = await c.change(u, version, [{ text }]);
    return diags.map((d) => String(d.code));
  }

  it('advertises completion with YAML trigger characters', () => {
    const p = c.initializeResult?.capabilities.completionProvider;
    assert.deepEqual(p?.triggerCharacters, [':', ' ', '-', '"', '/']);
  });

  it('types an entry key then its value inside a literal objects block, ending clean', async () => {
    const r = await completeAt(HEAD + '    objects: |\n      - objectName: "/app/db"\n        objT§\n');
    const key = pick(r.items, 'objectType');
    assert.equal(key.kind, 10); // Property
    assert.equal((key.documentation as { kind: string }).kind, 'markdown');
    assert.ok(!r.items.some((i) => i.label === 'objectName'));
    assert.equal(key.command?.command, 'editor.action.triggerSuggest');
    const typed = accept(r.text, key);
    assert.equal(objectsOf(typed), '- objectName: "/app/db"\n  objectType: \n');
    await recheck(r.u, typed);
    const cursor = positionOf(typed, typed.indexOf('objectType: ') + 'objectType: '.length);
    const list = await c.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: r.u },
      position: cursor,
    });
    assert.deepEqual(
      list.items.map((i) => i.label),
      ['ssmparameter', 'secretsmanager'],
    );
    const done = accept(typed, pick(list.items, 'ssmparameter'));
    assert.deepEqual(await recheck(r.u, done, 3), []);
  });

  it('offers quoted filePermission values', async () => {
    const r = await completeAt(
      HEAD +
        '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n        filePermission: 06§\n',
    );
    const out = accept(r.text, pick(r.items, '0640'));
    assert.match(out, /filePermission: "0640"\n/);
    assert.deepEqual(await recheck(r.u, out), []);
  });

  it('offers jmesPath item keys and failoverObject keys by indentation', async () => {
    const j = await completeAt(
      HEAD +
        '    objects: |\n      - objectName: "app/s"\n        objectType: secretsmanager\n        jmesPath:\n          - path: username\n            §\n',
    );
    assert.deepEqual(
      j.items.map((i) => i.label),
      ['objectAlias', 'filePermission'],
    );
    const withAlias = accept(j.text, pick(j.items, 'objectAlias')).replace(
      'objectAlias: \n',
      'objectAlias: user\n',
    );
    assert.deepEqual(await recheck(j.u, withAlias), []);
    const f = await completeAt(
      HEAD + '    objects: |\n      - objectName: "app/s"\n        failoverObject:\n          §\n',
    );
    assert.deepEqual(
      f.items.map((i) => i.label),
      ['objectName', 'objectVersion', 'objectVersionLabel'],
    );
  });

  it('inserts whole entries at the cursor line indentation, as snippets', async () => {
    const r = await completeAt(
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n',
    );
    const e = pick(r.items, 'Secrets Manager secret with jmesPath');
    assert.equal(e.insertTextFormat, 2);
    assert.equal(e.kind, 15); // Snippet
    const out = accept(r.text, e);
    assert.match(
      out,
      /\n {6}- objectName: "app\/secret"\n {8}objectType: "secretsmanager"\n {8}jmesPath:\n {10}- path: username\n {12}objectAlias: username\n/,
    );
    assert.equal(parseDoc(out, 0).class?.objects?.entries.length, 2);
    assert.deepEqual(await recheck(r.u, out), []);
  });

  it('sends plain text to a client without snippet support', async () => {
    const caps = structuredClone(CLIENT_CAPABILITIES);
    caps.textDocument.completion.completionItem.snippetSupport = false;
    const plain = new TestClient({ capabilities: caps });
    try {
      await plain.initialize();
      const r = await completeAt(HEAD + '    objects: |\n      - §\n', plain);
      const e = pick(r.items, 'SSM parameter');
      assert.equal(e.insertTextFormat, 1);
      assert.ok(!(e.textEdit as TextEdit).newText.includes('${'));
      assert.equal(
        objectsOf(accept(r.text, e)),
        '- objectName: "/app/parameter"\n  objectType: "ssmparameter"\n',
      );
    } finally {
      await plain.stop();
    }
    assert.deepEqual(plain.errorsLogged(), []);
  });

  it('completes inside folded and double-quoted objects', async () => {
    const f = await completeAt(
      HEAD + '    objects: >\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n',
    );
    const out = accept(f.text, pick(f.items, 'SSM parameter'));
    assert.equal(parseDoc(out, 0).class?.objects?.entries.length, 2);
    assert.deepEqual(await recheck(f.u, out), []);
    const q = await completeAt(HEAD + '    objects: "- objectName: /a\\n  objectT§\\n"\n');
    const qe = pick(q.items, 'objectType');
    assert.equal(qe.insertTextFormat, 1);
    assert.equal(objectsOf(accept(q.text, qe)), '- objectName: /a\n  objectType: \n');
    const v = await completeAt(HEAD + '    objects: "- objectName: /a\\n  objectType: §\\n"\n');
    assert.deepEqual(await recheck(v.u, accept(v.text, pick(v.items, 'ssmparameter'))), []);
  });

  it('keeps CRLF line breaks in multi-line inserts', async () => {
    const src = (
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n'
    ).replace(/\n/g, '\r\n');
    const r = await completeAt(src);
    const e = pick(r.items, 'Secret with failover');
    const newText = (e.textEdit as TextEdit).newText;
    assert.ok(newText.includes('\r\n') && !/[^\r]\n/.test(newText));
    const out = accept(r.text, e).replace(
      'region: us-east-1',
      'region: us-east-1\r\n    failoverRegion: us-west-2',
    );
    assert.equal(parseDoc(out, 0).class?.objects?.entries.length, 2);
    assert.deepEqual(await recheck(r.u, out), []);
  });

  it('offers parameter keys and quoted values', async () => {
    const k = await completeAt(
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n    §\n',
    );
    assert.deepEqual(
      k.items.map((i) => i.label),
      ['failoverRegion', 'pathTranslation', 'usePodIdentity', 'preferredAddressType'],
    );
    const v = await completeAt(
      HEAD +
        '    usePodIdentity: §\n    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n',
    );
    const out = accept(v.text, pick(v.items, '"true"'));
    assert.match(out, /usePodIdentity: "true"\n/);
    assert.deepEqual(await recheck(v.u, out), []);
    const p = await completeAt(
      HEAD +
        '    pathTranslation: "§"\n    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n',
    );
    const po = accept(p.text, pick(p.items, '"-"'));
    assert.match(po, /pathTranslation: "-"\n/);
    assert.deepEqual(await recheck(p.u, po), []);
    const a = await completeAt(
      HEAD +
        '    usePodIdentity: "true"\n    preferredAddressType: IPV§\n    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n',
    );
    assert.deepEqual(
      a.items.map((i) => i.label),
      ['ipv4', 'ipv6', 'auto'],
    );
    const ao = accept(a.text, pick(a.items, 'ipv6'));
    assert.match(ao, /preferredAddressType: ipv6\n/);
    assert.deepEqual(await recheck(a.u, ao), []);
  });

  it('offers mounted file names for secretObjects data objectName', async () => {
    const text = readFileSync('examples/broken/pod.yaml', 'utf8').split('---\n')[0] as string;
    const src = text.replace(
      '- objectName: "/app/db/password"\n          key',
      '- objectName: §\n          key',
    );
    const r = await completeAt(src);
    assert.deepEqual(
      r.items.map((i) => i.label),
      ['_app_db_password'],
    );
    const before = await recheck(r.u, r.text.replace('objectName: \n', 'objectName: "/app/db/password"\n'));
    assert.ok(before.includes('secret-object-name-not-mounted'));
    const out = accept(r.text, pick(r.items, '_app_db_password'));
    assert.ok(!(await recheck(r.u, out, 3)).includes('secret-object-name-not-mounted'));
  });

  it('offers a CSI volume with its volumeMount for each class, and class names as values', async () => {
    const cls =
      HEAD.replace('name: app', 'name: web-secrets') +
      '    objects: |\n      - objectName: "/web/token"\n        objectType: ssmparameter\n';
    await c.open(uri('class.yaml'), cls);
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx
  volumes:
    - §
`;
    const r = await completeAt(pod);
    const e = pick(r.items, 'CSI volume for web-secrets');
    assert.equal(e.additionalTextEdits?.length, 1);
    const out = accept(r.text, e);
    assert.match(out, /secretProviderClass: web-secrets\n/);
    assert.match(
      out,
      /volumeMounts:\n {8}- name: secrets-store-inline\n {10}mountPath: \/mnt\/secrets-store\n {10}readOnly: true\n/,
    );
    assert.deepEqual(await recheck(r.u, out), []);
    const preview = await c.request<{ mounts: { path: string }[] }>('ascp/previewMounts', { uri: r.u });
    assert.deepEqual(
      preview.mounts.map((m) => m.path),
      ['/mnt/secrets-store/_web_token'],
    );
    const v = await completeAt(out.replace('secretProviderClass: web-secrets', 'secretProviderClass: w§'));
    const ve = pick(v.items, 'web-secrets');
    assert.equal(ve.kind, 7); // Class
    assert.equal(ve.detail, '_web_token');
    assert.equal(accept(v.text, ve), out);
  });

  it('answers objectName values with nothing when no AWS name provider is configured', async () => {
    const r = await completeAt(
      HEAD + '    objects: |\n      - objectName: "/app/§"\n        objectType: ssmparameter\n',
    );
    assert.deepEqual(r.items, []);
  });

  it('survives garbage positions and requests without logging errors', async () => {
    const u = uri('garbage.yaml');
    await c.open(u, HEAD + '    objects: "- objectName: /a\\n"\n');
    for (const position of [
      { line: 9999, character: 0 },
      { line: 3, character: 9999 },
      { line: -1, character: -5 },
      { line: 8, character: 27 },
      { line: 1.5, character: 0 },
      null,
      'x',
    ]) {
      const r = await c.request<CompletionList | null>('textDocument/completion', {
        textDocument: { uri: u },
        position,
      });
      assert.ok(r === null || Array.isArray(r.items));
    }
    await c.request('textDocument/completion', {
      textDocument: { uri: uri('not-open.yaml') },
      position: { line: 0, character: 0 },
    });
    await c.request('textDocument/completion', null).catch(() => undefined);
    await c.open(uri('bin.yaml'), '\u0000\u0001');
    await c.request('textDocument/completion', {
      textDocument: { uri: uri('bin.yaml') },
      position: { line: 0, character: 1 },
    });
    assert.deepEqual(c.errorsLogged(), []);
  });
});
