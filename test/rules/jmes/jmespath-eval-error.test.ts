// jmespath-eval-error: the path compiles but go-jmespath fails while evaluating it (an unknown function,
// a wrong number of arguments, an argument of the wrong type): ASCP fails the mount with `Invalid JMES
// Path: <path>.` (provider/secret_value.go:36-41). Function names and arities are checked without the
// secret; argument types also against the secret's value.
import { jmespathEvalError } from '../../../server/src/core/rules/jmes/jmespath-eval-error';
import { jmesClass, ruleTester } from '../../support';

const RDS = '{"username":"app","password":"example-only","host":"db.example.internal","port":5432}';
const tail =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.';

ruleTester.run(jmespathEvalError, {
  secrets: { 'prod/db/credentials': RDS },
  valid: [
    jmesClass('"to_string(length(username))"'),
    jmesClass('"join(\',\', [username, host])"'),
    // without the value, argument types are not known
    { name: 'no secret value', manifest: jmesClass('"join(\',\', port)"'), secrets: {} },
  ],
  invalid: [
    {
      name: 'an unknown function: on its name, with the closest one',
      manifest: jmesClass('"⟦lenght⟧(username)"'),
      message: `go-jmespath has no function \`lenght()\` ("unknown function"); did you mean \`length()\`? ASCP then fails the mount with "Invalid JMES Path: lenght(username)." for every secret value. ${tail}`,
      fixes: [{ title: 'Use length(username)', output: jmesClass('length(username)'), safeForFixAll: true }],
      // the corrected path yields a number: the next rule says so
      allowAfterFix: ['jmespath-never-string'],
    },
    {
      name: 'the wrong number of arguments',
      manifest: jmesClass('"⟦length(username, password)⟧"'),
      message: `\`length()\` takes 1 argument but gets 2; go-jmespath fails with "incorrect number of args". ASCP then fails the mount with "Invalid JMES Path: length(username, password)." for every secret value. ${tail}`,
    },
    {
      name: 'an argument of the wrong type in this secret',
      manifest: jmesClass('"⟦join(\',\', port)⟧"'),
      message: `With this secret go-jmespath fails while evaluating the path (invalid type for argument 2 of join(): got number, expected array[string]), so ASCP fails the mount with "Invalid JMES Path: join(',', port)." ${tail}`,
    },
  ],
});
