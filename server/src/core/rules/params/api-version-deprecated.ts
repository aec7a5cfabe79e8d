import type { Rule } from '../rule';
import { q } from '../rule';

export const apiVersionDeprecated: Rule = {
  meta: {
    code: 'api-version-deprecated',
    severity: 'warning',
    title: 'SecretProviderClass v1alpha1 is deprecated',
    ascp: 'The API server still serves `secrets-store.csi.x-k8s.io/v1alpha1` but warns on every apply: "secrets-store.csi.x-k8s.io/v1alpha1 is deprecated. Use secrets-store.csi.x-k8s.io/v1 instead." A later driver release may stop serving it.',
    predicts: 'secrets-store.csi.x-k8s.io/v1alpha1 is deprecated. Use secrets-store.csi.x-k8s.io/v1 instead.',
    fix: 'Use `apiVersion: secrets-store.csi.x-k8s.io/v1`; the schema is the same.',
    source:
      'driver: config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml:94-96 (v1alpha1 deprecated)',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1alpha1
kind: SecretProviderClass
metadata:
  name: old
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: current
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
    },
  },
  checkClass(ctx) {
    const v = ctx.cls.apiVersion;
    if (v.value !== 'secrets-store.csi.x-k8s.io/v1alpha1') return;
    ctx.report({
      span: v.span,
      message: `${q(v.value)} is deprecated: the API server warns "secrets-store.csi.x-k8s.io/v1alpha1 is deprecated. Use secrets-store.csi.x-k8s.io/v1 instead." Change it to ${q('secrets-store.csi.x-k8s.io/v1')}.`,
      fixes: [
        {
          title: 'Use secrets-store.csi.x-k8s.io/v1',
          edits: [{ span: v.span, newText: 'secrets-store.csi.x-k8s.io/v1' }],
          safeForFixAll: true,
        },
      ],
    });
  },
};
