import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const providerMissing: Rule = {
  meta: {
    code: 'provider-missing',
    severity: 'error',
    title: 'spec.provider is missing',
    ascp: 'The CRD does not require `spec.provider`, so the class is accepted, but every mount fails with `provider not set in <namespace>/<name>`.',
    predicts: 'provider not set in <namespace>/<name>',
    fix: 'Add `provider: aws` under `spec`.',
    source: 'driver: pkg/secrets-store/utils.go:165-170',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"').replace(
        '  provider: aws\n',
        '',
      ),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    if (ctx.cls.provider && ctx.cls.provider.value !== '') return;
    const at = ctx.cls.provider ?? undefined;
    ctx.report({
      span: at ? at.keySpan : ctx.cls.specSpan,
      message: `This SecretProviderClass has no ${q('spec.provider')}: every mount fails with \`provider not set in ${ctx.cls.namespace ?? '<namespace>'}/${ctx.cls.name ?? '<name>'}\`. Add ${q('provider: aws')}.`,
    });
  },
};
