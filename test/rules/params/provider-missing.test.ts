// provider-missing: the CRD does not require spec.provider, but the driver fails every mount without it
// (driver pkg/secrets-store/utils.go:165-170). Reported on `spec` when the key is absent, on the key
// when its value is empty.
import { providerMissing } from '../../../server/src/core/rules/params/provider-missing';
import { mark, ruleTester, secretProviderClass } from '../../support';

const add = 'Add `provider: aws`.';

ruleTester.run(providerMissing, {
  valid: [
    secretProviderClass(),
    secretProviderClass({ namespace: 'team-a', provider: '"aws"' }),
    // another provider's class is not judged at all, whatever it lacks
    secretProviderClass({ provider: 'azure', objects: 'array:\n  - |\n    objectName: x' }),
    // the provider written as JSON
    `{"apiVersion": "secrets-store.csi.x-k8s.io/v1", "kind": "SecretProviderClass",
 "metadata": {"name": "json"},
 "spec": {"provider": "aws", "parameters": {"region": "us-east-1",
  "objects": "- objectName: /test/parameter\\n  objectType: ssmparameter"}}}
`,
  ],
  invalid: [
    {
      name: 'no provider key: reported on spec',
      manifest: mark(secretProviderClass({ provider: null }), 'spec'),
      message: `This SecretProviderClass has no \`spec.provider\`: every mount fails with \`provider not set in <namespace>/app-secrets\`. ${add}`,
    },
    {
      name: 'the namespace and name of the class appear in the message',
      manifest: mark(secretProviderClass({ provider: null, namespace: 'team-a', name: 'db' }), 'spec'),
      message: `This SecretProviderClass has no \`spec.provider\`: every mount fails with \`provider not set in team-a/db\`. ${add}`,
    },
    {
      name: 'a key without value (null)',
      manifest: mark(secretProviderClass({ provider: '' }), 'provider'),
      message: /provider not set in <namespace>\/app-secrets/,
    },
  ],
});
