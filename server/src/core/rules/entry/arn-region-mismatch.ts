import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { namesOf, parseArn } from '../names';

export const arnRegionMismatch: Rule = {
  meta: {
    code: 'arn-region-mismatch',
    severity: 'error',
    title: 'An ARN from another region than `region` (or `failoverRegion`)',
    ascp: "ASCP requires an ARN's region to equal the class's `region` (for `failoverObject`, the `failoverRegion`): otherwise every mount fails with `ARN region must match region <region>: <name>`.",
    predicts: 'ARN region must match region <region>: <name>',
    fix: "Use the ARN of the secret's replica in that region, or fix `region`.",
    source: 'provider/secret_descriptor.go:335-338,300-303',
    examples: {
      trigger: spc(
        '- objectName: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:test/secret-AbCdEf"',
        { region: 'us-east-1' },
      ),
      nearMiss: spc(
        '- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"',
        { region: 'us-east-1' },
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      for (const n of namesOf(e, ctx.region, ctx.failoverRegion)) {
        const arn = parseArn(n.name.value);
        if (!arn || n.region === undefined || arn.region === n.region) continue;
        const param = n.failover ? 'failoverRegion' : 'region';
        ctx.report({
          span: n.name.span,
          message: `This ARN is in ${q(arn.region)} but ${q(param)} is ${q(n.region)}: every mount fails with \`ARN region must match region ${n.region}: ${n.name.value}\`.`,
          related: [{ span: ctx.cls.params.get(param)?.value.span ?? n.name.span, message: `the ${param}` }],
        });
      }
    }
  },
};
