// jmespath-never-string: ASCP writes a jmesPath result only when it is a string (provider/secret_value.go:
// 34-61); multi-selects, projections, comparisons, length() can never give one, whatever the secret
// holds. Checked without the secret; reported on the path, with to_string() as fix for a number.
import { jmespathNeverString } from '../../../server/src/core/rules/jmes/jmespath-never-string';
import { jmesClass, ruleTester } from '../../support';

const tail =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.';
const never = (what: string, path: string) =>
  `This path always yields ${what}, never a string, whatever the secret contains, so ASCP fails the mount (with "Invalid JMES search result type for path:${path}. Only string is allowed." or, for null, "JMES Path - ${path} for object alias - … does not point to a valid object."). ${tail}`;

ruleTester.run(jmespathNeverString, {
  valid: [
    jmesClass('"join(\',\', [username, password])"'),
    jmesClass("'hosts[0].name'"),
    jmesClass('"to_string(length(username))"'),
    jmesClass('"sort_by(hosts, &name)[0].name"'),
  ],
  invalid: [
    {
      name: 'a multi-select list',
      manifest: jmesClass('"⟦[username, password]⟧"'),
      message: never('null or an array', '[username, password]'),
    },
    {
      name: 'a projection',
      manifest: jmesClass("'⟦hosts[*].name⟧'"),
      message: never('an array or null', 'hosts[*].name'),
    },
    {
      name: 'a number: to_string() as fix',
      manifest: jmesClass('"⟦length(username)⟧"'),
      message: `${never('a number', 'length(username)')} To mount it as text use \`to_string(length(username))\` (in YAML: path: 'to_string(length(username))').`,
      fixes: [
        {
          title: 'Use to_string(length(username))',
          output: jmesClass('to_string(length(username))'),
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'a comparison',
      manifest: jmesClass('"⟦to_number(port) > `3`⟧"'),
      message: never('a boolean or null', 'to_number(port) > `3`'),
    },
  ],
});
