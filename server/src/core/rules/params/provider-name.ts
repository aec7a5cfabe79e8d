import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const providerName: Rule = {
  meta: {
    code: 'provider-name',
    severity: 'error',
    title: 'spec.provider must be exactly `aws`',
    ascp: 'The driver dials the socket named after `spec.provider` (`<provider>.sock`). ASCP listens on `aws.sock`, so `AWS` or ` aws ` fails every mount with `error connecting to provider "AWS": provider not found: provider "AWS"`.',
    fix: 'Write `provider: aws` in lower case.',
    source: 'driver: pkg/secrets-store/provider_client.go:72,149; nodeserver.go:356-359',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"').replace(
        'provider: aws',
        'provider: AWS',
      ),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    const p = ctx.cls.provider;
    if (!p || p.value === 'aws' || p.kind !== 'string') return;
    ctx.report({
      span: p.span,
      message: `Provider ${q(p.value)} is not ${q('aws')}: the driver looks for a provider socket named ${q(p.value + '.sock')} and every mount fails with \`provider not found: provider "${p.value}"\`. Write ${q('aws')}.`,
      fixes: [
        {
          title: 'Change the provider to aws',
          edits: [{ span: p.span, newText: 'aws' }],
          safeForFixAll: true,
        },
      ],
    });
  },
};
