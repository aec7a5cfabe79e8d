// duplicate-object-name: since chart 1.0.0 ASCP allows one objectName twice only when alias or version
// label tell the entries apart; it rejects four combinations with `found descriptor with duplicate object
// name <n>, ...` (provider/secret_descriptor.go:424-459). Reported on the later entry's alias (or name),
// with the earlier entry's name as related location.
import { duplicateObjectName } from '../../../server/src/core/rules/entry/duplicate-object-name';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const message = (name: string, c: string) =>
  `\`${name}\` is already listed and neither alias nor version label tells these apart: every mount fails with \`found descriptor with duplicate object name ${name}, ${c}\`. Give this entry its own \`objectAlias\`.`;
const SM = '  objectType: "secretsmanager"';

ruleTester.run(duplicateObjectName, {
  valid: [
    // AWSCURRENT and AWSPREVIOUS side by side (aws#95), each with its own file
    cls(
      `- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: "current"\n- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSPREVIOUS"\n  objectAlias: "previous"`,
    ),
    cls(`- objectName: "test/secret"\n${SM}\n- objectName: "test/secret"\n${SM}\n  objectAlias: "copy"`),
    {
      name: 'same label, different aliases',
      manifest: cls(
        `- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: "a"\n- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: "b"`,
      ),
    },
  ],
  invalid: [
    {
      name: 'no alias, no label',
      manifest: cls(`- objectName: ⟪"test/secret"⟫\n${SM}\n- objectName: ⟦"test/secret"⟧\n${SM}`),
      message: message('test/secret', 'no object alias, and no version label'),
      related: ['the earlier entry'],
    },
    {
      name: 'same alias, no label: on the alias',
      manifest: cls(
        `- objectName: ⟪"test/secret"⟫\n${SM}\n  objectAlias: "creds"\n- objectName: "test/secret"\n${SM}\n  objectAlias: ⟦"creds"⟧`,
      ),
      message: message('test/secret', 'duplicate object alias creds, and no version label'),
      related: ['the earlier entry'],
    },
    {
      name: 'no alias, same label',
      manifest: cls(
        `- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectVersionLabel: "prod"\n- objectName: ⟦"/test/parameter"⟧\n  objectType: "ssmparameter"\n  objectVersionLabel: "prod"`,
      ),
      message: message('/test/parameter', 'no object alias, and duplicate version label prod'),
    },
    {
      name: 'same alias, same label',
      manifest: cls(
        `- objectName: "test/secret"\n${SM}\n  objectAlias: "a"\n  objectVersionLabel: "AWSCURRENT"\n- objectName: "test/secret"\n${SM}\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: ⟦a⟧`,
      ),
      message: message('test/secret', 'duplicate object alias a, and duplicate version label AWSCURRENT'),
    },
  ],
});
