import type { Rule } from '../rule';
import { q } from '../rule';
import { lineEndOf, lineStartOf } from '../edits';

export const objectsNotString: Rule = {
  meta: {
    code: 'objects-not-string',
    severity: 'error',
    title: '`objects` must be a string holding YAML, not a YAML list',
    ascp: '`spec.parameters` is a map of strings, so a YAML list written directly under `objects:` never reaches ASCP: the API server rejects the class (`spec.parameters.objects: Invalid value: "array": spec.parameters.objects in body must be of type string: "array"`).',
    predicts:
      'spec.parameters.objects: Invalid value: "<type>": spec.parameters.objects in body must be of type string: "<type>"',
    fix: 'Write `objects: |` and indent the list below it, so the list is the text of a literal block string.',
    source: 'driver: config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml:43-47',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: list
spec:
  provider: aws
  parameters:
    objects:
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: list
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
    },
  },
  checkClass(ctx) {
    const p = ctx.cls.params.get('objects');
    if (!p || (p.value.kind !== 'seq' && p.value.kind !== 'map')) return;
    const v = p.value;
    const t = v.kind === 'seq' ? 'array' : 'object';
    const text = ctx.doc.text;
    // Turn the list into a literal block: keep its lines, indented two more columns.
    const first = lineStartOf(text, v.span.start);
    const last = lineEndOf(text, Math.max(v.span.end - 1, v.span.start));
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const body = text
      .slice(first, last)
      .split(/\r?\n/)
      .map((l) => (l.trim() === '' ? '' : '  ' + l))
      .join(eol);
    const fixes = text.slice(p.keySpan.end, v.span.start).includes('\n')
      ? [
          {
            title: 'Turn the list into an `objects: |` string',
            edits: [{ span: { start: p.keySpan.end, end: last }, newText: `: |${eol}${body}` }],
            safeForFixAll: true,
          },
        ]
      : [];
    ctx.report({
      span: p.keySpan,
      message: `${q('objects')} is a YAML ${v.kind === 'seq' ? 'list' : 'mapping'}, but ${q('spec.parameters')} only holds strings: the API server rejects the class (\`spec.parameters.objects: Invalid value: "${t}": spec.parameters.objects in body must be of type string: "${t}"\`). Write ${q('objects: |')} and indent the list under it.`,
      fixes,
    });
  },
};
