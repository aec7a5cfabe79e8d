import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const duplicateKey: Rule = {
  meta: {
    code: 'duplicate-key',
    severity: 'warning',
    title: 'The same field twice in one entry',
    ascp: 'go-yaml v2 does not reject repeated keys and keys match fields case-insensitively, so `path` and `Path` in one entry both set the same field: one silently wins (the last of identical keys; for different spellings, the one that sorts last).',
    predicts: '(no error) one of the values silently wins; the other is ignored',
    fix: 'Keep one of them.',
    source:
      'provider/secret_descriptor.go:386-391; sigs.k8s.io/yaml v1.6.0 yaml.go:261-272 (case-insensitive field matching); go-yaml v2.4.4 yaml.go:80-82 (non-strict)',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: "a"\n  ObjectAlias: "b"',
      ),
      nearMiss: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"\n  ObjectAlias: "b"'),
    },
  },
  checkClass(ctx) {
    for (const d of ctx.cls.objects?.facts.duplicateKeys ?? []) {
      ctx.report({
        span: d.span,
        message: `${q(d.key)} sets a field that another key in this entry also sets; ASCP keeps only the other one, so this value is ignored.`,
        related: [{ span: d.firstSpan, message: 'the value ASCP uses' }],
      });
    }
  },
};
