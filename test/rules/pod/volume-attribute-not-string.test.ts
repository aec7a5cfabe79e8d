// volume-attribute-not-string: csi.volumeAttributes is a map[string]string and kubectl reads YAML 1.1, so an
// unquoted true, yes or 0 is rejected by the API server (k8s.io/api CSIVolumeSource). The driver copies
// volume attributes over the class parameters, so pods do set usePodIdentity or pathTranslation here.
// Reported on the value; the fix quotes what kubectl meant.
import { volumeAttributeNotString } from '../../../server/src/core/rules/pod/volume-attribute-not-string';
import { daemonSet, docs, pod, ruleTester, secretProviderClass, type CsiVolumeOptions } from '../../support';

const withVolume = (v: CsiVolumeOptions, build = pod) => docs(secretProviderClass(), build({ volumes: [v] }));
const rejects = (kind: string, type: string, podSpec = 'spec', workload = 'Pod', version = 'v1') =>
  `the API server rejects the workload (\`${workload} in version "${version}" cannot be handled as a ${workload}: json: cannot unmarshal ${kind} into Go struct field CSIVolumeSource.${podSpec}.volumes.csi.volumeAttributes of type ${type}\`)`;

ruleTester.run(volumeAttributeNotString, {
  valid: [
    withVolume({ attributes: { usePodIdentity: '"true"' } }),
    withVolume({ attributes: { pathTranslation: "'False'", region: 'eu-west-1' } }),
    // an empty value is an empty string
    withVolume({ attributes: { region: '' } }),
  ],
  invalid: [
    {
      manifest: withVolume({ attributes: { usePodIdentity: '⟦true⟧' } }),
      message: `\`usePodIdentity\` must be a string, but unquoted \`true\` is a YAML boolean: ${rejects('bool', 'string')}. Quote it: \`usePodIdentity: "true"\`.`,
      fixes: [
        {
          title: 'Use "true"',
          output: withVolume({ attributes: { usePodIdentity: '"true"' } }),
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'yes is what kubectl reads as true: the fix writes "true"',
      manifest: withVolume({ attributes: { usePodIdentity: '⟦yes⟧' } }, daemonSet),
      message: `\`usePodIdentity\` must be a string, but unquoted \`yes\` is a YAML boolean: ${rejects('bool', 'string', 'spec.template.spec', 'DaemonSet')}. Quote it: \`usePodIdentity: "true"\`.`,
      fixes: [
        { title: 'Use "true"', output: withVolume({ attributes: { usePodIdentity: '"true"' } }, daemonSet) },
      ],
    },
    {
      name: 'False keeps its spelling (ParseBool and pathTranslation both read it)',
      manifest: withVolume({ attributes: { pathTranslation: '⟦False⟧' } }),
      message: `\`pathTranslation\` must be a string, but unquoted \`False\` is a YAML boolean: ${rejects('bool', 'string')}. Quote it: \`pathTranslation: "False"\`.`,
      fixes: [{ title: 'Use "False"', output: withVolume({ attributes: { pathTranslation: '"False"' } }) }],
    },
    {
      name: 'a number',
      manifest: withVolume({ attributes: { pathTranslation: '⟦0⟧' } }),
      message: `\`pathTranslation\` must be a string, but unquoted \`0\` is a YAML number: ${rejects('number', 'string')}. Quote it: \`pathTranslation: "0"\`.`,
      fixes: [{ title: 'Use "0"', output: withVolume({ attributes: { pathTranslation: '"0"' } }) }],
    },
    {
      name: 'volumeAttributes as a list',
      manifest: withVolume({ className: null, attributesValue: '⟦[secretProviderClass, app-secrets]⟧' }),
      message: `\`volumeAttributes\` must be a mapping of strings, but it is a list: ${rejects('array', 'map[string]string')}.`,
    },
  ],
});
