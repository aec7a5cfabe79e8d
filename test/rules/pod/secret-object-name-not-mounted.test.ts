// secret-object-name-not-mounted: the sync reads the files the mount wrote and matches data[].objectName
// exactly against their names (alias or objectName, `/` translated to `_`); any other name fails the sync
// and the Secret is never created (driver secretutil/secret.go:187-202, fileutil/filesystem.go:36-111).
// Reported on the objectName, with the mounted file it most likely means as fix.
import { secretObjectNameNotMounted } from '../../../server/src/core/rules/pod/secret-object-name-not-mounted';
import { deployment, docs, ruleTester, secretProviderClass } from '../../support';

const OBJECTS = `- objectName: "/test/parameter"
  objectType: "ssmparameter"
- objectName: "prod/api"
  objectType: "secretsmanager"
  objectAlias: api-key
- objectName: "test/secret"
  objectType: "secretsmanager"
  jmesPath:
    - path: username
      objectAlias: db-user`;
const withData = (objectName: string) =>
  docs(
    secretProviderClass({
      objects: OBJECTS,
      secretObjects: `- secretName: app\n  type: Opaque\n  data:\n    - objectName: ${objectName}\n      key: value`,
    }),
    deployment(),
  );
const FILES = 'Mounted files: `_test_parameter`, `api-key`, `test_secret`, `db-user`.';
const notFound = (name: string, why: string) =>
  `No mounted file is named \`${name}\`: ${why}. The sync matches \`objectName\` against the files in the mount and fails with \`file matching objectName ${name} not found in the pod\`, so Secret \`app\` is not created. ${FILES}`;

ruleTester.run(secretObjectNameNotMounted, {
  valid: [withData('_test_parameter'), withData('api-key'), withData('db-user'), withData('" test_secret "')],
  invalid: [
    {
      name: 'the objectName, not its translated file name',
      manifest: withData('⟦"/test/parameter"⟧'),
      message: notFound(
        '/test/parameter',
        'ASCP writes `/test/parameter` as the file `_test_parameter` (every `/` is translated)',
      ),
      fixes: [{ title: 'Use _test_parameter', output: withData('"_test_parameter"'), safeForFixAll: true }],
    },
    {
      name: 'the objectName of an aliased entry',
      manifest: withData('⟦prod/api⟧'),
      message: notFound('prod/api', 'that object is mounted under its objectAlias, as `api-key`'),
      fixes: [{ title: 'Use api-key', output: withData('api-key'), safeForFixAll: true }],
    },
    {
      name: 'a jmesPath path instead of its alias',
      manifest: withData('⟦username⟧'),
      message: notFound(
        'username',
        '`username` is a jmesPath `path`; its file is named after the objectAlias, `db-user`',
      ),
      fixes: [{ title: 'Use db-user', output: withData('db-user'), safeForFixAll: true }],
    },
    {
      name: 'a typo: a fix, but not for "fix all"',
      manifest: withData('⟦api-kye⟧'),
      message: notFound('api-kye', 'did you mean `api-key`?'),
      fixes: [{ title: 'Use api-key', output: withData('api-key'), safeForFixAll: false }],
    },
  ],
});
