import { isScalar } from 'yaml';
import type { Rule } from '../rule';
import { q, spc } from '../rule';

export const objectsSyntax: Rule = {
  meta: {
    code: 'objects-syntax',
    severity: 'error',
    title: 'The `objects` string is not valid YAML',
    ascp: 'ASCP parses `objects` with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1). A syntax error fails every mount with `Failed to load SecretProviderClass: error converting YAML to JSON: yaml: line N: ...` (N counts lines inside the string).',
    predicts: 'Failed to load SecretProviderClass: error converting YAML to JSON: yaml: <reason>',
    fix: 'Fix the YAML inside `objects` (indentation with spaces, not tabs; quote values containing `: ` or `#`). A literal block (`objects: |`) is the safest form.',
    source: 'provider/secret_descriptor.go:386-391; sigs.k8s.io/yaml v1.6.0 yaml.go:72-75',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n   objectType: "ssmparameter"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    const o = ctx.cls.objects;
    if (!o || o.facts.syntaxErrors.length === 0) return;
    const node = o.value.node;
    const folded = isScalar(node) && node.type === 'BLOCK_FOLDED';
    for (const e of o.facts.syntaxErrors) {
      const tab = /tab/i.test(e.message) ? ' Indent with spaces: YAML forbids tabs in indentation.' : '';
      ctx.report({
        span: e.span,
        message: `Invalid YAML inside ${q('objects')}: ${e.message}. ASCP fails the mount with \`Failed to load SecretProviderClass: error converting YAML to JSON: yaml: ...\`.${tab}${folded ? ` The folded form (${q('>')}) joins lines; use a literal block (${q('|')}).` : ''}`,
      });
    }
  },
};
