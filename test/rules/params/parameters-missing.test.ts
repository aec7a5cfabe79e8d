// parameters-missing: the driver fails every mount of a class without parameters with `parameters not
// set in <namespace>/<name>` (driver pkg/secrets-store/utils.go:173-178). Reported on `spec` when
// `parameters` is absent, on `parameters` when it holds nothing.
import { parametersMissing } from '../../../server/src/core/rules/params/parameters-missing';
import { ruleTester } from '../../support';

const head = (name = 'app-secrets', namespace?: string) => `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}`;

ruleTester.run(parametersMissing, {
  valid: [
    `${head()}spec:
  provider: aws
  parameters: {region: us-east-1, objects: "- objectName: /test/parameter\\n  objectType: ssmparameter"}
`,
    {
      name: 'only a region: not missing (objects-missing says the rest)',
      manifest: `${head()}spec:
  provider: aws
  parameters:
    region: us-east-1
`,
      allow: ['objects-missing'],
    },
    // another provider's class is not ours to judge
    `${head()}spec:
  provider: azure
`,
  ],
  invalid: [
    {
      name: 'no parameters key: on spec',
      manifest: `${head()}⟦spec⟧:
  provider: aws
`,
      message:
        '`spec.parameters` is missing: every mount fails with `parameters not set in <namespace>/app-secrets`. Add `parameters.objects`.',
    },
    {
      name: 'the class namespace and name in the message',
      manifest: `${head('db', 'payments')}⟦spec⟧:
  provider: aws
  secretObjects: []
`,
      message:
        '`spec.parameters` is missing: every mount fails with `parameters not set in payments/db`. Add `parameters.objects`.',
    },
    {
      name: 'a key without value',
      manifest: `${head()}spec:
  provider: aws
  ⟦parameters⟧:
`,
      message:
        '`spec.parameters` is empty: every mount fails with `parameters not set in <namespace>/app-secrets`. Add `parameters.objects`.',
    },
    {
      name: 'an empty flow mapping',
      manifest: `${head()}spec:
  provider: aws
  ⟦parameters⟧: {}
`,
      message:
        /^`spec\.parameters` is empty: every mount fails with `parameters not set in <namespace>\/app-secrets`/,
    },
  ],
});
