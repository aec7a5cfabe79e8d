// jmespath-unchecked: the checker follows paths and values up to 1000 levels of nesting; beyond that it
// says so (information) instead of guessing what go-jmespath would do.
import { jmespathUnchecked } from '../../../server/src/core/rules/jmes/jmespath-unchecked';
import { jmesClass, ruleTester } from '../../support';

const deepValue = '{"b":"x","a":' + '['.repeat(1200) + ']'.repeat(1200) + '}';

ruleTester.run(jmespathUnchecked, {
  secrets: { 'prod/db/credentials': deepValue },
  valid: [
    // the shallow part of a deep value is checked as usual
    jmesClass('"to_string(b)"'),
    jmesClass(`"${'['.repeat(50)}b${']'.repeat(50)} | to_string(@)"`),
  ],
  invalid: [
    {
      name: 'a value nested too deeply',
      manifest: jmesClass('"⟦to_string(a)⟧"'),
      message:
        "The path or the value is nested too deeply for this checker to evaluate; ASCP's outcome is unknown here.",
    },
    {
      name: 'a path nested too deeply',
      manifest: jmesClass(`"⟦${'['.repeat(1100)}b${']'.repeat(1100)}⟧"`),
      secrets: {},
      message:
        "This path is nested more than 1000 levels deep, beyond what this checker follows: go-jmespath's verdict on it is unknown here.",
    },
  ],
});
