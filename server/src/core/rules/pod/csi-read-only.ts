import type { Rule } from '../rule';
import { q } from '../rule';
import { decodeError, goJsonKind, insertIntoMap, replaceValue, templated } from './util';

export const csiReadOnly: Rule = {
  meta: {
    code: 'csi-read-only',
    severity: 'error',
    title: 'The CSI volume must set `readOnly: true`',
    ascp: 'kubelet passes the inline volume\'s `csi.readOnly` to NodePublishVolume (absent or null = false), and the driver refuses anything but read-only: every mount fails with `rpc error: code = InvalidArgument desc = Readonly is not true in request` and the pod stays in ContainerCreating. The container\'s `volumeMounts[].readOnly` does not count. `readOnly` is a boolean in the Pod API: a quoted `"true"` (or a number) is not a boolean, so the API server rejects the workload before anything is mounted (`json: cannot unmarshal string into Go struct field CSIVolumeSource.spec.volumes.csi.readOnly of type bool`).',
    predicts: 'Readonly is not true in request',
    fix: "Add `readOnly: true` (an unquoted boolean) under the volume's `csi:`.",
    source:
      'driver: pkg/secrets-store/nodeserver.go:207-210; kubernetes: pkg/volume/csi/csi_plugin.go NewMounter (readOnly from volSrc.ReadOnly only when set)',
    examples: {
      trigger: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
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
            volumeAttributes:
              secretProviderClass: app-secrets
`,
      nearMiss: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
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
      const ro = vol.readOnly;
      const volName = q(vol.name?.value ?? '');
      const driverError = '`Readonly is not true in request`';
      if (!ro) {
        const edit = insertIntoMap(doc, vol.csiKey.node, 'readOnly: true', vol.driver);
        ctx.report({
          span: vol.csiKey.keySpan,
          message: `The CSI volume ${volName} does not set ${q('readOnly: true')}: kubelet requests a read-write mount and the driver fails every mount with ${driverError}. Add ${q('readOnly: true')} under ${q('csi:')}.`,
          fixes: edit ? [{ title: 'Add readOnly: true', edits: [edit], safeForFixAll: true }] : [],
        });
        continue;
      }
      if (templated(doc, ro.span)) continue;
      if (ro.kind === 'bool' && ro.value === 'true') continue;
      const fix = {
        title: 'Set readOnly: true',
        edits: [replaceValue(doc, ro, 'true')],
        safeForFixAll: true,
      };
      if (ro.kind === 'bool' || ro.kind === 'null') {
        ctx.report({
          span: ro.span,
          message: `${q('readOnly')} is ${ro.kind === 'null' ? 'empty (the same as absent, false)' : q(ro.plainSource ?? 'false')}: kubelet requests a read-write mount and the driver fails every mount with ${driverError}. Set ${q('readOnly: true')}.`,
          fixes: [fix],
        });
        continue;
      }
      const jsonKind = goJsonKind(ro.kind);
      const looksTrue = ro.value.trim().toLowerCase() === 'true';
      const what =
        ro.kind === 'string'
          ? `the quoted string ${q(JSON.stringify(ro.value))}`
          : ro.plainSource !== undefined
            ? `the ${jsonKind} ${q(ro.plainSource)}`
            : `a YAML ${ro.kind === 'map' ? 'mapping' : 'list'}`;
      ctx.report({
        span: ro.span,
        message: `${q('readOnly')} must be a boolean, but it is ${what}: the API server rejects the workload (\`${decodeError(doc, w, jsonKind, 'readOnly', 'bool')}\`). ${looksTrue ? 'Remove the quotes: ' : 'Use '}${q('readOnly: true')}.`,
        fixes: [fix],
      });
    }
  },
};
