import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { namesOf, parseArn, secretKind, VALID_TYPES } from '../names';

export const objectTypeArnMismatch: Rule = {
  meta: {
    code: 'object-type-arn-mismatch',
    severity: 'error',
    title: '`objectType` contradicts the ARN',
    ascp: "When both are given, `objectType` must agree with the ARN's service (`ssm` ARNs are `ssmparameter`); otherwise every mount fails with `objectType does not match ARN: <name>`. The failover ARN is checked against the same objectType.",
    predicts: 'objectType does not match ARN: <name>',
    fix: 'Remove `objectType` (the ARN says it) or correct it.',
    source: 'provider/secret_descriptor.go:357-360',
    examples: {
      trigger: spc(
        '- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"\n  objectType: "secretsmanager"',
        { region: 'us-east-1' },
      ),
      nearMiss: spc(
        '- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"\n  objectType: "ssmparameter"',
        { region: 'us-east-1' },
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      const t = e.objectType?.value ?? '';
      if (!VALID_TYPES.includes(t)) continue;
      for (const n of namesOf(e, ctx.region, ctx.failoverRegion)) {
        const arn = parseArn(n.name.value);
        if (!arn || secretKind(t) === secretKind(arn.service)) continue;
        ctx.report({
          span: e.objectType?.span ?? n.name.span,
          message: `${q('objectType')} is ${q(t)} but ${n.failover ? 'the failover ARN' : 'the ARN'} is for ${q(arn.service)}: every mount fails with \`objectType does not match ARN: ${n.name.value}\`.`,
          related: [{ span: n.name.span, message: 'the ARN' }],
        });
      }
    }
  },
};
