// region-missing: without `region` ASCP takes the provider's AWS_REGION or the node's
// topology.kubernetes.io/region label, and fails outside EKS (server/server.go:271-281,343-371). A hint
// on `parameters`.
import { regionMissing } from '../../../server/src/core/rules/params/region-missing';
import { ruleTester, secretProviderClass } from '../../support';

const message =
  "No `region`: ASCP uses its own AWS_REGION or the node's `topology.kubernetes.io/region` label; outside EKS the mount fails with `failed to retrieve region from node`. Set `region` to be explicit.";

ruleTester.run(regionMissing, {
  valid: [
    secretProviderClass(),
    secretProviderClass({ region: '"eu-central-1"' }),
    // no parameters at all is parameters-missing's business
    {
      name: 'no parameters',
      manifest:
        'apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: x\nspec:\n  provider: aws\n',
      allow: ['parameters-missing'],
    },
  ],
  invalid: [
    {
      manifest: secretProviderClass({ region: null }).replace('parameters:', '⟦parameters⟧:'),
      message,
      severity: 'hint',
    },
    {
      name: 'failoverRegion alone is no primary region',
      manifest: secretProviderClass({ region: null, params: { failoverRegion: 'us-west-2' } }).replace(
        'parameters:',
        '⟦parameters⟧:',
      ),
      message,
    },
  ],
});
