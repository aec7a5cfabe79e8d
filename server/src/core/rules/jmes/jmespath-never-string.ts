import { spc } from '../rule';
import { jmesRule } from './rule-factory';

export const jmespathNeverString = jmesRule({
  code: 'jmespath-never-string',
  severity: 'error',
  title: 'A jmesPath `path` whose result can never be a string',
  ascp: 'ASCP writes a jmesPath result to a file only when it is a string; a list, an object, a number or a boolean fails the whole mount with `Invalid JMES search result type for path:<path>. Only string is allowed.`. Some expressions can never give a string whatever the secret holds: multi-select lists and hashes (`[a, b]`, `{a: a}`), projections and filters without a reducing function (`items[*].name`), comparisons, `length()`, `keys()`.',
  predicts: 'Invalid JMES search result type for path:<path>. Only string is allowed.',
  fix: "Select one string (`items[0].name`) or reduce to one (`join(',', items[*].name)`, `to_string(...)`).",
  source: 'provider/secret_value.go:34-61',
  examples: {
    trigger: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "[username, password]"\n      objectAlias: BOTH',
    ),
    nearMiss: spc(
      '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: "join(\',\', [username, password])"\n      objectAlias: BOTH',
    ),
  },
});
