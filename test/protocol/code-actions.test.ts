// Code actions over stdio against the built server: every obvious fix of issue 4 applied end to end
// (the edit applied to the text, the server analysing the result again), "fix all" as a quick fix and
// as source.fixAll.ascp, the objects-to-literal refactor, kind filtering and garbage requests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Position, Range, TextEdit } from 'vscode-languageserver-protocol';
import { parseDoc } from '../../server/src/core/parse';
import { spc } from '../../server/src/core/rules/rule';
import { TestClient } from './lsp-client';

const uri = (name: string) => `file:///virtual/actions/${name}`;

function offsetAt(text: string, p: Position): number {
  let start = 0;
  for (let l = 0; l < p.line; l++) start = text.indexOf('\n', start) + 1;
  return start + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const list = edits
    .map((e, i) => ({
      i,
      start: offsetAt(text, e.range.start),
      end: offsetAt(text, e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  let out = text;
  for (const e of list) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function editOf(a: CodeAction, u: string): TextEdit[] {
  const edits = a.edit?.changes?.[u];
  assert.ok(edits, `${a.title} has no edits for ${u}`);
  return edits;
}

const WHOLE: Range = { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } };

const POD_OK = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: secrets
          mountPath: /mnt/secrets
          readOnly: true
  volumes:
    - name: secrets
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app
`;

const CLASS_OK = spc('- objectName: "/app/token"\n  objectType: "ssmparameter"', {
  region: 'us-east-1',
}).replace('name: example', 'name: app');

describe('code actions over stdio', () => {
  let c: TestClient;
  let n = 0;
  before(async () => {
    c = new TestClient();
    await c.initialize();
    await c.open(uri('class.yaml'), CLASS_OK);
  });
  after(async () => {
    assert.equal(await c.stop(), 0);
    assert.deepEqual(c.errorsLogged(), []);
  });

  async function open(text: string): Promise<{ u: string; diags: Diagnostic[] }> {
    const u = uri(`doc${++n}.yaml`);
    return { u, diags: await c.open(u, text) };
  }

  function actions(
    u: string,
    range: Range,
    diagnostics: Diagnostic[],
    only?: string[],
  ): Promise<CodeAction[]> {
    return c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range,
      context: { diagnostics, ...(only ? { only } : {}) },
    });
  }

  /** Applies the quick fix titled `title` of the `code` diagnostic; returns the new text and its codes. */
  async function quickFix(text: string, code: string, title: string | RegExp, expectPreferred?: boolean) {
    const { u, diags } = await open(text);
    const d = diags.find((x) => x.code === code);
    assert.ok(d, `no ${code} in [${diags.map((x) => x.code).join(', ')}]`);
    const list = await actions(u, d.range, [d]);
    const a = list.find((x) => (typeof title === 'string' ? x.title === title : title.test(x.title)));
    assert.ok(a, `no action ${String(title)} in [${list.map((x) => x.title).join(' | ')}]`);
    assert.equal(a.kind, 'quickfix');
    assert.deepEqual(a.diagnostics?.[0]?.code, code);
    if (expectPreferred !== undefined) assert.equal(a.isPreferred === true, expectPreferred);
    const out = applyEdits(text, editOf(a, u));
    const after = await c.change(u, 2, [{ text: out }]);
    return { out, codes: after.map((x) => String(x.code)) };
  }

  it('advertises quickfix, refactor.rewrite and source.fixAll.ascp', () => {
    const p = c.initializeResult?.capabilities.codeActionProvider as { codeActionKinds?: string[] };
    assert.deepEqual(p.codeActionKinds, ['quickfix', 'refactor.rewrite', 'source.fixAll.ascp']);
  });

  it('adds objectType inferred from the name', async () => {
    const text = spc('- objectName: "/app/token"', { region: 'us-east-1' });
    const r = await quickFix(text, 'object-type-missing', 'Add objectType: "ssmparameter"');
    assert.match(r.out, /- objectName: "\/app\/token"\n {8}objectType: "ssmparameter"\n/);
    assert.deepEqual(r.codes, []);
  });

  it('quotes a hyphenated jmesPath key', async () => {
    const text = spc(
      '- objectName: "app/s"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: api-key\n      objectAlias: API_KEY',
      { region: 'us-east-1' },
    );
    const r = await quickFix(text, 'jmespath-syntax', `Use '"api-key"'`, true);
    assert.match(r.out, /- path: '"api-key"'\n/);
    assert.deepEqual(r.codes, []);
  });

  it('adds readOnly: true and fixes the driver name', async () => {
    const noRo = POD_OK.replace('\n        readOnly: true\n', '\n');
    assert.notEqual(noRo, POD_OK);
    const ro = await quickFix(noRo, 'csi-read-only', 'Add readOnly: true', true);
    assert.equal(ro.out, POD_OK);
    assert.deepEqual(ro.codes, []);
    const drv = await quickFix(
      POD_OK.replace('driver: secrets-store.csi.k8s.io', 'driver: secrets-store.csi.x-k8s.io'),
      'csi-driver-name',
      'Use secrets-store.csi.k8s.io',
      true,
    );
    assert.equal(drv.out, POD_OK);
    assert.deepEqual(drv.codes, []);
  });

  it('quotes a non-string parameter', async () => {
    const text = spc('- objectName: "/a"\n  objectType: "ssmparameter"', {
      region: 'us-east-1',
      usePodIdentity: 'true',
    });
    const r = await quickFix(text, 'parameter-not-string', 'Quote true', true);
    assert.match(r.out, /usePodIdentity: "true"\n/);
    assert.deepEqual(r.codes, []);
  });

  it('finds the fixes of a diagnostic sent back without its data', async () => {
    const text = spc('- objectName: "/a"\n  objectType: "ssmparameter"', {
      region: 'us-east-1',
      usePodIdentity: 'true',
    });
    const { u, diags } = await open(text);
    const d = diags.find((x) => x.code === 'parameter-not-string') as Diagnostic;
    const { data: _data, ...bare } = d;
    const list = await actions(u, d.range, [bare]);
    const a = list.find((x) => x.title === 'Quote true');
    assert.ok(a);
    assert.match(applyEdits(text, editOf(a, u)), /usePodIdentity: "true"\n/);
  });

  it('renames a colliding alias', async () => {
    const text = spc(
      '- objectName: "app/s"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: username\n      objectAlias: creds\n    - path: password\n      objectAlias: creds',
      { region: 'us-east-1' },
    );
    const r = await quickFix(text, 'duplicate-alias', 'Rename the alias to password', false);
    assert.match(r.out, /- path: password\n {12}objectAlias: password\n/);
    assert.deepEqual(r.codes, []);
    const s = await quickFix(text, 'duplicate-alias', 'Rename the alias to creds_2');
    assert.deepEqual(s.codes, []);
  });

  it('moves v1alpha1 to v1', async () => {
    const text = CLASS_OK.replace('secrets-store.csi.x-k8s.io/v1', 'secrets-store.csi.x-k8s.io/v1alpha1');
    const r = await quickFix(text, 'api-version-deprecated', 'Use secrets-store.csi.x-k8s.io/v1', true);
    assert.equal(r.out, CLASS_OK);
    assert.deepEqual(r.codes, []);
  });

  it('offers "fix all <code>" when a file has several, and source.fixAll.ascp only on request', async () => {
    const text = readFileSync('examples/broken/parameters.yaml', 'utf8').replace(
      'pathTranslation: "__"',
      'pathTranslation: False',
    );
    const { u, diags } = await open(text);
    const pns = diags.filter((d) => d.code === 'parameter-not-string');
    assert.ok(pns.length >= 2, `parameter-not-string x${pns.length}`);
    const list = await actions(u, pns[0]?.range as Range, [pns[0] as Diagnostic]);
    const all = list.find((a) => a.title === 'Fix all parameter-not-string problems in this file');
    assert.ok(all);
    assert.equal(all.kind, 'quickfix');
    const fixed = await c.change(u, 2, [{ text: applyEdits(text, editOf(all, u)) }]);
    assert.ok(!fixed.some((d) => d.code === 'parameter-not-string'));

    const { u: u2, diags: d2 } = await open(text);
    assert.ok(!(await actions(u2, WHOLE, d2)).some((a) => a.kind === 'source.fixAll.ascp'));
    for (const only of [['source.fixAll'], ['source'], ['source.fixAll.ascp']]) {
      const src = await actions(u2, WHOLE, [], only);
      assert.deepEqual(
        src.map((a) => a.kind),
        ['source.fixAll.ascp'],
        String(only),
      );
    }
    const [fixAll] = await actions(u2, WHOLE, [], ['source.fixAll']);
    assert.ok(fixAll);
    const out = applyEdits(text, editOf(fixAll, u2));
    const rest = (await c.change(u2, 2, [{ text: out }])).map((d) => String(d.code));
    const safe = ['parameter-not-string', 'unknown-parameter', 'use-pod-identity-invalid', 'provider-name'];
    for (const code of safe)
      if (
        d2.some(
          (d) =>
            d.code === code &&
            (d.data as { fixes?: { safeForFixAll: boolean }[] })?.fixes?.some((f) => f.safeForFixAll),
        )
      )
        assert.ok(!rest.includes(code), `${code} left after fix all`);
    assert.ok(rest.length < d2.length);
  });

  it('filters by kind', async () => {
    const text = spc('- objectName: "/a"\n  objectType: "ssmparameter"', {
      region: 'us-east-1',
      usePodIdentity: 'true',
    }).replace('objects: |', 'objects: >');
    const { u, diags } = await open(text);
    const d = diags.find((x) => x.code === 'parameter-not-string') as Diagnostic;
    const quick = await actions(u, WHOLE, [d], ['quickfix']);
    assert.ok(quick.length > 0 && quick.every((a) => a.kind === 'quickfix'));
    const refactor = await actions(u, WHOLE, [d], ['refactor']);
    assert.deepEqual(
      refactor.map((a) => [a.kind, a.title]),
      [['refactor.rewrite', 'Convert objects to a literal block (|)']],
    );
  });

  describe('Convert objects to a literal block (|)', () => {
    const LIT = spc(
      '- objectName: "/app/token"\n  objectType: "ssmparameter"\n- objectName: "app/s"\n  objectType: "secretsmanager"',
      {
        region: 'us-east-1',
      },
    );
    const value = parseDoc(LIT, 0).class?.objects?.text as string;

    async function convert(text: string): Promise<string> {
      const { u } = await open(text);
      const at = text.indexOf('objects:');
      const lines = text.slice(0, at).split('\n');
      const pos = { line: lines.length - 1, character: (lines[lines.length - 1] as string).length + 2 };
      const list = await actions(u, { start: pos, end: pos }, []);
      const a = list.find((x) => x.title === 'Convert objects to a literal block (|)');
      assert.ok(a, 'no refactor');
      assert.equal(a.kind, 'refactor.rewrite');
      const out = applyEdits(text, editOf(a, u));
      assert.deepEqual(await c.change(u, 2, [{ text: out }]), []);
      return out;
    }

    it('folded', async () => {
      assert.equal(await convert(LIT.replace('objects: |', 'objects: >')), LIT);
    });

    it('double-quoted, with CRLF', async () => {
      const dq = LIT.replace(/objects: \|\n[\s\S]*$/, `objects: ${JSON.stringify(value)}\n`).replace(
        /\n/g,
        '\r\n',
      );
      assert.equal(await convert(dq), LIT.replace(/\n/g, '\r\n'));
    });

    it('a JSON string', async () => {
      const json = '[{"objectName": "/app/token", "objectType": "ssmparameter"}]';
      const out = await convert(LIT.replace(/objects: \|\n[\s\S]*$/, `objects: '${json}'\n`));
      assert.match(
        out,
        /objects: \|-\n {6}\[\{"objectName": "\/app\/token", "objectType": "ssmparameter"\}\]\n$/,
      );
    });

    it('is not offered for a literal block, and fixes inside folded objects wait for it', async () => {
      const { u } = await open(LIT);
      assert.deepEqual(await actions(u, WHOLE, [], ['refactor']), []);
      const folded = spc('- objectName: "/a"\n  objectType: "ssm"', { region: 'us-east-1' }).replace(
        'objects: |',
        'objects: >',
      );
      const f = await open(folded);
      const d = f.diags.find((x) => x.code === 'object-type-invalid') as Diagnostic;
      assert.ok(d);
      const list = await actions(f.u, d.range, [d]);
      assert.deepEqual(
        list.map((a) => a.kind),
        ['refactor.rewrite'],
      );
    });
  });

  it('answers garbage with no actions and no errors logged', async () => {
    const { u } = await open(CLASS_OK);
    await actions(u, WHOLE, [
      { range: WHOLE, message: 'x', source: 'ascp', code: 'nope', data: { fixes: [{ title: 1 }] } } as never,
    ]);
    await c.request('textDocument/codeAction', { textDocument: { uri: u }, range: null, context: null });
    await c.request('textDocument/codeAction', {
      textDocument: { uri: uri('none.yaml') },
      range: WHOLE,
      context: { diagnostics: [] },
    });
    await c.request('textDocument/codeAction', null).catch(() => undefined);
    assert.deepEqual(c.errorsLogged(), []);
  });
});
