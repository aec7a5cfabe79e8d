// file-name-collision: ASCP checks duplicate names and aliases only in a few combinations
// (provider/secret_descriptor.go:424-483); other entries that write the same file are accepted, the last
// write wins and the other value is lost. Reported on the later source of the file name, with the earlier
// one as related location. Collisions ASCP itself rejects are left to duplicate-object-name/-alias.
import { fileNameCollision } from '../../../server/src/core/rules/entry/file-name-collision';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const message = (source: string, file: string, prev: string) =>
  `\`${source}\` is written to file \`${file}\`, which \`${prev}\` above also writes: ASCP does not reject this, the last write wins and the other value is lost. Give one of them a distinct \`objectAlias\`.`;
const SM = '  objectType: "secretsmanager"';

ruleTester.run(fileNameCollision, {
  valid: [
    cls(`- objectName: "app/db"\n${SM}\n- objectName: "app/db2"\n${SM}`),
    // translation "-" keeps `app_db` apart from `app/db` (now `app-db`)
    secretProviderClass({
      objects: `- objectName: "app/db"\n${SM}\n- objectName: "app_db"\n${SM}`,
      params: { pathTranslation: '"-"' },
    }),
    cls(
      `- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: "current"\n- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSPREVIOUS"\n  objectAlias: "previous"`,
    ),
  ],
  invalid: [
    {
      name: 'two names that meet after `/` is translated',
      manifest: cls(`- objectName: ⟪"app/db"⟫\n${SM}\n- objectName: ⟦"app_db"⟧\n${SM}`),
      message: message('app_db', 'app_db', 'app/db'),
      related: ['also writes app_db'],
    },
    {
      name: "an alias equal to another entry's objectName",
      manifest: cls(
        `- objectName: ⟪token⟫\n${SM}\n- objectName: "prod/token"\n${SM}\n  objectAlias: ⟦token⟧`,
      ),
      message: message('token', 'token', 'token'),
      related: ['also writes token'],
    },
    {
      name: 'one name, two labels, no aliases (ASCP allows it since #447)',
      manifest: cls(
        `- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n- objectName: ⟦"test/secret"⟧\n${SM}\n  objectVersionLabel: "AWSPREVIOUS"`,
      ),
      message: message('test/secret', 'test_secret', 'test/secret'),
    },
    {
      name: "a jmesPath alias equal to another entry's file",
      manifest: cls(
        `- objectName: "username"\n${SM}\n- objectName: "db"\n${SM}\n  jmesPath:\n    - path: username\n      objectAlias: ⟦username⟧`,
      ),
      message: message('username', 'username', 'username'),
    },
  ],
});
