import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const objectsExtraDocument: Rule = {
  meta: {
    code: 'objects-extra-document',
    severity: 'warning',
    title: 'A second YAML document inside `objects` is ignored',
    ascp: 'sigs.k8s.io/yaml reads only the first YAML document of the string; entries after an inner `---` are silently dropped and never mounted.',
    predicts: '(no error) entries after the inner --- are silently dropped and never mounted',
    fix: 'Remove the inner `---` so every entry is in one list.',
    source:
      'provider/secret_descriptor.go:386-391; sigs.k8s.io/yaml v1.6.0 yaml.go:156-162; go-yaml v2.4.4 yaml.go:137-149 (decodes one document)',
    examples: {
      trigger: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n---\n- objectName: "/test/other"\n  objectType: "ssmparameter"',
      ),
      nearMiss: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n- objectName: "/test/other"\n  objectType: "ssmparameter"',
      ),
    },
  },
  checkClass(ctx) {
    for (const e of ctx.cls.objects?.facts.extraDocuments ?? []) {
      ctx.report({
        span: e.span,
        message: `ASCP reads only the first YAML document inside ${q('objects')}: ${e.count === 1 ? 'this document is' : `these ${e.count} documents are`} ignored and nothing in ${e.count === 1 ? 'it' : 'them'} is mounted. Remove the inner ${q('---')}.`,
      });
    }
  },
};
