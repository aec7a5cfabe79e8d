import type { Rule } from '../rule';
import { q } from '../rule';
import { isMounted } from './util';

export const volumeNotMounted: Rule = {
  meta: {
    code: 'volume-not-mounted',
    severity: 'warning',
    title: 'No container mounts the secrets volume',
    ascp: 'kubelet only sets up volumes that some container or initContainer mounts (it logs `Skipping unused volume` for the others). An unmounted Secrets Store volume is therefore never published: ASCP fetches nothing, no container sees the secrets, and the class\'s `secretObjects` are never synced to a Kubernetes Secret (the sync only runs after a mount), so an `envFrom`/`secretKeyRef` on that Secret fails with `secret "<name>" not found`.',
    predicts:
      '(no error) kubelet skips the unused volume: nothing is fetched or mounted, and secretObjects are not synced',
    fix: "Add a `volumeMounts` entry with the volume's name (and a `mountPath`, e.g. `/mnt/secrets-store`, `readOnly: true`) to the container that needs the secrets.",
    source:
      'kubernetes: pkg/kubelet/volumemanager/populator/desired_state_of_world_populator.go processPodVolumes ("Skipping unused volume"); driver: pkg/secrets-store/nodeserver.go:254-266',
    examples: {
      trigger: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
  volumes:
    - name: secrets-store-inline
      csi:
        driver: secrets-store.csi.k8s.io
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
    if (doc.templated || w.containers.length === 0) return;
    for (const vol of w.volumes) {
      const name = vol.name;
      if (!name || name.value === '' || isMounted(w, name.value)) continue;
      ctx.report({
        span: name.span,
        message: `No container or initContainer mounts volume ${q(name.value)}: kubelet skips unused volumes, so the secrets are never fetched or mounted${vol.secretProviderClass?.value ? ` and the secretObjects of class ${q(vol.secretProviderClass.value)} are not synced by this pod` : ''}. Add a ${q('volumeMounts')} entry ${q(`- name: ${name.value}`)} with a ${q('mountPath')} to the container that needs them.`,
      });
    }
  },
};
