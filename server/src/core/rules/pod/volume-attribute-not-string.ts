import type { Rule } from '../rule';
import { q } from '../rule';
import { quoted } from '../edits';
import { decodeError, goJsonKind, templated } from './util';

const GO_BOOL = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);

export const volumeAttributeNotString: Rule = {
  meta: {
    code: 'volume-attribute-not-string',
    severity: 'error',
    title: '`volumeAttributes` values must be strings',
    ascp: 'In the Pod API `csi.volumeAttributes` is a `map[string]string`. kubectl reads YAML 1.1, so unquoted `true`, `False`, `yes`, `0755` or `2` are booleans or numbers, and the API server rejects the whole workload: `Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field CSIVolumeSource.spec.volumes.csi.volumeAttributes of type string`. (The driver copies every volume attribute over the class parameters, so pods do set `usePodIdentity` or `pathTranslation` here.)',
    predicts:
      '<kind> in version "<version>" cannot be handled as a <kind>: json: cannot unmarshal <type> into Go struct field CSIVolumeSource.<pod spec path>.volumes.csi.volumeAttributes of type string',
    fix: 'Quote the value: `usePodIdentity: "true"`.',
    source:
      'kubernetes: k8s.io/api/core/v1 CSIVolumeSource.VolumeAttributes map[string]string; driver: pkg/secrets-store/nodeserver.go:198-199',
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
          secretProviderClass: app-secrets
          usePodIdentity: true
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
          usePodIdentity: "true"
`,
    },
  },
  checkWorkload(ctx) {
    const { doc, workload: w } = ctx;
    for (const vol of w.volumes) {
      const attrs = vol.volumeAttributesKey;
      if (!attrs || templated(doc, attrs.span)) continue;
      if (attrs.kind !== 'map' && attrs.kind !== 'null') {
        const jsonKind = goJsonKind(attrs.kind);
        ctx.report({
          span: attrs.span,
          message: `${q('volumeAttributes')} must be a mapping of strings, but it is a ${attrs.kind === 'seq' ? 'list' : 'scalar'}: the API server rejects the workload (\`${decodeError(doc, w, jsonKind, 'volumeAttributes', 'map[string]string')}\`).`,
        });
        continue;
      }
      for (const [key, v] of vol.attributes) {
        if (v.kind === 'string' || v.kind === 'null') continue;
        const jsonKind = goJsonKind(v.kind);
        const quote = v.plainSource !== undefined;
        // `yes`/`on` quoted stay `yes`/`on`, which strconv.ParseBool rejects: offer what kubectl meant.
        const text = v.kind === 'bool' && !GO_BOOL.has(v.plainSource ?? '') ? v.value : (v.plainSource ?? '');
        ctx.report({
          span: v.span,
          message: `${q(key)} must be a string, but ${quote ? `unquoted ${q(v.plainSource ?? '')} is a YAML ${jsonKind === 'bool' ? 'boolean' : 'number'}` : `the value is a YAML ${v.kind === 'map' ? 'mapping' : 'list'}`}: the API server rejects the workload (\`${decodeError(doc, w, jsonKind, 'volumeAttributes', 'string')}\`).${quote ? ` Quote it: ${q(`${key}: ${quoted(text)}`)}.` : ''}`,
          fixes: quote
            ? [
                {
                  title: `Use ${quoted(text)}`,
                  edits: [{ span: v.span, newText: quoted(text) }],
                  safeForFixAll: true,
                },
              ]
            : [],
        });
      }
    }
  },
};
