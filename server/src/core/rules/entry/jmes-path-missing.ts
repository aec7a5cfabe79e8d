import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

export const jmesPathMissing: Rule = {
  meta: {
    code: 'jmes-path-missing',
    severity: 'error',
    title: 'A jmesPath entry without `path`',
    ascp: "Every jmesPath entry needs a `path` (a JMESPath expression into the secret's JSON): without one every mount fails with `Path must be specified for JMES object`.",
    predicts: 'Path must be specified for JMES object',
    fix: 'Add `path: <key>` to the jmesPath entry.',
    source: 'provider/secret_descriptor.go:272-275',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - objectAlias: "SECRET_USERNAME"',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"\n      objectAlias: "SECRET_USERNAME"',
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      for (const j of e.jmesPath) {
        if (j.path && j.path.value !== '') continue;
        ctx.report({
          span: j.path ? j.path.span : j.itemStart,
          message: `This jmesPath entry has no ${q('path')}: every mount fails with \`Path must be specified for JMES object\`.`,
        });
      }
    }
  },
};
