import { entry, jmesRule, RDS } from './rule-factory';

export const jmespathNotString = jmesRule({
  code: 'jmespath-not-string',
  severity: 'error',
  title: 'A jmesPath `path` that selects a number, boolean, object or list',
  ascp: 'ASCP mounts only string results; a number (such as an RDS `port`), a boolean, an object or a list fails the whole mount with `Invalid JMES search result type for path:<path>. Only string is allowed.`.',
  predicts: 'Invalid JMES search result type for path:<path>. Only string is allowed.',
  fix: 'Wrap numbers and booleans in `to_string(...)`; select a string inside objects and lists.',
  source: 'provider/secret_value.go:50-55',
  examples: {
    trigger: entry('port'),
    nearMiss: entry('"to_string(port)"'),
    secrets: { 'prod/db/credentials': RDS },
  },
});
