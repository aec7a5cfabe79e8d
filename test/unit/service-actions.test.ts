// Code actions (service layer): "fix all" combining, the objects-to-literal refactor, the guard on
// edits inside non-literal objects, and the duplicate-alias rename fix.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { parseDoc } from '../../server/src/core/parse';
import { spc } from '../../server/src/core/rules/rule';
import type { Diagnostic } from '../../server/src/core/types';
import { editsAllowed, fixAll, objectsToLiteral, safeFixCount } from '../../server/src/service/actions';
import { Project } from '../../server/src/service/project';

const URI = 'file:///ws/a.yaml';

function diags(text: string): Diagnostic[] {
  return analyzeWorkspace([{ id: URI, text }])[0]?.diagnostics ?? [];
}

function applyEdits(
  text: string,
  edits: { span: { start: number; end: number }; newText: string }[],
): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start || b.span.end - a.span.end))
    out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

function project(text: string): Project {
  const p = new Project();
  p.set(URI, text);
  return p;
}

const d = (code: string, start: number, end: number, newText: string, safe = true): Diagnostic => ({
  code,
  severity: 'error',
  message: code,
  span: { start, end },
  fixes: [{ title: 'fix', edits: [{ span: { start, end }, newText }], safeForFixAll: safe }],
});

describe('fixAll', () => {
  it('takes the safe fix of each diagnostic and skips overlapping or unsafe ones', () => {
    const list = [
      d('a', 0, 3, 'X'),
      d('a', 2, 5, 'Y'),
      d('a', 6, 7, 'Z'),
      d('a', 8, 9, 'W', false),
      d('b', 10, 11, 'V'),
    ];
    const r = fixAll(list, 'a');
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['X', 'Z'],
    );
    assert.equal(r.fixed.length, 2);
    assert.equal(safeFixCount(list, 'a'), 3);
    assert.equal(fixAll(list).edits.length, 3);
  });

  it('lets two insertions at one place through, not an insertion inside a replacement', () => {
    const r = fixAll([d('a', 4, 4, 'x'), d('a', 4, 4, 'y'), d('a', 3, 6, 'z')]);
    assert.deepEqual(
      r.edits.map((e) => e.newText),
      ['x', 'y'],
    );
  });

  it('fixes every parameter-not-string in one go, and the result is clean', () => {
    const text = spc('- objectName: "/a"\n  objectType: "ssmparameter"', {
      region: 'us-east-1',
      usePodIdentity: 'true',
      pathTranslation: 'False',
    });
    const before = diags(text).filter((x) => x.code === 'parameter-not-string');
    assert.equal(before.length, 2);
    const out = applyEdits(text, fixAll(diags(text), 'parameter-not-string').edits);
    assert.match(out, /usePodIdentity: "true"\n {4}pathTranslation: "False"/);
    assert.deepEqual(
      diags(out).map((x) => x.code),
      [],
    );
  });
});

describe('editsAllowed', () => {
  it('refuses edits inside a folded or quoted objects value, allows them in a literal one and outside', () => {
    const lit = spc('- objectName: "/a"\n  objectType: "ssmparameter"');
    const folded = lit.replace('objects: |', 'objects: >');
    const inner = lit.indexOf('ssmparameter');
    assert.equal(
      editsAllowed(project(lit).parsed(URI) as never, [{ span: { start: inner, end: inner + 3 } }]),
      true,
    );
    assert.equal(
      editsAllowed(project(folded).parsed(URI) as never, [{ span: { start: inner, end: inner + 3 } }]),
      false,
    );
    assert.equal(editsAllowed(project(folded).parsed(URI) as never, [{ span: { start: 0, end: 3 } }]), true);
  });
});

describe('objectsToLiteral', () => {
  const LIT = spc(
    '- objectName: "/a"\n  objectType: "ssmparameter"\n- objectName: "s"\n  objectType: "secretsmanager"',
    {
      region: 'us-east-1',
    },
  );

  function convert(text: string): string | undefined {
    const p = project(text);
    const at = text.indexOf('objects:');
    const r = objectsToLiteral(p, URI, at, at);
    if (r.length === 0) return undefined;
    assert.equal(r.length, 1);
    assert.equal(r[0]?.title, 'Convert objects to a literal block (|)');
    return applyEdits(text, r[0]?.edits ?? []);
  }

  function objects(text: string): { text: string; type: unknown } {
    const o = parseDoc(text, 0).class?.objects;
    assert.ok(o);
    return { text: o.text, type: (o.value.node as { type?: unknown }).type };
  }

  it('rewrites a folded block with the same value', () => {
    const folded = LIT.replace('objects: |', 'objects: >');
    const out = convert(folded);
    assert.ok(out);
    assert.equal(out, LIT);
  });

  it('rewrites double-quoted, single-quoted JSON and plain strings, keeping a trailing comment', () => {
    const value = objects(LIT).text;
    const dq = LIT.replace(/objects: \|\n[\s\S]*$/, `objects: ${JSON.stringify(value)} # the list\n`);
    const out = convert(dq);
    assert.ok(out);
    assert.deepEqual(objects(out), { text: value, type: 'BLOCK_LITERAL' });
    assert.match(out, /objects: \| # the list\n {6}- objectName: "\/a"\n/);
    const json = '[{"objectName": "/a", "objectType": "ssmparameter"}]';
    const sq = LIT.replace(/objects: \|\n[\s\S]*$/, `objects: '${json}'\n`);
    const o2 = convert(sq);
    assert.ok(o2);
    assert.deepEqual(objects(o2), { text: json, type: 'BLOCK_LITERAL' });
    assert.match(o2, /objects: \|-\n {6}\[\{"objectName"/);
    assert.deepEqual(
      diags(o2).map((x) => x.code),
      [],
    );
  });

  it('keeps CRLF and is not offered for a literal block or elsewhere in the file', () => {
    const crlf = LIT.replace('objects: |', 'objects: >').replace(/\n/g, '\r\n');
    const out = convert(crlf);
    assert.equal(out, LIT.replace(/\n/g, '\r\n'));
    assert.equal(convert(LIT), undefined);
    const p = project(LIT.replace('objects: |', 'objects: >'));
    assert.deepEqual(objectsToLiteral(p, URI, 0, 5), []);
  });

  it('is not offered when the value cannot be written as a literal block', () => {
    const tab = LIT.replace(/objects: \|\n[\s\S]*$/, 'objects: "- objectName: a\\u0007"\n');
    assert.equal(convert(tab), undefined);
  });
});

describe('duplicate-alias fix', () => {
  const trigger = spc(
    '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"\n      objectAlias: "creds"\n    - path: "password"\n      objectAlias: "creds"\n    - path: "token"\n      objectAlias: creds',
    { region: 'us-east-1' },
  );

  it('renames a repeated alias to unique names, keeping its quoting', () => {
    const found = diags(trigger).filter((x) => x.code === 'duplicate-alias');
    assert.equal(found.length, 2);
    const titles = found.map((x) => x.fixes?.map((f) => f.title));
    assert.deepEqual(titles, [
      ['Rename the alias to password', 'Rename the alias to creds_2'],
      ['Rename the alias to token', 'Rename the alias to creds_3'],
    ]);
    let text = trigger;
    const second = found[1]?.fixes?.[1];
    const first = found[0]?.fixes?.[1];
    assert.ok(first && second);
    text = applyEdits(text, [...first.edits, ...second.edits]);
    assert.match(text, /objectAlias: "creds_2"/);
    assert.match(text, /objectAlias: creds_3\n/);
    assert.deepEqual(
      diags(text).map((x) => x.code),
      [],
    );
  });

  it('offers no edit when objects is not a literal block', () => {
    const folded = trigger.replace('objects: |', 'objects: >');
    const found = diags(folded).filter((x) => x.code === 'duplicate-alias');
    assert.ok(found.length > 0);
    for (const x of found) assert.deepEqual(x.fixes, []);
  });
});
