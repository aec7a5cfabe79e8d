// objects-shape: ASCP decodes `objects` into []*SecretDescriptor with encoding/json; a mapping where the
// list belongs (the Azure provider's `array:`), a string where an entry belongs, or a list where a string
// belongs fails every mount with `json: cannot unmarshal <kind> into Go ... of type ...`
// (provider/secret_descriptor.go:26-88,386-391). Reported on the value of the wrong shape.
import { objectsShape } from '../../../server/src/core/rules/objects/objects-shape';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const ascp = (what: string) =>
  `ASCP fails the mount with \`Failed to load SecretProviderClass: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what}\`.`;
const ENTRY = '- objectName: "test/secret"\n  objectType: "secretsmanager"';

ruleTester.run(objectsShape, {
  valid: [
    cls(ENTRY),
    cls(`${ENTRY}\n  jmesPath:\n    - path: username\n      objectAlias: user`),
    // JSON is YAML: a JSON list of entries is fine
    cls('[{"objectName": "test/secret", "objectType": "secretsmanager"}]'),
    secretProviderClass({
      objects: `${ENTRY}\n  objectAlias: secret\n  failoverObject: {objectName: "test/secret-replica"}`,
      params: { failoverRegion: 'us-west-2' },
    }),
  ],
  invalid: [
    {
      name: "the Azure provider's `array:` mapping",
      manifest: cls('⟦array:\n  - |\n    objectName: "/test/parameter"\n    objectType: "ssmparameter"\n⟧'),
      message: `Objects must be a YAML list of entries (\`- objectName: ...\`), not a mapping: ${ascp('object into Go value of type []*provider.SecretDescriptor')}`,
    },
    {
      name: 'a string item (a Helm template that rendered text)',
      manifest: cls('- ⟦"/test/parameter"⟧'),
      message: `Each entry of objects must be a mapping (\`objectName: ...\`), not a string: ${ascp('string into Go value of type provider.SecretDescriptor')}`,
    },
    {
      name: 'jmesPath as a mapping',
      manifest: cls(`${ENTRY}\n  jmesPath:\n    ⟦path: username\n    objectAlias: user\n⟧`),
      message: `\`jmesPath\` must be a list of \`- path: ...\` / \`objectAlias: ...\` entries: ${ascp('object into Go struct field SecretDescriptor.jmesPath of type []provider.JMESPathEntry')}`,
    },
    {
      name: 'a jmesPath item that is a string',
      manifest: cls(`${ENTRY}\n  jmesPath:\n    - ⟦"username"⟧`),
      message: `Each \`jmesPath\` entry must be a mapping with \`path\` and \`objectAlias\`: ${ascp('string into Go struct field SecretDescriptor.jmesPath of type provider.JMESPathEntry')}`,
    },
    {
      name: 'failoverObject as a string',
      manifest: cls(`${ENTRY}\n  failoverObject: ⟦"test/secret-replica"⟧`),
      message: `\`failoverObject\` must be a mapping with \`objectName\` (and optionally \`objectVersion\` / \`objectVersionLabel\`): ${ascp('string into Go struct field SecretDescriptor.failoverObject of type provider.FailoverObjectEntry')}`,
    },
  ],
});
