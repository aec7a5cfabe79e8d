import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { namesOf, parseArn } from '../names';

export const arnInvalid: Rule = {
  meta: {
    code: 'arn-invalid',
    severity: 'error',
    title: 'An `objectName` that starts with `arn:` but is not an ARN',
    ascp: 'A name starting with `arn:` is parsed as an ARN, which needs six `:`-separated sections (`arn:partition:service:region:account:resource`); otherwise every mount fails with `Invalid ARN format in object name: <name>`. The same applies to `failoverObject.objectName`.',
    predicts: 'Invalid ARN format in object name: <name>',
    fix: 'Write the full ARN, e.g. `arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf`, or use the plain name with `objectType`.',
    source: 'provider/secret_descriptor.go:326-333; aws-sdk-go-v2 aws/arn.Parse',
    examples: {
      trigger: spc('- objectName: "arn:aws:secretsmanager:us-east-1:test/secret"'),
      nearMiss: spc(
        '- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"',
        { region: 'us-east-1' },
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      for (const n of namesOf(e, ctx.region, ctx.failoverRegion)) {
        const name = n.name.value;
        if (!name.startsWith('arn:') || parseArn(name)) continue;
        const sections = name.split(':').length;
        ctx.report({
          span: n.name.span,
          message: `${q(name)} starts with ${q('arn:')} but has ${sections} of the 6 sections an ARN needs (arn:partition:service:region:account:resource): every mount fails with \`Invalid ARN format in object name: ${name}\`.`,
        });
      }
    }
  },
};
