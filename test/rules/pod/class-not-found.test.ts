// class-not-found: the driver fetches the SecretProviderClass named by volumeAttributes.secretProviderClass
// from the pod's namespace; none there fails every mount (driver nodeserver.go:126,184-188). A warning (the
// class may exist in the cluster) on the class name, across the analysed files, with a "did you mean" fix.
import { classNotFound } from '../../../server/src/core/rules/pod/class-not-found';
import { deployment, docs, pod, ruleTester, secretProviderClass } from '../../support';

const failure = (ns: string, name: string) =>
  `\`failed to get secretproviderclass ${ns}/${name}, error: secretproviderclasses.secrets-store.csi.x-k8s.io "${name}" not found\``;

ruleTester.run(classNotFound, {
  valid: [
    docs(secretProviderClass(), pod()),
    {
      name: 'the class in another file of the same namespace',
      files: {
        'class.yaml': secretProviderClass({ namespace: 'prod' }),
        'deploy.yaml': deployment({ namespace: 'prod' }),
      },
    },
    {
      name: 'a templated class name could be any class',
      manifest: docs(
        secretProviderClass({ name: '"{{ .Release.Name }}-secrets"' }),
        pod({ volumes: [{ className: 'other' }] }),
      ),
    },
  ],
  invalid: [
    {
      name: 'a typo, with the class in the same file',
      manifest: docs(
        secretProviderClass({ name: '⟪app-secrets⟫' }),
        pod({ volumes: [{ className: '⟦app-secret⟧' }] }),
      ),
      message: `No SecretProviderClass named \`app-secret\` in the analysed files; did you mean \`app-secrets\` (in this file)? If the cluster has none either, every mount fails with ${failure('<pod namespace>', 'app-secret')}.`,
      related: ['SecretProviderClass app-secrets'],
      fixes: [
        {
          title: 'Use class app-secrets',
          output: docs(secretProviderClass(), pod()),
          safeForFixAll: false,
        },
      ],
    },
    {
      name: 'the class in another namespace, in another file',
      files: {
        'class.yaml': secretProviderClass({ namespace: 'staging', name: '⟪app-secrets⟫' }),
        'deploy.yaml': deployment({ namespace: 'prod', volumes: [{ className: '⟦app-secrets⟧' }] }),
      },
      message: `SecretProviderClass \`app-secrets\` is defined only in namespace \`staging\` (in class.yaml), but the driver looks it up in the pod's namespace \`prod\`: unless it also exists there, every mount fails with ${failure('prod', 'app-secrets')}. Create the class in namespace \`prod\` or run the workload in \`staging\`.`,
      related: ['SecretProviderClass app-secrets in namespace staging'],
    },
    {
      name: 'nothing close, in a namespace',
      manifest: docs(
        secretProviderClass({ namespace: 'prod' }),
        pod({ namespace: 'prod', volumes: [{ className: '⟦payments⟧' }] }),
      ),
      message: `No SecretProviderClass named \`payments\` in namespace \`prod\` in the analysed files. If the cluster has none either, every mount fails with ${failure('prod', 'payments')}.`,
    },
  ],
});
