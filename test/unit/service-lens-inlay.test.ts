import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spc } from '../../server/src/core/rules/rule';
import { inlayHints } from '../../server/src/service/inlay';
import { codeLenses, MAX_LENS_ITEM } from '../../server/src/service/lens';
import { Project } from '../../server/src/service/project';

const POD = (name: string, mountPath = '/var/secrets', cls = 'example', containers = ['app']) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  volumes:
    - name: creds
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: ${cls}
  containers:
${containers.map((c) => `    - name: ${c}\n      volumeMounts:\n        - name: creds\n          mountPath: ${mountPath}\n`).join('')}`;

function project(files: Record<string, string>) {
  const p = new Project();
  for (const [id, t] of Object.entries(files)) p.set(id, t);
  return p;
}

const OBJ = '- objectName: "/db/pass"\n  objectType: ssmparameter';

describe('code lenses (service)', () => {
  it('lists files and workloads, once per workload and path, with "+N more"', () => {
    const p = project({
      'c.yaml': spc(OBJ) + POD('a', '/s', 'example', ['x', 'y']) + POD('b') + POD('c'),
    });
    const text = p.parsed('c.yaml')?.text ?? '';
    const lenses = codeLenses(p.parsed('c.yaml')?.placed ?? [], p.view());
    assert.deepEqual(
      lenses.map((l) => [text.slice(l.span.start, l.span.end), l.title]),
      [
        ['objects', 'mounts 1 file: _db_pass'],
        ['objects', 'mounted by Pod/a at /s, Pod/b at /var/secrets, +1 more'],
      ],
    );
  });

  it('deduplicates file names, shortens long ones, and says "mounts no files" for an empty list', () => {
    const long = 'x'.repeat(100);
    const p = project({
      'c.yaml': spc(
        `- objectName: /a\n  objectType: ssmparameter\n- objectName: _a\n  objectType: ssmparameter\n- objectName: ${long}\n  objectType: ssmparameter`,
      ),
      'e.yaml': spc('[]'),
    });
    const [files] = codeLenses(p.parsed('c.yaml')?.placed ?? [], p.view());
    assert.equal(files?.title, `mounts 2 files: _a, ${'x'.repeat(MAX_LENS_ITEM - 1)}…`);
    assert.deepEqual(
      codeLenses(p.parsed('e.yaml')?.placed ?? [], p.view()).map((l) => l.title),
      ['mounts no files'],
    );
  });

  it('offers no lens for other providers, templated or undecodable objects, or a class without objects', () => {
    const p = project({
      'azure.yaml': spc(OBJ).replace('provider: aws', 'provider: azure'),
      'helm.yaml': spc('{{ .Values.objects }}'),
      'broken.yaml': spc('- objectName: [unclosed'),
      'none.yaml': spc(OBJ).replace(/ {4}objects:[\s\S]*$/, '    region: us-east-1\n'),
    });
    for (const id of ['azure.yaml', 'helm.yaml', 'broken.yaml', 'none.yaml'])
      assert.deepEqual(codeLenses(p.parsed(id)?.placed ?? [], p.view()), [], id);
  });
});

describe('inlay hints (service)', () => {
  const hintsOf = (text: string, range = { start: 0, end: text.length }) => {
    const p = project({ 'h.yaml': text });
    return inlayHints(p.parsed('h.yaml')?.placed ?? [], range).map((h) => [
      text.slice(0, h.offset).split('\n').pop(),
      h.label,
    ]);
  };

  it('hints a translated name, not a name as written, and every jmesPath alias', () => {
    const objects =
      '- objectName: "/db/pass"\n  objectType: ssmparameter\n- objectName: plain\n  objectType: ssmparameter\n- objectName: a/b\n  objectAlias: "alias"\n  objectType: secretsmanager\n  jmesPath:\n    - path: x\n      objectAlias: X\n';
    assert.deepEqual(hintsOf(spc(objects)), [
      ['      - objectName: "/db/pass"', '→ _db_pass'],
      ['            objectAlias: X', '→ X'],
    ]);
  });

  it('uses the class translation; nothing when it is invalid or the map is inexact', () => {
    assert.deepEqual(hintsOf(spc(OBJ, { pathTranslation: '"."' })), [
      ['      - objectName: "/db/pass"', '→ .db.pass'],
    ]);
    assert.deepEqual(hintsOf(spc(OBJ, { pathTranslation: '"·"' })), []);
    const inexact = spc(OBJ).replace(
      /objects: \|[\s\S]*$/,
      'objects: "- objectName: /x/y\\n  objectType: ssmparameter\\n  objectAlias: a\\qb/c\\n"\n',
    );
    assert.deepEqual(hintsOf(inexact), []);
  });

  it('keeps to the requested range (inclusive) and adds the document base', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n' + spc(OBJ);
    const end = text.indexOf('"/db/pass"') + '"/db/pass"'.length;
    assert.deepEqual(hintsOf(text, { start: end, end }), [['      - objectName: "/db/pass"', '→ _db_pass']]);
    assert.deepEqual(hintsOf(text, { start: 0, end: end - 1 }), []);
    assert.deepEqual(hintsOf(text, { start: end + 1, end: text.length }), []);
  });
});
