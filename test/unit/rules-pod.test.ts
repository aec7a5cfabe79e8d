// Pod-side rules: CSI volume wiring, volume mounts, class references across files and namespaces,
// and secretObjects sync. Positions are checked as 1-based line/column in the outer file.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyzeWorkspace, type SourceFile } from '../../server/src/core/analyze';
import { POD_RULES } from '../../server/src/core/rules/pod/index';
import { ALL_RULES } from '../../server/src/core/rules/registry';
import { LineIndex } from '../../server/src/core/text';
import type { Diagnostic, FixData } from '../../server/src/core/types';

const POD_CODES = new Set(POD_RULES.map((r) => r.meta.code));

/** Pod-rule diagnostics of one file analysed alone (or of file `id` among several). */
function run(
  input: string | SourceFile[],
  id = 'x.yaml',
  rules = POD_RULES,
): { text: string; diags: Diagnostic[] } {
  const files = typeof input === 'string' ? [{ id, text: input }] : input;
  const fa = analyzeWorkspace(files, { rules }).find((f) => f.id === id);
  assert.ok(fa, `no analysis for ${id}`);
  return { text: fa.text, diags: fa.diagnostics.filter((d) => POD_CODES.has(d.code)) };
}

function only(
  input: string | SourceFile[],
  code: string,
  id = 'x.yaml',
): { text: string; diags: Diagnostic[] } {
  const r = run(input, id);
  return { text: r.text, diags: r.diags.filter((d) => d.code === code) };
}

/** The single diagnostic of `code`, with its 1-based line/column and the text it covers. */
function one(input: string | SourceFile[], code: string, id = 'x.yaml') {
  const { text, diags } = only(input, code, id);
  assert.equal(diags.length, 1, `expected one ${code}, got ${JSON.stringify(diags.map((d) => d.message))}`);
  const d = diags[0] as Diagnostic;
  const pos = new LineIndex(text).positionAt(d.span.start);
  return {
    d,
    line: pos.line + 1,
    col: pos.character + 1,
    covered: text.slice(d.span.start, d.span.end),
    text,
  };
}

function codes(input: string | SourceFile[], id = 'x.yaml'): string[] {
  return run(input, id).diags.map((d) => d.code);
}

function applyFix(text: string, fix: FixData | undefined): string {
  assert.ok(fix, 'expected a fix');
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) {
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  }
  return out;
}

/** A Pod with one CSI volume; `csi` is the body under `csi:` (indented 8 spaces). */
function pod(csi: string, opts: { name?: string; namespace?: string; mounts?: string } = {}): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${opts.name ?? 'web'}
${opts.namespace ? `  namespace: ${opts.namespace}\n` : ''}spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
${
  opts.mounts ??
  `        - name: secrets-store-inline
          mountPath: /mnt/secrets-store
          readOnly: true
`
}  volumes:
    - name: secrets-store-inline
      csi:
${csi}`;
}

const GOOD_CSI = `        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`;

function cls(
  name: string,
  opts: { namespace?: string; objects?: string; extra?: string; params?: string } = {},
): string {
  const objects =
    opts.objects ??
    `      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`;
  return `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ${name}
${opts.namespace ? `  namespace: ${opts.namespace}\n` : ''}spec:
  provider: aws
  parameters:
    region: us-east-1
${opts.params ?? ''}    objects: |
${objects}${opts.extra ?? ''}`;
}

describe('pod rules: meta and examples', () => {
  it('exports exactly the stable codes, each in a module named after it', () => {
    const expected = [
      'class-not-found',
      'csi-driver-name',
      'csi-read-only',
      'secret-object-field-missing',
      'secret-object-invalid-name',
      'secret-object-name-not-mounted',
      'secret-object-not-string',
      'secret-object-tls-key',
      'secret-object-type-keys',
      'secret-objects-unmounted',
      'secret-provider-class-missing',
      'subpath-not-mounted',
      'volume-attribute-not-string',
      'volume-mount-unknown',
      'volume-not-mounted',
    ];
    assert.deepEqual(POD_RULES.map((r) => r.meta.code).sort(), expected);
    const dir = join(__dirname, '../../server/src/core/rules/pod');
    const modules = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'util.ts');
    assert.deepEqual(modules.map((f) => f.replace(/\.ts$/, '')).sort(), expected);
    for (const r of POD_RULES) {
      assert.ok(ALL_RULES.includes(r), `${r.meta.code} is registered`);
      assert.ok(
        r.meta.source && r.meta.ascp.length > 80 && r.meta.fix.length > 10,
        `${r.meta.code} documents itself`,
      );
    }
  });

  for (const rule of POD_RULES) {
    const { code } = rule.meta;
    it(`${code}: the trigger example produces it`, () => {
      const fa = analyzeWorkspace([{ id: 'x.yaml', text: rule.meta.examples.trigger }])[0];
      const found = fa?.diagnostics.filter((d) => d.code === code) ?? [];
      assert.ok(
        found.length > 0,
        `${code} not produced; got ${fa?.diagnostics.map((d) => d.code).join(', ')}`,
      );
      for (const d of found) assert.equal(d.severity === 'error' || d.severity === rule.meta.severity, true);
    });
    it(`${code}: the near miss does not, and has no pod-side error at all`, () => {
      const fa = analyzeWorkspace([{ id: 'x.yaml', text: rule.meta.examples.nearMiss }])[0];
      const diags = fa?.diagnostics ?? [];
      assert.deepEqual(
        diags.filter((d) => d.code === code).map((d) => d.message),
        [],
      );
      assert.deepEqual(
        diags.filter((d) => POD_CODES.has(d.code) && d.severity === 'error').map((d) => d.code),
        [],
      );
    });
  }
});

describe('valid manifests get no pod-side diagnostics', () => {
  const cases: Record<string, string> = {
    'Pod with the class in the same file': `${cls('app-secrets')}---\n${pod(GOOD_CSI)}`,
    'flow-style csi volume': `${cls('app-secrets')}---\n${pod('        {driver: secrets-store.csi.k8s.io, readOnly: true, volumeAttributes: {secretProviderClass: app-secrets}}\n')}`,
    'JSON pod': `${cls('app-secrets')}---
{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
 "spec": {"containers": [{"name": "app", "image": "nginx", "volumeMounts": [{"name": "s", "mountPath": "/mnt/s"}]}],
  "volumes": [{"name": "s", "csi": {"driver": "secrets-store.csi.k8s.io", "readOnly": true, "volumeAttributes": {"secretProviderClass": "app-secrets"}}}]}}
`,
    'Deployment with secretObjects, env from the synced Secret and an emptyDir': `${cls('app-secrets', {
      objects: `      - objectName: "prod/db"
        objectType: "secretsmanager"
        jmesPath:
          - path: username
            objectAlias: db-user
          - path: password
            objectAlias: db-password
`,
      extra: `  secretObjects:
    - secretName: db-credentials
      type: Opaque
      labels:
        app: web
      data:
        - objectName: db-user
          key: username
        - objectName: " db-password "
          key: password
`,
    })}---
apiVersion: apps/v1
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
      serviceAccountName: web
      initContainers:
        - name: wait
          image: busybox
          volumeMounts:
            - name: scratch
              mountPath: /scratch
      containers:
        - name: app
          image: nginx
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: db-credentials
                  key: password
          volumeMounts:
            - name: secrets-store-inline
              mountPath: /mnt/secrets-store
              readOnly: true
            - name: secrets-store-inline
              mountPath: /etc/app/db-user
              subPath: db-user
      volumes:
        - name: scratch
          emptyDir: {}
        - name: secrets-store-inline
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: yes
            volumeAttributes:
              secretProviderClass: "app-secrets"
              usePodIdentity: "true"
`,
    'TLS secretObject with both keys from one file':
      cls('tls', {
        objects: `      - objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/tls-AbCdEf"
`,
        extra: `  secretObjects:
    - secretName: web-tls
      type: kubernetes.io/tls
      data:
        - objectName: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod_tls-AbCdEf
          key: tls.crt
        - objectName: arn:aws:secretsmanager:us-east-1:111122223333:secret:prod_tls-AbCdEf
          key: tls.key
`,
      }) + `---\n${pod(GOOD_CSI.replace('app-secrets', 'tls'))}`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () =>
      assert.deepEqual(
        run(text).diags.map((d) => `${d.code}: ${d.message}`),
        [],
      ),
    );
  }
});

describe('csi-driver-name', () => {
  it('flags the API group on the driver value and replaces it', () => {
    const text = pod(GOOD_CSI.replace('secrets-store.csi.k8s.io', 'secrets-store.csi.x-k8s.io'));
    const r = one(text, 'csi-driver-name');
    assert.equal(r.line, 16);
    assert.equal(r.col, 17);
    assert.equal(r.covered, 'secrets-store.csi.x-k8s.io');
    assert.equal(r.d.severity, 'error');
    assert.match(
      r.d.message,
      /driver name secrets-store\.csi\.x-k8s\.io not found in the list of registered CSI drivers/,
    );
    assert.match(r.d.message, /API group/);
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(GOOD_CSI));
  });

  it('keeps the quotes of a quoted value and explains case sensitivity', () => {
    const text = pod(GOOD_CSI.replace('secrets-store.csi.k8s.io', '"Secrets-Store.csi.k8s.io"'));
    const r = one(text, 'csi-driver-name');
    assert.match(r.d.message, /case-sensitive/);
    assert.equal(
      applyFix(text, r.d.fixes?.[0]),
      pod(GOOD_CSI.replace('secrets-store.csi.k8s.io', '"secrets-store.csi.k8s.io"')),
    );
  });

  it('reports a missing driver on the csi: key as an API-server rejection and inserts the line', () => {
    const csi = `        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`;
    const text = pod(csi);
    const r = one(text, 'csi-driver-name');
    assert.equal(r.covered, 'csi');
    assert.deepEqual([r.line, r.col], [15, 7]);
    assert.match(r.d.message, /Pod "web" is invalid: spec\.volumes\[0\]\.csi\.driver: Required value/);
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(`        driver: secrets-store.csi.k8s.io\n${csi}`));
  });

  it('warns (not errors) for an unrelated driver that still names a class; ignores other CSI volumes', () => {
    const r = one(pod(GOOD_CSI.replace('secrets-store.csi.k8s.io', 'ebs.csi.aws.com')), 'csi-driver-name');
    assert.equal(r.d.severity, 'warning');
    const other = pod(`        driver: ebs.csi.aws.com\n        volumeAttributes:\n          type: gp3\n`);
    assert.deepEqual(codes(other), []);
  });
});

describe('csi-read-only', () => {
  const deployment = (csi: string, eol = '\n') =>
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          volumeMounts:
            - name: secrets
              mountPath: /mnt/secrets
      volumes:
        - name: secrets
          csi:
${csi}`.replace(/\n/g, eol);

  it('reports an absent readOnly on csi: and inserts readOnly: true after driver, aligned', () => {
    const text = deployment(`            driver: secrets-store.csi.k8s.io
            volumeAttributes:
              secretProviderClass: app-secrets
`);
    const r = one(text, 'csi-read-only');
    assert.deepEqual([r.line, r.col, r.covered], [16, 11, 'csi']);
    assert.match(r.d.message, /Readonly is not true in request/);
    assert.equal(
      applyFix(text, r.d.fixes?.[0]),
      deployment(`            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: app-secrets
`),
    );
  });

  it('keeps CRLF line endings in the inserted line', () => {
    const text = deployment(
      `            driver: secrets-store.csi.k8s.io\n            volumeAttributes:\n              secretProviderClass: a\n`,
      '\r\n',
    );
    const r = one(text, 'csi-read-only');
    const fixed = applyFix(text, r.d.fixes?.[0]);
    assert.equal(
      fixed,
      deployment(
        `            driver: secrets-store.csi.k8s.io\n            readOnly: true\n            volumeAttributes:\n              secretProviderClass: a\n`,
        '\r\n',
      ),
    );
    assert.deepEqual(only(fixed, 'csi-read-only').diags, []);
  });

  it('inserts before the first key when there is no driver to follow', () => {
    const text = pod(`        volumeAttributes:\n          secretProviderClass: app-secrets\n`);
    const r = one(text, 'csi-read-only');
    assert.equal(
      applyFix(text, r.d.fixes?.[0]),
      pod(`        readOnly: true\n        volumeAttributes:\n          secretProviderClass: app-secrets\n`),
    );
  });

  it('readOnly: false is the driver error, on the value, fixed to true', () => {
    const text = pod(GOOD_CSI.replace('readOnly: true', 'readOnly: false'));
    const r = one(text, 'csi-read-only');
    assert.deepEqual([r.line, r.col, r.covered], [17, 19, 'false']);
    assert.match(r.d.message, /Readonly is not true in request/);
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(GOOD_CSI));
  });

  it('a quoted "true" is a string: the API server rejects the Deployment', () => {
    const text = deployment(`            driver: secrets-store.csi.k8s.io
            readOnly: "true"
            volumeAttributes:
              secretProviderClass: a
`);
    const r = one(text, 'csi-read-only');
    assert.deepEqual([r.line, r.col, r.covered], [18, 23, '"true"']);
    assert.match(
      r.d.message,
      /Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field CSIVolumeSource\.spec\.template\.spec\.volumes\.csi\.readOnly of type bool/,
    );
    assert.match(r.d.message, /Remove the quotes/);
    assert.match(applyFix(text, r.d.fixes?.[0]), /\n {12}readOnly: true\n/);
  });

  it('an empty readOnly: gets " true" after the colon; YAML 1.1 `yes` is accepted', () => {
    const text = pod(GOOD_CSI.replace('readOnly: true', 'readOnly:'));
    const r = one(text, 'csi-read-only');
    assert.equal(r.covered, 'readOnly');
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(GOOD_CSI));
    assert.deepEqual(
      only(pod(GOOD_CSI.replace('readOnly: true', 'readOnly: yes')), 'csi-read-only').diags,
      [],
    );
  });

  it('a flow mapping gets readOnly: true inserted before its first key', () => {
    const text = pod(
      `        {driver: secrets-store.csi.k8s.io, volumeAttributes: {secretProviderClass: app-secrets}}\n`,
    );
    const r = one(text, 'csi-read-only');
    const fixed = applyFix(text, r.d.fixes?.[0]);
    assert.match(fixed, /\{readOnly: true, driver: secrets-store/);
    assert.deepEqual(only(fixed, 'csi-read-only').diags, []);
  });
});

describe('secret-provider-class-missing', () => {
  it('reports a csi volume without volumeAttributes on csi:', () => {
    const r = one(
      pod(`        driver: secrets-store.csi.k8s.io\n        readOnly: true\n`),
      'secret-provider-class-missing',
    );
    assert.deepEqual([r.line, r.col, r.covered], [15, 7, 'csi']);
    assert.match(r.d.message, /secretProviderClass is not set/);
  });

  it('points at a misspelt key and renames it', () => {
    const text = pod(GOOD_CSI.replace('secretProviderClass:', 'secretproviderclass:'));
    const r = one(text, 'secret-provider-class-missing');
    assert.deepEqual([r.line, r.col], [19, 11]);
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(GOOD_CSI));
  });

  it('reports an empty value on the value', () => {
    const r = one(pod(GOOD_CSI.replace('app-secrets', '""')), 'secret-provider-class-missing');
    assert.deepEqual([r.line, r.col, r.covered], [19, 32, '""']);
  });
});

describe('volume-attribute-not-string', () => {
  it('quotes False as "False" and turns yes into "true"', () => {
    const csi = GOOD_CSI + '          pathTranslation: False\n          usePodIdentity: yes\n';
    const text = pod(csi);
    const { diags } = only(text, 'volume-attribute-not-string');
    assert.equal(diags.length, 2);
    const fixed = applyFix(applyFix(text, diags[1]?.fixes?.[0]), diags[0]?.fixes?.[0]);
    assert.equal(
      fixed,
      pod(GOOD_CSI + '          pathTranslation: "False"\n          usePodIdentity: "true"\n'),
    );
    assert.match(
      diags[0]?.message ?? '',
      /cannot unmarshal bool into Go struct field CSIVolumeSource\.spec\.volumes\.csi\.volumeAttributes of type string/,
    );
  });

  it('a scalar volumeAttributes is rejected as a whole', () => {
    const r = one(
      pod(
        `        driver: secrets-store.csi.k8s.io\n        readOnly: true\n        volumeAttributes: app-secrets\n`,
      ),
      'volume-attribute-not-string',
    );
    assert.match(r.d.message, /of type map\[string\]string/);
    assert.equal(r.covered, 'app-secrets');
  });
});

describe('volume-not-mounted and volume-mount-unknown', () => {
  it('an initContainer mount counts as a mount', () => {
    const text = pod(GOOD_CSI, { mounts: '        - name: other\n          mountPath: /x\n' }).replace(
      'spec:\n  containers:',
      'spec:\n  initContainers:\n    - name: fetch\n      image: busybox\n      volumeMounts:\n        - name: secrets-store-inline\n          mountPath: /mnt\n  containers:',
    );
    const c = codes(text);
    assert.ok(!c.includes('volume-not-mounted'), c.join());
    const r = one(text, 'volume-mount-unknown');
    assert.match(
      r.d.message,
      /Pod "web" is invalid: spec\.containers\[0\]\.volumeMounts\[0\]\.name: Not found: "other"/,
    );
  });

  it('a CronJob whose volume nobody mounts gets a warning on the volume name', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: rotate
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
          volumes:
            - name: secrets
              csi:
                driver: secrets-store.csi.k8s.io
                readOnly: true
                volumeAttributes:
                  secretProviderClass: app-secrets
`;
    const r = one(text, 'volume-not-mounted');
    assert.deepEqual([r.line, r.col, r.covered, r.d.severity], [16, 21, 'secrets', 'warning']);
  });

  it('names the initContainer path in a StatefulSet and suggests the close volume name', () => {
    const text = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      initContainers:
        - name: init
          image: busybox
          volumeMounts:
            - name: data
              mountPath: /data
            - name: secrets-store
              mountPath: /mnt
      containers:
        - name: db
          image: postgres
          volumeMounts:
            - name: secrets-store-inline
              mountPath: /mnt
      volumes:
        - name: data
          emptyDir: {}
        - name: secrets-store-inline
          csi:
            driver: secrets-store.csi.k8s.io
            readOnly: true
            volumeAttributes:
              secretProviderClass: app-secrets
`;
    const r = one(text, 'volume-mount-unknown');
    assert.deepEqual([r.line, r.col, r.covered], [14, 21, 'secrets-store']);
    assert.match(
      r.d.message,
      /StatefulSet\.apps "db" is invalid: spec\.template\.spec\.initContainers\[0\]\.volumeMounts\[1\]\.name: Not found: "secrets-store"/,
    );
    assert.match(
      applyFix(text, r.d.fixes?.[0]),
      /- name: secrets-store-inline\n {14}mountPath: \/mnt\n {6}containers/,
    );
  });

  it('stays silent on templated (Helm) workloads', () => {
    const text = pod(GOOD_CSI, {
      mounts: '        - name: {{ .Values.volumeName }}\n          mountPath: /x\n',
    });
    const c = codes(text);
    assert.ok(!c.includes('volume-not-mounted') && !c.includes('volume-mount-unknown'), c.join());
  });
});

describe('class-not-found (across files and namespaces)', () => {
  it('links a pod to a class in another file', () => {
    const files = [
      { id: 'class.yaml', text: cls('app-secrets') },
      { id: 'pod.yaml', text: pod(GOOD_CSI) },
    ];
    assert.deepEqual(codes(files, 'pod.yaml'), []);
  });

  it('suggests the close class name from another file, with a fix and a related span in that file', () => {
    const text = pod(GOOD_CSI.replace('app-secrets', 'app-secret'));
    const files = [
      { id: 'class.yaml', text: cls('app-secrets') },
      { id: 'pod.yaml', text },
    ];
    const r = one(files, 'class-not-found', 'pod.yaml');
    assert.deepEqual([r.line, r.col, r.covered], [19, 32, 'app-secret']);
    assert.equal(r.d.severity, 'warning');
    assert.match(r.d.message, /did you mean `app-secrets` \(in class\.yaml\)/);
    const classText = cls('app-secrets');
    const rel = r.d.related?.[0];
    assert.equal(rel?.fileId, 'class.yaml');
    assert.equal(classText.slice(rel?.span.start, rel?.span.end), 'app-secrets');
    assert.equal(applyFix(text, r.d.fixes?.[0]), pod(GOOD_CSI));
  });

  it('a class only in another namespace: warning naming the pod namespace, related at the class name', () => {
    const text = `${cls('app-secrets', { namespace: 'prod' })}---\n${pod(GOOD_CSI, { namespace: 'staging' })}`;
    const r = one(text, 'class-not-found');
    assert.match(r.d.message, /defined only in namespace `prod`/);
    assert.match(r.d.message, /failed to get secretproviderclass staging\/app-secrets/);
    const rel = r.d.related?.[0];
    assert.ok(rel);
    assert.equal(text.slice(rel.span.start, rel.span.end), 'app-secrets');
    assert.equal(new LineIndex(text).positionAt(rel.span.start).line + 1, 4);
  });

  it('an unspecified namespace on either side matches', () => {
    assert.deepEqual(codes(`${cls('app-secrets')}---\n${pod(GOOD_CSI, { namespace: 'staging' })}`), []);
    assert.deepEqual(codes(`${cls('app-secrets', { namespace: 'prod' })}---\n${pod(GOOD_CSI)}`), []);
  });

  it('without any class: a warning with no suggestion; templated names are not judged', () => {
    const r = one(pod(GOOD_CSI), 'class-not-found');
    assert.deepEqual(r.d.fixes ?? [], []);
    assert.doesNotMatch(r.d.message, /did you mean/);
    assert.deepEqual(codes(pod(GOOD_CSI.replace('app-secrets', '"{{ .Values.spc }}"'))), []);
  });
});

describe('subpath-not-mounted', () => {
  const withSub = (sub: string, attrs = '') =>
    `${cls('app-secrets', { objects: '      - objectName: "/prod/db/password"\n        objectType: "ssmparameter"\n' })}---\n${pod(
      GOOD_CSI + attrs,
      {
        mounts: `        - name: secrets-store-inline\n          mountPath: /etc/app/pw\n          subPath: ${sub}\n`,
      },
    )}`;

  it('an absolute subPath is an API-server error, fixed to the translated file name', () => {
    const text = withSub('/prod/db/password');
    const r = one(text, 'subpath-not-mounted');
    assert.equal(r.d.severity, 'error');
    assert.match(
      r.d.message,
      /spec\.containers\[0\]\.volumeMounts\[0\]\.subPath: Invalid value: "\/prod\/db\/password": must be a relative path/,
    );
    assert.equal(applyFix(text, r.d.fixes?.[0]), withSub('_prod_db_password'));
  });

  it('a relative name that is not a mounted file: warning with the suffix match', () => {
    const text = withSub('password');
    const r = one(text, 'subpath-not-mounted');
    assert.equal(r.d.severity, 'warning');
    assert.equal(r.line, 24);
    assert.equal(applyFix(text, r.d.fixes?.[0]), withSub('_prod_db_password'));
  });

  it("follows a pathTranslation override in the pod's volumeAttributes", () => {
    assert.deepEqual(codes(withSub('-prod-db-password', '          pathTranslation: "-"\n')), []);
    assert.equal(
      only(withSub('_prod_db_password', '          pathTranslation: "-"\n'), 'subpath-not-mounted').diags
        .length,
      1,
    );
  });
});

describe('secret-object-name-not-mounted', () => {
  const objects = `      - objectName: "/test/parameter"
        objectType: "ssmparameter"
      - objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/api-key-Xy12Ab"
      - objectName: "prod/db"
        objectType: "secretsmanager"
        objectAlias: "db.json"
        jmesPath:
          - path: username
            objectAlias: db-user
`;
  const so = (objectName: string) =>
    cls('app', {
      objects,
      extra: `  secretObjects:
    - secretName: app
      type: Opaque
      data:
        - objectName: ${objectName}
          key: value
`,
    });

  const cases: [string, string, boolean][] = [
    ['/test/parameter', '_test_parameter', true],
    [
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:payments/api-key-Xy12Ab',
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:payments_api-key-Xy12Ab',
      true,
    ],
    ['prod/db', 'db.json', true],
    ['username', 'db-user', true],
    ['db-usr', 'db-user', false],
  ];
  for (const [written, expected, sure] of cases) {
    it(`${written} -> ${expected}`, () => {
      const text = so(written);
      const r = one(text, 'secret-object-name-not-mounted');
      assert.deepEqual([r.line, r.col, r.covered], [23, 23, written]);
      assert.match(
        r.d.message,
        new RegExp(`file matching objectName ${written.replace(/[/.]/g, '\\$&')} not found in the pod`),
      );
      assert.equal(r.d.fixes?.[0]?.safeForFixAll, sure);
      const fixed = applyFix(text, r.d.fixes?.[0]);
      assert.equal(fixed, so(expected));
      assert.deepEqual(only(fixed, 'secret-object-name-not-mounted').diags, []);
    });
  }

  it('pathTranslation False keeps interior slashes and drops the leading one', () => {
    const text = cls('app', {
      params: '    pathTranslation: "False"\n',
      objects: '      - objectName: "/feature-toggle"\n        objectType: "ssmparameter"\n',
      extra:
        '  secretObjects:\n    - secretName: app\n      type: Opaque\n      data:\n        - objectName: /feature-toggle\n          key: toggle\n',
    });
    const r = one(text, 'secret-object-name-not-mounted');
    assert.match(applyFix(text, r.d.fixes?.[0]), /- objectName: feature-toggle\n/);
  });

  it('an unknown name gets no fix; a broken objects string is not judged', () => {
    const r = one(so('something-else'), 'secret-object-name-not-mounted');
    assert.deepEqual(r.d.fixes ?? [], []);
    assert.match(
      r.d.message,
      /Mounted files: `_test_parameter`, `arn:aws:secretsmanager:us-east-1:111122223333:secret:payments_api-key-Xy12Ab`, `db\.json`, `db-user`/,
    );
    const broken = cls('app', {
      objects: '      - objectName: "/a"\n        objectType: [\n',
      extra:
        '  secretObjects:\n    - secretName: app\n      type: Opaque\n      data:\n        - objectName: nope\n          key: v\n',
    });
    assert.deepEqual(only(broken, 'secret-object-name-not-mounted').diags, []);
  });
});

describe('secretObjects field, type, key and name checks', () => {
  const base = (entry: string) =>
    cls('app', {
      objects: '      - objectName: "a"\n        objectType: "secretsmanager"\n',
      extra: `  secretObjects:\n${entry}`,
    });

  it('reports each missing field at its list item', () => {
    const text = base(`    - data:
        - objectName: a
    - secretName: two
      type: ""
      data: []
`);
    const { diags } = only(text, 'secret-object-field-missing');
    const li = new LineIndex(text);
    const got = diags.map((d) => {
      const p = li.positionAt(d.span.start);
      const quoted = /`([^`]+)`/.exec(d.message.slice(d.message.indexOf('fails with')))?.[1] ?? '';
      return `${p.line + 1}:${p.character + 1} ${quoted.replace(/^.*, err: /, '')}`;
    });
    assert.deepEqual(got.sort(), [
      '13:7 secret name is empty',
      '13:7 secret type is empty',
      '14:11 key in secretObjects.data is empty',
      '16:13 secret type is empty',
      '17:13 data is empty',
    ]);
  });

  it('tls keys: a wrong key is one error (not also a missing-key error) with a fix', () => {
    const text = base(`    - secretName: tls
      type: kubernetes.io/tls
      data:
        - objectName: a
          key: tls.cert
        - objectName: a
          key: tls.key
`);
    const c = codes(text);
    assert.ok(c.includes('secret-object-tls-key') && !c.includes('secret-object-type-keys'), c.join());
    const r = one(text, 'secret-object-tls-key');
    assert.deepEqual([r.line, r.col, r.covered], [17, 16, 'tls.cert']);
    assert.match(applyFix(text, r.d.fixes?.[0]), /key: tls\.crt\n/);
  });

  it('basic-auth needs username or password', () => {
    const ok = base(
      `    - secretName: creds\n      type: kubernetes.io/basic-auth\n      data:\n        - objectName: a\n          key: password\n`,
    );
    assert.ok(!codes(ok).includes('secret-object-type-keys'));
    const bad = base(
      `    - secretName: creds\n      type: kubernetes.io/basic-auth\n      data:\n        - objectName: a\n          key: pass\n`,
    );
    const r = one(bad, 'secret-object-type-keys');
    assert.match(r.d.message, /data\[username\]: Required value, data\[password\]: Required value/);
    assert.equal(r.covered, 'kubernetes.io/basic-auth');
  });

  it('invalid Secret name and key; surrounding spaces are trimmed like the driver does', () => {
    const text = base(
      `    - secretName: " db-credentials "\n      type: Opaque\n      data:\n        - objectName: a\n          key: "db password"\n`,
    );
    const r = one(text, 'secret-object-invalid-name');
    assert.equal(r.covered, '"db password"');
    assert.equal(applyFix(text, r.d.fixes?.[0]), text.replace('"db password"', '"db_password"'));
    const name = one(
      base(
        `    - secretName: My.Secret_\n      type: Opaque\n      data:\n        - objectName: a\n          key: k\n`,
      ),
      'secret-object-invalid-name',
    );
    assert.match(name.d.fixes?.[0]?.title ?? '', /my\.secret$/);
  });

  it('unquoted YAML 1.1 scalars are rejected by the CRD schema', () => {
    const text = base(
      `    - secretName: app\n      type: Opaque\n      data:\n        - objectName: a\n          key: yes\n`,
    );
    const r = one(text, 'secret-object-not-string');
    assert.match(
      r.d.message,
      /spec\.secretObjects\[0\]\.data\[0\]\.key in body must be of type string: "boolean"/,
    );
    assert.equal(applyFix(text, r.d.fixes?.[0]), text.replace('key: yes', 'key: "yes"'));
  });
});

describe('secret-objects-unmounted', () => {
  const sync = (ns?: string) =>
    cls('db-sync', {
      ...(ns ? { namespace: ns } : {}),
      objects: '      - objectName: "a"\n        objectType: "secretsmanager"\n',
      extra:
        '  secretObjects:\n    - secretName: db\n      type: Opaque\n      data:\n        - objectName: a\n          key: a\n',
    });
  const mounting = pod(GOOD_CSI.replace('app-secrets', 'db-sync'), { namespace: 'prod' });

  it('is silent when a pod in another file mounts the class', () => {
    assert.deepEqual(
      codes(
        [
          { id: 'c.yaml', text: sync('prod') },
          { id: 'p.yaml', text: mounting },
        ],
        'c.yaml',
      ),
      [],
    );
  });

  it('informs on the secretObjects key when the only pod is in another namespace', () => {
    const r = one(
      [
        { id: 'c.yaml', text: sync('dev') },
        { id: 'p.yaml', text: mounting },
      ],
      'secret-objects-unmounted',
      'c.yaml',
    );
    assert.deepEqual([r.line, r.col, r.covered, r.d.severity], [13, 3, 'secretObjects', 'information']);
  });

  it('says so when a volume names the class but no container mounts it', () => {
    const unmounted = pod(GOOD_CSI.replace('app-secrets', 'db-sync'), {
      mounts: '        - name: other\n          mountPath: /o\n',
    });
    const r = one(`${sync()}---\n${unmounted}`, 'secret-objects-unmounted');
    assert.match(r.d.message, /named by a volume that no container mounts/);
  });
});

describe('Helm templates are not judged', () => {
  const helmClass = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: {{ .Release.Name }}-spc
  namespace: {{ .Release.Namespace }}
spec:
  provider: aws
  parameters:
    region: us-east-1
    objects: |
      - objectName: "a"
        objectType: "secretsmanager"
  secretObjects:
    - secretName: app
      type: Opaque
      data:
        - objectName: a
          key: a
`;
  it('a templated class name may be the referenced one: no class-not-found, no secret-objects-unmounted', () => {
    const helmPod = pod(GOOD_CSI.replace('app-secrets', '{{ .Release.Name }}-spc'), { namespace: 'prod' });
    assert.deepEqual(codes(`${helmClass}---\n${helmPod}`), []);
    assert.deepEqual(codes(`${helmClass}---\n${pod(GOOD_CSI, { namespace: 'prod' })}`), []);
  });

  it('a templated pod namespace is neither compared nor printed', () => {
    const text = `${cls('app-secrets', { namespace: 'prod' })}---\n${pod(GOOD_CSI, { namespace: '"{{ .Release.Namespace }}"' })}`;
    assert.deepEqual(codes(text), []);
    const missing = one(pod(GOOD_CSI, { namespace: '{{ .Release.Namespace }}' }), 'class-not-found');
    assert.match(missing.d.message, /<pod namespace>\/app-secrets/);
  });
});
