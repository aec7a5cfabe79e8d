import { entry, jmesRule, RDS } from './rule-factory';

export const jmespathNoValue = jmesRule({
  code: 'jmespath-no-value',
  severity: 'error',
  title: 'A jmesPath `path` that selects nothing in the secret',
  ascp: 'When a path selects nothing (a missing key, a wrong case, or a JSON null), ASCP fails the whole mount with `JMES Path - <path> for object alias - <alias> does not point to a valid object.`; users see "Failed to fetch secret from all regions". Keys are case-sensitive.',
  predicts: 'JMES Path - <path> for object alias - <alias> does not point to a valid object.',
  fix: 'Use a key that exists in the value (the message lists the keys at the level where the path stopped matching).',
  source: 'provider/secret_value.go:42-48',
  examples: {
    trigger: entry('Username'),
    nearMiss: entry('username'),
    secrets: { 'prod/db/credentials': RDS },
  },
});
