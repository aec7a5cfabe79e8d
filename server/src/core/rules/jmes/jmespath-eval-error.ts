import { entry, jmesRule, RDS } from './rule-factory';

export const jmespathEvalError = jmesRule({
  code: 'jmespath-eval-error',
  severity: 'error',
  title: 'A jmesPath `path` that compiles but fails when evaluated',
  ascp: 'go-jmespath compiles the path, then fails while evaluating it: an unknown function (`lenght(x)`), a wrong number of arguments, or arguments of the wrong type (`join(\',\', port)`). ASCP fails the whole mount with `Invalid JMES Path: <path>.`; users see "Failed to fetch secret from all regions".',
  predicts: 'Invalid JMES Path: <path>.',
  fix: "Use one of go-jmespath's 26 functions with the right arguments (the message names the closest function and the types it expects).",
  source: 'provider/secret_value.go:36-41; go-jmespath v0.4.0 functions.go',
  examples: {
    trigger: entry('"lenght(username)"'),
    nearMiss: entry('"to_string(length(username))"'),
    secrets: { 'prod/db/credentials': RDS },
  },
});
