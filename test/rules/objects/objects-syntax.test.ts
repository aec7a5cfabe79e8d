// objects-syntax: ASCP parses `objects` with sigs.k8s.io/yaml (go-yaml v2); a syntax error fails every
// mount with `Failed to load SecretProviderClass: error converting YAML to JSON: yaml: ...`
// (provider/secret_descriptor.go:386-391). Reported at the offending character or indentation.
import { objectsSyntax } from '../../../server/src/core/rules/objects/objects-syntax';
import { ruleTester, secretProviderClass } from '../../support';

const ascp =
  'ASCP fails the mount with `Failed to load SecretProviderClass: error converting YAML to JSON: yaml: ...`.';
const cls = (objects: string) => secretProviderClass({ objects });
const folded = (objects: string) => cls(objects).replace('objects: |', 'objects: >');

ruleTester.run(objectsSyntax, {
  valid: [
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    // a flow list over several lines
    cls('[{objectName: "/test/parameter",\n  objectType: "ssmparameter"}]'),
    // folded is fine while every entry line is more indented than the first or on its own
    folded('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    // a tab inside a quoted value is not indentation
    cls('- objectName: "/test/parameter"\n  objectType: "ssmparameter"\n  objectAlias: "a\tb"'),
  ],
  invalid: [
    {
      name: 'a key indented less than its siblings: on the indentation',
      manifest: cls('- objectName: "/test/parameter"\n⟦ ⟧objectType: "ssmparameter"'),
      message: `Invalid YAML inside \`objects\`: Sequence item without - indicator. ${ascp}`,
    },
    {
      name: 'a key indented more than its siblings: at the start of its indentation',
      manifest: cls('- objectName: "/test/parameter"\n⟦ ⟧  objectType: "ssmparameter"'),
      message: `Invalid YAML inside \`objects\`: All mapping items must start at the same column. ${ascp}`,
    },
    {
      name: 'a tab in the indentation: on the tab, with a hint',
      manifest: cls('- objectName: "/test/parameter"\n  ⟦\t⟧objectType: "ssmparameter"'),
      message: `Invalid YAML inside \`objects\`: Tabs are not allowed as indentation. ${ascp} Indent with spaces: YAML forbids tabs in indentation.`,
    },
    {
      // (go-yaml names the line; this position, the end of the document, could be the opening quote)
      name: 'an unclosed quote: at the end of the text',
      manifest: cls('- objectName: "/test/parameter\n  objectType: ssmparameter') + '⟦⟧',
      message: /^Invalid YAML inside `objects`: Missing closing "quote\. ASCP fails the mount/,
    },
    {
      name: 'the folded form joins lines: a hint to use |',
      manifest: folded('- objectName: "/a"\n  objectType: "ssmparameter"\n- "/b"\n⟦"c"⟧: d'),
      message: `Invalid YAML inside \`objects\`: Unexpected double-quoted-scalar token. ${ascp} The folded form (\`>\`) joins lines; use a literal block (\`|\`).`,
    },
  ],
});
