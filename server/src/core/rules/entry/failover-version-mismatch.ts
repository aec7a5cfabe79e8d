import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

const ENTRY = (
  v: string,
) => `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  objectAlias: "test_secret"
  objectVersion: "v1"
  failoverObject:
    objectName: "arn:aws:secretsmanager:us-west-2:111122223333:secret:test/secret-AbCdEf"
    objectVersion: "${v}"`;

export const failoverVersionMismatch: Rule = {
  meta: {
    code: 'failover-version-mismatch',
    severity: 'error',
    title: 'Primary and failover `objectVersion` differ',
    ascp: "ASCP requires `failoverObject.objectVersion` to equal the entry's `objectVersion` (an omitted one counts as empty): otherwise every mount fails with `object versions must match between primary and failover regions: <name>`.",
    predicts: 'object versions must match between primary and failover regions: <name>',
    fix: 'Give both the same `objectVersion`, or neither.',
    source: 'provider/secret_descriptor.go:310-312',
    examples: {
      trigger: spc(ENTRY('v2'), { region: 'us-east-1', failoverRegion: 'us-west-2' }),
      nearMiss: spc(ENTRY('v1'), { region: 'us-east-1', failoverRegion: 'us-west-2' }),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      const fo = e.failoverObject;
      if (!fo || (fo.objectName?.value ?? '') === '') continue;
      const a = e.objectVersion?.value ?? '';
      const b = fo.objectVersion?.value ?? '';
      if (a === b) continue;
      const cands = [e.objectVersion, fo.objectVersion].filter((x) => x !== undefined);
      const at = cands.reduce((x, y) => (y.keySpan.start > x.keySpan.start ? y : x));
      ctx.report({
        span: at.span,
        message: `Primary ${q('objectVersion')} is ${a === '' ? 'empty' : q(a)} but the failover's is ${b === '' ? 'empty' : q(b)}: every mount fails with \`object versions must match between primary and failover regions: ${e.objectName?.value ?? ''}\`.`,
      });
    }
  },
};
