// api-version-deprecated: the API server still serves secrets-store.csi.x-k8s.io/v1alpha1 but warns on
// every apply (driver CRD :94-96). A warning on the apiVersion value, fixed to v1.
import { apiVersionDeprecated } from '../../../server/src/core/rules/params/api-version-deprecated';
import { ruleTester, secretProviderClass } from '../../support';

const message = (written: string) =>
  `\`${written}\` is deprecated: the API server warns "secrets-store.csi.x-k8s.io/v1alpha1 is deprecated. Use secrets-store.csi.x-k8s.io/v1 instead." Change it to \`secrets-store.csi.x-k8s.io/v1\`.`;
const v1 = secretProviderClass();

ruleTester.run(apiVersionDeprecated, {
  valid: [
    v1,
    secretProviderClass({ apiVersion: '"secrets-store.csi.x-k8s.io/v1"' }),
    // another provider's class is not ours to judge
    secretProviderClass({ apiVersion: 'secrets-store.csi.x-k8s.io/v1alpha1', provider: 'azure' }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({ apiVersion: '⟦secrets-store.csi.x-k8s.io/v1alpha1⟧' }),
      message: message('secrets-store.csi.x-k8s.io/v1alpha1'),
      fixes: [{ title: 'Use secrets-store.csi.x-k8s.io/v1', output: v1, safeForFixAll: true }],
    },
    {
      name: 'quoted: the fix replaces the quotes too',
      manifest: secretProviderClass({
        apiVersion: "⟦'secrets-store.csi.x-k8s.io/v1alpha1'⟧",
        namespace: 'prod',
      }),
      message: message('secrets-store.csi.x-k8s.io/v1alpha1'),
      fixes: [
        { title: 'Use secrets-store.csi.x-k8s.io/v1', output: secretProviderClass({ namespace: 'prod' }) },
      ],
    },
  ],
});
