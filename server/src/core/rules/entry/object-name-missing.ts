import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

export const objectNameMissing: Rule = {
  meta: {
    code: 'object-name-missing',
    severity: 'error',
    title: '`objectName` is required',
    ascp: 'Every entry needs a non-empty `objectName` (a secret name or ARN, or a parameter name or ARN); without one every mount fails with `Object name must be specified`.',
    predicts: 'Object name must be specified',
    fix: 'Add `objectName: "<secret or parameter name>"`.',
    source: 'provider/secret_descriptor.go:246-248',
    examples: {
      trigger: spc('- objectType: "ssmparameter"\n  objectAlias: "param"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "param"'),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      if (e.objectName && e.objectName.value !== '') continue;
      ctx.report({
        span: e.objectName ? e.objectName.span : e.itemStart,
        message: `This entry has no ${q('objectName')}: every mount fails with \`Object name must be specified\`.`,
      });
    }
  },
};
