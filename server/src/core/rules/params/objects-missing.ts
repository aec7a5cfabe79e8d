import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const objectsMissing: Rule = {
  meta: {
    code: 'objects-missing',
    severity: 'warning',
    title: 'No objects to mount',
    ascp: 'A missing or empty `objects` parameter is not an error for ASCP: the mount succeeds and the pod gets an empty directory.',
    predicts: '(no error) the mount succeeds with no files: the pod gets an empty directory',
    fix: 'List the secrets and parameters to mount under `objects: |`.',
    source: 'provider/secret_descriptor.go:386-397',
    examples: {
      trigger: spc('[]'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    const params = ctx.cls.parametersKey;
    if (!params || ctx.cls.params.size === 0) return; // parameters-missing says it
    const p = ctx.cls.params.get('objects');
    if (p && (p.value.kind === 'seq' || p.value.kind === 'map')) return; // objects-not-string
    const o = ctx.cls.objects;
    if (o && (!o.parsed || o.facts.templated || o.entries.length > 0)) return;
    ctx.report({
      span: p ? p.keySpan : params.keySpan,
      message: p
        ? `${q('objects')} lists nothing: ASCP mounts an empty directory. Add entries such as ${q('- objectName: "/test/parameter"')} with ${q('objectType: "ssmparameter"')}.`
        : `No ${q('objects')} parameter: ASCP mounts an empty directory. Add ${q('objects: |')} with the secrets and parameters to mount.`,
    });
  },
};
