// jmespath-not-string: ASCP mounts only string results; a number (an RDS `port`), a boolean, an object or
// a list fails the whole mount with `Invalid JMES search result type for path:<path>. Only string is
// allowed.` (provider/secret_value.go:50-55). Needs the secret's value; fixed with to_string() or by
// selecting a string inside.
import { jmespathNotString } from '../../../server/src/core/rules/jmes/jmespath-not-string';
import { jmesClass, ruleTester } from '../../support';

const VALUE = '{"username":"app","port":5432,"ssl":true,"hosts":[{"name":"a"},{"name":"b"}]}';
const tail =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.';
const selects = (what: string, path: string) =>
  `In this secret the path selects ${what}, not a string, so ASCP fails the mount with "Invalid JMES search result type for path:${path}. Only string is allowed." ${tail}`;

ruleTester.run(jmespathNotString, {
  secrets: { 'prod/db/credentials': VALUE },
  valid: [jmesClass('username'), jmesClass('"to_string(port)"'), jmesClass("'hosts[1].name'")],
  invalid: [
    {
      name: 'a number',
      manifest: jmesClass('⟦port⟧'),
      message: `${selects('a number', 'port')} To mount its JSON text use \`to_string(port)\` (in YAML: path: 'to_string(port)').`,
      fixes: [{ title: 'Use to_string(port)', output: jmesClass('to_string(port)'), safeForFixAll: true }],
    },
    {
      name: 'a list of objects: select one element and key',
      manifest: jmesClass('⟦hosts⟧'),
      message: `${selects('an array of 2 elements', 'hosts')} Its elements are objects; select an element and a key, e.g. \`hosts[0].name\`.`,
      fixes: [{ title: 'Use hosts[0].name', output: jmesClass('hosts[0].name') }],
    },
    {
      name: 'a boolean',
      manifest: jmesClass('⟦ssl⟧'),
      message:
        /^In this secret the path selects a boolean, not a string, so ASCP fails the mount with "Invalid JMES search result type for path:ssl\. Only string is allowed\."/,
      fixes: [{ title: 'Use to_string(ssl)', output: jmesClass('to_string(ssl)') }],
    },
  ],
});
