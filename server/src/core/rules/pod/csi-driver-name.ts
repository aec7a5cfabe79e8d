import type { Rule } from '../rule';
import { q } from '../rule';
import { isSecretsStoreDriver } from '../../parse';
import {
  CSI_DRIVER_NAME,
  insertIntoMap,
  objectRef,
  podSpecPath,
  replaceValue,
  scalarText,
  templated,
  volumeIndex,
} from './util';

const SPC_GROUP = 'secrets-store.csi.x-k8s.io';

export const csiDriverName: Rule = {
  meta: {
    code: 'csi-driver-name',
    severity: 'error',
    title: 'The CSI volume must use driver `secrets-store.csi.k8s.io`',
    ascp: 'The Secrets Store CSI driver registers itself with kubelet as `secrets-store.csi.k8s.io` (its CSIDriver object has that name). kubelet looks the inline volume\'s `driver` up among the drivers registered on the node, by exact, case-sensitive name; any other name fails every mount with `MountVolume.SetUp failed for volume "<volume>" : kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name <driver> not found in the list of registered CSI drivers`, and the pod stays in ContainerCreating. `secrets-store.csi.x-k8s.io` is the API group of the SecretProviderClass, not the driver. Without a `driver` at all the API server rejects the workload: `spec.volumes[0].csi.driver: Required value`.',
    predicts:
      'kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name <driver> not found in the list of registered CSI drivers',
    fix: "Set `driver: secrets-store.csi.k8s.io` under the volume's `csi:`.",
    source:
      'driver: deploy/csidriver.yaml:4, cmd/secrets-store-csi-driver/main.go:52; kubernetes: pkg/volume/csi/csi_mounter.go SetUpAt ("mounter.SetUpAt failed to get CSI client: %v"), csi_client.go newCsiDriverClient ("driver name %s not found in the list of registered CSI drivers")',
    examples: {
      trigger: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: secrets-store-inline
          mountPath: /mnt/secrets-store
          readOnly: true
  volumes:
    - name: secrets-store-inline
      csi:
        driver: secrets-store.csi.x-k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`,
      nearMiss: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: secrets-store-inline
          mountPath: /mnt/secrets-store
          readOnly: true
  volumes:
    - name: secrets-store-inline
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`,
    },
  },
  checkWorkload(ctx) {
    const { doc, workload: w } = ctx;
    for (const vol of w.volumes) {
      const d = vol.driver;
      const volName = vol.name?.value ?? '';
      if (d && (templated(doc, d.span) || d.kind === 'map' || d.kind === 'seq')) continue;
      if (!d || d.value === '') {
        const i = volumeIndex(doc, w, vol);
        const path = `${podSpecPath(w)}.volumes[${i ?? 0}].csi.driver`;
        const edit = d
          ? replaceValue(doc, d, CSI_DRIVER_NAME)
          : insertIntoMap(doc, vol.csiKey.node, `driver: ${CSI_DRIVER_NAME}`);
        ctx.report({
          span: d ? d.span : vol.csiKey.keySpan,
          message: `The CSI volume ${q(volName)} has no ${q('driver')}: the API server rejects the workload (\`${objectRef(w)} is invalid: ${path}: Required value\`). Add ${q('driver: ' + CSI_DRIVER_NAME)}.`,
          fixes: edit
            ? [{ title: `Set driver: ${CSI_DRIVER_NAME}`, edits: [edit], safeForFixAll: true }]
            : [],
        });
        continue;
      }
      if (d.value === CSI_DRIVER_NAME) continue;
      const value = d.value;
      const ours = isSecretsStoreDriver(value, false);
      if (!ours) {
        ctx.report({
          span: d.span,
          severity: 'warning',
          message: `Volume ${q(volName)} uses driver ${q(value)} but sets ${q('volumeAttributes.secretProviderClass')}, which only the Secrets Store CSI driver reads: the class is never mounted by this volume. To mount it with ASCP, use driver ${q(CSI_DRIVER_NAME)}.`,
          fixes: [
            {
              title: `Use ${CSI_DRIVER_NAME}`,
              edits: [{ span: d.span, newText: scalarText(doc, d, CSI_DRIVER_NAME) }],
            },
          ],
        });
        continue;
      }
      let why: string;
      if (value.trim() === CSI_DRIVER_NAME)
        why = 'The name has surrounding whitespace, so it matches no registered driver.';
      else if (value.toLowerCase() === CSI_DRIVER_NAME) why = 'Driver names are case-sensitive.';
      else if (value.startsWith(SPC_GROUP))
        why = `${q(SPC_GROUP)} is the API group of SecretProviderClass, not the CSI driver name.`;
      else why = `It looks like a misspelling of ${q(CSI_DRIVER_NAME)}.`;
      ctx.report({
        span: d.span,
        message: `kubelet cannot mount volume ${q(volName)}: \`kubernetes.io/csi: mounter.SetUpAt failed to get CSI client: driver name ${value} not found in the list of registered CSI drivers\`, and the pod stays in ContainerCreating. ${why} Use ${q(CSI_DRIVER_NAME)}.`,
        fixes: [
          {
            title: `Use ${CSI_DRIVER_NAME}`,
            edits: [{ span: d.span, newText: scalarText(doc, d, CSI_DRIVER_NAME) }],
            safeForFixAll: true,
          },
        ],
      });
    }
  },
};
