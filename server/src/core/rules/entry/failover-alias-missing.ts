import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

const FAILOVER_ENTRY = `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  failoverObject:
    objectName: "arn:aws:secretsmanager:us-west-2:111122223333:secret:test/secret-AbCdEf"`;

export const failoverAliasMissing: Rule = {
  meta: {
    code: 'failover-alias-missing',
    severity: 'error',
    title: 'An entry with `failoverObject` needs `objectAlias`',
    ascp: 'The primary and failover names differ (they are ARNs in two regions), so ASCP needs an `objectAlias` for the file name: without one every mount fails with `object alias must be specified for objects with failover entries: <name>`.',
    predicts: 'object alias must be specified for objects with failover entries: <name>',
    fix: 'Add `objectAlias: <file name>` to the entry.',
    source: 'provider/secret_descriptor.go:289-293',
    examples: {
      trigger: spc(FAILOVER_ENTRY, { region: 'us-east-1', failoverRegion: 'us-west-2' }),
      nearMiss: spc(FAILOVER_ENTRY + '\n  objectAlias: "test_secret"', {
        region: 'us-east-1',
        failoverRegion: 'us-west-2',
      }),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      const fo = e.failoverObject;
      if (!fo || (fo.objectName?.value ?? '') === '') continue;
      if ((e.objectAlias?.value ?? '') !== '') continue;
      ctx.report({
        span: e.objectAlias ? e.objectAlias.span : e.itemStart,
        message: `An entry with ${q('failoverObject')} needs ${q('objectAlias')} (the file name): every mount fails with \`object alias must be specified for objects with failover entries: ${e.objectName?.value ?? ''}\`.`,
      });
    }
  },
};
