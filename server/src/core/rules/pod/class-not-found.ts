import { sameNamespace } from '../../workspace';
import type { RelatedInfo } from '../../types';
import type { ClassRef, LinkContext, Rule } from '../rule';
import { q } from '../rule';
import { anyClassNameTemplated, didYouMean, namespaceTemplated, scalarText, templated } from './util';

/** Related information pointing at a class, in this file or another one. */
function relatedClass(ctx: LinkContext, ref: ClassRef, message: string): RelatedInfo[] {
  if (ref.fileId !== ctx.fileId) {
    const span = { start: ref.cls.nameSpan.start + ref.base, end: ref.cls.nameSpan.end + ref.base };
    return [{ span, message, fileId: ref.fileId }];
  }
  const shift = ref.base - ctx.base;
  return [{ span: { start: ref.cls.nameSpan.start + shift, end: ref.cls.nameSpan.end + shift }, message }];
}

function where(ctx: LinkContext, ref: ClassRef): string {
  return ref.fileId === ctx.fileId ? 'in this file' : `in ${ref.fileId}`;
}

export const classNotFound: Rule = {
  meta: {
    code: 'class-not-found',
    severity: 'warning',
    title: "The volume names a SecretProviderClass that is not defined (in the pod's namespace)",
    ascp: 'At mount time the driver fetches the SecretProviderClass named by `volumeAttributes.secretProviderClass` from the **pod\'s** namespace; if there is none, every mount fails with `failed to get secretproviderclass <namespace>/<name>, error: secretproviderclasses.secrets-store.csi.x-k8s.io "<name>" not found` and the pod stays in ContainerCreating. A class in another namespace is never used. This is a warning, not an error, because the class may already exist in the cluster.',
    predicts:
      'failed to get secretproviderclass <namespace>/<name>, error: secretproviderclasses.secrets-store.csi.x-k8s.io "<name>" not found',
    fix: 'Use the exact `metadata.name` of the class, and create the class in the namespace the workload runs in.',
    source: 'driver: pkg/secrets-store/nodeserver.go:126,184-188; pkg/secrets-store/utils.go:88-98',
    examples: {
      trigger: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
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
          mountPath: /mnt/secrets-store
          readOnly: true
  volumes:
    - name: secrets-store-inline
      csi:
        driver: secrets-store.csi.k8s.io
        readOnly: true
        volumeAttributes:
          secretProviderClass: app-secret
`,
      nearMiss: `apiVersion: secrets-store.csi.x-k8s.io/v1
kind: SecretProviderClass
metadata:
  name: app-secrets
spec:
  provider: aws
  parameters:
    objects: |
      - objectName: "/test/parameter"
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
  checkLink(ctx) {
    const w = ctx.workload;
    if (!w) return;
    const view = ctx.workspace;
    const podNs = namespaceTemplated(ctx.doc) ? undefined : w.namespace;
    const nsText = podNs ?? '<pod namespace>';
    for (const vol of w.volumes) {
      const spc = vol.secretProviderClass;
      if (!spc || spc.kind !== 'string' || spc.value === '' || templated(ctx.doc, spc.span)) continue;
      const name = spc.value;
      const named = view.classesNamed(name);
      if (named.some((c) => sameNamespace(c.cls.namespace, podNs))) continue;
      const failure = `\`failed to get secretproviderclass ${nsText}/${name}, error: secretproviderclasses.secrets-store.csi.x-k8s.io "${name}" not found\``;
      const other = named[0];
      if (other) {
        if (namespaceTemplated(ctx.doc) || namespaceTemplated(other.doc)) continue;
        ctx.report({
          span: spc.span,
          message: `SecretProviderClass ${q(name)} is defined only in namespace ${q(other.cls.namespace ?? '')} (${where(ctx, other)}), but the driver looks it up in the pod's namespace ${q(nsText)}: unless it also exists there, every mount fails with ${failure}. Create the class in namespace ${q(nsText)} or run the workload in ${q(other.cls.namespace ?? '')}.`,
          related: relatedClass(
            ctx,
            other,
            `SecretProviderClass ${name} in namespace ${other.cls.namespace ?? ''}`,
          ),
        });
        continue;
      }
      // A class whose name is a template could be the one referenced: do not claim "not found" then.
      if (anyClassNameTemplated(view)) continue;
      const local = view.classes.filter((c) => sameNamespace(c.cls.namespace, podNs));
      const suggestion = didYouMean(
        name,
        local.map((c) => c.cls.name ?? ''),
      );
      const ref = suggestion ? local.find((c) => c.cls.name === suggestion) : undefined;
      const inNs = podNs ? ` in namespace ${q(podNs)}` : '';
      ctx.report({
        span: spc.span,
        message: `No SecretProviderClass named ${q(name)}${inNs} in the analysed files${suggestion ? `; did you mean ${q(suggestion)} (${ref ? where(ctx, ref) : 'defined'})?` : '.'} If the cluster has none either, every mount fails with ${failure}.`,
        related: ref ? relatedClass(ctx, ref, `SecretProviderClass ${suggestion ?? ''}`) : [],
        fixes: suggestion
          ? [
              {
                title: `Use class ${suggestion}`,
                edits: [{ span: spc.span, newText: scalarText(ctx.doc, spc, suggestion) }],
              },
            ]
          : [],
      });
    }
  },
};
