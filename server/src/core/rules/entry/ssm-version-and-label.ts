import type { StrValue } from '../../model';
import type { Rule } from '../rule';
import { entries, spc } from '../rule';
import { secretTypeOf } from '../names';

function later(a: StrValue, b: StrValue): StrValue {
  return a.keySpan.start > b.keySpan.start ? a : b;
}

export const ssmVersionAndLabel: Rule = {
  meta: {
    code: 'ssm-version-and-label',
    severity: 'error',
    title: 'An SSM parameter cannot have both `objectVersion` and `objectVersionLabel`',
    ascp: 'ASCP requests SSM parameters as `name:version` or `name:label`, never both: an entry (or its failoverObject) with both fails every mount with `ssm parameters can not specify both objectVersion and objectVersionLabel: <name>`.',
    predicts: 'ssm parameters can not specify both objectVersion and objectVersionLabel: <name>',
    fix: 'Keep either `objectVersion` or `objectVersionLabel`.',
    source: 'provider/secret_descriptor.go:255-258,305-308',
    examples: {
      trigger: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersion: "3"\n  objectVersionLabel: "prod"',
      ),
      nearMiss: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersionLabel: "prod"',
      ),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      if (secretTypeOf(e) !== 'ssmparameter') continue;
      const name = e.objectName?.value ?? '';
      const pairs: [StrValue | undefined, StrValue | undefined][] = [[e.objectVersion, e.objectVersionLabel]];
      if ((e.failoverObject?.objectName?.value ?? '') !== '')
        pairs.push([e.failoverObject?.objectVersion, e.failoverObject?.objectVersionLabel]);
      for (const [v, l] of pairs) {
        if (!v || !l || v.value === '' || l.value === '') continue;
        ctx.report({
          span: later(v, l).keySpan,
          message: `An SSM parameter is fetched by version or by label, not both: every mount fails with \`ssm parameters can not specify both objectVersion and objectVersionLabel: ${name}\`. Remove one of them.`,
          related: [{ span: (later(v, l) === v ? l : v).keySpan, message: 'the other one' }],
        });
      }
    }
  },
};
