import type { Rule } from '../rule';
import { spc } from '../rule';

export const emptyEntry: Rule = {
  meta: {
    code: 'empty-entry',
    severity: 'error',
    title: 'An empty list item in `objects`',
    ascp: 'A bare `-` decodes to a null entry and every mount fails with `Empty descriptor entry in SecretProviderClass`.',
    predicts: 'Empty descriptor entry in SecretProviderClass',
    fix: 'Remove the empty `-` line or complete the entry.',
    source: 'provider/secret_descriptor.go:399-401',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n-'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    for (const e of ctx.cls.objects?.entries ?? []) {
      if (!e.isNull) continue;
      ctx.report({
        span: e.span,
        message:
          'Empty list item: every mount fails with `Empty descriptor entry in SecretProviderClass`. Remove it or complete the entry.',
      });
    }
  },
};
