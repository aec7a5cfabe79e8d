// slash-in-file-name: with pathTranslation "False" (or "/") interior slashes stay in the file name, and
// ASCP's own writer (os.CreateTemp, the default install) rejects it: `createtemp <name>: pattern contains
// path separator` (server/server.go:393-422). Reported on the name or alias that makes the file name.
import { slashInFileName } from '../../../server/src/core/rules/entry/slash-in-file-name';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string, pathTranslation = '"False"') =>
  secretProviderClass({ objects, params: { pathTranslation } });
const message = (name: string) =>
  `With path translation off, the file name \`${name}\` keeps its \`/\`: ASCP's writer rejects it (\`createtemp ${name}: pattern contains path separator\`) and the mount fails. Add an \`objectAlias\` without \`/\`.`;

ruleTester.run(slashInFileName, {
  valid: [
    // leading slashes are dropped
    cls('- objectName: "/token"\n  objectType: "ssmparameter"'),
    cls('- objectName: "/app/prod/token"\n  objectType: "ssmparameter"\n  objectAlias: "token"'),
    // with translation on, every `/` becomes the translation character
    cls('- objectName: "/app/prod/token"\n  objectType: "ssmparameter"', '"-"'),
    secretProviderClass({ objects: '- objectName: "/app/prod/token"\n  objectType: "ssmparameter"' }),
  ],
  invalid: [
    {
      manifest: cls('- objectName: ⟦"/app/prod/token"⟧\n  objectType: "ssmparameter"'),
      message: message('app/prod/token'),
    },
    {
      name: 'an alias with a slash',
      manifest: cls(
        '- objectName: "/app/prod/token"\n  objectType: "ssmparameter"\n  objectAlias: ⟦db/token⟧',
      ),
      message: message('db/token'),
    },
    {
      name: 'pathTranslation "/" keeps every slash, the leading one too',
      manifest: cls('- objectName: ⟦"/token"⟧\n  objectType: "ssmparameter"', '"/"'),
      message: message('/token'),
    },
    {
      name: 'a jmesPath alias',
      manifest: cls(
        '- objectName: "db"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: username\n      objectAlias: ⟦"db/user"⟧',
        '"false"',
      ),
      message: message('db/user'),
    },
  ],
});
