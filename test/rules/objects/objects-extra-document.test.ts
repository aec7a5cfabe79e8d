// objects-extra-document: sigs.k8s.io/yaml reads only the first YAML document of the objects string;
// entries after an inner `---` are dropped silently (provider/secret_descriptor.go:386-391). A warning
// over the ignored documents.
import { objectsExtraDocument } from '../../../server/src/core/rules/objects/objects-extra-document';
import { ruleTester, secretProviderClass } from '../../support';

const cls = (objects: string) => secretProviderClass({ objects });
const A = '- objectName: "/test/parameter"\n  objectType: "ssmparameter"';
const B = '- objectName: "/test/other"\n  objectType: "ssmparameter"';

ruleTester.run(objectsExtraDocument, {
  valid: [
    cls(`${A}\n${B}`),
    // `---` inside a quoted value is text
    cls(`${A}\n  objectAlias: "---"`),
    // an explicit document start before the only document
    cls(`---\n${A}`),
  ],
  invalid: [
    {
      manifest: cls(`${A}\n⟦---\n${B}\n⟧`),
      message:
        'ASCP reads only the first YAML document inside `objects`: this document is ignored and nothing in it is mounted. Remove the inner `---`.',
    },
    {
      name: 'two more documents: one diagnostic over both',
      manifest: cls(`${A}\n⟦---\n${B}\n---\n${A}\n⟧`),
      message:
        'ASCP reads only the first YAML document inside `objects`: these 2 documents are ignored and nothing in them is mounted. Remove the inner `---`.',
    },
  ],
});
