import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { namesOf, parseArn } from '../names';

export const arnServiceInvalid: Rule = {
  meta: {
    code: 'arn-service-invalid',
    severity: 'error',
    title: 'An ARN of a service ASCP does not read',
    ascp: "Without `objectType`, ASCP takes the type from the ARN's service, which must be `secretsmanager` or `ssm` (or `ssmparameter`); otherwise every mount fails with `Invalid service in ARN: <service>`.",
    predicts: 'Invalid service in ARN: <service>',
    fix: 'Use a Secrets Manager or SSM Parameter Store ARN.',
    source: 'provider/secret_descriptor.go:345-349',
    examples: {
      trigger: spc('- objectName: "arn:aws:kms:us-east-1:111122223333:key/1234abcd"', {
        region: 'us-east-1',
      }),
      nearMiss: spc('- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"', {
        region: 'us-east-1',
      }),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      if ((e.objectType?.value ?? '') !== '') continue;
      for (const n of namesOf(e, ctx.region, ctx.failoverRegion)) {
        const arn = parseArn(n.name.value);
        if (!arn || ['secretsmanager', 'ssmparameter', 'ssm'].includes(arn.service)) continue;
        ctx.report({
          span: n.name.span,
          message: `ASCP reads only Secrets Manager and SSM Parameter Store, and this ARN's service is ${q(arn.service)}: every mount fails with \`Invalid service in ARN: ${arn.service}\`.`,
        });
      }
    }
  },
};
