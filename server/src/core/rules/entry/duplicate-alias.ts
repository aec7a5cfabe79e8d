import type { Span } from '../../types';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

export const duplicateAlias: Rule = {
  meta: {
    code: 'duplicate-alias',
    severity: 'error',
    title: 'An alias used twice',
    ascp: 'ASCP rejects an `objectAlias` that an earlier entry already used as its alias or as a jmesPath alias (`found duplicate object alias <a>`), and a jmesPath alias that any earlier alias used (`Name already in use for objectAlias: found duplicate object alias <a> in JMES path entry <path>`).',
    fix: 'Rename one of the aliases.',
    source: 'provider/secret_descriptor.go:466-483',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"\n      objectAlias: "creds"\n    - path: "password"\n      objectAlias: "creds"',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "username"\n      objectAlias: "SECRET_USERNAME"\n    - path: "password"\n      objectAlias: "SECRET_PASSWORD"',
      ),
    },
  },
  checkClass(ctx) {
    const seen = new Map<string, Span>();
    for (const e of entries(ctx)) {
      const a = e.objectAlias;
      if (a && seen.has(a.value)) {
        ctx.report({
          span: a.span,
          message: `Alias ${q(a.value)} is already used above: every mount fails with \`found duplicate object alias ${a.value}\`. Rename it.`,
          related: [{ span: seen.get(a.value) as Span, message: 'first use' }],
        });
      }
      if (a && a.value !== '' && !seen.has(a.value)) seen.set(a.value, a.span);
      for (const j of e.jmesPath) {
        const ja = j.objectAlias;
        if (!ja || ja.value === '') continue;
        if (seen.has(ja.value)) {
          ctx.report({
            span: ja.span,
            message: `Alias ${q(ja.value)} is already used above: every mount fails with \`Name already in use for objectAlias: found duplicate object alias ${ja.value} in JMES path entry ${j.path?.value ?? ''}\`. Rename it.`,
            related: [{ span: seen.get(ja.value) as Span, message: 'first use' }],
          });
        } else seen.set(ja.value, ja.span);
      }
    }
  },
};
