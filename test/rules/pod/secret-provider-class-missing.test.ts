// secret-provider-class-missing: the driver reads the class name from volumeAttributes.secretProviderClass;
// missing or empty, every mount fails with `secretProviderClass is not set` (driver nodeserver.go:123,
// 180-182). Reported on a misspelt key (with a rename), on volumeAttributes, on csi, or on the empty value.
import { secretProviderClassMissing } from '../../../server/src/core/rules/pod/secret-provider-class-missing';
import { docs, job, pod, ruleTester, secretProviderClass, type CsiVolumeOptions } from '../../support';

const withVolume = (v: CsiVolumeOptions, build = pod) => docs(secretProviderClass(), build({ volumes: [v] }));
const notSet = (extra = '') =>
  `The CSI volume \`secrets-store-inline\` names no SecretProviderClass${extra}: the driver fails every mount with \`secretProviderClass is not set\`. Add \`secretProviderClass: <class name>\` under \`volumeAttributes:\`.`;

ruleTester.run(secretProviderClassMissing, {
  valid: [
    withVolume({}),
    withVolume({ attributes: { usePodIdentity: '"true"' } }),
    withVolume({ attributesValue: '{secretProviderClass: app-secrets}' }),
  ],
  invalid: [
    {
      name: 'a misspelt key: renamed',
      manifest: withVolume({ className: null, attributes: { '⟦secretProviderClas⟧': 'app-secrets' } }),
      message: notSet(' (`secretProviderClas` is not `secretProviderClass`)'),
      fixes: [{ title: 'Rename to secretProviderClass', output: withVolume({}), safeForFixAll: true }],
    },
    {
      name: 'another spelling of it',
      manifest: withVolume(
        { className: null, attributes: { '⟦secret-provider-class⟧': 'app-secrets' } },
        job,
      ),
      message: notSet(' (`secret-provider-class` is not `secretProviderClass`)'),
      fixes: [{ title: 'Rename to secretProviderClass', output: withVolume({}, job) }],
    },
    {
      name: 'other attributes only: on volumeAttributes',
      manifest: withVolume({ className: null, attributes: { usePodIdentity: '"true"' } }).replace(
        'volumeAttributes:',
        '⟦volumeAttributes⟧:',
      ),
      message: notSet(),
    },
    {
      name: 'no volumeAttributes: on csi',
      manifest: withVolume({ className: null }).replace('csi:', '⟦csi⟧:'),
      message: notSet(),
    },
    {
      name: 'an empty value',
      manifest: withVolume({ className: '⟦""⟧' }),
      message:
        '`secretProviderClass` is empty: the driver fails every mount of volume `secrets-store-inline` with `secretProviderClass is not set`. Set it to the name of the SecretProviderClass to mount.',
    },
  ],
});
