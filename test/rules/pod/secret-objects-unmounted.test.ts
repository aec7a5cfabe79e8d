// secret-objects-unmounted: the driver creates the Secrets of secretObjects only after a pod has mounted
// the class (driver nodeserver.go:254-266, secretproviderclasspodstatus_controller.go), so a class that no
// analysed workload mounts syncs nothing. Information on the `secretObjects` key.
import { secretObjectsUnmounted } from '../../../server/src/core/rules/pod/secret-objects-unmounted';
import { deployment, docs, pod, ruleTester, secretProviderClass } from '../../support';

const SYNCED = `- secretName: db-credentials
  type: Opaque
  data:
    - objectName: _test_parameter
      key: password`;
const cls = (namespace?: string) =>
  secretProviderClass({ secretObjects: SYNCED, ...(namespace ? { namespace } : {}) });
const marked = (text: string) => text.replace('secretObjects:', '⟦secretObjects⟧:');
const creates =
  'the driver creates `db-credentials` only after a pod mounts the class (and deletes it when no pod does), so applying the class alone creates nothing.';

ruleTester.run(secretObjectsUnmounted, {
  valid: [
    docs(cls(), deployment()),
    {
      name: 'mounted from another file',
      files: { 'class.yaml': cls('prod'), 'app.yaml': pod({ namespace: 'prod' }) },
    },
    // no secretObjects: nothing to sync
    secretProviderClass(),
  ],
  invalid: [
    {
      name: 'the class alone',
      manifest: marked(cls()),
      message: `No workload in the analysed files mounts class \`app-secrets\`: ${creates}`,
      severity: 'information',
    },
    {
      name: 'named by a volume that no container mounts',
      manifest: docs(marked(cls()), pod({ containers: [{ mounts: [] }] })),
      message: `Class \`app-secrets\` is named by a volume that no container mounts: ${creates}`,
    },
    {
      name: 'mounted only in another namespace',
      files: { 'class.yaml': marked(cls('prod')), 'app.yaml': pod({ namespace: 'staging' }) },
      message: `No workload in the analysed files mounts class \`app-secrets\`: ${creates}`,
    },
  ],
});
