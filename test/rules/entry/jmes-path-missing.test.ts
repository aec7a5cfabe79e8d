// jmes-path-missing: every jmesPath entry needs `path`, or ASCP fails every mount with `Path must be
// specified for JMES object` (provider/secret_descriptor.go:272-275). Reported on the jmesPath item's
// first key when absent, on the value when empty.
import { jmesPathMissing } from '../../../server/src/core/rules/entry/jmes-path-missing';
import { ruleTester, secretProviderClass } from '../../support';

const message =
  'This jmesPath entry has no `path`: every mount fails with `Path must be specified for JMES object`.';
const withJmes = (items: string) =>
  secretProviderClass({
    objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n${items}`,
  });

ruleTester.run(jmesPathMissing, {
  valid: [
    withJmes('    - path: username\n      objectAlias: SECRET_USERNAME'),
    // field names match case-insensitively
    withJmes('    - Path: username\n      objectAlias: SECRET_USERNAME'),
    withJmes('    - {objectAlias: SECRET_USERNAME, path: username}'),
  ],
  invalid: [
    {
      manifest: withJmes('    - ⟦objectAlias⟧: SECRET_USERNAME'),
      message,
    },
    {
      name: 'an empty path',
      manifest: withJmes('    - path: ⟦""⟧\n      objectAlias: SECRET_USERNAME'),
      message,
    },
    {
      name: 'the second of two',
      manifest: withJmes(
        '    - path: username\n      objectAlias: SECRET_USERNAME\n    - ⟦objectAlias⟧: SECRET_PASSWORD\n      filePermission: "0600"',
      ),
      message,
    },
  ],
});
