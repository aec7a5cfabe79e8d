// Prints every rule as a markdown table (code, severity, the message ASCP or the cluster prints, and the
// source it follows) to .test-output/rule-table.md, for reviews. Run with: npx tsx scripts/rule-table.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { ALL_RULES } from '../server/src/core/rules/registry';
import { cell, code } from './rule-docs';

const rows = ALL_RULES.map(
  ({ meta: m }) =>
    `| ${code(m.code)} | ${m.severity} | ${cell(code(m.predicts))} | ${cell(m.source ? code(m.source) : '')} |`,
);
const table =
  ['| code | severity | ASCP says | source |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
mkdirSync('.test-output', { recursive: true });
writeFileSync('.test-output/rule-table.md', table);
console.log(`wrote .test-output/rule-table.md (${ALL_RULES.length} rules)`);
