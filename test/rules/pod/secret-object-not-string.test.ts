// secret-object-not-string: the CRD declares secretName, type, data[].objectName and data[].key as strings
// and data as a list; kubectl reads YAML 1.1, so an unquoted yes or 0123 makes the API server reject the
// whole class (driver CRD :51-86). Reported on the value; scalars are fixed by quoting what was written.
import { secretObjectNotString } from '../../../server/src/core/rules/pod/secret-object-not-string';
import { deployment, docs, ruleTester, secretProviderClass } from '../../support';

const OBJECTS =
  '- objectName: "/prod/feature/enabled"\n  objectType: "ssmparameter"\n  objectAlias: "enabled"';
const withSync = (secretObjects: string) =>
  docs(secretProviderClass({ objects: OBJECTS, secretObjects }), deployment());
const entry = (key: string, name = 'feature') =>
  `- secretName: ${name}\n  type: Opaque\n  data:\n    - objectName: enabled\n      key: ${key}`;
const rejects = (path: string, type: string, expected = 'string') =>
  `the API server rejects the class (\`${path}: Invalid value: "${type}": ${path} in body must be of type ${expected}: "${type}"\`)`;

ruleTester.run(secretObjectNotString, {
  valid: [withSync(entry('"yes"')), withSync(entry('enabled')), withSync(entry('"0123"', '"0123"'))],
  invalid: [
    {
      name: 'a YAML 1.1 boolean key',
      manifest: withSync(entry('⟦yes⟧')),
      message: `\`key\` must be a string, but unquoted \`yes\` is a YAML boolean: ${rejects('spec.secretObjects[0].data[0].key', 'boolean')}. Quote it: \`key: "yes"\`.`,
      fixes: [{ title: 'Quote yes', output: withSync(entry('"yes"')), safeForFixAll: true }],
    },
    {
      name: 'an integer secretName',
      manifest: withSync(entry('enabled', '⟦0123⟧')),
      message: `\`secretName\` must be a string, but unquoted \`0123\` is a YAML integer: ${rejects('spec.secretObjects[0].secretName', 'integer')}. Quote it: \`secretName: "0123"\`.`,
      fixes: [{ title: 'Quote 0123', output: withSync(entry('enabled', '"0123"')) }],
    },
    {
      name: 'data as a mapping: no fix',
      manifest: withSync(
        '- secretName: feature\n  type: Opaque\n  data: ⟦{objectName: enabled, key: enabled}⟧',
      ),
      message: `\`data\` must be a list, but the value is a YAML mapping: ${rejects('spec.secretObjects[0].data', 'object', 'array')}.`,
    },
  ],
});
