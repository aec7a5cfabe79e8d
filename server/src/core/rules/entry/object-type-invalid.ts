import { closest, distance } from 'fastest-levenshtein';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { VALID_TYPES } from '../names';

export const objectTypeInvalid: Rule = {
  meta: {
    code: 'object-type-invalid',
    severity: 'error',
    title: '`objectType` must be `secretsmanager` or `ssmparameter`',
    ascp: 'ASCP accepts exactly `secretsmanager` and `ssmparameter` (case-sensitive; `ssm` is rejected even though ARNs use it): anything else fails every mount with `Invalid objectType: <type>`.',
    predicts: 'Invalid objectType: <type>',
    fix: 'Write `objectType: "secretsmanager"` or `objectType: "ssmparameter"`.',
    source: 'provider/secret_descriptor.go:351-355',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssm"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      const t = e.objectType;
      if (!t || t.value === '' || VALID_TYPES.includes(t.value)) continue;
      const lower = t.value.toLowerCase().replace(/[^a-z]/g, '');
      const guess =
        lower === 'ssm' || lower.startsWith('ssm') || lower.startsWith('parameter')
          ? 'ssmparameter'
          : lower.startsWith('secret')
            ? 'secretsmanager'
            : distance(lower, closest(lower, VALID_TYPES)) <= 4
              ? closest(lower, VALID_TYPES)
              : undefined;
      ctx.report({
        span: t.span,
        message: `${q(t.value)} is not an objectType ASCP knows: every mount fails with \`Invalid objectType: ${t.value}\`.${guess ? ` Did you mean ${q(guess)}?` : ` Use ${q('secretsmanager')} or ${q('ssmparameter')}.`}`,
        fixes: guess
          ? [{ title: `Use ${guess}`, edits: [{ span: t.span, newText: `"${guess}"` }], safeForFixAll: true }]
          : [],
      });
    }
  },
};
