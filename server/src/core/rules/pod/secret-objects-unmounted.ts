import { sameNamespace } from '../../workspace';
import type { Rule } from '../rule';
import { q } from '../rule';
import { isMounted, namespaceTemplated, templated, workloadsNamingClass } from './util';

export const secretObjectsUnmounted: Rule = {
  meta: {
    code: 'secret-objects-unmounted',
    severity: 'information',
    title: 'No workload mounts this class, so its `secretObjects` are never synced',
    ascp: 'The driver creates the Kubernetes Secrets listed in `secretObjects` only after a pod has successfully mounted the class (the sync runs from the SecretProviderClassPodStatus written at mount time), and deletes them again when no pod mounts it any more. Applying the class alone creates nothing: a Deployment that only reads the Secret through `envFrom`/`secretKeyRef` waits forever with `secret "<name>" not found`. kubelet also skips volumes that no container mounts, so the volume must appear in some container\'s `volumeMounts`.',
    predicts:
      '(no error) applying the class creates no Secret; until a pod mounts it, its readers fail with secret "<name>" not found',
    fix: 'Mount the class in the workload that uses the Secret: a `csi` volume with `driver: secrets-store.csi.k8s.io`, `readOnly: true`, `volumeAttributes.secretProviderClass: <this class>`, plus a `volumeMounts` entry in one of its containers. (The driver must also be installed with `syncSecret.enabled=true`.)',
    source:
      'driver: pkg/secrets-store/nodeserver.go:254-266; controllers/secretproviderclasspodstatus_controller.go:220-359; docs/book/src/topics/sync-as-kubernetes-secret.md:69-72',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: db-sync
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/prod/db/password"
        objectType: "ssmparameter"
        objectAlias: "db-password"
  secretObjects:
    - secretName: db-credentials
      type: Opaque
      data:
        - objectName: db-password
          key: password
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      envFrom:
        - secretRef:
            name: db-credentials
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: db-sync
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/prod/db/password"
        objectType: "ssmparameter"
        objectAlias: "db-password"
  secretObjects:
    - secretName: db-credentials
      type: Opaque
      data:
        - objectName: db-password
          key: password
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      envFrom:
        - secretRef:
            name: db-credentials
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
          secretProviderClass: db-sync
`,
    },
  },
  checkLink(ctx) {
    const cls = ctx.cls;
    if (!cls || cls.secretObjects.length === 0 || !cls.secretObjectsKey || cls.name === undefined) return;
    const name = cls.name;
    if (templated(ctx.doc, cls.nameSpan)) return;
    let referencedOnly = false;
    // Only workloads with a volume naming this class (or a templated class) can change the outcome.
    for (const ref of workloadsNamingClass(ctx.workspace, name)) {
      const w = ref.workload;
      const nsUnknown = namespaceTemplated(ref.doc) || namespaceTemplated(ctx.doc);
      if (!nsUnknown && !sameNamespace(w.namespace, cls.namespace)) continue;
      for (const vol of w.volumes) {
        const spc = vol.secretProviderClass;
        if (spc && templated(ref.doc, spc.span)) return; // could be this class
        if (spc?.value !== name) continue;
        if (vol.name && (isMounted(w, vol.name.value) || ref.doc.templated)) return; // templated mounts: unknowable
        referencedOnly = true;
      }
    }
    const secrets = cls.secretObjects.map((s) => s.secretName?.value.trim() ?? '').filter((s) => s !== '');
    ctx.report({
      span: cls.secretObjectsKey.keySpan,
      message: `${referencedOnly ? `Class ${q(name)} is named by a volume that no container mounts` : `No workload in the analysed files mounts class ${q(name)}`}: the driver creates ${secrets.length > 0 ? secrets.map(q).join(', ') : 'these Secrets'} only after a pod mounts the class (and deletes ${secrets.length === 1 ? 'it' : 'them'} when no pod does), so applying the class alone creates nothing.`,
    });
  },
};
