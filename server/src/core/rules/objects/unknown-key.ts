import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { literalObjects, renameKey } from '../edits';

export const unknownKey: Rule = {
  meta: {
    code: 'unknown-key',
    severity: 'warning',
    title: 'A key ASCP ignores inside `objects`',
    ascp: 'ASCP decodes entries without strict field checking: unknown keys are dropped silently, so a misspelt `objectTyp` or `jmesPaths` simply has no effect (and often surfaces later as another error, such as a missing objectType). Key names are matched case-insensitively, so `ObjectName` works.',
    predicts: '(no error) the key is dropped silently and has no effect',
    fix: 'Use the field names ASCP knows: objectName, objectType, objectAlias, objectVersion, objectVersionLabel, filePermission, jmesPath (path, objectAlias, filePermission) and failoverObject (objectName, objectVersion, objectVersionLabel).',
    source:
      'provider/secret_descriptor.go:26-88,386-391; sigs.k8s.io/yaml v1.6.0 yaml.go:55-57 (non-strict Unmarshal)',
    examples: {
      trigger: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlais: "creds"'),
      nearMiss: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: "creds"'),
    },
  },
  checkClass(ctx) {
    const o = ctx.cls.objects;
    if (!o) return;
    for (const u of o.facts.unknownKeys) {
      const where =
        u.where === 'entry'
          ? 'an object entry'
          : u.where === 'jmesPath'
            ? 'a jmesPath entry'
            : 'failoverObject';
      ctx.report({
        span: u.span,
        message: `ASCP ignores ${q(u.key)} in ${where} (unknown keys are dropped silently)${u.suggestion ? `: did you mean ${q(u.suggestion)}?` : '.'}`,
        fixes:
          u.suggestion && literalObjects(ctx.cls)
            ? [
                {
                  title: `Rename to ${u.suggestion}`,
                  edits: [renameKey({ keySpan: u.span }, u.suggestion)],
                  safeForFixAll: true,
                },
              ]
            : [],
      });
    }
  },
};
