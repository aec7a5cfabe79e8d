// object-not-found: with the AWS catalog (a complete listing of the region), a secret or parameter that
// does not exist fails the mount (ResourceNotFoundException, or `invalid parameters`; provider/
// secrets_manager_provider.go:81-83,231-233, parameter_store_provider.go:143-154). A warning on the name,
// with "did you mean" fixes; ARNs of another account and regions that were not listed are not judged.
import { objectNotFound } from '../../../server/src/core/rules/aws/object-not-found';
import { ruleTester, secretProviderClass } from '../../support';

const catalog = {
  region: 'us-east-1',
  account: '111122223333',
  secretsmanager: ['test/secret', 'prod/db/credentials'],
  ssmparameter: ['/test/parameter', '/app/db/password', 'feature-flag'],
};
const sm = (name: string, extra = '') =>
  secretProviderClass({ objects: `- objectName: ${name}\n  objectType: "secretsmanager"${extra}` });
const ssm = (name: string, extra = '') =>
  secretProviderClass({ objects: `- objectName: ${name}\n  objectType: "ssmparameter"${extra}` });
const smFails = (region: string, name: string) =>
  `the mount would fail with \`${region}: Failed fetching secret ${name}: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: ..., ResourceNotFoundException: Secrets Manager can't find the specified secret.\`.`;

ruleTester.run(objectNotFound, {
  catalog,
  valid: [
    sm('"test/secret"'),
    ssm('"/app/db/password"'),
    // SSM stores a one-level name with or without its leading slash as one parameter
    ssm('"/feature-flag"'),
    // a partial ARN (no random suffix) of a listed secret
    secretProviderClass({
      objects: '- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret"',
    }),
    // another account's secret (shared by a resource policy) is not judged
    secretProviderClass({
      objects: '- objectName: "arn:aws:secretsmanager:us-east-1:444455556666:secret:other-AbCdEf"',
    }),
    // a region that was not listed is not judged
    secretProviderClass({
      region: 'eu-west-1',
      objects: '- objectName: "nowhere"\n  objectType: "secretsmanager"',
    }),
    // a templated name is not a name yet
    sm('"${SECRET_NAME}"'),
  ],
  invalid: [
    {
      manifest: sm('⟦"test/secrt"⟧'),
      message: `secret \`test/secrt\` not found in us-east-1 (did you mean \`test/secret\`?): ${smFails('us-east-1', 'test/secrt')}`,
      fixes: [{ title: 'Use test/secret', output: sm('"test/secret"'), safeForFixAll: false }],
    },
    {
      name: 'a parameter, with the version ASCP sends',
      manifest: ssm('⟦/app/db/pasword⟧', '\n  objectVersion: "3"'),
      message:
        'parameter `/app/db/pasword` not found in us-east-1 (did you mean `/app/db/password`?): the mount would fail with `400: us-east-1: invalid parameters: /app/db/pasword:3`.',
      fixes: [{ title: 'Use /app/db/password', output: ssm('"/app/db/password"', '\n  objectVersion: "3"') }],
    },
    {
      name: 'the wrong objectType: the name exists as the other kind',
      manifest: sm('⟦"/test/parameter"⟧'),
      message: `secret \`/test/parameter\` not found in us-east-1; a parameter of that name exists there: \`objectType\` should be \`ssmparameter\`: ${smFails('us-east-1', '/test/parameter')}`,
      fixes: [{ title: 'Change objectType to ssmparameter', output: ssm('"/test/parameter"') }],
    },
    {
      name: 'no region: the default region of the AWS settings',
      manifest: secretProviderClass({
        region: null,
        objects: '- objectName: ⟦"nowhere"⟧\n  objectType: "secretsmanager"',
      }),
      message: `secret \`nowhere\` not found in us-east-1 (the class has no \`region\`: looked in the default region of your AWS settings): ${smFails('us-east-1', 'nowhere')}`,
    },
    {
      name: 'the failover name, looked up in the failover region',
      catalog: { ...catalog, region: 'us-west-2' },
      manifest: secretProviderClass({
        params: { failoverRegion: 'us-west-2' },
        objects: `- objectName: "test/secret"
  objectType: "secretsmanager"
  objectAlias: secret
  failoverObject:
    objectName: ⟦"test/secrett"⟧`,
      }),
      message: `secret \`test/secrett\` not found in us-west-2 (the \`failoverRegion\`) (did you mean \`test/secret\`?): ${smFails('us-west-2', 'test/secret')}`,
      fixes: [
        {
          title: 'Use test/secret',
          output: secretProviderClass({
            params: { failoverRegion: 'us-west-2' },
            objects: `- objectName: "test/secret"
  objectType: "secretsmanager"
  objectAlias: secret
  failoverObject:
    objectName: "test/secret"`,
          }),
        },
      ],
    },
    {
      name: 'a full ARN whose secret was deleted and created again (another suffix)',
      catalog: {
        region: 'us-east-1',
        account: '111122223333',
        secretsmanager: ['test/secret'],
      },
      manifest: secretProviderClass({
        objects: '- objectName: ⟦"arn:aws:secretsmanager:us-east-1:111122223333:secret:test/nothere-AbCdEf"⟧',
      }),
      message: `secret \`arn:aws:secretsmanager:us-east-1:111122223333:secret:test/nothere-AbCdEf\` not found in us-east-1: ${smFails('us-east-1', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:test/nothere-AbCdEf')}`,
    },
  ],
});
