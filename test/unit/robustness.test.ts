// Bad input gets a clear message, never a crash: broken YAML, binary, huge files, Helm templates,
// tabs, BOMs, and random mutations of real manifests.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { analyzeWorkspace, onRuleError } from '../../server/src/core/analyze';
import { spc } from '../../server/src/core/rules/rule';

const ssm = readFileSync('examples/ssm-parameter.yaml', 'utf8');
const sm = readFileSync('examples/secrets-manager-jmespath.yaml', 'utf8');
const ruleErrors: unknown[] = [];

function analyse(text: string) {
  const [r] = analyzeWorkspace([{ id: 'x.yaml', text }]);
  assert.ok(r);
  return r;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('robustness', () => {
  before(() => onRuleError((e) => ruleErrors.push(e)));
  after(() => onRuleError(undefined));

  it('reports broken outer YAML in a SecretProviderClass as a syntax error', () => {
    const r = analyse(ssm.replace('  provider: aws', '  provider: aws: x'));
    assert.ok(r.diagnostics.some((d) => d.code === 'yaml-syntax'));
  });
  it('stays silent on unrelated broken YAML', () => {
    assert.deepEqual(analyse('foo: [1, 2\nbar: : :\n').diagnostics, []);
  });
  it('skips binary files with a reason', () => {
    const r = analyse('\u0000\u0001\u0002binary\u0000');
    assert.match(r.skipped ?? '', /binary/);
    assert.deepEqual(r.diagnostics, []);
  });
  it('handles an empty file, only comments, only document markers', () => {
    for (const t of ['', '# nothing\n', '---\n---\n...\n', '\n\n\n', '\uFEFF'])
      assert.deepEqual(analyse(t).diagnostics, []);
  });
  it('analyses a 10 MB file without throwing', () => {
    const doc = spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { region: 'us-east-1' });
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const d = doc.replace('name: example', `name: example-${i}`);
      parts.push(d);
      size += d.length + 4;
    }
    const r = analyse(parts.join('---\n'));
    assert.equal(r.classes.length, parts.length);
    assert.deepEqual(r.diagnostics, []);
  });
  it('skips Helm template actions instead of inventing errors', () => {
    const helm = `{{- if .Values.secrets.enabled }}
apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: {{ include "app.fullname" . }}
  namespace: {{ .Release.Namespace }}
spec:
  provider: aws
  parameters:
    region: {{ .Values.region | quote }}
    objects: |
      {{- range .Values.secrets.items }}
      - objectName: {{ .name | quote }}
        objectType: {{ .type | quote }}
      {{- end }}
{{- end }}
`;
    const r = analyse(helm);
    assert.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
      [],
      JSON.stringify(r.diagnostics),
    );
  });
  it('still checks the plain parts of a Helm template', () => {
    const helm = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: {{ .Release.Name }}
spec:
  provider: AWS
  parameters:
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`;
    assert.ok(analyse(helm).diagnostics.some((d) => d.code === 'provider-name'));
  });
  it('handles tabs in the outer YAML', () => {
    const r = analyse(ssm.replace('  provider: aws', '\tprovider: aws'));
    assert.ok(r.diagnostics.some((d) => d.code === 'yaml-syntax'));
  });
  it('handles CRLF and a BOM with the same results as LF', () => {
    const base = analyse(sm).diagnostics.map((d) => d.code);
    const crlf = analyse('\uFEFF' + sm.replace(/\n/g, '\r\n'));
    assert.deepEqual(
      crlf.diagnostics.map((d) => d.code),
      base,
    );
    assert.deepEqual(crlf.classes, analyse(sm).classes);
  });
  it('never throws and no rule throws on 3000 random mutations of the examples', () => {
    const next = rng(20261129);
    const alphabet = [
      '\n',
      ' ',
      '  ',
      ':',
      '-',
      '|',
      '>',
      '"',
      "'",
      '{',
      '}',
      '[',
      ']',
      '#',
      '\t',
      '/',
      'a',
      '0',
      '---\n',
      'é',
      '🔑',
      '\r\n',
      '*',
      '&',
      '!',
    ];
    for (let i = 0; i < 3000; i++) {
      let t = next() < 0.5 ? ssm : sm;
      const edits = 1 + Math.floor(next() * 5);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(next() * t.length);
        const op = next();
        if (op < 0.4) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(next() * 8));
        else t = t.slice(0, at) + (alphabet[Math.floor(next() * alphabet.length)] ?? '') + t.slice(at);
      }
      const r = analyse(t);
      for (const d of r.diagnostics) {
        assert.ok(
          d.span.start >= 0 && d.span.end <= t.length && d.span.start <= d.span.end,
          `bad span ${JSON.stringify(d)}`,
        );
      }
    }
    assert.deepEqual(ruleErrors.map(String), []);
  });
});

describe('other providers', () => {
  it('ignores another provider class entirely, even broken YAML inside it', () => {
    const conjur = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: conjur
spec:
  provider: conjur
  parameters:
    secrets: |
      - "relative/path/username": "db-credentials/username"
    sslCertificate: |
$CONJUR_SSL_CERT
    identity: host/workload-host
`;
    const [r] = analyzeWorkspace([{ id: 'c.yaml', text: conjur }]);
    assert.deepEqual(r?.diagnostics, []);
    assert.deepEqual(r?.classes, []);
  });
});
