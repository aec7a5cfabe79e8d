// parameter-not-string: spec.parameters is a map of strings, and kubectl reads YAML 1.1: an unquoted
// true, False, yes, 0 or 2 is a boolean or a number, and the API server rejects the class (driver
// apis/v1/secretproviderclass_types.go:54). Reported on the value; the fix quotes what was written.
import { parameterNotString } from '../../../server/src/core/rules/params/parameter-not-string';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (params: Record<string, string>) => secretProviderClass({ params });
const rejects = (key: string, type: string) =>
  `the API server rejects the class (\`spec.parameters.${key}: Invalid value: "${type}": spec.parameters.${key} in body must be of type string: "${type}"\`)`;

ruleTester.run(parameterNotString, {
  valid: [
    cls({ usePodIdentity: '"true"' }),
    secretProviderClass({
      objects: '- objectName: "token"\n  objectType: "ssmparameter"',
      params: { pathTranslation: "'False'", failoverRegion: '"us-west-2"' },
    }),
    // a plain scalar that YAML 1.1 reads as a string
    cls({ failoverRegion: 'us-west-2' }),
  ],
  invalid: [
    {
      manifest: cls({ usePodIdentity: '⟦true⟧' }),
      message: `\`usePodIdentity\` must be a string, but unquoted \`true\` is a YAML boolean: ${rejects('usePodIdentity', 'boolean')}. Quote it: \`usePodIdentity: "true"\`.`,
      fixes: [{ title: 'Quote true', output: cls({ usePodIdentity: '"true"' }), safeForFixAll: true }],
    },
    {
      name: 'False turns translation off only as a string',
      manifest: cls({ pathTranslation: '⟦False⟧' }),
      message: `\`pathTranslation\` must be a string, but unquoted \`False\` is a YAML boolean: ${rejects('pathTranslation', 'boolean')}. Quote it: \`pathTranslation: "False"\`.`,
      fixes: [{ title: 'Quote False', output: cls({ pathTranslation: '"False"' }) }],
    },
    {
      name: 'YAML 1.1 reads yes as a boolean; quoted, it is a string ASCP then rejects',
      manifest: cls({ usePodIdentity: '⟦yes⟧' }),
      message: `\`usePodIdentity\` must be a string, but unquoted \`yes\` is a YAML boolean: ${rejects('usePodIdentity', 'boolean')}. Quote it: \`usePodIdentity: "yes"\`.`,
      fixes: [{ title: 'Quote yes', output: cls({ usePodIdentity: '"yes"' }) }],
      allowAfterFix: ['use-pod-identity-invalid'],
    },
    {
      name: 'an integer',
      manifest: cls({ usePodIdentity: '⟦1⟧' }),
      message: `\`usePodIdentity\` must be a string, but unquoted \`1\` is a YAML integer: ${rejects('usePodIdentity', 'integer')}. Quote it: \`usePodIdentity: "1"\`.`,
      fixes: [{ title: 'Quote 1', output: cls({ usePodIdentity: '"1"' }) }],
    },
    {
      name: 'a mapping: no fix',
      manifest: cls({ failoverRegion: '⟦{primary: us-west-2}⟧' }),
      message: `\`failoverRegion\` must be a string, but the value is a YAML mapping: ${rejects('failoverRegion', 'object')}.`,
    },
  ],
});
