// csi-driver-name: kubelet looks the inline volume's driver up among the CSI drivers registered on the node,
// by exact name; the Secrets Store CSI driver is `secrets-store.csi.k8s.io` (driver deploy/csidriver.yaml:4).
// Reported on the driver value (or on `csi:` when absent), fixed to the right name.
import { csiDriverName } from '../../../server/src/core/rules/pod/csi-driver-name';
import { deployment, docs, pod, ruleTester, secretProviderClass } from '../../support';

const withDriver = (driver: string | null) => docs(secretProviderClass(), pod({ volumes: [{ driver }] }));
const good = withDriver('secrets-store.csi.k8s.io');
const unmountable = (value: string, why: string) =>
  `kubelet cannot mount volume \`secrets-store-inline\`: \`kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name ${value} not found in the list of registered CSI drivers\`, and the pod stays in ContainerCreating. ${why} Use \`secrets-store.csi.k8s.io\`.`;
const use = (output = good) => [{ title: 'Use secrets-store.csi.k8s.io', output, safeForFixAll: true }];

ruleTester.run(csiDriverName, {
  valid: [
    good,
    withDriver('"secrets-store.csi.k8s.io"'),
    docs(secretProviderClass(), deployment()),
    // another CSI driver without a secretProviderClass is not ours
    docs(
      secretProviderClass(),
      pod({
        containers: [{ mounts: [{}, { name: 'data', mountPath: '/data' }] }],
        volumes: [{}, '- name: data\n  csi:\n    driver: ebs.csi.aws.com'],
      }),
    ),
  ],
  invalid: [
    {
      name: 'the API group instead of the driver',
      manifest: withDriver('⟦secrets-store.csi.x-k8s.io⟧'),
      message: unmountable(
        'secrets-store.csi.x-k8s.io',
        '`secrets-store.csi.x-k8s.io` is the API group of SecretProviderClass, not the CSI driver name.',
      ),
      fixes: use(),
    },
    {
      name: 'driver names are case-sensitive; the quotes stay',
      manifest: withDriver('⟦"Secrets-Store.csi.k8s.io"⟧'),
      message: unmountable('Secrets-Store.csi.k8s.io', 'Driver names are case-sensitive.'),
      fixes: use(withDriver('"secrets-store.csi.k8s.io"')),
    },
    {
      name: 'surrounding whitespace',
      manifest: withDriver('⟦" secrets-store.csi.k8s.io"⟧'),
      message: unmountable(
        ' secrets-store.csi.k8s.io',
        'The name has surrounding whitespace, so it matches no registered driver.',
      ),
      fixes: use(withDriver('"secrets-store.csi.k8s.io"')),
    },
    {
      name: 'a misspelling',
      manifest: withDriver('⟦secret-store.csi.k8s.io⟧'),
      message: unmountable(
        'secret-store.csi.k8s.io',
        'It looks like a misspelling of `secrets-store.csi.k8s.io`.',
      ),
      fixes: use(),
    },
    {
      name: 'another driver with a secretProviderClass: a warning',
      manifest: withDriver('⟦ebs.csi.aws.com⟧'),
      message:
        'Volume `secrets-store-inline` uses driver `ebs.csi.aws.com` but sets `volumeAttributes.secretProviderClass`, which only the Secrets Store CSI driver reads: the class is never mounted by this volume. To mount it with ASCP, use driver `secrets-store.csi.k8s.io`.',
      severity: 'warning',
      fixes: [{ title: 'Use secrets-store.csi.k8s.io', output: good, safeForFixAll: false }],
    },
    {
      name: 'no driver: the API server rejects the workload; on csi',
      manifest: docs(secretProviderClass(), deployment({ volumes: [{ driver: null }] })).replace(
        'csi:',
        '⟦csi⟧:',
      ),
      message:
        'The CSI volume `secrets-store-inline` has no `driver`: the API server rejects the workload (`Deployment.apps "web" is invalid: spec.template.spec.volumes[0].csi.driver: Required value`). Add `driver: secrets-store.csi.k8s.io`.',
      fixes: [
        {
          title: 'Set driver: secrets-store.csi.k8s.io',
          // inserted before the first key of csi, with its indentation
          output: docs(secretProviderClass(), deployment()),
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'an empty driver',
      manifest: withDriver('⟦""⟧'),
      message:
        /^The CSI volume `secrets-store-inline` has no `driver`: the API server rejects the workload \(`Pod "web" is invalid: spec\.volumes\[0\]\.csi\.driver: Required value`\)/,
      fixes: [{ title: 'Set driver: secrets-store.csi.k8s.io', output: good }],
    },
  ],
});
