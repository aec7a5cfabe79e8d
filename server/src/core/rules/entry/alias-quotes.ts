import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const aliasQuotes: Rule = {
  meta: {
    code: 'alias-quotes',
    severity: 'warning',
    title: 'Quote characters inside an alias become part of the file name',
    ascp: 'Only `path` is a JMESPath expression. ASCP\'s README suggests `\'"hyphenated-alias"\'` for aliases too, but an alias is a plain file name: the quotes end up in the file name (`"db-password"` with the quotes), and secretObjects or the app will not find it.',
    predicts: '(no error) the quotes become part of the file name',
    fix: 'Write the alias without the inner quotes: `objectAlias: db-password`.',
    source: 'provider/secret_descriptor.go:118-132 (alias used as the file name verbatim)',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: \'"db-password"\'\n      objectAlias: \'"db-password"\'',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: \'"db-password"\'\n      objectAlias: "db-password"',
      ),
    },
  },
  checkClass(ctx) {
    for (const f of ctx.files) {
      if (!/["']/.test(f.source)) continue;
      if (f.kind === 'object' && (f.entry.objectAlias?.value ?? '') === '') continue;
      const clean = f.source.replace(/["']/g, '');
      ctx.report({
        span: f.span,
        message: `The file will be named ${q(f.name)}, quotes included: an alias is a file name, not a JMESPath expression. Write ${q(clean)}.`,
        fixes: [
          {
            title: `Use ${clean}`,
            edits: [{ span: f.span, newText: JSON.stringify(clean) }],
            safeForFixAll: true,
          },
        ],
      });
    }
  },
};
