// objects-not-string: spec.parameters holds strings only, so a YAML list (or mapping) written directly
// under `objects:` never reaches ASCP: the API server rejects the class (driver CRD :43-47). Reported on
// the key; the fix turns a block list into an `objects: |` string with the same lines.
import { objectsNotString } from '../../../server/src/core/rules/params/objects-not-string';
import { ruleTester, secretProviderClass } from '../../support';

// the class up to `parameters.region`, to which each case adds its `objects`
const head = secretProviderClass({ objects: null });
const message = (what: string, type: string) =>
  `\`objects\` is a YAML ${what}, but \`spec.parameters\` only holds strings: the API server rejects the class (\`spec.parameters.objects: Invalid value: "${type}": spec.parameters.objects in body must be of type string: "${type}"\`). Write \`objects: |\` and indent the list under it.`;
const fix = 'Turn the list into an `objects: |` string';

ruleTester.run(objectsNotString, {
  valid: [
    secretProviderClass(),
    // a JSON list inside a string is a string
    `${head}    objects: '[{"objectName": "/test/parameter", "objectType": "ssmparameter"}]'\n`,
    secretProviderClass({ objects: '- objectName: "/test/parameter"\n  objectType: "ssmparameter"' }).replace(
      'objects: |',
      'objects: |-',
    ),
  ],
  invalid: [
    {
      manifest: `${head}    ⟦objects⟧:
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
`,
      message: message('list', 'array'),
      fixes: [
        {
          title: fix,
          output: `${head}    objects: |
        - objectName: "/test/parameter"
          objectType: "ssmparameter"
`,
          safeForFixAll: true,
        },
      ],
    },
    {
      name: 'a list at the key indentation, with a second entry',
      manifest: `${head}    ⟦objects⟧:
    - objectName: "/test/parameter"
      objectType: "ssmparameter"
    - objectName: "/test/other"
      objectType: "ssmparameter"
`,
      message: message('list', 'array'),
      fixes: [
        {
          title: fix,
          output: `${head}    objects: |
      - objectName: "/test/parameter"
        objectType: "ssmparameter"
      - objectName: "/test/other"
        objectType: "ssmparameter"
`,
        },
      ],
    },
    {
      name: "the Azure provider's mapping",
      manifest: `${head}    ⟦objects⟧:
      array:
        - objectName: "/test/parameter"
`,
      message: message('mapping', 'object'),
      fixes: [
        {
          title: fix,
          output: `${head}    objects: |\n        array:\n          - objectName: "/test/parameter"\n`,
        },
      ],
      // as a string it reaches ASCP, which explains the mapping in its own words
      allowAfterFix: ['objects-shape'],
    },
    {
      name: 'a flow list on the key line: no fix',
      manifest: `${head}    ⟦objects⟧: [{objectName: "/test/parameter", objectType: "ssmparameter"}]\n`,
      message: message('list', 'array'),
    },
  ],
});
