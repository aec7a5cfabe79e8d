import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spc } from '../../server/src/core/rules/rule';
import { Fmt, hoverAt, MAX_ROWS } from '../../server/src/service/hover';
import { fileLabel, mountsOfClass, pathIn } from '../../server/src/service/hover-mounts';
import { Project } from '../../server/src/service/project';

const POD = (opts: { name?: string; cls?: string; ns?: string; mounts?: string; attrs?: string } = {}) => `---
apiVersion: v1
kind: Pod
metadata:
  name: ${opts.name ?? 'web'}
${opts.ns ? `  namespace: ${opts.ns}\n` : ''}spec:
  volumes:
    - name: creds
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: ${opts.cls ?? 'example'}
${opts.attrs ?? ''}  containers:
    - name: app
      image: app
      volumeMounts:
${opts.mounts ?? '        - name: creds\n          mountPath: /var/secrets\n'}`;

function setup(files: Record<string, string>, options = {}) {
  const p = new Project(options);
  for (const [id, text] of Object.entries(files)) p.set(id, text);
  const hover = (id: string, needle: string, delta = 1, markdown = true, occurrence = 0) => {
    const text = p.parsed(id)?.text ?? '';
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `${needle} not in ${id}`);
    const placed = p.parsed(id)?.placed ?? [];
    return hoverAt({ placed, view: p.view(), fileId: id, offset: at + delta, markdown });
  };
  return { p, hover };
}

const OBJ = '- objectName: "/db/pass"\n  objectType: ssmparameter\n  filePermission: "0640"';

describe('hover (service)', () => {
  it('shows the file and every container path, honouring subPath and the volume pathTranslation', () => {
    const pod = POD({
      mounts:
        '        - name: creds\n          mountPath: /a\n        - name: creds\n          mountPath: /only/other\n          subPath: other\n        - name: creds\n          mountPath: /exact\n          subPath: _db_pass\n',
    });
    const over = POD({ name: 'dash', attrs: '          pathTranslation: "-"\n' });
    const { hover } = setup({ 'c.yaml': spc(OBJ) + pod, 'd.yaml': over });
    const h = hover('c.yaml', '"/db/pass"');
    assert.equal(
      h?.contents,
      '**File** `_db_pass` · mode `0640`\n\n' +
        '- `/a/_db_pass` — Pod `web`, container `app`\n' +
        '- `/exact` — Pod `web`, container `app`\n' +
        '- `/var/secrets/-db-pass` — Pod `dash` in `d.yaml`, container `app`',
    );
  });

  it('says when every mount uses a subPath naming another file', () => {
    const pod = POD({ mounts: '        - name: creds\n          mountPath: /x\n          subPath: nope\n' });
    const { hover } = setup({ 'c.yaml': spc(OBJ) + pod });
    assert.match(hover('c.yaml', '"/db/pass"')?.contents ?? '', /No container sees this file/);
  });

  it('links only within the namespace and only to AWS classes', () => {
    const cls = spc(OBJ).replace('  name: example\n', '  name: example\n  namespace: a\n');
    const { hover } = setup({ 'c.yaml': cls + POD({ ns: 'b' }) });
    assert.match(
      hover('c.yaml', '"/db/pass"')?.contents ?? '',
      /No workload in the workspace mounts `example`/,
    );
    assert.equal(
      hover('c.yaml', 'secretProviderClass: example', 22)?.contents,
      "`example` exists only in namespace `a`; the driver looks it up in the pod's namespace `b`.",
    );
    const azure = spc(OBJ).replace('provider: aws', 'provider: azure');
    const s2 = setup({ 'z.yaml': azure + POD() });
    assert.equal(
      s2.hover('z.yaml', 'secretProviderClass: example', 22)?.contents,
      '`example` is a SecretProviderClass for provider `azure`, not ASCP.',
    );
    assert.equal(s2.hover('z.yaml', 'objects'), undefined, 'no ASCP key docs on another provider');
    assert.match(s2.hover('z.yaml', 'example')?.contents ?? '', /provider `azure`, not ASCP\.$/);
    const s3 = setup({ 'p.yaml': POD({ cls: 'ghost' }) });
    assert.match(
      s3.hover('p.yaml', 'ghost')?.contents ?? '',
      /^No SecretProviderClass `ghost` in the workspace/,
    );
  });

  it('explains values: filePermission, usePodIdentity, pathTranslation, objectType', () => {
    const { hover } = setup({
      'c.yaml': spc(OBJ, { usePodIdentity: '"yes"', pathTranslation: '"False"', region: 'us-east-1' }),
    });
    assert.match(hover('c.yaml', '"0640"')?.contents ?? '', /Mode `0640` = `rw-r-----`\.$/);
    assert.match(hover('c.yaml', '"yes"')?.contents ?? '', /`yes` is not a Go boolean: every mount fails\.$/);
    assert.match(
      hover('c.yaml', '"False"')?.contents ?? '',
      /Translation is off: inner `\/` stay in file names: `\/db\/pass` → `db\/pass`\.$/,
    );
    assert.match(hover('c.yaml', 'ssmparameter')?.contents ?? '', /^\*\*`objectType`\*\*/);
    assert.match(hover('c.yaml', 'objectName')?.contents ?? '', /^\*\*`objectName`\*\*: The secret's/);
  });

  it('explains a jmesPath path and names the alias file; a path without alias says so', () => {
    const objects =
      '- objectName: db\n  objectType: secretsmanager\n  jmesPath:\n    - path: \'"api-key"\'\n      objectAlias: KEY\n    - path: a.b[0]\n';
    const { hover } = setup({ 'c.yaml': spc(objects) });
    assert.match(
      hover('c.yaml', '\'"api-key"\'')?.contents ?? '',
      /^\*\*jmesPath\*\* `"api-key"`: field `api-key`\n\n\*\*File\*\* `KEY`/,
    );
    assert.match(hover('c.yaml', 'a.b[0]')?.contents ?? '', /field `a` → field `b` → element 0|element 0 of/);
    assert.match(hover('c.yaml', 'a.b[0]')?.contents ?? '', /No `objectAlias`: the result has no file/);
  });

  it('hovers a workload name with its mount table and a secretObjects objectName with its file', () => {
    const extra =
      'secretObjects:\n    - secretName: s\n      type: Opaque\n      data:\n        - objectName: _db_pass\n          key: k\n        - objectName: nope\n          key: n\n';
    const { hover } = setup({ 'c.yaml': spc(OBJ, {}, '  ' + extra) + POD() });
    assert.equal(
      hover('c.yaml', 'name: web', 7)?.contents,
      '**Pod** `web`\n\n- `/var/secrets/_db_pass` — container `app`, class `example` · mode `0640`',
    );
    assert.equal(
      hover('c.yaml', 'objectName: _db_pass', 14)?.contents,
      'Synced from the mounted file `_db_pass` (objectName `/db/pass`).',
    );
    assert.match(hover('c.yaml', 'objectName: nope', 14)?.contents ?? '', /^No file named `nope` is mounted/);
  });

  it('documents failoverObject and its fields, and says when objects is templated', () => {
    const objects =
      '- objectName: arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf\n  objectAlias: db\n  failoverObject:\n    objectName: arn:aws:secretsmanager:us-west-2:111122223333:secret:db-AbCdEf\n';
    const { hover } = setup({
      'c.yaml': spc(objects, { region: 'us-east-1', failoverRegion: 'us-west-2' }),
      'h.yaml': spc('{{ .Values.objects }}'),
    });
    assert.match(
      hover('c.yaml', 'failoverObject')?.contents ?? '',
      /^\*\*`failoverObject`\*\*: `objectName`/,
    );
    assert.match(
      hover('c.yaml', 'objectName', 1, true, 1)?.contents ?? '',
      /^\*\*`failoverObject\.objectName`\*\*: The name or ARN fetched in `failoverRegion`/,
    );
    assert.match(
      hover('c.yaml', 'failoverRegion')?.contents ?? '',
      /^\*\*`failoverRegion`\*\*: A second region/,
    );
    assert.match(
      hover('h.yaml', 'objects')?.contents ?? '',
      /Templated: the files are known once the template is rendered\.$/,
    );
  });

  it('truncates long lists of workloads', () => {
    const pods = Array.from({ length: MAX_ROWS + 3 }, (_, i) => POD({ name: `p${i}` })).join('');
    const { hover } = setup({ 'c.yaml': spc(OBJ) + pods });
    const h = hover('c.yaml', '"/db/pass"')?.contents ?? '';
    assert.equal(h.split('\n').filter((l) => l.startsWith('- `')).length, MAX_ROWS);
    assert.match(h, /\n- … and 3 more$/);
  });

  it('renders code spans safely and plain text without markup', () => {
    const md = new Fmt(true);
    assert.equal(md.code('a`b'), '``a`b``');
    assert.equal(md.code('`x'), '`` `x ``');
    assert.equal(md.code(''), '`""`');
    assert.equal(md.code('a\nb'), '`a\\nb`');
    assert.equal(new Fmt(false).code('a`b'), 'a`b');
    assert.equal(new Fmt(false).prose('**x** `y`'), 'x y');
    const { hover } = setup({ 'c.yaml': spc(OBJ) + POD() });
    assert.equal(
      hover('c.yaml', '"/db/pass"', 1, false)?.contents,
      'File _db_pass · mode 0640\n\n- /var/secrets/_db_pass — Pod web, container app',
    );
  });

  it('never shows a secret value, wherever the cursor is', () => {
    const canary = 'CANARY-s3cr3t-VALUE';
    const objects =
      '- objectName: db\n  objectType: secretsmanager\n  jmesPath:\n    - path: password\n      objectAlias: PW\n';
    const secrets = { get: () => JSON.stringify({ password: canary }) };
    const { p } = setup({ 'c.yaml': spc(objects) + POD() }, { secrets });
    const text = p.parsed('c.yaml')?.text ?? '';
    let count = 0;
    for (let i = 0; i <= text.length; i++) {
      const h = hoverAt({
        placed: p.parsed('c.yaml')?.placed ?? [],
        view: p.view(),
        fileId: 'c.yaml',
        offset: i,
        markdown: true,
      });
      if (h) count++;
      assert.ok(!h?.contents.includes(canary));
    }
    assert.ok(count > 50, 'hovers were produced');
  });

  it('returns nothing outside any target and past the end', () => {
    const { p, hover } = setup({ 'c.yaml': '# comment\n' + spc(OBJ) });
    assert.equal(hover('c.yaml', '# comment'), undefined);
    const placed = p.parsed('c.yaml')?.placed ?? [];
    for (const offset of [-5, 10_000_000])
      assert.equal(hoverAt({ placed, view: p.view(), fileId: 'c.yaml', offset, markdown: true }), undefined);
    assert.equal(hoverAt({ placed: [], view: p.view(), fileId: 'x', offset: 0, markdown: true }), undefined);
  });
});

describe('mounts of a class (service)', () => {
  it('memoises per view and resolves init containers', () => {
    const pod = POD().replace(
      '  containers:\n',
      '  initContainers:\n    - name: init\n      volumeMounts:\n        - name: creds\n          mountPath: /init\n  containers:\n',
    );
    const { p } = setup({ 'c.yaml': spc(OBJ) + pod });
    const cls = p.parsed('c.yaml')?.placed[0]?.model.class;
    assert.ok(cls);
    const a = mountsOfClass(p.view(), cls);
    assert.equal(a, mountsOfClass(p.view(), cls));
    assert.deepEqual(
      a.map((m) => [m.container, m.init, pathIn(m, '/db/pass')]),
      [
        ['init', true, '/init/_db_pass'],
        ['app', false, '/var/secrets/_db_pass'],
      ],
    );
  });

  it('labels files by their last path segment, decoded', () => {
    assert.equal(fileLabel('file:///w/my%20pod.yaml'), 'my pod.yaml');
    assert.equal(fileLabel('C:\\w\\pod.yaml'), 'pod.yaml');
    assert.equal(fileLabel('file:///w/bad%zz.yaml'), 'bad%zz.yaml');
  });
});
