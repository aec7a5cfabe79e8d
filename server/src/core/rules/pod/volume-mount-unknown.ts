import type { Rule } from '../rule';
import { q } from '../rule';
import { allVolumeNames, containerPath, didYouMean, objectRef, scalarText, templated } from './util';

export const volumeMountUnknown: Rule = {
  meta: {
    code: 'volume-mount-unknown',
    severity: 'error',
    title: 'A volumeMount names a volume the pod does not have',
    ascp: 'Every `volumeMounts[].name` must be the name of a volume in the same pod spec; otherwise the API server rejects the workload: `Pod "web" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "secret-store-inline"`. A typo here also leaves the real secrets volume unmounted.',
    predicts:
      '<kind> "<name>" is invalid: <containers path>[<i>].volumeMounts[<j>].name: Not found: "<volume>"',
    fix: "Use the volume's exact name (names are case-sensitive), or add the volume under `volumes:`.",
    source:
      'kubernetes: pkg/apis/core/validation/validation.go validateVolumeMounts (field.NotFound on volumeMounts[].name)',
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
        - name: secret-store-inline
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
    if (doc.templated) return;
    const names = allVolumeNames(doc, w);
    if (!names) return;
    for (const c of w.containers) {
      c.mounts.forEach((m, i) => {
        const n = m.name;
        if (!n || n.kind !== 'string' || n.value === '' || names.has(n.value) || templated(doc, n.span))
          return;
        const suggestion = didYouMean(n.value, names);
        const path = `${containerPath(w, c)}.volumeMounts[${i}].name`;
        ctx.report({
          span: n.span,
          message: `Container ${q(c.name)} mounts volume ${q(n.value)}, which this pod does not define: the API server rejects the workload (\`${objectRef(w)} is invalid: ${path}: Not found: "${n.value}"\`).${suggestion ? ` Did you mean ${q(suggestion)}?` : ` Volumes: ${[...names].map(q).join(', ') || 'none'}.`}`,
          fixes: suggestion
            ? [
                {
                  title: `Use volume ${suggestion}`,
                  edits: [{ span: n.span, newText: scalarText(doc, n, suggestion) }],
                },
              ]
            : [],
        });
      });
    }
  },
};
