// volume-mount-unknown: every volumeMounts[].name must name a volume of the same pod spec, or the API
// server rejects the workload (`... volumeMounts[0].name: Not found: "<volume>"`, kubernetes
// validateVolumeMounts). Reported on the mount's name, with the closest volume as fix.
import { volumeMountUnknown } from '../../../server/src/core/rules/pod/volume-mount-unknown';
import { cronJob, docs, pod, ruleTester, secretProviderClass } from '../../support';

const EMPTY_DIR = '- name: cache\n  emptyDir: {}';
const rejects = (container: string, path: string, name: string, workload = 'Pod "web"') =>
  `Container \`${container}\` mounts volume \`${name}\`, which this pod does not define: the API server rejects the workload (\`${workload} is invalid: ${path}: Not found: "${name}"\`).`;

ruleTester.run(volumeMountUnknown, {
  valid: [
    docs(secretProviderClass(), pod()),
    docs(
      secretProviderClass(),
      pod({
        containers: [{ mounts: [{}, { name: 'cache', mountPath: '/cache' }] }],
        volumes: [{}, EMPTY_DIR],
      }),
    ),
  ],
  invalid: [
    {
      name: 'a typo: the closest volume as fix',
      manifest: docs(
        secretProviderClass(),
        pod({ containers: [{ mounts: [{ name: '⟦secret-store-inline⟧' }] }] }),
      ),
      message: `${rejects('app', 'spec.containers[0].volumeMounts[0].name', 'secret-store-inline')} Did you mean \`secrets-store-inline\`?`,
      fixes: [
        {
          title: 'Use volume secrets-store-inline',
          output: docs(secretProviderClass(), pod()),
          safeForFixAll: false,
        },
      ],
    },
    {
      name: 'nothing close: the volumes are listed',
      manifest: docs(
        secretProviderClass(),
        pod({
          containers: [{ mounts: [{}, { name: '⟦config⟧', mountPath: '/config' }] }],
          volumes: [{}, EMPTY_DIR],
        }),
      ),
      message: `${rejects('app', 'spec.containers[0].volumeMounts[1].name', 'config')} Volumes: \`secrets-store-inline\`, \`cache\`.`,
    },
    {
      name: 'an init container of a CronJob',
      manifest: docs(
        secretProviderClass(),
        cronJob({ initContainers: [{ name: 'init', mounts: [{ name: '⟦Secrets-Store-Inline⟧' }] }] }),
      ),
      message: `${rejects('init', 'spec.jobTemplate.spec.template.spec.initContainers[0].volumeMounts[0].name', 'Secrets-Store-Inline', 'CronJob.batch "web"')} Did you mean \`secrets-store-inline\`?`,
      fixes: [
        {
          title: 'Use volume secrets-store-inline',
          output: docs(secretProviderClass(), cronJob({ initContainers: [{ name: 'init', mounts: [{}] }] })),
        },
      ],
    },
  ],
});
