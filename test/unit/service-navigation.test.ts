// The navigation service on a Project: which values link, where definitions and references land
// (exact spans, inside every `objects` form), and renames that are exact or refused with a reason.
// Every rename is applied and the project re-analysed: the new names must link and no diagnostic
// may appear that was not there before.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDoc } from '../../server/src/core/parse';
import {
  definition,
  invalidAlias,
  invalidClassName,
  prepareRename,
  references,
  rename,
  type NavEdit,
  type NavLocation,
} from '../../server/src/service/navigation';
import { verifyDocEdits, type PlannedEdit } from '../../server/src/service/navigation-edit';
import { translationOf } from '../../server/src/core/mounts';
import { Project } from '../../server/src/service/project';

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

function pod(name: string, ns: string | undefined, cls = 'app-secrets', extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
${ns ? `  namespace: ${ns}\n` : ''}spec:
  volumes:
    - name: secrets
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: ${cls}
${extra}  containers:
    - name: web
      image: nginx
      volumeMounts:
        - name: secrets
          mountPath: /var/secrets
          readOnly: true
`;
}

const C = 'file:///ws/class.yaml';
const P = 'file:///ws/pod.yaml';
const O = 'file:///ws/other.yaml';
const T = 'file:///ws/team.yaml';

function project(files: Record<string, string>): Project {
  const p = new Project();
  for (const [u, t] of Object.entries(files)) p.set(u, t);
  return p;
}

/** Absolute offset `delta` characters into the `occurrence`th `needle` of a file. */
function at(p: Project, uri: string, needle: string, delta = 1, occurrence = 0): number {
  const text = p.parsed(uri)?.text ?? '';
  let i = -1;
  for (let k = 0; k <= occurrence; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in ${uri}`);
  return i + delta;
}

function spanOf(p: Project, uri: string, needle: string, occurrence = 0): NavLocation {
  const start = at(p, uri, needle, 0, occurrence);
  return { uri, span: { start, end: start + needle.length } };
}

const texts = (p: Project, locs: NavLocation[]): string[] =>
  locs.map(
    (l) => `${l.uri.replace('file:///ws/', '')}:${p.parsed(l.uri)?.text.slice(l.span.start, l.span.end)}`,
  );

function diagnosticsOf(p: Project): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const u of p.uris()) out[u] = (p.analysis(u)?.diagnostics ?? []).map((d) => d.code).sort();
  return out;
}

/** Applies the edits to a copy of the project and returns it. */
function applied(p: Project, edits: NavEdit[]): Project {
  const q = new Project();
  for (const u of p.uris()) {
    const text = p.parsed(u)?.text ?? '';
    const mine = edits.filter((e) => e.uri === u).sort((a, b) => b.span.start - a.span.start);
    let out = text;
    for (const e of mine) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    q.set(u, out);
  }
  return q;
}

function edited(p: Project, offsetUri: string, offset: number, newName: string): Project {
  const r = rename(p, offsetUri, offset, newName);
  assert.ok(r && !('reason' in r), `rename refused: ${JSON.stringify(r)}`);
  const q = applied(p, r.edits);
  assert.deepEqual(diagnosticsOf(q), diagnosticsOf(p), 'no new diagnostics after the rename');
  return q;
}

function reason(r: unknown): string {
  assert.ok(r && typeof r === 'object' && 'reason' in r, `expected a refusal, got ${JSON.stringify(r)}`);
  return String((r as { reason: string }).reason);
}

describe('class links (namespace-aware)', () => {
  const files = {
    [C]: CLASS,
    [P]: pod('web', undefined),
    [O]: pod('other', 'other'),
    [T]: pod('team-web', 'team'),
  };

  it('defines a workload value at the class name; a workload in another namespace has none', () => {
    const p = project(files);
    const d = definition(p, P, at(p, P, 'app-secrets'));
    assert.deepEqual(d?.targets, [spanOf(p, C, 'app-secrets')]);
    assert.deepEqual(d?.origin, spanOf(p, P, 'app-secrets').span);
    assert.equal(definition(p, O, at(p, O, 'app-secrets')), undefined);
    assert.deepEqual(definition(p, C, at(p, C, 'app-secrets'))?.targets, [spanOf(p, C, 'app-secrets')]);
  });

  it('lists references from the class and from any linked value', () => {
    const p = project(files);
    const fromClass = references(p, C, at(p, C, 'app-secrets'), false);
    assert.deepEqual(texts(p, fromClass), ['pod.yaml:app-secrets', 'team.yaml:app-secrets']);
    const fromPod = references(p, T, at(p, T, 'app-secrets', 11), true);
    assert.deepEqual(texts(p, fromPod), [
      'class.yaml:app-secrets',
      'pod.yaml:app-secrets',
      'team.yaml:app-secrets',
    ]);
    // no class is visible from namespace "other": the references are the values that would look up
    // the same name there (the pod without a namespace may run in "other"), not the team workload
    assert.deepEqual(texts(p, references(p, O, at(p, O, 'app-secrets'), true)), [
      'other.yaml:app-secrets',
      'pod.yaml:app-secrets',
    ]);
  });

  it('renames the class and its same-namespace references across files', () => {
    const p = project(files);
    assert.deepEqual(prepareRename(p, P, at(p, P, 'app-secrets')), {
      span: spanOf(p, P, 'app-secrets').span,
      placeholder: 'app-secrets',
    });
    const q = edited(p, C, at(p, C, 'app-secrets'), 'web.secrets');
    assert.equal(q.parsed(C)?.text, CLASS.replace('name: app-secrets', 'name: web.secrets'));
    assert.equal(q.parsed(P)?.text, files[P].replace('Class: app-secrets', 'Class: web.secrets'));
    assert.equal(q.parsed(T)?.text, files[T].replace('Class: app-secrets', 'Class: web.secrets'));
    assert.equal(q.parsed(O)?.text, files[O]);
  });

  it('keeps the quoting of each value; a name YAML would read as a number gets quoted', () => {
    const p = project({
      [C]: CLASS.replace('name: app-secrets', 'name: "app-secrets"'),
      [P]: pod('web', 'team'),
    });
    const r = rename(p, P, at(p, P, 'app-secrets'), '2024');
    assert.ok(r && !('reason' in r));
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['"2024"', '"2024"'],
    );
    const q = applied(p, r.edits);
    assert.deepEqual(texts(q, definition(q, P, at(q, P, '2024'))?.targets ?? []), ['class.yaml:2024']);
  });

  it('validates class names and refuses clashes in a namespace that overlaps', () => {
    const p = project({ ...files, 'file:///ws/taken.yaml': CLASS.replace('app-secrets', 'taken') });
    const o = at(p, C, 'app-secrets');
    assert.match(reason(rename(p, C, o, 'Bad_Name')), /DNS-1123/);
    assert.match(reason(rename(p, C, o, '')), /DNS-1123/);
    assert.match(reason(rename(p, C, o, 'a'.repeat(254))), /253/);
    assert.match(reason(rename(p, C, o, 'taken')), /already exists in namespace "team"/);
    assert.equal(invalidClassName('a.b-c'), undefined);
    assert.ok(invalidClassName('-a'));
    assert.ok(invalidClassName('a..b'));
  });

  it('refuses to rename a class that is not in the workspace, and a templated name', () => {
    const p = project({ [P]: pod('web', undefined, 'missing') });
    assert.equal(definition(p, P, at(p, P, 'missing')), undefined);
    assert.match(reason(prepareRename(p, P, at(p, P, 'missing'))), /no SecretProviderClass named "missing"/);
    const t = project({ [C]: CLASS.replace('name: app-secrets', 'name: {{ .Values.name }}') });
    assert.equal(prepareRename(t, C, at(t, C, '.Values')), undefined);
  });

  it('answers nothing on keys, other values, and offsets outside any document', () => {
    const p = project(files);
    for (const [u, o] of [
      [P, at(p, P, 'secretProviderClass')],
      [C, at(p, C, 'objectType')],
      [C, at(p, C, 'us-east-1')],
      [C, -5],
      [C, 1e9],
      ['file:///ws/none.yaml', 0],
    ] as [string, number][]) {
      assert.equal(definition(p, u, o), undefined);
      assert.deepEqual(references(p, u, o, true), []);
      assert.equal(prepareRename(p, u, o), undefined);
      assert.equal(rename(p, u, o, 'x'), undefined);
    }
  });
});

describe('mounted files: aliases, secretObjects and subPath', () => {
  const withSub = pod('web', 'team').replace(
    '          readOnly: true\n',
    '          readOnly: true\n        - name: secrets\n          mountPath: /etc/user\n          subPath: db-user\n',
  );

  it('defines a secretObjects name at the alias or objectName producing the file', () => {
    const p = project({ [C]: CLASS });
    const d = (needle: string) => texts(p, definition(p, C, at(p, C, needle))?.targets ?? []);
    assert.deepEqual(d('db_creds-file'), ['class.yaml:db/creds-file']);
    assert.deepEqual(d('"db-user"\n          key'), ['class.yaml:db-user']);
    assert.deepEqual(d('_test_parameter'), ['class.yaml:/test/parameter']);
    const target = definition(p, C, at(p, C, 'db_creds-file'))?.targets[0];
    assert.deepEqual(target, spanOf(p, C, 'db/creds-file'));
  });

  it('lists secretObjects entries and subPaths naming a file', () => {
    const p = project({
      [C]: CLASS,
      [P]: withSub,
      [O]: withSub.replace('namespace: team', 'namespace: other'),
    });
    assert.deepEqual(texts(p, references(p, C, at(p, C, 'db-user'), false)), [
      'class.yaml:db-user',
      'pod.yaml:db-user',
    ]);
    assert.deepEqual(texts(p, references(p, P, at(p, P, 'subPath: db-user', 10), true)), [
      'class.yaml:db-user',
      'class.yaml:db-user',
      'pod.yaml:db-user',
    ]);
    assert.deepEqual(texts(p, definition(p, P, at(p, P, 'subPath: db-user', 10))?.targets ?? []), [
      'class.yaml:db-user',
    ]);
    // the pod in another namespace does not mount this class
    assert.equal(definition(p, O, at(p, O, 'subPath: db-user', 10)), undefined);
  });

  it('renames an alias: the alias in objects, the translated file name in secretObjects and subPath', () => {
    const p = project({ [C]: CLASS, [P]: withSub });
    assert.deepEqual(prepareRename(p, C, at(p, C, 'db/creds-file')), {
      span: spanOf(p, C, 'db/creds-file').span,
      placeholder: 'db/creds-file',
    });
    const q = edited(p, C, at(p, C, 'db/creds-file'), 'db/password');
    assert.equal(
      q.parsed(C)?.text,
      CLASS.replace('objectAlias: db/creds-file', 'objectAlias: db/password').replace(
        'db_creds-file',
        'db_password',
      ),
    );
    const r = edited(p, P, at(p, P, 'subPath: db-user', 10), 'user.txt');
    assert.equal(r.parsed(C)?.text, CLASS.replaceAll('"db-user"', '"user.txt"'));
    assert.equal(r.parsed(P)?.text, withSub.replace('subPath: db-user', 'subPath: user.txt'));
  });

  it('renames from a secretObjects name: the new file name becomes the alias', () => {
    const p = project({ [C]: CLASS });
    assert.deepEqual(prepareRename(p, C, at(p, C, 'db_creds-file')), {
      span: spanOf(p, C, 'db_creds-file').span,
      placeholder: 'db_creds-file',
    });
    const q = edited(p, C, at(p, C, 'db_creds-file'), 'password');
    assert.equal(
      q.parsed(C)?.text,
      CLASS.replace('objectAlias: db/creds-file', 'objectAlias: password').replace(
        'db_creds-file',
        'password',
      ),
    );
    assert.match(reason(rename(p, C, at(p, C, 'db_creds-file'), 'a/b')), /cannot contain '\/'/);
  });

  it('follows the volume pathTranslation override for subPath', () => {
    const cls = CLASS.replace('db/creds-file', 'db/creds');
    const podText = pod('web', 'team', 'app-secrets', '')
      .replace(
        '          secretProviderClass: app-secrets\n',
        '          secretProviderClass: app-secrets\n          pathTranslation: "-"\n',
      )
      .replace(
        '          readOnly: true\n',
        '          readOnly: true\n        - name: secrets\n          mountPath: /etc/creds\n          subPath: db-creds\n',
      );
    const p = project({ [C]: cls.replace('db_creds-file', 'db_creds'), [P]: podText });
    assert.deepEqual(texts(p, definition(p, P, at(p, P, 'db-creds'))?.targets ?? []), [
      'class.yaml:db/creds',
    ]);
    const r = rename(p, C, at(p, C, 'objectAlias: db/creds', 14), 'app/pw');
    assert.ok(r && !('reason' in r));
    assert.deepEqual(
      r.edits.map((e) => [e.uri, e.newText]),
      [
        [C, 'app/pw'],
        [C, 'app_pw'],
        [P, 'app-pw'],
      ],
    );
    const q = edited(p, C, at(p, C, 'objectAlias: db/creds', 14), 'app/pw');
    // with translation off on the volume, the subPath would keep a '/'
    const off = project({
      [C]: p.parsed(C)?.text ?? '',
      [P]: podText.replace('"-"', '"False"').replace('db-creds', 'db/creds'),
    });
    assert.match(
      reason(rename(off, C, at(off, C, 'objectAlias: db/creds', 14), 'app/pw')),
      /workload mounting/,
    );
    assert.equal(
      (rename(off, C, at(off, C, 'objectAlias: db/creds', 14), 'pw') as { edits: NavEdit[] }).edits.length,
      3,
    );
    assert.deepEqual(texts(q, definition(q, P, at(q, P, 'app-pw'))?.targets ?? []), ['class.yaml:app/pw']);
  });

  it('refuses a file named after objectName (the name also selects the secret)', () => {
    const p = project({ [C]: CLASS });
    for (const needle of ['/test/parameter', '_test_parameter']) {
      assert.match(
        reason(prepareRename(p, C, at(p, C, needle))),
        /named after objectName.*add an objectAlias/,
      );
      assert.match(reason(rename(p, C, at(p, C, needle), 'param')), /objectAlias/);
    }
  });

  it('validates the new alias', () => {
    const p = project({ [C]: CLASS });
    const o = at(p, C, 'db/creds-file');
    assert.match(reason(rename(p, C, o, '')), /empty/);
    assert.match(reason(rename(p, C, o, ' pad')), /white space/);
    assert.match(reason(rename(p, C, o, 'a\nb')), /line break/);
    assert.match(reason(rename(p, C, o, '"quoted"')), /quote/);
    assert.match(reason(rename(p, C, o, '..')), /not a usable file name/);
    assert.match(reason(rename(p, C, o, 'db-user')), /already mounts a file named "db-user"/);
    assert.match(reason(rename(p, C, o, '/test/parameter')), /already mounts a file named "_test_parameter"/);
    const off = translationOf('False');
    assert.match(invalidAlias('a/b', off) ?? '', /'\/'/);
    assert.equal(invalidAlias('/a', off), undefined);
    assert.match(invalidAlias('a/b', translationOf('/')) ?? '', /'\/'/);
    assert.equal(invalidAlias('a/b', translationOf(undefined)), undefined);
  });

  it('with two entries writing one file, renames only the alias and refuses from secretObjects', () => {
    const cls = CLASS.replace('objectAlias: "db-user"', 'objectAlias: "db_creds-file"');
    const p = project({ [C]: cls });
    assert.deepEqual(texts(p, definition(p, C, at(p, C, 'db_creds-file', 1, 1))?.targets ?? []), [
      'class.yaml:db/creds-file',
      'class.yaml:db_creds-file',
    ]);
    assert.match(reason(prepareRename(p, C, at(p, C, 'db_creds-file', 1, 1))), /several entries/);
    const r = rename(p, C, at(p, C, 'db/creds-file'), 'other');
    assert.ok(r && !('reason' in r));
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['other'],
    );
  });
});

describe('aliases inside every objects form', () => {
  const head = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
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
  const forms: { name: string; objects: string; alias: string; renamed: Record<string, string> }[] = [
    {
      name: 'literal',
      objects:
        '    objects: |\n      - objectName: "db/creds"\n        objectType: secretsmanager\n        objectAlias: creds\n',
      alias: 'objectAlias: creds',
      renamed: {
        'db #1': 'objectAlias: "db #1"',
        'x\\y': 'objectAlias: "x\\\\y"',
        plain: 'objectAlias: plain',
      },
    },
    {
      name: 'literal with CRLF',
      objects:
        '    objects: |\r\n      - objectName: "db/creds"\r\n        objectType: secretsmanager\r\n        objectAlias: creds\r\n',
      alias: 'objectAlias: creds',
      renamed: { 'db #1': 'objectAlias: "db #1"', plain: 'objectAlias: plain' },
    },
    {
      name: 'folded',
      objects:
        '    objects: >-\n      - objectName: "db/creds"\n        objectType: secretsmanager\n        objectAlias: creds\n',
      alias: 'objectAlias: creds',
      renamed: { 'db #1': 'objectAlias: "db #1"', plain: 'objectAlias: plain' },
    },
    {
      name: 'double-quoted, plain alias',
      objects:
        '    objects: "- objectName: \\"db/creds\\"\\n  objectType: secretsmanager\\n  objectAlias: creds\\n"\n',
      alias: 'objectAlias: creds',
      renamed: {
        'db #1': 'objectAlias: \\"db #1\\"',
        'x\\y': 'objectAlias: \\"x\\\\\\\\y\\"',
        plain: 'objectAlias: plain',
      },
    },
    {
      name: 'double-quoted, double-quoted alias',
      objects:
        '    objects: "- objectName: \\"db/creds\\"\\n  objectType: secretsmanager\\n  objectAlias: \\"creds\\"\\n"\n',
      alias: 'objectAlias: \\"creds\\"',
      renamed: { 'db #1': 'objectAlias: \\"db #1\\"', plain: 'objectAlias: \\"plain\\"' },
    },
    {
      name: 'single-quoted flow, single-quoted alias',
      objects:
        "    objects: '[{objectName: \"db/creds\", objectType: secretsmanager, objectAlias: ''creds''}]'\n",
      alias: "objectAlias: ''creds''",
      renamed: {
        'db #1': "objectAlias: ''db #1''",
        'x\\y': "objectAlias: ''x\\y''",
        plain: "objectAlias: ''plain''",
      },
    },
    {
      name: 'single-quoted flow, plain alias',
      objects:
        '    objects: \'[{objectName: "db/creds", objectType: secretsmanager, objectAlias: creds}]\'\n',
      alias: 'objectAlias: creds',
      renamed: { 'db #1': 'objectAlias: "db #1"', 'a,b': 'objectAlias: "a,b"', plain: 'objectAlias: plain' },
    },
  ];

  for (const f of forms) {
    it(`${f.name}: exact definition, prepareRename and renames that read back`, () => {
      const text = head + f.objects + tail;
      const p = project({ [C]: text });
      const aliasStart = at(p, C, f.alias, f.alias.indexOf('creds'));
      const aliasSpan = { start: aliasStart, end: aliasStart + 5 };
      assert.deepEqual(definition(p, C, at(p, C, 'objectName: creds', 13))?.targets, [
        { uri: C, span: aliasSpan },
      ]);
      assert.deepEqual(prepareRename(p, C, aliasStart + 2), { span: aliasSpan, placeholder: 'creds' });
      for (const [name, written] of Object.entries(f.renamed)) {
        const q = edited(p, C, aliasStart + 1, name);
        const so = /^[a-z]+$/.test(name) ? name : JSON.stringify(name);
        assert.equal(
          q.parsed(C)?.text,
          text.replace(f.alias, written).replace('objectName: creds', `objectName: ${so}`),
          `${f.name} -> ${name}`,
        );
        assert.deepEqual(q.analysis(C)?.classes[0]?.files, [name]);
      }
    });
  }

  it('refuses an alias written with escapes, and points at it as a whole', () => {
    const text =
      head +
      '    objects: "- objectName: \\"db/creds\\"\\n  objectType: secretsmanager\\n  objectAlias: \\x63reds\\n"\n' +
      tail;
    const p = project({ [C]: text });
    assert.deepEqual(texts(p, definition(p, C, at(p, C, 'objectName: creds', 13))?.targets ?? []), [
      'class.yaml:\\x63reds',
    ]);
    assert.match(reason(prepareRename(p, C, at(p, C, 'objectName: creds', 13))), /escapes/);
    assert.match(reason(rename(p, C, at(p, C, '\\x63reds'), 'other')), /escapes/);
  });

  it('refuses where the objects map is inexact; definition falls back to the whole objects value', () => {
    const objects =
      '"- objectName: \\"db/creds\\"\\n  objectType: secretsmanager\\n  objectAlias: creds\\n# \\q\\n"';
    const p = project({ [C]: head + `    objects: ${objects}\n` + tail });
    assert.equal(p.parsed(C)?.placed[0]?.model.class?.objects?.map?.exact, false);
    assert.deepEqual(texts(p, definition(p, C, at(p, C, 'objectName: creds', 13))?.targets ?? []), [
      `class.yaml:${objects}`,
    ]);
    assert.match(reason(prepareRename(p, C, at(p, C, 'objectName: creds', 13))), /not exact/);
  });

  it('refuses a block scalar alias inside objects', () => {
    const text =
      head +
      '    objects: |\n      - objectName: "db/creds"\n        objectType: secretsmanager\n        objectAlias: >-\n          creds\n' +
      tail;
    const p = project({ [C]: text });
    assert.match(reason(prepareRename(p, C, at(p, C, 'objectName: creds', 13))), /block scalar/);
  });
});

describe('edit verification', () => {
  it('refuses an edit that would change another value or not read back', () => {
    const doc = parseDoc(CLASS, 0);
    const start = CLASS.indexOf('db/creds-file');
    const good: PlannedEdit = {
      span: { start, end: start + 13 },
      newText: 'x',
      path: 'entry.1.objectAlias',
      value: 'x',
    };
    assert.equal(typeof verifyDocEdits(doc, [good]), 'string');
    // claims another path: the alias changed where nothing was planned
    assert.match(
      reason(verifyDocEdits(doc, [{ ...good, path: 'entry.0.objectAlias' }])),
      /entry\.1\.objectAlias/,
    );
    // breaks the objects string
    assert.match(reason(verifyDocEdits(doc, [{ ...good, newText: 'x\n  - [' }])), /read back/);
    assert.match(
      reason(verifyDocEdits(doc, [good, { ...good, span: { start: start + 2, end: start + 4 } }])),
      /overlap/,
    );
  });
});
