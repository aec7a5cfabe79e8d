// jmespath-non-numeric-comparison: go-jmespath evaluates <, <=, >, >= to null unless both sides are
// numbers, so a comparison of strings never selects anything (interpreter.go:33-64). A warning on the
// comparison, checked without the secret.
import { jmespathNonNumericComparison } from '../../../server/src/core/rules/jmes/jmespath-non-numeric-comparison';
import { jmesClass, ruleTester } from '../../support';

const message = (literal: string, comparison: string) =>
  `go-jmespath only orders numbers: \`${literal}\` is never a number here, so \`${comparison}\` is always null (false in a filter). jmespath.js and the JMESPath playground compare other types differently; ASCP does not.`;

ruleTester.run(jmespathNonNumericComparison, {
  valid: [
    jmesClass(`"hosts[?name == 'b'] | [0].name"`),
    jmesClass('"hosts[?port > `1024`] | [0].name"'),
    jmesClass(`"hosts[?to_number(weight) >= \`2\`] | [0].name"`),
  ],
  invalid: [
    {
      manifest: jmesClass(`"hosts[?⟦name > 'b'⟧] | [0].name"`),
      message: message("'b'", "name > 'b'"),
    },
    {
      name: 'a date written as a string',
      manifest: jmesClass(`"keys[?⟦created <= '2024-01-01'⟧] | [0].id"`),
      message: message("'2024-01-01'", "created <= '2024-01-01'"),
    },
  ],
});
