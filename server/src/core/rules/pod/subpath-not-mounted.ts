import { sameNamespace } from '../../workspace';
import { classFiles, classTranslation } from '../../mounts';
import type { Rule } from '../rule';
import { q } from '../rule';
import {
  containerPath,
  didYouMean,
  fileNames,
  filesKnown,
  listNames,
  objectRef,
  scalarText,
  templated,
} from './util';

export const subpathNotMounted: Rule = {
  meta: {
    code: 'subpath-not-mounted',
    severity: 'warning',
    title: '`subPath` names a file the class does not mount',
    ascp: "With `subPath`, kubelet bind-mounts one entry of the volume at `mountPath`. ASCP only writes the files the class's `objects` produce (objectAlias or objectName, with every `/` translated to `_` by default); when no such file exists, kubelet prepares the missing subPath itself (an empty directory, or a container that fails to start), and the container never sees the secret at `mountPath`. (Note too that subPath mounts never receive rotated content.)",
    predicts:
      '(no error) kubelet creates the missing subPath itself, so the container never sees the secret at mountPath',
    fix: 'Set `subPath` to a mounted file name (a relative path; the API server rejects an absolute one) as listed in the message (e.g. `_prod_db_password` for objectName `/prod/db/password`), or give the object an `objectAlias`.',
    source:
      'provider/secret_descriptor.go:118-132 (GetFileName); driver: docs/book/src/known-limitations.md (subPath and rotation)',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/prod/db/password"
        objectType: "ssmparameter"
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: secrets-store-inline
          mountPath: /etc/app/db-password
          subPath: password
          readOnly: true
  volumes:
    - name: secrets-store-inline
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secrets
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/prod/db/password"
        objectType: "ssmparameter"
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx
      volumeMounts:
        - name: secrets-store-inline
          mountPath: /etc/app/db-password
          subPath: _prod_db_password
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
  checkLink(ctx) {
    const w = ctx.workload;
    if (!w) return;
    for (const c of w.containers) {
      for (const m of c.mounts) {
        const sub = m.subPath;
        if (!sub || sub.kind !== 'string' || sub.value === '' || templated(ctx.doc, sub.span)) continue;
        const vol = w.volumes.find((v) => v.name?.value !== undefined && v.name.value === m.name?.value);
        const className = vol?.secretProviderClass?.value;
        if (!vol) continue;
        const ref = className
          ? ctx.workspace.classesNamed(className).find((r) => sameNamespace(r.cls.namespace, w.namespace))
          : undefined;
        const override = vol.attributes.get('pathTranslation');
        const translation =
          ref && (!override || override.kind === 'string')
            ? classTranslation(ref.cls, override?.value)
            : undefined;
        const files =
          ref && translation && filesKnown(ref.cls, translation)
            ? override
              ? classFiles(ref.cls, translation)
              : ref.files
            : undefined;
        const wanted = sub.value.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
        const byName = files?.find((f) => f.source === wanted || f.entry.objectName?.value === wanted);
        if (sub.value.startsWith('/')) {
          ctx.report({
            span: sub.span,
            severity: 'error',
            message: `${q('subPath')} must be a relative path inside the volume: the API server rejects the workload (\`${objectRef(w)} is invalid: ${containerPath(w, c)}.volumeMounts[${c.mounts.indexOf(m)}].subPath: Invalid value: "${sub.value}": must be a relative path\`).${byName ? ` ASCP names this object's file ${q(byName.name)}.` : ''}`,
            fixes: byName
              ? [
                  {
                    title: `Use subPath ${byName.name}`,
                    edits: [{ span: sub.span, newText: scalarText(ctx.doc, sub, byName.name) }],
                    safeForFixAll: true,
                  },
                ]
              : [],
          });
          continue;
        }
        if (!files || !className) continue;
        const names = fileNames(files);
        if (names.some((n) => n === wanted || n.startsWith(wanted + '/'))) continue;
        const suffixed = names.filter((n) => n.endsWith(wanted));
        const suggestion = byName?.name ?? (suffixed.length === 1 ? suffixed[0] : didYouMean(wanted, names));
        ctx.report({
          span: sub.span,
          message: `Class ${q(className)} mounts no file named ${q(wanted)}${byName ? ` (that is how the object is written; ASCP names the file ${q(byName.name)})` : ''}, so ${q(m.mountPath?.value ?? 'mountPath')} in container ${q(c.name)} will not hold a secret: kubelet creates the missing subPath instead. Mounted files: ${listNames(names)}.${suggestion && !byName ? ` Did you mean ${q(suggestion)}?` : ''}`,
          fixes: suggestion
            ? [
                {
                  title: `Use subPath ${suggestion}`,
                  edits: [{ span: sub.span, newText: scalarText(ctx.doc, sub, suggestion) }],
                  safeForFixAll: !!byName,
                },
              ]
            : [],
        });
      }
    }
  },
};
