// object-type-missing: without a full ARN ASCP cannot tell a secret from a parameter: every mount fails
// with `Must use objectType when a full ARN is not specified: <name>` (provider/secret_descriptor.go:
// 340-343); a failover name is checked against the entry's own objectType. Reported on the item's first
// key (or the failover name); the fixes insert objectType after objectName, the likely type first.
import { objectTypeMissing } from '../../../server/src/core/rules/entry/object-type-missing';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string, params: Record<string, string> = {}) =>
  secretProviderClass({ objects, params });
const message = (name: string, slash = '') =>
  `\`${name}\` is not an ARN, so ASCP needs \`objectType\` (\`secretsmanager\` or \`ssmparameter\`): every mount fails with \`Must use objectType when a full ARN is not specified: ${name}\`.${slash}`;
const SLASH = ' A name starting with `/` is usually an SSM parameter.';

ruleTester.run(objectTypeMissing, {
  valid: [
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    // an ARN names its service
    cls('- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"'),
    cls('- objectName: "test/secret"\n  ObjectType: "secretsmanager"'),
  ],
  invalid: [
    {
      name: 'a hierarchical SSM name: the parameter fix first',
      manifest: cls('- ⟦objectName⟧: "/test/parameter"\n  objectAlias: param'),
      message: message('/test/parameter', SLASH),
      fixes: [
        {
          title: 'Add objectType: "ssmparameter"',
          output: cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: param'),
          safeForFixAll: false,
        },
        {
          title: 'Add objectType: "secretsmanager" (if this is a secret)',
          output: cls(
            '- objectName: "/test/parameter"\n  objectType: "secretsmanager"\n  objectAlias: param',
          ),
        },
      ],
    },
    {
      name: 'a plain name: both fixes say what they assume',
      manifest: cls('- objectAlias: db\n  objectName: test/secret').replace(
        'objectAlias: db',
        '⟦objectAlias⟧: db',
      ),
      message: message('test/secret'),
      fixes: [
        {
          title: 'Add objectType: "ssmparameter" (if this is a parameter)',
          output: cls('- objectAlias: db\n  objectName: test/secret\n  objectType: "ssmparameter"'),
        },
        {
          title: 'Add objectType: "secretsmanager" (if this is a secret)',
          output: cls('- objectAlias: db\n  objectName: test/secret\n  objectType: "secretsmanager"'),
        },
      ],
    },
    {
      name: 'an empty objectType is no objectType: the fix fills it in (a second key would lose to it)',
      manifest: cls('- ⟦objectName⟧: "/test/parameter"\n  objectType: ""'),
      message: message('/test/parameter', SLASH),
      fixes: [
        {
          title: 'Add objectType: "ssmparameter"',
          output: cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
        },
        {
          title: 'Add objectType: "secretsmanager" (if this is a secret)',
          output: cls('- objectName: "/test/parameter"\n  objectType: "secretsmanager"'),
        },
      ],
    },
    {
      name: 'a key without value, before a comment',
      manifest: cls('- ⟦objectName⟧: "/test/parameter"\n  objectType: # which one?\n  objectAlias: param'),
      message: message('/test/parameter', SLASH),
      fixes: [
        {
          title: 'Add objectType: "ssmparameter"',
          output: cls(
            '- objectName: "/test/parameter"\n  objectType: "ssmparameter" # which one?\n  objectAlias: param',
          ),
        },
        {
          title: 'Add objectType: "secretsmanager" (if this is a secret)',
          output: cls(
            '- objectName: "/test/parameter"\n  objectType: "secretsmanager" # which one?\n  objectAlias: param',
          ),
        },
      ],
    },
    {
      name: 'a plain failover name under an ARN: on the failover name, no fix',
      manifest: cls(
        `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  objectAlias: secret
  failoverObject:
    objectName: ⟦"test/secret"⟧`,
        { failoverRegion: 'us-west-2' },
      ),
      message: message('test/secret'),
    },
  ],
});
