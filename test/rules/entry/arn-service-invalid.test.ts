// arn-service-invalid: without objectType, the ARN's service decides the type and must be secretsmanager
// or ssm; any other fails every mount with `Invalid service in ARN: <service>`
// (provider/secret_descriptor.go:345-349). Reported on the ARN.
import { arnServiceInvalid } from '../../../server/src/core/rules/entry/arn-service-invalid';
import { ruleTester, secretProviderClass } from '../../support';

const message = (service: string) =>
  `ASCP reads only Secrets Manager and SSM Parameter Store, and this ARN's service is \`${service}\`: every mount fails with \`Invalid service in ARN: ${service}\`.`;

ruleTester.run(arnServiceInvalid, {
  valid: [
    secretProviderClass({
      objects: '- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"',
    }),
    secretProviderClass({
      objects: '- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"',
    }),
    // another partition, same services
    secretProviderClass({
      region: 'cn-north-1',
      objects: '- objectName: "arn:aws-cn:ssm:cn-north-1:111122223333:parameter/test/parameter"',
    }),
  ],
  invalid: [
    {
      manifest: secretProviderClass({
        objects: '- objectName: ⟦"arn:aws:kms:us-east-1:111122223333:key/1234abcd"⟧',
      }),
      message: message('kms'),
    },
    {
      name: 'the service name is case-sensitive',
      manifest: secretProviderClass({
        objects: '- objectName: ⟦"arn:aws:SSM:us-east-1:111122223333:parameter/test/parameter"⟧',
      }),
      message: message('SSM'),
    },
    {
      name: 'the failover ARN',
      manifest: secretProviderClass({
        params: { failoverRegion: 'us-west-2' },
        objects: `- objectName: "arn:aws:secretsmanager:us-east-1:111122223333:secret:test/secret-AbCdEf"
  objectAlias: "secret"
  failoverObject:
    objectName: ⟦"arn:aws:s3:us-west-2:111122223333:bucket/secret"⟧`,
      }),
      message: message('s3'),
    },
  ],
});
