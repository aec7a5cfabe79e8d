// jmespath-no-value: a path that selects nothing (a missing key, a wrong case, a JSON null) fails the whole
// mount with `JMES Path - <path> for object alias - <alias> does not point to a valid object.`
// (provider/secret_value.go:42-48). Needs the secret's value; reported where the path stops matching,
// with the closest key as fix.
import { jmespathNoValue } from '../../../server/src/core/rules/jmes/jmespath-no-value';
import { jmesClass, ruleTester } from '../../support';

const VALUE =
  '{"username":"app","password":"example-only","database":{"host":"db.example.internal","replica":null}}';
const tail =
  'The volume mount fails (the pod reports "Failed to fetch secret from all regions") and the pod does not start.';
const ascp = (path: string, alias = 'OUT') =>
  `ASCP fails the mount with "JMES Path - ${path} for object alias - ${alias} does not point to a valid object." ${tail}`;

ruleTester.run(jmespathNoValue, {
  secrets: { 'prod/db/credentials': VALUE },
  valid: [
    jmesClass('username'),
    jmesClass('database.host'),
    // an empty string is a string
    {
      name: 'an empty string',
      manifest: jmesClass('token'),
      secrets: { 'prod/db/credentials': '{"token":""}' },
    },
    // no value known: nothing to say
    { name: 'another secret', manifest: jmesClass('Username', { objectName: 'prod/other' }) },
  ],
  invalid: [
    {
      name: 'keys are case-sensitive',
      manifest: jmesClass('⟦Username⟧', { objectAlias: 'DB_USER' }),
      message: `\`Username\` not found at the top level of the secret; keys at this level: \`username\`, \`password\`, \`database\`; did you mean \`username\`? Keys are case-sensitive. ${ascp('Username', 'DB_USER')}`,
      fixes: [
        {
          title: 'Use username',
          output: jmesClass('username', { objectAlias: 'DB_USER' }),
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'a JSON null',
      manifest: jmesClass('database.⟦replica⟧'),
      message: `\`database.replica\` exists but is null in this secret. ${ascp('database.replica')}`,
    },
  ],
});
