import type { StrValue } from '../../model';
import type { FixData, Span } from '../../types';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { literalObjects, quoted } from '../edits';

/** The alias written the way the original was (quotes kept), for a rename. */
function aliasText(docText: string, original: StrValue, alias: string): string {
  const first = docText[original.span.start];
  if (first === "'") return `'${alias.replace(/'/g, "''")}'`;
  if (first === '"' || !/^[A-Za-z0-9_./][A-Za-z0-9_./-]*$/.test(alias)) return quoted(alias);
  return alias;
}

export const duplicateAlias: Rule = {
  meta: {
    code: 'duplicate-alias',
    severity: 'error',
    title: 'An alias used twice',
    ascp: 'ASCP rejects an `objectAlias` that an earlier entry already used as its alias or as a jmesPath alias (`found duplicate object alias <a>`), and a jmesPath alias that any earlier alias used (`Name already in use for objectAlias: found duplicate object alias <a> in JMES path entry <path>`).',
    predicts: 'found duplicate object alias <alias>',
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
    // Every name a rename must avoid: aliases, object names and mounted file names.
    const used = new Set<string>(ctx.files.map((f) => f.name));
    for (const e of entries(ctx)) {
      for (const v of [e.objectAlias, e.objectName, ...e.jmesPath.map((j) => j.objectAlias)])
        if (v && v.value !== '') used.add(v.value);
    }
    const editable = literalObjects(ctx.cls);
    const renames = (v: StrValue, path: string | undefined): FixData[] => {
      if (!editable) return [];
      const names: string[] = [];
      if (path !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(path) && !used.has(path)) names.push(path);
      let n = 2;
      while (used.has(`${v.value}_${n}`)) n++;
      names.push(`${v.value}_${n}`);
      for (const name of names) used.add(name); // two duplicates never get the same new name
      return names.map((name) => ({
        title: `Rename the alias to ${name}`,
        edits: [{ span: v.span, newText: aliasText(ctx.doc.text, v, name) }],
        safeForFixAll: false,
      }));
    };
    for (const e of entries(ctx)) {
      const a = e.objectAlias;
      if (a && seen.has(a.value)) {
        ctx.report({
          span: a.span,
          message: `Alias ${q(a.value)} is already used above: every mount fails with \`found duplicate object alias ${a.value}\`. Rename it.`,
          related: [{ span: seen.get(a.value) as Span, message: 'first use' }],
          fixes: renames(a, undefined),
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
            fixes: renames(ja, j.path?.value),
          });
        } else seen.set(ja.value, ja.span);
      }
    }
  },
};
