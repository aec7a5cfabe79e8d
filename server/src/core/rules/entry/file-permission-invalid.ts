import type { StrValue } from '../../model';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { literalObjects, quoted } from '../edits';

export const filePermissionInvalid: Rule = {
  meta: {
    code: 'file-permission-invalid',
    severity: 'error',
    title: '`filePermission` must be four octal digits, quoted',
    ascp: "ASCP accepts an empty filePermission or exactly four octal digits (`^[0-7]{4}$`), on entries and on jmesPath entries (which inherit the entry's). Anything else fails every mount with `Invalid File Permission: <value>`. An unquoted `0640` is a YAML 1.1 octal integer that reaches ASCP as `416`.",
    predicts: 'Invalid File Permission: <value>',
    fix: 'Quote four octal digits: `filePermission: "0640"`.',
    source: 'provider/secret_descriptor.go:19,227-238,265-269,281-285',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  filePermission: 0640'),
      nearMiss: spc(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  filePermission: "0640"',
      ),
    },
  },
  checkClass(ctx) {
    const check = (v: StrValue | undefined) => {
      if (!v || v.value === '' || /^[0-7]{4}$/.test(v.value)) return;
      const src = v.plainSource;
      const fixable = src !== undefined && /^0?[0-7]{3,4}$/.test(src);
      const fixed = fixable ? (src.length === 3 ? '0' + src : src) : undefined;
      ctx.report({
        span: v.span,
        message:
          src !== undefined && v.kind === 'int'
            ? `Unquoted ${q(src)} is a YAML 1.1 integer and reaches ASCP as ${q(v.value)}: every mount fails with \`Invalid File Permission: ${v.value}\`. Quote it: ${q(quoted(fixed ?? src))}.`
            : `${q(v.value)} is not four octal digits: every mount fails with \`Invalid File Permission: ${v.value}\`. Use e.g. ${q('"0640"')}.`,
        fixes:
          fixed && literalObjects(ctx.cls)
            ? [
                {
                  title: `Use "${fixed}"`,
                  edits: [{ span: v.span, newText: quoted(fixed) }],
                  safeForFixAll: true,
                },
              ]
            : [],
      });
    };
    for (const e of entries(ctx)) {
      check(e.filePermission);
      for (const j of e.jmesPath) check(j.filePermission);
    }
  },
};
