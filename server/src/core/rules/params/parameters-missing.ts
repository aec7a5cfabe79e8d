import { isMap } from 'yaml';
import type { Rule } from '../rule';
import { q } from '../rule';

export const parametersMissing: Rule = {
  meta: {
    code: 'parameters-missing',
    severity: 'error',
    title: 'spec.parameters is missing or empty',
    ascp: 'The driver refuses a class without parameters: every mount fails with `parameters not set in <namespace>/<name>`.',
    predicts: 'parameters not set in <namespace>/<name>',
    fix: 'Add `spec.parameters.objects` listing the secrets and parameters to mount.',
    source: 'driver: pkg/secrets-store/utils.go:173-178',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: empty
spec:
  provider: aws
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: empty
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
    const key = ctx.cls.parametersKey;
    if (key && isMap(key.node) && ctx.cls.params.size > 0) return;
    ctx.report({
      span: key ? key.keySpan : ctx.cls.specSpan,
      message: `${q('spec.parameters')} is ${key ? 'empty' : 'missing'}: every mount fails with \`parameters not set in ${ctx.cls.namespace ?? '<namespace>'}/${ctx.cls.name ?? '<name>'}\`. Add ${q('parameters.objects')}.`,
    });
  },
};
