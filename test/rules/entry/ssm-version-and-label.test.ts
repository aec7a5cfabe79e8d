// ssm-version-and-label: an SSM parameter is fetched as name:version or name:label, never both; an
// entry (or its failoverObject) with both fails every mount with `ssm parameters can not specify both
// objectVersion and objectVersionLabel: <name>` (provider/secret_descriptor.go:255-258,305-308).
// Reported on the later of the two keys, the other one related.
import { ssmVersionAndLabel } from '../../../server/src/core/rules/entry/ssm-version-and-label';
import { ruleTester, secretProviderClass } from '../../support';

const message = (name: string) =>
  `An SSM parameter is fetched by version or by label, not both: every mount fails with \`ssm parameters can not specify both objectVersion and objectVersionLabel: ${name}\`. Remove one of them.`;
const cls = (objects: string, params: Record<string, string> = {}) =>
  secretProviderClass({ objects, params });

ruleTester.run(ssmVersionAndLabel, {
  valid: [
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersionLabel: "prod"'),
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersion: "3"'),
    // an empty label is no label
    cls(
      '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersion: "3"\n  objectVersionLabel: ""',
    ),
    cls(
      `- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"
  objectAlias: "parameter"
  objectVersion: "3"
  failoverObject:
    objectName: "arn:aws:ssm:us-west-2:111122223333:parameter/test/parameter"
    objectVersion: "3"`,
      { failoverRegion: 'us-west-2' },
    ),
  ],
  invalid: [
    {
      manifest: cls(
        '- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  ⟪objectVersion⟫: "3"\n  ⟦objectVersionLabel⟧: "prod"',
      ),
      message: message('/test/parameter'),
      related: ['the other one'],
    },
    {
      name: 'label first: the later key is the version',
      manifest: cls(
        '- objectName: "/test/parameter"\n  ⟪objectVersionLabel⟫: prod\n  ⟦objectVersion⟧: "3"\n  objectType: "ssmparameter"',
      ),
      message: message('/test/parameter'),
      related: ['the other one'],
    },
    {
      name: 'an SSM ARN without objectType',
      manifest: cls(
        '- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/app"\n  objectVersion: "1"\n  ⟦objectVersionLabel⟧: "blue"',
      ),
      message: message('arn:aws:ssm:us-east-1:111122223333:parameter/app'),
    },
    {
      name: 'the failoverObject',
      manifest: cls(
        `- objectName: "arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter"
  objectAlias: "parameter"
  failoverObject:
    objectName: "arn:aws:ssm:us-west-2:111122223333:parameter/test/parameter"
    ⟪objectVersionLabel⟫: "prod"
    ⟦objectVersion⟧: "2"`,
        { failoverRegion: 'us-west-2' },
      ),
      message: message('arn:aws:ssm:us-east-1:111122223333:parameter/test/parameter'),
      related: ['the other one'],
    },
  ],
});
