// Decoding `objects` like ASCP: case-insensitive keys, unknown keys, YAML 1.1 coercions, shapes,
// only the first document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { spc } from '../../server/src/core/rules/rule';

function run(objects: string, params: Record<string, string> = { region: 'us-east-1' }) {
  const [r] = analyzeWorkspace([{ id: 'o.yaml', text: spc(objects, params) }]);
  assert.ok(r);
  return r;
}
const codes = (r: ReturnType<typeof run>) => r.diagnostics.map((d) => d.code);

describe('decoding objects like ASCP', () => {
  it('matches keys case-insensitively (ObjectName, Path work)', () => {
    const r = run(
      '- ObjectName: "test/secret"\n  OBJECTTYPE: "secretsmanager"\n  JmesPath:\n    - Path: username\n      ObjectAlias: user',
    );
    assert.deepEqual(codes(r), []);
    assert.deepEqual(r.classes[0]?.files, ['test_secret', 'user']);
  });
  it('warns about unknown keys with a suggestion, and ASCP then misses objectType', () => {
    const r = run('- objectName: "/test/parameter"\n  objectTyp: "ssmparameter"');
    assert.deepEqual(codes(r).sort(), ['object-type-missing', 'unknown-key']);
    const u = r.diagnostics.find((d) => d.code === 'unknown-key');
    assert.match(u?.message ?? '', /did you mean `objectType`/);
  });
  it('does not suggest for unrelated keys', () => {
    const r = run(
      '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  comment: "owned by team x"',
    );
    const u = r.diagnostics.find((d) => d.code === 'unknown-key');
    assert.ok(u);
    assert.doesNotMatch(u.message, /did you mean/);
  });
  it('turns yes into "true" and 0755 into "493" (YAML 1.1)', () => {
    const r = run(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: yes\n  objectVersion: 0755',
    );
    assert.deepEqual(r.classes[0]?.files, ['true']);
    const msgs = r.diagnostics.filter((d) => d.code === 'yaml11-coercion').map((d) => d.message);
    assert.equal(msgs.length, 2);
    assert.match(msgs[0] ?? '', /`yes`.*`true`/);
    assert.match(msgs[1] ?? '', /`0755`.*`493`/);
  });
  it('rejects unquoted filePermission 0640 as 416', () => {
    const r = run('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  filePermission: 0640');
    const d = r.diagnostics.find((x) => x.code === 'file-permission-invalid');
    assert.match(d?.message ?? '', /Invalid File Permission: 416/);
    assert.ok(!codes(r).includes('yaml11-coercion'));
  });
  it('reads only the first inner document', () => {
    const r = run(
      '- objectName: "/a"\n  objectType: "ssmparameter"\n---\n- objectName: "/b"\n  objectType: "ssmparameter"',
    );
    assert.deepEqual(r.classes[0]?.files, ['_a']);
    assert.ok(codes(r).includes('objects-extra-document'));
  });
  it('reports the Azure-style array: mapping as a shape error with the Go message', () => {
    const r = run('array:\n  - |\n    objectName: x');
    const d = r.diagnostics.find((x) => x.code === 'objects-shape');
    assert.match(
      d?.message ?? '',
      /cannot unmarshal object into Go value of type \[\]\*provider\.SecretDescriptor/,
    );
  });
  it('reports a string item (a Helm-rendered line) as a shape error', () => {
    const r = run('- "objectName: x"');
    assert.match(
      r.diagnostics.find((x) => x.code === 'objects-shape')?.message ?? '',
      /into Go value of type provider\.SecretDescriptor/,
    );
  });
  it('reports a mapping where a string field belongs', () => {
    const r = run('- objectName:\n    name: x\n  objectType: "ssmparameter"');
    assert.match(
      r.diagnostics.find((x) => x.code === 'objects-shape')?.message ?? '',
      /cannot unmarshal object into Go struct field SecretDescriptor\.objectName of type string/,
    );
  });
  it('reports jmesPath written as a mapping', () => {
    const r = run(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    path: username\n    objectAlias: u',
    );
    assert.match(
      r.diagnostics.find((x) => x.code === 'objects-shape')?.message ?? '',
      /\[\]provider\.JMESPathEntry/,
    );
  });
  it('treats an empty objects string and [] as no files', () => {
    assert.deepEqual(codes(run('[]')), ['objects-missing']);
  });
  it('accepts a JSON flow string (CDK style)', () => {
    const r = run(
      '[{"objectName": "test/secret", "objectType": "secretsmanager", "jmesPath": [{"path": "username", "objectAlias": "u"}]}]',
    );
    assert.deepEqual(codes(r), []);
    assert.deepEqual(r.classes[0]?.files, ['test_secret', 'u']);
  });
  it('warns about duplicate keys and keeps the one Go keeps', () => {
    const r = run(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: "first"\n  ObjectAlias: "second"',
    );
    // json.Marshal sorts keys: "ObjectAlias" < "objectAlias", so the lower-case one is decoded last and wins
    assert.deepEqual(r.classes[0]?.files, ['first']);
    assert.ok(codes(r).includes('duplicate-key'));
  });
  it('reports a tab used for indentation inside objects as a syntax error on the right line', () => {
    const text = spc('- objectName: "/a"\n\tobjectType: "ssmparameter"', { region: 'us-east-1' });
    const [r] = analyzeWorkspace([{ id: 't.yaml', text }]);
    const d = r?.diagnostics.find((x) => x.code === 'objects-syntax');
    assert.ok(d, JSON.stringify(r?.diagnostics));
    assert.equal(
      r?.lines.positionAt(d.span.start).line,
      text.split('\n').findIndex((l) => l.includes('\tobjectType')),
    );
  });
});
