import { entry, jmesRule, RDS } from './rule-factory';

export const secretNotJson = jmesRule(
  {
    code: 'secret-not-json',
    severity: 'error',
    title: 'jmesPath on a value that is not JSON',
    ascp: "ASCP decodes the secret (or parameter) value with Go's encoding/json before evaluating any jmesPath entry; a value that is not JSON fails the whole mount with `Invalid JSON used with jmesPath in secret: <objectName>.`.",
    predicts: 'Invalid JSON used with jmesPath in secret: <objectName>.',
    fix: 'Store the value as a JSON object, or drop `jmesPath` and mount the value as one file.',
    source: 'provider/secret_value.go:26-31',
    examples: {
      trigger: entry('username'),
      nearMiss: entry('username').replace('prod/db/credentials', 'prod/db/json'),
      secrets: { 'prod/db/credentials': 'username=app password=example-only', 'prod/db/json': RDS },
    },
  },
  { onJmesPathKey: true },
);
