import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const regionMissing: Rule = {
  meta: {
    code: 'region-missing',
    severity: 'hint',
    title: 'No `region`: ASCP falls back to the provider or node region',
    ascp: "Without `region`, ASCP uses the provider pod's AWS_REGION, else the `topology.kubernetes.io/region` label of the pod's node. Outside EKS (kind, minikube) neither exists and the mount fails with `failed to retrieve region from node. error Region not found`. ARN regions cannot be checked against it before mount time.",
    predicts:
      "(no error) ASCP takes the region from its AWS_REGION or the node's topology.kubernetes.io/region label; where neither exists the mount fails with failed to retrieve region from node. error Region not found",
    fix: 'Set `region: "<region>"` in `spec.parameters`.',
    source: 'server/server.go:271-281,343-371',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { region: 'us-east-1' }),
    },
  },
  checkClass(ctx) {
    if (ctx.region !== undefined || !ctx.cls.parametersKey) return;
    if (ctx.cls.params.get('region')?.value.kind === 'string') return;
    ctx.report({
      span: ctx.cls.parametersKey.keySpan,
      message: `No ${q('region')}: ASCP uses its own AWS_REGION or the node's ${q('topology.kubernetes.io/region')} label; outside EKS the mount fails with \`failed to retrieve region from node\`. Set ${q('region')} to be explicit.`,
    });
  },
};
