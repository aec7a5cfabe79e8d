// Completion (service layer): every context, the edits applied to the text, and the result analysed
// again. Inside `objects` for literal, folded and quoted forms; CRLF; providers; speed on large files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { analyzeWorkspace, type FileAnalysis } from '../../server/src/core/analyze';
import { parseDoc } from '../../server/src/core/parse';
import {
  complete,
  resolvePending,
  type CompletionEntry,
  type CompletionResult,
} from '../../server/src/service/completion';
import { innerIndexOf } from '../../server/src/service/completion-objects';
import { Project } from '../../server/src/service/project';
import type {
  CatalogQuery,
  NameProvider,
  ObjectRef,
  ValueProvider,
} from '../../server/src/service/providers';

const URI = 'file:///ws/test.yaml';

interface At {
  text: string;
  offset: number;
  project: Project;
  result: CompletionResult;
}

/** Completes at the `§` in `src` (removed from the text); `others` join the project first. */
function at(src: string, opts: { snippets?: boolean; others?: Record<string, string> } = {}): At {
  const offset = src.indexOf('§');
  assert.ok(offset >= 0, 'no § marker');
  const text = src.slice(0, offset) + src.slice(offset + 1);
  const project = new Project();
  for (const [uri, t] of Object.entries(opts.others ?? {})) project.set(uri, t);
  project.set(URI, text);
  const result = complete(project, URI, offset, { snippets: opts.snippets ?? true });
  return { text, offset, project, result };
}

/** Snippet syntax -> the text inserted when every placeholder keeps its default. */
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

function apply(text: string, e: CompletionEntry): string {
  const edits = [
    { ...e.edit, newText: e.snippet ? snippetToPlain(e.edit.newText) : e.edit.newText },
    ...(e.additionalEdits ?? []),
  ].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const x of edits) out = out.slice(0, x.span.start) + x.newText + out.slice(x.span.end);
  return out;
}

function item(a: At, label: string): CompletionEntry {
  const e = a.result.items.find((i) => i.label === label);
  assert.ok(e, `no item ${label} in [${a.result.items.map((i) => i.label).join(', ')}]`);
  return e;
}

const labels = (a: At): string[] => a.result.items.map((i) => i.label);

function analyse(text: string, others: Record<string, string> = {}): FileAnalysis {
  const files = [...Object.entries(others).map(([id, t]) => ({ id, text: t })), { id: URI, text }];
  const r = analyzeWorkspace(files).find((f) => f.id === URI);
  assert.ok(r);
  return r;
}

const codes = (text: string, others: Record<string, string> = {}): string[] =>
  analyse(text, others).diagnostics.map((d) => d.code);

/** The decoded objects string of the (first) class in `text`. */
function objectsOf(text: string): string {
  const m = parseDoc(text, 0);
  assert.deepEqual(m.syntaxErrors, []);
  const o = m.class?.objects;
  assert.ok(o);
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

describe('completion inside a literal objects block', () => {
  it('offers the entry keys not present yet, with docs, and inserts `key: `', () => {
    const a = at(HEAD + '    objects: |\n      - objectName: "/app/db"\n        obj§\n');
    assert.deepEqual(labels(a), [
      'objectType',
      'objectAlias',
      'objectVersion',
      'objectVersionLabel',
      'filePermission',
      'jmesPath',
      'failoverObject',
    ]);
    const t = item(a, 'objectType');
    assert.match(t.documentation ?? '', /secretsmanager/);
    assert.equal(t.retrigger, true);
    const out = apply(a.text, t);
    assert.equal(objectsOf(out), '- objectName: "/app/db"\n  objectType: \n');
  });

  it('does not offer keys written below the cursor, whatever their case', () => {
    const a = at(
      HEAD + '    objects: |\n      - objectName: "/a"\n        §\n        ObjectType: ssmparameter\n',
    );
    assert.ok(!labels(a).includes('objectType'));
    assert.ok(!labels(a).includes('objectName'));
  });

  it('inserts jmesPath and failoverObject as nested blocks that decode as intended', () => {
    const src =
      HEAD + '    objects: |\n      - objectName: "app/s"\n        objectType: secretsmanager\n        §\n';
    const a = at(src);
    const j = apply(a.text, item(a, 'jmesPath'));
    assert.equal(
      objectsOf(j),
      '- objectName: "app/s"\n  objectType: secretsmanager\n  jmesPath:\n    - path: key\n      objectAlias: file\n',
    );
    assert.deepEqual(codes(j), []);
    const f = apply(a.text, item(a, 'failoverObject'));
    assert.match(objectsOf(f), /\n {2}failoverObject:\n {4}objectName: "name"\n$/);
  });

  it('offers the keys of a jmesPath item and of failoverObject', () => {
    const j = at(
      HEAD +
        '    objects: |\n      - objectName: "s"\n        objectType: secretsmanager\n        jmesPath:\n          - path: user\n            §\n',
    );
    assert.deepEqual(labels(j), ['objectAlias', 'filePermission']);
    assert.match(objectsOf(apply(j.text, item(j, 'objectAlias'))), /\n {6}objectAlias: \n$/);
    const f = at(HEAD + '    objects: |\n      - objectName: "s"\n        failoverObject:\n          §\n');
    assert.deepEqual(labels(f), ['objectName', 'objectVersion', 'objectVersionLabel']);
  });

  it('offers objectType values, ssmparameter first for an SSM-looking /path', () => {
    const ssm = at(HEAD + '    objects: |\n      - objectName: "/app/db"\n        objectType: §\n');
    assert.deepEqual(labels(ssm), ['ssmparameter', 'secretsmanager']);
    assert.equal(ssm.result.items[0]?.preselect, true);
    const out = apply(ssm.text, item(ssm, 'ssmparameter'));
    assert.deepEqual(codes(out), []);
    const sm = at(HEAD + '    objects: |\n      - objectName: "app/db"\n        objectType: §\n');
    assert.deepEqual(labels(sm), ['secretsmanager', 'ssmparameter']);
  });

  it('replaces the partially typed value, keeping an opened quote', () => {
    const a = at(HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: "ss§"\n');
    const e = item(a, 'ssmparameter');
    assert.equal(e.edit.newText, '"ssmparameter"');
    assert.equal(a.text.slice(e.edit.span.start, e.edit.span.end), '"ss"');
    assert.equal(e.filterText, '"ssmparameter');
    const b = at(HEAD + '    objects: |\n      - objectName: "/a"\n        objectType:§\n');
    assert.equal(item(b, 'ssmparameter').edit.newText, ' ssmparameter');
  });

  it('offers quoted filePermission values', () => {
    const a = at(
      HEAD +
        '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n        filePermission: §\n',
    );
    const out = apply(a.text, item(a, '0600'));
    assert.match(out, /filePermission: "0600"/);
    assert.deepEqual(codes(out), []);
  });

  it('offers whole entries on a new item, indented for the cursor line', () => {
    const src =
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n';
    const a = at(src);
    for (const label of ['SSM parameter', 'Secrets Manager secret with jmesPath', 'Secret with failover']) {
      const e = item(a, label);
      assert.equal(e.kind, 'snippet');
      assert.equal(e.snippet, true);
      const out = apply(a.text, e);
      const m = parseDoc(out, 0);
      assert.deepEqual(m.syntaxErrors, []);
      assert.equal(m.class?.objects?.entries.length, 2, label);
      assert.deepEqual(m.class?.objects?.facts.shapeErrors, []);
    }
    const ssm = apply(a.text, item(a, 'SSM parameter'));
    assert.deepEqual(codes(ssm), []);
    assert.match(ssm, /\n {6}- objectName: "\/app\/parameter"\n {8}objectType: "ssmparameter"\n$/);
  });

  it('offers whole entries in an empty objects block and on a blank line at the list column', () => {
    const a = at(HEAD + '    objects: |\n      §');
    const out = apply(a.text, item(a, 'SSM parameter'));
    assert.equal(objectsOf(out), '- objectName: "/app/parameter"\n  objectType: "ssmparameter"\n');
    const b = at(
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n      §\n',
    );
    assert.ok(labels(b).includes('SSM parameter'));
    assert.ok(!labels(b).includes('objectName'), 'keys need a `- ` first');
  });

  it('uses plain text without snippet support', () => {
    const a = at(HEAD + '    objects: |\n      - §\n', { snippets: false });
    const e = item(a, 'SSM parameter');
    assert.equal(e.snippet, false);
    assert.ok(!e.edit.newText.includes('${'));
  });

  it('keeps CRLF line breaks', () => {
    const src = (
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n'
    ).replace(/\n/g, '\r\n');
    const a = at(src);
    const e = item(a, 'Secrets Manager secret with jmesPath');
    assert.ok(e.edit.newText.includes('\r\n'));
    assert.ok(!/[^\r]\n/.test(e.edit.newText));
    const out = apply(a.text, e);
    assert.equal(parseDoc(out, 0).class?.objects?.entries.length, 2);
    assert.deepEqual(codes(out), []);
  });

  it('offers nothing left of the block indentation between its lines, parameters after it', () => {
    const mid = at(
      HEAD + '    objects: |\n      - objectName: "/a"\n  §\n        objectType: ssmparameter\n',
    );
    assert.deepEqual(labels(mid), []);
    const after = at(
      HEAD + '    objects: |\n      - objectName: "/a"\n        objectType: ssmparameter\n    §\n',
    );
    assert.ok(labels(after).includes('pathTranslation'));
    assert.ok(!labels(after).includes('objects'));
  });
});

describe('completion inside folded and quoted objects', () => {
  it('folded: keys and entries are offered when the block still reads as written', () => {
    const a = at(HEAD + '    objects: >\n      - objectName: "/a"\n        §\n');
    const out = apply(a.text, item(a, 'objectType'));
    assert.equal(objectsOf(out), '- objectName: "/a"\n  objectType: \n');
    const b = at(
      HEAD + '    objects: >\n      - objectName: "/a"\n        objectType: ssmparameter\n      - §\n',
    );
    const e = apply(b.text, item(b, 'SSM parameter'));
    assert.equal(parseDoc(e, 0).class?.objects?.entries.length, 2);
    assert.deepEqual(codes(e), []);
  });

  it('folded: drops edits that folding would change', () => {
    // two lines at the block's base indentation fold into one: `- a - b`
    const a = at(HEAD + '    objects: >\n      - objectName: "/a"\n      §\n');
    for (const e of a.result.items) {
      const out = apply(a.text, e);
      const lit = out.replace('objects: >', 'objects: |');
      assert.equal(objectsOf(out), objectsOf(lit), e.label);
    }
  });

  it('double-quoted: keys and values are written with escapes', () => {
    const a = at(HEAD + '    objects: "- objectName: /a\\n  §\\n"\n');
    const out = apply(a.text, item(a, 'objectType'));
    assert.equal(objectsOf(out), '- objectName: /a\n  objectType: \n');
    const v = at(HEAD + '    objects: "- objectName: /a\\n  objectType: §\\n"\n');
    const o2 = apply(v.text, item(v, 'ssmparameter'));
    assert.deepEqual(codes(o2), []);
    const n = at(HEAD + '    objects: "- objectName: /a\\n  objectType: ssmparameter\\n- §"\n');
    const e = item(n, 'SSM parameter');
    assert.equal(e.snippet, false);
    const o3 = apply(n.text, e);
    assert.equal(parseDoc(o3, 0).class?.objects?.entries.length, 2);
  });

  it('single-quoted: one-line values; nothing that needs a line break', () => {
    const w = at(HEAD + "    objects: '- objectType: §'\n");
    const out = apply(w.text, item(w, 'secretsmanager'));
    assert.equal(objectsOf(out), '- objectType: secretsmanager');
    const e = at(HEAD + "    objects: '§'\n");
    assert.deepEqual(
      labels(e),
      [],
      'entries need line breaks, which a single-quoted string cannot hold as written',
    );
  });

  it('offers nothing inside an escape or when the source map is not exact', () => {
    const a = at(HEAD + '    objects: "- objectName: /a\\§n"\n');
    assert.deepEqual(labels(a), []);
  });

  it('inverts the source map by binary search', () => {
    const text = HEAD + '    objects: "- a\\tb"\n';
    const m = parseDoc(text, 0).class?.objects?.map;
    assert.ok(m);
    for (let i = 0; i <= m.value.length; i++) {
      const r = innerIndexOf(m, m.toSource(i));
      assert.ok(r.exact);
      assert.equal(m.toSource(r.index), m.toSource(i));
    }
    assert.equal(innerIndexOf(m, m.toSource(3) + 1).exact, false); // inside `\t`
  });
});

describe('completion of class parameters', () => {
  it('offers parameter keys not present, with docs; objects as a literal block', () => {
    const a = at(HEAD + '    §\n');
    assert.deepEqual(labels(a), [
      'objects',
      'failoverRegion',
      'pathTranslation',
      'usePodIdentity',
      'preferredAddressType',
    ]);
    assert.ok(item(a, 'usePodIdentity').documentation);
    const out = apply(a.text, item(a, 'objects'));
    assert.equal(objectsOf(out), '- objectName: "name"\n  objectType: secretsmanager\n');
  });

  it('offers quoted values for pathTranslation and usePodIdentity, plain for preferredAddressType', () => {
    const p = at(HEAD + '    pathTranslation: §\n');
    assert.deepEqual(labels(p), ['"_"', '"-"', '"False"']);
    const out = apply(p.text, item(p, '"False"'));
    assert.match(out, /pathTranslation: "False"/);
    assert.ok(!codes(out).includes('parameter-not-string'));
    const u = at(HEAD + '    usePodIdentity: tr§\n');
    const ue = item(u, '"true"');
    assert.equal(ue.filterText, 'true');
    assert.match(apply(u.text, ue), /usePodIdentity: "true"\n/);
    const pa = at(HEAD + '    usePodIdentity: "true"\n    preferredAddressType: §\n');
    assert.deepEqual(labels(pa), ['ipv4', 'ipv6', 'auto']);
    assert.ok(!codes(apply(pa.text, item(pa, 'ipv6'))).includes('preferred-address-type'));
  });

  it('offers the mounted file names for secretObjects data objectName', () => {
    const src =
      HEAD +
      '    objects: |\n      - objectName: "/app/db/password"\n        objectType: ssmparameter\n      - objectName: "s"\n        objectType: secretsmanager\n        jmesPath:\n          - path: user\n            objectAlias: db-user\n  secretObjects:\n    - secretName: db\n      type: Opaque\n      data:\n        - objectName: §\n          key: password\n';
    const a = at(src);
    assert.deepEqual(labels(a), ['_app_db_password', 's', 'db-user']);
    const out = apply(a.text, item(a, '_app_db_password'));
    assert.ok(!codes(out).includes('secret-object-name-not-mounted'));
  });

  it('says nothing for a class of another provider', () => {
    assert.deepEqual(labels(at(HEAD.replace('provider: aws', 'provider: azure') + '    §\n')), []);
  });
});

const CLASS_A =
  HEAD.replace('name: app', 'name: app-a') +
  '    objects: |\n      - objectName: "/app/a"\n        objectType: ssmparameter\n';
const CLASS_B =
  HEAD.replace('name: app', 'name: other-b\n  namespace: other') +
  '    objects: |\n      - objectName: "/app/b"\n        objectType: ssmparameter\n';

describe('completion in workloads', () => {
  const others = { 'file:///ws/a.yaml': CLASS_A, 'file:///ws/b.yaml': CLASS_B };
  const deployment = (volumes: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: app
          image: nginx
${volumes}`;

  it('offers a CSI volume per class (same namespace first) with the container volumeMount', () => {
    const a = at(deployment('      volumes:\n        - §\n'), { others });
    assert.deepEqual(labels(a), ['CSI volume for app-a', 'CSI volume for other-b']);
    const e = item(a, 'CSI volume for app-a');
    assert.equal(e.additionalEdits?.length, 1);
    const out = apply(a.text, e);
    assert.match(
      out,
      /\n {8}- name: secrets-store-inline\n {10}csi:\n {12}driver: secrets-store\.csi\.k8s\.io\n {12}readOnly: true\n {12}volumeAttributes:\n {14}secretProviderClass: app-a\n/,
    );
    assert.match(
      out,
      /image: nginx\n {10}volumeMounts:\n {12}- name: secrets-store-inline\n {14}mountPath: \/mnt\/secrets-store\n/,
    );
    const r = analyse(out, others);
    assert.deepEqual(
      r.diagnostics.map((d) => d.code),
      [],
    );
    assert.deepEqual(
      r.mounts.map((m) => m.path),
      ['/mnt/secrets-store/_app_a'],
    );
  });

  it('appends to an existing volumeMounts list and works right under `volumes:`', () => {
    const src = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: cache
      mountPath: /cache
  volumes:
  - name: cache
    emptyDir: {}
  §
`;
    const a = at(src, { others });
    const out = apply(a.text, item(a, 'CSI volume for app-a'));
    assert.match(
      out,
      /mountPath: \/cache\n {4}- name: secrets-store-inline\n {6}mountPath: \/mnt\/secrets-store\n {6}readOnly: true\n/,
    );
    assert.deepEqual(codes(out, others), []);
  });

  it('offers secretProviderClass values with the files as detail', () => {
    const src = `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: other
spec:
  containers:
    - name: app
      image: nginx
  volumes:
    - name: v
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: "§"
`;
    const a = at(src, { others });
    assert.deepEqual(labels(a), ['other-b', 'app-a']);
    assert.equal(item(a, 'other-b').detail, '_app_b');
    assert.equal(item(a, 'other-b').description, 'other');
    assert.match(apply(a.text, item(a, 'other-b')), /secretProviderClass: "other-b"\n/);
  });
});

describe('completion from providers', () => {
  it('asks a NameProvider for objectName values with the typed prefix, kind and region', async () => {
    const a = at(HEAD + '    objects: |\n      - objectName: "/app/§"\n        objectType: ssmparameter\n');
    assert.deepEqual(labels(a), []);
    assert.ok(a.result.pending?.names);
    let asked: CatalogQuery | undefined;
    const names: NameProvider = {
      complete: async (q) => {
        asked = q;
        return { items: [{ kind: 'ssmparameter', name: '/app/db', type: 'SecureString' }], complete: false };
      },
      exists: async () => undefined,
    };
    const r = await resolvePending(a.result, { names });
    assert.deepEqual(asked, {
      prefix: '/app/',
      limit: 100,
      hierarchical: true,
      kind: 'ssmparameter',
      region: 'us-east-1',
    });
    // a literal block: where an editor layer can put its own items (inside the quotes)
    const v = a.result.pending?.names?.verbatim;
    assert.ok(v);
    assert.equal(a.text.slice(v.content.start, v.content.end), '/app/');
    assert.deepEqual(
      { quote: v.quote, objectType: v.objectType },
      { quote: 'double', objectType: 'ssmparameter' },
    );
    assert.equal(r.incomplete, true);
    assert.equal(r.items.length, 1);
    const out = apply(a.text, r.items[0] as CompletionEntry);
    assert.match(out, /objectName: "\/app\/db"\n/);
    // no provider: nothing, no error
    assert.deepEqual((await resolvePending(a.result, {})).items, []);
  });

  it('asks a ValueProvider for jmesPath paths of the entry at the cursor', async () => {
    const a = at(
      HEAD +
        '    objects: |\n      - objectName: "app/s"\n        objectType: secretsmanager\n        objectVersionLabel: AWSCURRENT\n        jmesPath:\n          - path: §\n            objectAlias: k\n',
    );
    let asked: ObjectRef | undefined;
    const values: ValueProvider = {
      enabled: () => true,
      value: async () => undefined,
      paths: async (ref) => {
        asked = ref;
        return ['username', '"api-key"'];
      },
    };
    const r = await resolvePending(a.result, { values });
    assert.deepEqual(asked, {
      kind: 'secretsmanager',
      name: 'app/s',
      region: 'us-east-1',
      label: 'AWSCURRENT',
    });
    assert.deepEqual(
      r.items.map((i) => i.edit.newText),
      ['username', `'"api-key"'`],
    );
    assert.deepEqual(codes(apply(a.text, r.items[1] as CompletionEntry)), []);
  });
});

describe('completion robustness and speed', () => {
  it('never throws at any offset of the examples and broken files', () => {
    const files = [
      'examples/ssm-parameter.yaml',
      'examples/secrets-manager-jmespath.yaml',
      'examples/broken/objects.yaml',
      'examples/broken/pod.yaml',
      'examples/broken/failover.yaml',
    ];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const t of [text, text.replace(/\n/g, '\r\n'), text.replace(/objects: \|/g, 'objects: >')]) {
        const p = new Project();
        p.set(URI, t);
        for (let o = -2; o <= t.length + 2; o++) complete(p, URI, o, { snippets: true });
      }
    }
    const p = new Project();
    p.set(URI, '\u0000binary');
    assert.deepEqual(complete(p, URI, 3, { snippets: true }).items, []);
    assert.deepEqual(complete(p, 'file:///nope.yaml', 0, { snippets: true }).items, []);
    assert.deepEqual(complete(p, URI, Number.NaN, { snippets: true }).items, []);
  });

  for (const header of ['|', '>']) {
    it(`answers in well under 20 ms on a large file (objects: ${header})`, () => {
      const entries = Array.from(
        { length: 1500 },
        (_, i) =>
          `      - objectName: "/app/p${i}"\n        objectType: ssmparameter\n        objectAlias: a${i}\n`,
      ).join('');
      const big = HEAD + `    objects: ${header}\n` + entries + '      - objectName: "/last"\n        §\n';
      const workloads = Array.from(
        { length: 300 },
        (_, i) =>
          `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n    - name: c\n      image: x\n  volumes:\n    - name: v\n      csi:\n        driver: secrets-store.csi.k8s.io\n        readOnly: true\n        volumeAttributes:\n          secretProviderClass: app\n`,
      ).join('');
      const offset = big.indexOf('§');
      const text = big.replace('§', '') + workloads;
      const p = new Project();
      p.set(URI, text);
      p.analysis(URI);
      const inVolume = text.lastIndexOf('secretProviderClass: ') + 'secretProviderClass: '.length;
      const newItem = text.indexOf('      - objectName: "/app/p700"') + 8;
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        for (const o of [offset, inVolume, newItem]) {
          const t0 = performance.now();
          const r = complete(p, URI, o, { snippets: true });
          times.push(performance.now() - t0);
          assert.ok(r.items.length > 0, `nothing at ${o}`);
        }
      }
      times.sort((x, y) => x - y);
      const median = times[Math.floor(times.length / 2)] as number;
      assert.ok(median < 10, `median ${median.toFixed(2)} ms`);
    });
  }
});
