// path-traversal: with pathTranslation "False" slashes stay in file names, and ASCP refuses a name with
// a `..` component: `path can not contain ../: <objectName>` (provider/secret_descriptor.go:16,260-263),
// printing the objectName even when the alias is the culprit. jmesPath aliases are not checked by ASCP,
// but cannot be written inside the mount either. Reported on the name or alias that makes the file name.
import { pathTraversal } from '../../../server/src/core/rules/entry/path-traversal';
import { ruleTester, secretProviderClass } from '../../support';

const off = (objects: string) => secretProviderClass({ objects, params: { pathTranslation: '"False"' } });
const SSM = '- objectName: "/test/parameter"\n  objectType: "ssmparameter"';

ruleTester.run(pathTraversal, {
  valid: [
    off(`${SSM}\n  objectAlias: "escape"`),
    // with translation on, `/` becomes `_`: `.._escape` is a plain file name
    secretProviderClass({ objects: `${SSM}\n  objectAlias: "../escape"` }),
    // `..` inside a name is not a path component
    off(`${SSM}\n  objectAlias: "..hidden"`),
    off(`${SSM}\n  objectAlias: "a..b"`),
  ],
  invalid: [
    {
      manifest: off(`${SSM}\n  objectAlias: ⟦"../escape"⟧`),
      message:
        'File name `../escape` contains a `..` component: every mount fails with `path can not contain ../: /test/parameter`.',
    },
    {
      name: 'a trailing .. component',
      manifest: off(`${SSM}\n  objectAlias: ⟦up/..⟧`),
      message:
        'File name `up/..` contains a `..` component: every mount fails with `path can not contain ../: /test/parameter`.',
    },
    {
      name: 'the objectName itself, once its leading slash is dropped',
      manifest: off('- objectName: ⟦"/../etc/passwd"⟧\n  objectType: "ssmparameter"'),
      message:
        'File name `../etc/passwd` contains a `..` component: every mount fails with `path can not contain ../: /../etc/passwd`.',
    },
    {
      name: 'a jmesPath alias (not checked by ASCP)',
      manifest: off(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: username\n      objectAlias: ⟦"a/../../user"⟧',
      ),
      message:
        'jmesPath alias `a/../../user` contains a `..` component; ASCP does not check jmesPath aliases, but the file cannot be written inside the mount.',
    },
  ],
});
