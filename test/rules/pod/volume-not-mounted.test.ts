// volume-not-mounted: kubelet sets up only volumes some container or initContainer mounts ("Skipping
// unused volume"); an unmounted Secrets Store volume is never published and its class's secretObjects
// are not synced by this pod. A warning on the volume's name.
import { volumeNotMounted } from '../../../server/src/core/rules/pod/volume-not-mounted';
import { docs, pod, ruleTester, secretProviderClass, statefulSet } from '../../support';

const message = (volume: string, cls?: string) =>
  `No container or initContainer mounts volume \`${volume}\`: kubelet skips unused volumes, so the secrets are never fetched or mounted${cls ? ` and the secretObjects of class \`${cls}\` are not synced by this pod` : ''}. Add a \`volumeMounts\` entry \`- name: ${volume}\` with a \`mountPath\` to the container that needs them.`;

ruleTester.run(volumeNotMounted, {
  valid: [
    docs(secretProviderClass(), pod()),
    // an init container counts
    docs(
      secretProviderClass(),
      statefulSet({ containers: [{ mounts: [] }], initContainers: [{ name: 'init' }] }),
    ),
  ],
  invalid: [
    {
      manifest: docs(
        secretProviderClass(),
        pod({ containers: [{ mounts: [] }], volumes: [{ name: '⟦secrets-store-inline⟧' }] }),
      ),
      message: message('secrets-store-inline', 'app-secrets'),
    },
    {
      name: 'the second of two volumes, in a StatefulSet',
      manifest: docs(
        secretProviderClass(),
        statefulSet({ volumes: [{}, { name: '⟦extra⟧', className: 'other' }] }),
        secretProviderClass({ name: 'other' }),
      ),
      message: message('extra', 'other'),
    },
    {
      name: 'a volume without a class: no secretObjects to mention',
      manifest: docs(
        pod({ containers: [{ mounts: [] }], volumes: [{ name: '⟦secrets⟧', className: '""' }] }),
      ),
      message: message('secrets'),
    },
  ],
});
