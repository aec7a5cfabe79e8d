// duplicate-alias: ASCP rejects an objectAlias that an earlier entry used as alias or jmesPath alias
// (`found duplicate object alias <a>`), and a jmesPath alias any earlier alias used (`Name already in use
// for objectAlias: ...`) (provider/secret_descriptor.go:466-483). Reported on the later alias, the first
// use related; the fixes rename it to a name nothing else uses, keeping its quoting.
import { duplicateAlias } from '../../../server/src/core/rules/entry/duplicate-alias';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const entry = (name: string, alias: string) =>
  `- objectName: "${name}"\n  objectType: "secretsmanager"\n  objectAlias: ${alias}`;
const jmes = (items: string) =>
  `- objectName: "test/secret"\n  objectType: "secretsmanager"\n  jmesPath:\n${items}`;

ruleTester.run(duplicateAlias, {
  valid: [
    cls(`${entry('test/a', '"a"')}\n${entry('test/b', '"b"')}`),
    cls(
      jmes(
        '    - path: username\n      objectAlias: SECRET_USERNAME\n    - path: password\n      objectAlias: SECRET_PASSWORD',
      ),
    ),
    // aliases are case-sensitive file names
    cls(`${entry('test/a', 'creds')}\n${entry('test/b', 'Creds')}`),
  ],
  invalid: [
    {
      name: 'two object aliases',
      manifest: cls(`${entry('test/a', '⟪"creds"⟫')}\n${entry('test/b', '⟦"creds"⟧')}`),
      message:
        'Alias `creds` is already used above: every mount fails with `found duplicate object alias creds`. Rename it.',
      related: ['first use'],
      fixes: [
        {
          title: 'Rename the alias to creds_2',
          output: cls(`${entry('test/a', '"creds"')}\n${entry('test/b', '"creds_2"')}`),
          safeForFixAll: false,
        },
      ],
    },
    {
      name: 'a jmesPath alias: renamed after its path when that is free',
      manifest: cls(
        jmes(
          '    - path: username\n      objectAlias: ⟪creds⟫\n    - path: password\n      objectAlias: ⟦creds⟧',
        ),
      ),
      message:
        'Alias `creds` is already used above: every mount fails with `Name already in use for objectAlias: found duplicate object alias creds in JMES path entry password`. Rename it.',
      related: ['first use'],
      fixes: [
        {
          title: 'Rename the alias to password',
          output: cls(
            jmes(
              '    - path: username\n      objectAlias: creds\n    - path: password\n      objectAlias: password',
            ),
          ),
        },
        {
          title: 'Rename the alias to creds_2',
          output: cls(
            jmes(
              '    - path: username\n      objectAlias: creds\n    - path: password\n      objectAlias: creds_2',
            ),
          ),
        },
      ],
    },
    {
      name: 'single quotes stay single quotes; names in use are skipped',
      manifest: cls(
        `${entry('creds_2', "'creds'")}\n${jmes("    - path: '\"user-name\"'\n      objectAlias: ⟦'creds'⟧")}`,
      ),
      message:
        'Alias `creds` is already used above: every mount fails with `Name already in use for objectAlias: found duplicate object alias creds in JMES path entry "user-name"`. Rename it.',
      fixes: [
        {
          title: 'Rename the alias to creds_3',
          output: cls(
            `${entry('creds_2', "'creds'")}\n${jmes("    - path: '\"user-name\"'\n      objectAlias: 'creds_3'")}`,
          ),
        },
      ],
    },
    {
      name: 'three uses: the second and the third',
      manifest: cls(`${entry('test/a', 'x')}\n${entry('test/b', '⟦x⟧')}\n${entry('test/c', '⟦x⟧')}`),
      errors: [
        {
          message:
            'Alias `x` is already used above: every mount fails with `found duplicate object alias x`. Rename it.',
          fixes: [
            {
              title: 'Rename the alias to x_2',
              output: cls(`${entry('test/a', 'x')}\n${entry('test/b', 'x_2')}\n${entry('test/c', 'x')}`),
            },
          ],
        },
        {
          message:
            'Alias `x` is already used above: every mount fails with `found duplicate object alias x`. Rename it.',
          // two duplicates never get the same new name
          fixes: [
            {
              title: 'Rename the alias to x_3',
              output: cls(`${entry('test/a', 'x')}\n${entry('test/b', 'x')}\n${entry('test/c', 'x_3')}`),
            },
          ],
        },
      ],
    },
  ],
});
