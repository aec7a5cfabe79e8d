import { entry, jmesRule } from './rule-factory';

export const jmespathUnchecked = jmesRule({
  code: 'jmespath-unchecked',
  severity: 'information',
  title: 'A jmesPath `path` or value too deeply nested to check',
  ascp: 'The checker follows paths and values up to 1000 levels of nesting; beyond that it does not guess what go-jmespath would do.',
  predicts:
    '(no error) unknown: the path or value is nested too deeply for this checker to predict what ASCP does',
  fix: 'Nothing to fix; the path is simply not verified before mount time.',
  source: 'server/src/core/jmespath (checker limit)',
  examples: {
    trigger: entry('"to_string(a)"'),
    nearMiss: entry('"to_string(b)"'),
    secrets: { 'prod/db/credentials': '{"b":"x","a":' + '['.repeat(1200) + ']'.repeat(1200) + '}' },
  },
});
