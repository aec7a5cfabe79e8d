import type { Rule } from '../rule';

export const yamlSyntax: Rule = {
  meta: {
    code: 'yaml-syntax',
    severity: 'error',
    title: 'The manifest is not valid YAML',
    ascp: 'kubectl cannot parse the document, so nothing is applied (`error converting YAML to JSON: yaml: line N: ...`). Only documents that hold a SecretProviderClass or a CSI volume are reported, and Helm templates are not.',
    predicts: 'error converting YAML to JSON: yaml: <reason>',
    fix: 'Fix the YAML at the position shown (indent with spaces, close quotes and brackets, quote values containing `: `).',
    source: 'kubectl decodes manifests with sigs.k8s.io/yaml v1.6.0: yaml.go:72-75',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: "broken
spec:
  provider: aws
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: "fixed"
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
    },
  },
  checkDocument(ctx) {
    for (const e of ctx.doc.syntaxErrors) {
      ctx.report({
        span: e.span,
        message: `YAML syntax error: ${e.message}. kubectl cannot parse this document (\`error converting YAML to JSON: yaml: ...\`).`,
      });
    }
  },
};
