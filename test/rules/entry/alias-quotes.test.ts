// alias-quotes: only `path` is a JMESPath expression. An alias is a plain file name, so quote characters
// written inside it (the README's '"hyphenated-alias"' advice) end up in the file name
// (provider/secret_descriptor.go:118-132). Reported on the alias, with a fix that drops the quotes.
import { aliasQuotes } from '../../../server/src/core/rules/entry/alias-quotes';
import { ruleTester, secretProviderClass } from '../../support';

const jmes = (alias: string) =>
  secretProviderClass({
    objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n    - path: '"db-password"'\n      objectAlias: ${alias}`,
  });
const message = (file: string, clean: string) =>
  `The file will be named \`${file}\`, quotes included: an alias is a file name, not a JMESPath expression. Write \`${clean}\`.`;

ruleTester.run(aliasQuotes, {
  valid: [
    jmes('"db-password"'),
    jmes("'db-password'"),
    jmes('db-password'),
    // an objectName is the secret's name, not judged here
    secretProviderClass({ objects: '- objectName: "test/secret"\n  objectType: "secretsmanager"' }),
  ],
  invalid: [
    {
      manifest: jmes(`⟦'"db-password"'⟧`),
      message: message('"db-password"', 'db-password'),
      fixes: [{ title: 'Use db-password', output: jmes('"db-password"'), safeForFixAll: true }],
    },
    {
      name: 'single quotes inside double quotes',
      manifest: jmes(`⟦"'db-password'"⟧`),
      message: message("'db-password'", 'db-password'),
      fixes: [{ title: 'Use db-password', output: jmes('"db-password"') }],
    },
    {
      name: "an entry's objectAlias",
      manifest: secretProviderClass({
        objects: `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: ⟦'"api-key"'⟧`,
      }),
      message: message('"api-key"', 'api-key'),
      fixes: [
        {
          title: 'Use api-key',
          output: secretProviderClass({
            objects: '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectAlias: "api-key"',
          }),
        },
      ],
    },
  ],
});
