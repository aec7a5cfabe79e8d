// Renders rule pages from rule metadata (used by gen-rule-docs.ts and by the test that keeps the pages current).
import { analyzeWorkspace } from '../server/src/core/analyze';
import { staticCatalog } from '../server/src/core/rules/aws/catalog';
import type { ExampleCatalog, Rule } from '../server/src/core/rules/rule';

function exampleDiagnostics(rule: Rule): string {
  const { secrets, catalog } = rule.meta.examples;
  const [r] = analyzeWorkspace([{ id: 'example.yaml', text: rule.meta.examples.trigger }], {
    ...(secrets ? { secrets: { get: (n) => secrets[n] } } : {}),
    ...(catalog ? { catalog: staticCatalog(catalog) } : {}),
  });
  return (r?.diagnostics ?? [])
    .filter((d) => d.code === rule.meta.code)
    .map((d) => {
      const p = r?.lines.positionAt(d.span.start) ?? { line: 0, character: 0 };
      return `example.yaml:${p.line + 1}:${p.character + 1}: ${d.severity} ascp/${d.code}: ${d.message}`;
    })
    .join('\n');
}

function catalogNote(c: ExampleCatalog): string {
  const list = (names: string[] | undefined) => (names ?? []).map((n) => `\`${n}\``).join(', ') || 'none';
  return `\nWith AWS lookups on, where the complete listing of ${c.region}${c.account ? ` (account ${c.account})` : ''} holds the secrets ${list(c.secretsmanager)} and the parameters ${list(c.ssmparameter)}.\n`;
}

export function renderRulePage(rule: Rule): string {
  const m = rule.meta;
  return `# \`${m.code}\`: ${m.title}

Default severity: **${m.severity}**${m.source ? ` · Follows: \`${m.source}\`` : ''}

## What happens at mount time

${m.ascp}

ASCP says: ${code(m.predicts)}

## How to fix it

${m.fix}

## Example that triggers it

\`\`\`yaml
${m.examples.trigger.trimEnd()}
\`\`\`
${m.examples.secrets ? `\nWith the secret store \`${JSON.stringify(Object.keys(m.examples.secrets))}\` (values not shown).\n` : ''}${m.examples.catalog ? catalogNote(m.examples.catalog) : ''}
\`ascp-lint\` says:

\`\`\`
${exampleDiagnostics(rule)}
\`\`\`

## Corrected

\`\`\`yaml
${m.examples.nearMiss.trimEnd()}
\`\`\`

Change the severity with the setting \`ascp.rules\` (\`{"${m.code}": "ignore" | "hint" | "warning" | "error"}\`).
`;
}

/** Inline code for any text: a fence longer than any run of backticks inside it. */
export function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** Escapes a table cell's pipes (also inside code spans, as GitHub requires). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function renderIndex(rules: Rule[]): string {
  const rows = rules.map(
    (r) =>
      `| [\`${r.meta.code}\`](${r.meta.code}.md) | ${r.meta.severity} | ${cell(r.meta.title)} | ${cell(code(r.meta.predicts))} |`,
  );
  return `# Rules

Every diagnostic links to its page here. Rules are listed in the order a mount meets the problem.

| Code | Default | What it catches | Message at mount time |
| --- | --- | --- | --- |
${rows.join('\n')}
`;
}
