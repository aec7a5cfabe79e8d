import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { literalObjects, quoted } from '../edits';

export const yaml11Coercion: Rule = {
  meta: {
    code: 'yaml11-coercion',
    severity: 'warning',
    title: 'An unquoted value that YAML 1.1 turns into something else',
    ascp: 'ASCP parses `objects` as YAML 1.1 and converts scalars into strings the Go way: `yes`/`on`/`y` become `"true"`, `no`/`off` become `"false"`, `0755` (octal) becomes `"493"`, `1_000` becomes `"1000"`, `1.10` becomes `"1.1"`. The mounted file name or requested version is then not what was written.',
    predicts:
      '(no error) the value is silently converted (yes becomes true, 0755 becomes 493) and used as converted',
    fix: 'Quote the value: `objectAlias: "yes"`, `objectVersion: "0755"`.',
    source: 'go-yaml v2 resolve.go:37-42,150-156; sigs.k8s.io/yaml yaml.go:329-356',
    examples: {
      trigger: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: yes'),
      nearMiss: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: "yes"'),
    },
  },
  checkClass(ctx) {
    for (const c of ctx.cls.objects?.facts.coercions ?? []) {
      if (c.field === 'filePermission') continue; // file-permission-invalid explains it
      if (c.source === c.value) continue; // `12` stays "12": nothing changes
      const what =
        c.kind === 'bool'
          ? 'a YAML 1.1 boolean'
          : c.kind === 'int'
            ? 'a YAML 1.1 integer'
            : 'a YAML 1.1 float';
      ctx.report({
        span: c.span,
        message: `Unquoted ${q(c.source)} is ${what}: ASCP reads ${q(c.field)} as ${q(c.value)}. Quote it if you meant ${q(c.source)}.`,
        fixes: literalObjects(ctx.cls)
          ? [
              {
                title: `Quote ${c.source}`,
                edits: [{ span: c.span, newText: quoted(c.source) }],
                safeForFixAll: true,
              },
            ]
          : [],
      });
    }
  },
};
