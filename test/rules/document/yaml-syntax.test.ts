// yaml-syntax: kubectl cannot parse a document that is not YAML (sigs.k8s.io/yaml yaml.go:72-75), so
// nothing is applied. Only documents that hold a SecretProviderClass or a CSI volume are reported (and
// not Helm templates, nor another provider's class). Reported at the offending character.
import { yamlSyntax } from '../../../server/src/core/rules/document/yaml-syntax';
import { docs, pod, ruleTester, secretProviderClass } from '../../support';

const message = (reason: string) =>
  `YAML syntax error: ${reason}. kubectl cannot parse this document (\`error converting YAML to JSON: yaml: ...\`).`;

ruleTester.run(yamlSyntax, {
  valid: [
    docs(secretProviderClass(), pod()),
    // not ours: a document that mentions neither a SecretProviderClass nor a CSI volume
    docs(secretProviderClass(), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "x\ndata: {}\n'),
    // another provider's class is not ours to judge, not even its YAML
    secretProviderClass({ provider: 'azure' }).replace('name: app-secrets', 'name: app: secrets'),
    // a colon inside a quoted value
    secretProviderClass({ namespace: '"team: payments"' }).replace(
      'namespace: "team: payments"',
      'namespace: payments',
    ),
  ],
  invalid: [
    {
      name: 'a mapping value inside a plain value',
      manifest: secretProviderClass().replace('name: app-secrets', 'name: ⟦a⟧pp: secrets'),
      message: message('Nested mappings are not allowed in compact mappings'),
    },
    {
      name: 'a reserved character in a pod',
      manifest: pod().replace('image: nginx', 'image: ⟦@⟧nginx'),
      message: message('Plain value cannot start with reserved character @'),
    },
    {
      name: 'an unclosed flow mapping: where the parser notices',
      manifest: secretProviderClass().replace(
        'name: app-secrets\nspec:',
        'name: app-secrets\n  labels: {app: web\n⟦s⟧pec:',
      ),
      message: message('Flow map in block collection must be sufficiently indented and end with a }'),
    },
    {
      name: 'an unclosed quote: at the end of its document',
      manifest: `${pod().replace('image: nginx', 'image: "nginx')}⟦⟧---\n${secretProviderClass()}`,
      message: message('Missing closing "quote'),
    },
  ],
});
