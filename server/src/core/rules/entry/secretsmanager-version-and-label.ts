import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { secretTypeOf } from '../names';

export const secretsmanagerVersionAndLabel: Rule = {
  meta: {
    code: 'secretsmanager-version-and-label',
    severity: 'warning',
    title: 'A secret pinned by both `objectVersion` and `objectVersionLabel`',
    ascp: 'ASCP passes both to GetSecretValue as VersionId and VersionStage. Secrets Manager rejects the call with a 400 error when the label is not attached to that version, and ASCP fails the mount with `<region>: Failed fetching secret <name>: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, ...` (a 4xx error is fatal, not retried in the failover region); once the label moves (rotation), the pod stops starting.',
    predicts:
      '<region>: Failed fetching secret <name>: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: <id>, <AWS error>',
    fix: 'Pin either the version id or the staging label.',
    source: 'provider/secrets_manager_provider.go:81-83,213-233; utils/error_handling_helper.go:10-21',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersion: "EXAMPLE1-90ab-cdef-fedc-ba987SECRET1"\n  objectVersionLabel: "AWSCURRENT"',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersionLabel: "AWSCURRENT"',
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      if (secretTypeOf(e) !== 'secretsmanager') continue;
      const v = e.objectVersion;
      const l = e.objectVersionLabel;
      if (!v || !l || v.value === '' || l.value === '') continue;
      const at = v.keySpan.start > l.keySpan.start ? v : l;
      ctx.report({
        span: at.keySpan,
        message: `Both ${q('objectVersion')} and ${q('objectVersionLabel')} are sent to GetSecretValue: the mount fails (\`${ctx.region ?? '<region>'}: Failed fetching secret ${e.objectName?.value ?? ''}: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, ...\`) whenever label ${q(l.value)} is not on that version, e.g. after a rotation. Keep one.`,
      });
    }
  },
};
