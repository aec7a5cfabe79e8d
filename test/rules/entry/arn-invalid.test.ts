// arn-invalid: a name starting with `arn:` must have the 6 sections of an ARN, or ASCP fails every mount
// with `Invalid ARN format in object name: <name>` (provider/secret_descriptor.go:326-333); the failover
// name too. Reported on the name.
import { arnInvalid } from '../../../server/src/core/rules/entry/arn-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const message = (name: string, sections: number) =>
  `\`${name}\` starts with \`arn:\` but has ${sections} of the 6 sections an ARN needs (arn:partition:service:region:account:resource): every mount fails with \`Invalid ARN format in object name: ${name}\`.`;
const cls = (objects: string, params: Record<string, string> = {}) =>
  secretProviderClass({ objects, params });

ruleTester.run(arnInvalid, {
  valid: [
    cls('- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"'),
    // a resource may hold more colons
    cls('- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/a:b"'),
    // only the prefix `arn:` makes an ARN
    cls('- objectName: "myarn:aws:test"\n  objectType: "secretsmanager"'),
    cls('- objectName: "ARN:aws:test"\n  objectType: "secretsmanager"'),
  ],
  invalid: [
    {
      name: 'the account is missing',
      manifest: cls('- objectName: ⟦"arn:aws:secretsmanager:us-east-1:test/secret"⟧'),
      message: message('arn:aws:secretsmanager:us-east-1:test/secret', 5),
    },
    {
      name: 'a truncated ARN with objectType',
      manifest: cls('- objectName: ⟦arn:aws⟧\n  objectType: "secretsmanager"'),
      message: message('arn:aws', 2),
    },
    {
      name: 'the failover name',
      manifest: cls(
        `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  objectAlias: "secret"
  failoverObject:
    objectName: ⟦"arn:aws:secretsmanager:us-west-2:test/secret-AbCdEf"⟧`,
        { failoverRegion: 'us-west-2' },
      ),
      message: message('arn:aws:secretsmanager:us-west-2:test/secret-AbCdEf', 5),
    },
  ],
});
