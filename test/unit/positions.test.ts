// Golden positions: a diagnostic inside `objects` lands on the exact outer line and column, whatever
// scalar style holds the string.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeWorkspace } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/text';

const HEAD = `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: styles
spec:
  provider: aws
  parameters:
    region: us-east-1
`;

interface Case {
  name: string;
  text: string;
  /** the text in the outer file where the diagnostic must start */
  marker: string;
  /** where inside the marker the diagnostic starts */
  at?: number;
  code?: string;
}

const cases: Case[] = [
  {
    name: 'literal |',
    text: HEAD + '    objects: |\n      - objectName: "/p/one"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'literal |- with a comment after the header',
    text: HEAD + '    objects: |- # entries\n      - objectName: "/p/one"\n        objectType: "ssm"',
    marker: '"ssm"',
  },
  {
    name: 'literal |+ keeping trailing lines',
    text: HEAD + '    objects: |+\n      - objectName: "/p/one"\n        objectType: "ssm"\n\n\n',
    marker: '"ssm"',
  },
  {
    name: 'literal with an indentation indicator |4',
    text: HEAD + '    objects: |4\n          - objectName: "/p/one"\n            objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'literal with leading blank lines',
    text: HEAD + '    objects: |\n\n\n      - objectName: "/p/one"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'folded >',
    text: HEAD + '    objects: >\n      - objectName: "/p/one"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'double-quoted string with escapes',
    text: HEAD + '    objects: "- objectName: \\"/p/one\\"\\n  objectType: \\"ssm\\"\\n"\n',
    marker: '\\"ssm\\"',
  },
  {
    name: 'single-quoted flow JSON',
    text: HEAD + `    objects: '[{"objectName": "/p/one", "objectType": "ssm"}]'\n`,
    marker: '"ssm"',
  },
  {
    name: 'double-quoted JSON spanning lines',
    text: HEAD + '    objects: "[{\\"objectName\\": \\"/p/one\\",\n      \\"objectType\\": \\"ssm\\"}]"\n',
    marker: '\\"ssm\\"',
  },
  {
    name: 'CRLF literal',
    text: (HEAD + '    objects: |\n      - objectName: "/p/one"\n        objectType: "ssm"\n').replace(
      /\n/g,
      '\r\n',
    ),
    marker: '"ssm"',
  },
  {
    name: 'CRLF folded',
    text: (HEAD + '    objects: >\n      - objectName: "/p/one"\n        objectType: "ssm"\n').replace(
      /\n/g,
      '\r\n',
    ),
    marker: '"ssm"',
  },
  {
    name: 'multi-byte text before the error (emoji, CJK)',
    text:
      HEAD +
      '    objects: |\n      - objectName: "/p/一二三"\n        objectAlias: "🔑-密码"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'multi-byte text on the same line as the error',
    text: HEAD + '    objects: |\n      - {objectName: "/p/🔑", objectType: "ssm"}\n',
    marker: '"ssm"',
  },
  {
    name: 'a tab inside a value',
    text: HEAD + '    objects: |\n      - objectName: "/p/\tone"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'second document of a multi-document file',
    text:
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "b"\n---\n' +
      HEAD +
      '    objects: |\n      - objectName: "/p/one"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'BOM at the start of the file',
    text: '\uFEFF' + HEAD + '    objects: |\n      - objectName: "/p/one"\n        objectType: "ssm"\n',
    marker: '"ssm"',
  },
  {
    name: 'plain multi-line flow scalar',
    text: HEAD + '    objects: [{"objectName": "/p/one",\n      "objectType": "ssm"}]\n',
    marker: 'objects',
    code: 'objects-not-string',
  },
];

describe('exact positions inside objects', () => {
  for (const c of cases) {
    it(c.name, () => {
      const [r] = analyzeWorkspace([{ id: 'p.yaml', text: c.text }]);
      assert.ok(r);
      const code = c.code ?? 'object-type-invalid';
      const d = r.diagnostics.find((x) => x.code === code);
      assert.ok(d, `no ${code} in ${JSON.stringify(r.diagnostics.map((x) => x.code))}`);
      const expected = c.text.indexOf(c.marker) + (c.at ?? 0);
      assert.ok(expected >= 0);
      const lines = new LineIndex(c.text);
      assert.deepEqual(
        lines.positionAt(d.span.start),
        lines.positionAt(expected),
        `span ${d.span.start} vs ${expected}`,
      );
      if (!c.code) assert.equal(c.text.slice(d.span.start, d.span.end).replace(/\\/g, ''), '"ssm"');
    });
  }

  it('falls back to the whole value, never a wrong line, when the map is not exact', () => {
    // A folded scalar whose more-indented line keeps its newline is still mapped; whatever happens,
    // the diagnostic stays inside the objects value.
    const text = HEAD + '    objects: >\n      - objectName: "/p/one"\n          objectType: "ssm"\n';
    const [r] = analyzeWorkspace([{ id: 'p.yaml', text }]);
    const start = text.indexOf('>');
    for (const d of r?.diagnostics ?? []) {
      if (d.code === 'region-missing') continue;
      assert.ok(d.span.start >= start && d.span.end <= text.length, `${d.code} outside the value`);
    }
  });
});
