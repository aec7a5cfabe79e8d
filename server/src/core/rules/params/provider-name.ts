import type { Rule } from '../rule';
import { q, spc } from '../rule';

/** The driver's check of a provider name before it looks for `<provider>.sock` (provider_client.go:69). */
const PLUGIN_NAME = /^[a-zA-Z0-9_-]{0,30}$/;

export const providerName: Rule = {
  meta: {
    code: 'provider-name',
    severity: 'error',
    title: 'spec.provider must be exactly `aws`',
    ascp: 'The driver dials the socket named after `spec.provider` (`<provider>.sock`). ASCP listens on `aws.sock`, so `AWS` fails every mount with `error connecting to provider "AWS": provider not found: provider "AWS"`; a name the driver cannot use as a socket name at all (` aws `, with spaces) fails with `error connecting to provider " aws ": invalid provider: provider " aws "`.',
    predicts: 'error connecting to provider "<provider>": provider not found: provider "<provider>"',
    fix: 'Write `provider: aws` in lower case.',
    source: 'driver: pkg/secrets-store/provider_client.go:69-72,125-126,149; nodeserver.go:356-359',
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
      message: PLUGIN_NAME.test(p.value)
        ? `Provider ${q(p.value)} is not ${q('aws')}: the driver looks for a provider socket named ${q(p.value + '.sock')} and every mount fails with \`error connecting to provider "${p.value}": provider not found: provider "${p.value}"\`. Write ${q('aws')}.`
        : `Provider ${q(p.value)} is not ${q('aws')}, and not a name the driver accepts for a provider socket: every mount fails with \`error connecting to provider "${p.value}": invalid provider: provider "${p.value}"\`. Write ${q('aws')}.`,
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
