// secret-object-invalid-name: the driver creates a Secret named secretName with one entry per data key; the
// API server requires a lowercase RFC 1123 subdomain and keys matching [-._a-zA-Z0-9]+, or the Secret is
// never created (kubernetes ValidateSecret). Reported on the name or key, with a valid spelling as fix.
import { secretObjectInvalidName } from '../../../server/src/core/rules/pod/secret-object-invalid-name';
import { deployment, docs, ruleTester, secretProviderClass } from '../../support';

const OBJECTS =
  '- objectName: "/prod/db/password"\n  objectType: "ssmparameter"\n  objectAlias: "db-password"';
const withSync = (name: string, key = 'password') =>
  docs(
    secretProviderClass({
      objects: OBJECTS,
      secretObjects: `- secretName: ${name}\n  type: Opaque\n  data:\n    - objectName: db-password\n      key: ${key}`,
    }),
    deployment(),
  );
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

ruleTester.run(secretObjectInvalidName, {
  valid: [withSync('db-credentials'), withSync('db.credentials.v2', 'DB_PASSWORD'), withSync('"db"', '.env')],
  invalid: [
    {
      name: 'upper case and an underscore',
      manifest: withSync('⟦My_Secret⟧'),
      message: `\`My_Secret\` is not a valid Secret name: when the driver syncs it, the API server rejects the Secret (\`Secret "My_Secret" is invalid: metadata.name: Invalid value: "My_Secret": ${SUBDOMAIN}\`), so it is never created. Use e.g. \`my-secret\`.`,
      fixes: [{ title: 'Use my-secret', output: withSync('my-secret'), safeForFixAll: false }],
    },
    {
      name: 'a key with a slash',
      manifest: withSync('db', '⟦"db/password"⟧'),
      message: `\`db/password\` is not a valid Secret data key: the API server rejects the synced Secret (\`Secret "db" is invalid: data[db/password]: Invalid value: "db/password": ${CONFIG_KEY}\`), so it is never created. Use e.g. \`db_password\`.`,
      fixes: [{ title: 'Use db_password', output: withSync('db', '"db_password"') }],
    },
    {
      name: 'a key starting with ..',
      manifest: withSync('db', '⟦..password⟧'),
      message:
        '`..password` is not a valid Secret data key: the API server rejects the synced Secret (`Secret "db" is invalid: data[..password]: Invalid value: "..password": must not start with \'..\'`), so it is never created. Use e.g. `password`.',
      fixes: [{ title: 'Use password', output: withSync('db', 'password') }],
    },
  ],
});
