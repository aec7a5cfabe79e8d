// provider-name: the driver dials the socket named after spec.provider, and ASCP listens on aws.sock
// (driver pkg/secrets-store/provider_client.go:69-72,149). `AWS` or ` aws ` fail every mount. Reported
// on the value, fixed to aws.
import { providerName } from '../../../server/src/core/rules/params/provider-name';
import { ruleTester, secretProviderClass } from '../../support';

const notFound = (p: string) =>
  `Provider \`${p}\` is not \`aws\`: the driver looks for a provider socket named \`${p}.sock\` and every mount fails with \`error connecting to provider "${p}": provider not found: provider "${p}"\`. Write \`aws\`.`;
const fixes = (output = secretProviderClass()) => [
  { title: 'Change the provider to aws', output, safeForFixAll: true },
];

ruleTester.run(providerName, {
  valid: [
    secretProviderClass(),
    secretProviderClass({ provider: '"aws"' }),
    // another provider: not a misspelt aws, not ours to judge
    secretProviderClass({ provider: 'vault' }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({ provider: '⟦AWS⟧' }),
      message: notFound('AWS'),
      fixes: fixes(),
    },
    {
      manifest: secretProviderClass({ provider: '⟦"Aws"⟧' }),
      message: notFound('Aws'),
      fixes: fixes(),
    },
    {
      name: 'spaces: not a name the driver accepts for a socket',
      manifest: secretProviderClass({ provider: '⟦" aws "⟧' }),
      message:
        'Provider ` aws ` is not `aws`, and not a name the driver accepts for a provider socket: every mount fails with `error connecting to provider " aws ": invalid provider: provider " aws "`. Write `aws`.',
      fixes: fixes(),
    },
  ],
});
