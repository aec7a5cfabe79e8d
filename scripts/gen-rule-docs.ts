// Writes docs/rules/<code>.md for every rule (and an index) from the rules' own metadata.
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderIndex, renderRulePage } from './rule-docs';
import { ALL_RULES } from '../server/src/core/rules/registry';

mkdirSync('docs/rules', { recursive: true });
for (const rule of ALL_RULES) writeFileSync(`docs/rules/${rule.meta.code}.md`, renderRulePage(rule));
writeFileSync('docs/rules/README.md', renderIndex(ALL_RULES));
console.log(`wrote ${ALL_RULES.length} rule pages`);
