import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

export const jmesAliasMissing: Rule = {
  meta: {
    code: 'jmes-alias-missing',
    severity: 'error',
    title: 'A jmesPath entry without `objectAlias`',
    ascp: 'Every jmesPath entry needs an `objectAlias`, the name of the file it writes: without one every mount fails with `Object alias must be specified for JMES object`.',
    predicts: 'Object alias must be specified for JMES object',
    fix: 'Add `objectAlias: <file name>` to the jmesPath entry.',
    source: 'provider/secret_descriptor.go:277-279',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"\n      objectAlias: "SECRET_USERNAME"',
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      for (const j of e.jmesPath) {
        if (j.objectAlias && j.objectAlias.value !== '') continue;
        ctx.report({
          span: j.objectAlias ? j.objectAlias.span : j.itemStart,
          message: `This jmesPath entry has no ${q('objectAlias')} (the file name to write): every mount fails with \`Object alias must be specified for JMES object\`.`,
        });
      }
    }
  },
};
