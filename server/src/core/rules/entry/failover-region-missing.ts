import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

const ENTRY = `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  objectAlias: "test_secret"
  failoverObject:
    objectName: "arn:aws:secretsmanager:us-west-2:111122223333:secret:test/secret-AbCdEf"`;

export const failoverRegionMissing: Rule = {
  meta: {
    code: 'failover-region-missing',
    severity: 'error',
    title: '`failoverObject` without `failoverRegion`',
    ascp: 'A failover object is fetched from `failoverRegion`; without that parameter every mount fails with `failover object allowed only when failover region is defined: <name>`.',
    predicts: 'failover object allowed only when failover region is defined: <name>',
    fix: 'Add `failoverRegion: "<region>"` to `spec.parameters`.',
    source: 'provider/secret_descriptor.go:295-298',
    examples: {
      trigger: spc(ENTRY, { region: 'us-east-1' }),
      nearMiss: spc(ENTRY, { region: 'us-east-1', failoverRegion: 'us-west-2' }),
    },
  },
  checkClass(ctx) {
    if (ctx.failoverRegion !== undefined) return;
    for (const e of entries(ctx)) {
      const fo = e.failoverObject;
      if (!fo || (fo.objectName?.value ?? '') === '') continue;
      ctx.report({
        span: fo.keySpan,
        message: `${q('failoverObject')} needs the ${q('failoverRegion')} parameter: every mount fails with \`failover object allowed only when failover region is defined: ${e.objectName?.value ?? ''}\`.`,
      });
    }
  },
};
