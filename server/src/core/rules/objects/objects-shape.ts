import type { Rule } from '../rule';
import { spc } from '../rule';

export const objectsShape: Rule = {
  meta: {
    code: 'objects-shape',
    severity: 'error',
    title: 'The `objects` YAML has the wrong shape',
    ascp: "ASCP decodes `objects` into a list of entries with Go's encoding/json. A mapping where a list belongs (the Azure provider's `array:` habit), a string where an entry belongs (often a Helm template that rendered text), or a list/mapping where a string belongs fails every mount with `Failed to load SecretProviderClass: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal <kind> into Go ... of type ...`.",
    predicts:
      'Failed to load SecretProviderClass: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal <kind> into Go <value|struct field <field>> of type <type>',
    fix: 'Write `objects` as a YAML list of mappings: `- objectName: ...` with `objectType: ...`; `jmesPath` as a list of `- path: ...` / `objectAlias: ...` mappings; `failoverObject` as a mapping.',
    source: 'provider/secret_descriptor.go:26-88,386-391; sigs.k8s.io/yaml v1.6.0 yaml.go:77-80,94-96',
    examples: {
      trigger: spc('array:\n  - |\n    objectName: "/test/parameter"\n    objectType: "ssmparameter"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    for (const e of ctx.cls.objects?.facts.shapeErrors ?? []) {
      ctx.report({
        span: e.span,
        message: `${e.message[0]?.toUpperCase() ?? ''}${e.message.slice(1)}: ASCP fails the mount with \`Failed to load SecretProviderClass: ${e.goMessage}\`.`,
      });
    }
  },
};
