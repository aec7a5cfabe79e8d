// secretsmanager-version-and-label: ASCP passes both objectVersion and objectVersionLabel to GetSecretValue;
// Secrets Manager rejects the call with a 400 once the label is not on that version, which fails the
// mount (provider/secrets_manager_provider.go:81-83,213-233). A warning on the later of the two keys.
import { secretsmanagerVersionAndLabel } from '../../../server/src/core/rules/entry/secretsmanager-version-and-label';
import { ruleTester, secretProviderClass } from '../../support';

const VERSION = 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1';
const message = (region: string, name: string, label: string) =>
  `Both \`objectVersion\` and \`objectVersionLabel\` are sent to GetSecretValue: the mount fails (\`${region}: Failed fetching secret ${name}: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, ...\`) whenever label \`${label}\` is not on that version, e.g. after a rotation. Keep one.`;

ruleTester.run(secretsmanagerVersionAndLabel, {
  valid: [
    secretProviderClass({
      objects:
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersionLabel: "AWSCURRENT"',
    }),
    secretProviderClass({
      objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersion: "${VERSION}"\n  objectVersionLabel: ""`,
    }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({
        objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersion: "${VERSION}"\n  ⟦objectVersionLabel⟧: "AWSCURRENT"`,
      }),
      message: message('us-east-1', 'test/secret', 'AWSCURRENT'),
    },
    {
      name: 'label first, no region: the version key, and <region> in the message',
      manifest: secretProviderClass({
        region: null,
        objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersionLabel: AWSPREVIOUS\n  ⟦objectVersion⟧: "${VERSION}"`,
      }),
      message: message('<region>', 'test/secret', 'AWSPREVIOUS'),
    },
    {
      name: 'a Secrets Manager ARN without objectType',
      manifest: secretProviderClass({
        objects: `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"\n  objectAlias: "secret"\n  objectVersion: "${VERSION}"\n  ⟦objectVersionLabel⟧: "AWSCURRENT"`,
      }),
      message: message(
        'us-east-1',
        'arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf',
        'AWSCURRENT',
      ),
    },
  ],
});
