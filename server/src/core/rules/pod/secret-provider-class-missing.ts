import type { Rule } from '../rule';
import { q } from '../rule';
import { templated } from './util';

export const secretProviderClassMissing: Rule = {
  meta: {
    code: 'secret-provider-class-missing',
    severity: 'error',
    title: 'The CSI volume must name a SecretProviderClass',
    ascp: 'The driver reads the class name from the volume attribute `secretProviderClass`; when it is missing or empty every mount fails with `rpc error: code = Unknown desc = secretProviderClass is not set` and the pod stays in ContainerCreating.',
    predicts: 'secretProviderClass is not set',
    fix: "Add `volumeAttributes: {secretProviderClass: <name of your SecretProviderClass>}` under the volume's `csi:`.",
    source: 'driver: pkg/secrets-store/nodeserver.go:123,180-182',
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
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClas: app-secrets
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
      const attrsKey = vol.volumeAttributesKey;
      if (attrsKey && attrsKey.kind !== 'map' && attrsKey.kind !== 'null') continue; // volume-attribute-not-string
      if (attrsKey && templated(doc, attrsKey.span)) continue;
      const spc = vol.secretProviderClass;
      if (spc && (spc.value !== '' || spc.kind === 'map' || spc.kind === 'seq')) continue;
      const volName = q(vol.name?.value ?? '');
      const error = '`secretProviderClass is not set`';
      if (spc) {
        ctx.report({
          span: spc.span,
          message: `${q('secretProviderClass')} is empty: the driver fails every mount of volume ${volName} with ${error}. Set it to the name of the SecretProviderClass to mount.`,
        });
        continue;
      }
      // A misspelt key is the usual cause: point at it.
      const near = [...vol.attributes.values()].find(
        (a) =>
          a.key !== 'secretProviderClass' &&
          a.key
            .toLowerCase()
            .replace(/[^a-z]/g, '')
            .startsWith('secretprovider'),
      );
      const fixes = near
        ? [
            {
              title: 'Rename to secretProviderClass',
              edits: [{ span: near.keySpan, newText: 'secretProviderClass' }],
              safeForFixAll: true,
            },
          ]
        : [];
      ctx.report({
        span: near ? near.keySpan : attrsKey ? attrsKey.keySpan : vol.csiKey.keySpan,
        message: `The CSI volume ${volName} names no SecretProviderClass${near ? ` (${q(near.key)} is not ${q('secretProviderClass')})` : ''}: the driver fails every mount with ${error}. Add ${q('secretProviderClass: <class name>')} under ${q('volumeAttributes:')}.`,
        fixes,
      });
    }
  },
};
