import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spc } from '../../server/src/core/rules/rule';
import { inlayHints } from '../../server/src/service/inlay';
import { codeLenses, lensTitle, MAX_LENS_TITLE } from '../../server/src/service/lens';
import { mountsTree } from '../../server/src/service/mounts-tree';
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
  it('lists files and workloads, once per workload and path: who mounts a class over its kind, its files over objects', () => {
    const p = project({
      'c.yaml': spc(OBJ) + POD('a', '/s', 'example', ['x', 'y']) + POD('b') + POD('c'),
    });
    const text = p.parsed('c.yaml')?.text ?? '';
    const lenses = codeLenses(p.parsed('c.yaml')?.placed ?? [], p.view(), 'c.yaml');
    assert.deepEqual(
      lenses.map((l) => [text.slice(l.span.start, l.span.end), l.title]),
      [
        ['SecretProviderClass', 'mounted by Pod/a at /s, Pod/b at /var/secrets, Pod/c at /var/secrets'],
        ['objects', 'mounts 1 file: _db_pass'],
        ['Pod', 'mounts 1 file at /s: _db_pass'],
        ['Pod', 'mounts 1 file at /var/secrets: _db_pass'],
        ['Pod', 'mounts 1 file at /var/secrets: _db_pass'],
      ],
    );
  });

  it('a workload in another file gets the files of the class; a class names the pod of another file', () => {
    const objects =
      '- objectName: "/app/db"\n  objectType: secretsmanager\n  jmesPath:\n    - path: username\n      objectAlias: DB_USER\n- objectName: api\n  objectType: ssmparameter';
    const p = project({ 'spc.yaml': spc(objects), 'pod.yaml': POD('web', '/mnt/s') });
    const pod = p.parsed('pod.yaml')?.text ?? '';
    assert.deepEqual(
      codeLenses(p.parsed('pod.yaml')?.placed ?? [], p.view(), 'pod.yaml').map((l) => [
        pod.slice(l.span.start, l.span.end),
        l.title,
      ]),
      [['Pod', 'mounts 3 files at /mnt/s: _app_db, DB_USER, api']],
    );
    assert.deepEqual(
      codeLenses(p.parsed('spc.yaml')?.placed ?? [], p.view(), 'spc.yaml').map((l) => l.title),
      ['mounted by Pod/web at /mnt/s', 'mounts 3 files: _app_db, DB_USER, api'],
    );
  });

  it('a workload whose class is nowhere, or which mounts no CSI volume, gets no lens', () => {
    const p = project({
      'pod.yaml': POD('lost', '/s', 'missing'),
      'plain.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n',
    });
    for (const id of ['pod.yaml', 'plain.yaml'])
      assert.deepEqual(codeLenses(p.parsed(id)?.placed ?? [], p.view(), id), [], id);
  });

  it('every title fits in MAX_LENS_TITLE: names while they fit, then "+N more"', () => {
    const names = Array.from({ length: 12 }, (_, i) => `DATABASE_SETTING_NUMBER_${i}`);
    const objects = names.map((n) => `- objectName: ${n}\n  objectType: ssmparameter`).join('\n');
    const p = project({
      'c.yaml': spc(objects) + POD('a-rather-long-workload-name', '/var/run/secrets/app'),
      'd.yaml': POD('b-another-long-workload-name', '/var/run/secrets/app'),
    });
    const titles = codeLenses(p.parsed('c.yaml')?.placed ?? [], p.view(), 'c.yaml').map((l) => l.title);
    assert.deepEqual(titles, [
      'mounted by Pod/a-rather-long-workload-name at /var/run/secrets…, +1 more',
      'mounts 12 files: DATABASE_SETTING_NUMBER_0, +11 more',
      'mounts 12 files at /var/run/secrets/app: DATABASE_SETTING_NUM…, +11 more',
    ]);
    for (const t of titles) assert.ok(t.length <= MAX_LENS_TITLE, `${t.length}: ${t}`);
    // the first item is shortened to what is left of the title
    assert.equal(
      lensTitle('mounts 1 file:', ['x'.repeat(100)]),
      `mounts 1 file: ${'x'.repeat(MAX_LENS_TITLE - 'mounts 1 file: '.length - 1)}…`,
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
    // the long name does not fit after `_a`
    assert.equal(files?.title, 'mounts 2 files: _a, +1 more');
    assert.ok((files?.title.length ?? 0) <= MAX_LENS_TITLE);
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

  it('hints a translated name, never a name or alias that is the file name as written', () => {
    const objects =
      '- objectName: "/db/pass"\n  objectType: ssmparameter\n- objectName: plain\n  objectType: ssmparameter\n- objectName: a/b\n  objectAlias: "alias"\n  objectType: secretsmanager\n  jmesPath:\n    - path: x\n      objectAlias: SECRET_USERNAME\n    - path: y\n      objectAlias: nested/y\n';
    assert.deepEqual(hintsOf(spc(objects)), [
      ['      - objectName: "/db/pass"', '→ _db_pass'],
      ['            objectAlias: nested/y', '→ nested_y'],
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

describe('inlay hints in workloads (service)', () => {
  const hints = (files: Record<string, string>, id: string) => {
    const p = project(files);
    const text = p.parsed(id)?.text ?? '';
    return inlayHints(p.parsed(id)?.placed ?? [], { start: 0, end: text.length }, p.view(), id).map((h) => [
      text.slice(0, h.offset).split('\n').pop(),
      h.label,
      h.tooltip,
    ]);
  };
  const OBJECTS =
    '- objectName: "/app/db"\n  objectType: secretsmanager\n  filePermission: "0440"\n  jmesPath:\n    - path: username\n      objectAlias: DB_USER\n- objectName: api\n  objectType: ssmparameter';

  it('after each mountPath: the full path of every file the container sees (class in another file)', () => {
    const got = hints(
      { 'spc.yaml': spc(OBJECTS), 'pod.yaml': POD('web', '/mnt/s', 'example', ['a', 'b']) },
      'pod.yaml',
    );
    assert.deepEqual(
      got.map(([line, label]) => [line, label]),
      [
        ['          mountPath: /mnt/s', '→ /mnt/s/_app_db, /mnt/s/DB_USER, +1 more'],
        ['          mountPath: /mnt/s', '→ /mnt/s/_app_db, /mnt/s/DB_USER, +1 more'],
      ],
    );
    assert.equal(
      got[0]?.[2],
      'Container "a" sees 3 files of class "example" here:\n/mnt/s/_app_db (0440)\n/mnt/s/DB_USER (0440)\n/mnt/s/api (0644)',
    );
  });

  it('a long list stops at MAX_HINT_LABEL with "+N more"; a subPath names its one file; no class, no hint', () => {
    const many = Array.from(
      { length: 9 },
      (_, i) => `- objectName: parameter-number-${i}\n  objectType: ssmparameter`,
    ).join('\n');
    const [[, label] = []] = hints(
      { 'c.yaml': spc(many) + POD('w', '/var/run/secrets/app') },
      'c.yaml',
    ).filter(([line]) => line?.includes('mountPath'));
    assert.equal(label, '→ /var/run/secrets/app/parameter-number-0, +8 more');
    const sub = POD('s', '/etc/app/user').replace(
      'mountPath: /etc/app/user',
      'mountPath: /etc/app/user\n          subPath: DB_USER',
    );
    assert.deepEqual(
      hints({ 'spc.yaml': spc(OBJECTS), 'pod.yaml': sub }, 'pod.yaml').map(([, l]) => l),
      ['→ DB_USER'],
    );
    assert.deepEqual(hints({ 'pod.yaml': POD('lost', '/s', 'missing') }, 'pod.yaml'), []);
  });
});

describe('mounts tree (service)', () => {
  it('a class file lists the workloads of other files that mount its classes, with every source location', () => {
    const objects =
      '- objectName: "/app/db"\n  objectType: secretsmanager\n  jmesPath:\n    - path: username\n      objectAlias: DB_USER\n- objectName: api\n  objectType: ssmparameter';
    const p = project({
      'spc.yaml': spc(objects),
      'pod.yaml': POD('web', '/mnt/s', 'example', ['app', 'sidecar']),
      'other.yaml': POD('elsewhere', '/x', 'another-class'),
    });
    const t = mountsTree('spc.yaml', p.parsed('spc.yaml')?.placed ?? [], p.view());
    assert.deepEqual(
      t.classes.map((c) => [c.name, c.files]),
      [['example', 3]],
    );
    assert.equal(t.mountedFiles, 6);
    assert.deepEqual(
      t.workloads.map((w) => [w.label, w.inFile, w.containers.map((c) => c.name)]),
      [['Pod/web', false, ['app', 'sidecar']]],
    );
    const m = t.workloads[0]?.containers[0]?.mounts[0];
    assert.ok(m);
    assert.equal(m.classInFile, true);
    const spcText = p.parsed('spc.yaml')?.text ?? '';
    const podText = p.parsed('pod.yaml')?.text ?? '';
    assert.equal(podText.slice(m.where.span.start, m.where.span.end), '/mnt/s');
    assert.equal(m.where.fileId, 'pod.yaml');
    assert.equal(spcText.slice(m.classWhere.span.start, m.classWhere.span.end), 'example');
    assert.deepEqual(
      m.files.map((f) => [
        f.name,
        f.path,
        f.permission,
        f.kind,
        f.objectName,
        f.jmesPath,
        f.where.fileId,
        spcText.slice(f.where.span.start, f.where.span.end),
      ]),
      [
        ['_app_db', '/mnt/s/_app_db', '0644', 'object', '/app/db', undefined, 'spc.yaml', '"/app/db"'],
        ['DB_USER', '/mnt/s/DB_USER', '0644', 'jmesPath', '/app/db', 'username', 'spc.yaml', 'DB_USER'],
        ['api', '/mnt/s/api', '0644', 'object', 'api', undefined, 'spc.yaml', 'api'],
      ],
    );
    // the pod's own file: the same workload, in the file
    const pt = mountsTree('pod.yaml', p.parsed('pod.yaml')?.placed ?? [], p.view());
    assert.deepEqual(
      pt.workloads.map((w) => [w.label, w.inFile]),
      [['Pod/web', true]],
    );
    assert.equal(pt.mountedFiles, 6);
    assert.deepEqual(pt.classes, []);
    // a file that neither holds nor mounts a class
    assert.deepEqual(
      mountsTree('other.yaml', p.parsed('other.yaml')?.placed ?? [], p.view()).workloads.map((w) => [
        w.label,
        w.containers.length,
      ]),
      [['Pod/elsewhere', 0]],
    );
  });
});
