import type { StrValue } from '../../model';
import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { quoted } from '../edits';
import { schemaType } from './util';

const OBJECTS =
  '- objectName: "/prod/feature/enabled"\n  objectType: "ssmparameter"\n  objectAlias: "enabled"';

export const secretObjectNotString: Rule = {
  meta: {
    code: 'secret-object-not-string',
    severity: 'error',
    title: '`secretObjects` fields must be strings (and `data` a list)',
    ascp: 'The CRD declares `secretName`, `type`, `data[].objectName` and `data[].key` as strings and `data` as a list. kubectl reads YAML 1.1, so an unquoted `yes`, `on`, `true` or `0123` is a boolean or number, and the API server rejects the whole class: `spec.secretObjects[0].data[0].key: Invalid value: "boolean": spec.secretObjects[0].data[0].key in body must be of type string: "boolean"`.',
    predicts:
      'spec.secretObjects[<i>].<field>: Invalid value: "<type>": spec.secretObjects[<i>].<field> in body must be of type <string|array>: "<type>"',
    fix: 'Quote the value: `key: "yes"`.',
    source:
      'driver: apis/v1/secretproviderclass_types.go:29-47; config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml:51-86',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: features
      type: Opaque
      data:
        - objectName: enabled
          key: on
`,
      ),
      nearMiss: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: features
      type: Opaque
      data:
        - objectName: enabled
          key: "on"
`,
      ),
    },
  },
  checkClass(ctx) {
    const check = (v: StrValue | undefined, path: string, expected = 'string') => {
      if (!v) return;
      const type = schemaType(v.kind) ?? (v.kind === 'string' ? 'string' : undefined);
      if (!type || type === expected) return;
      const quote = v.plainSource !== undefined && expected === 'string';
      ctx.report({
        span: v.span,
        message: `${q(v.key)} must be ${expected === 'string' ? 'a string' : 'a list'}, but ${quote ? `unquoted ${q(v.plainSource ?? '')} is a YAML ${type}` : `the value is a YAML ${type === 'object' ? 'mapping' : type === 'array' ? 'list' : type}`}: the API server rejects the class (\`${path}: Invalid value: "${type}": ${path} in body must be of type ${expected}: "${type}"\`).${quote ? ` Quote it: ${q(`${v.key}: ${quoted(v.plainSource ?? '')}`)}.` : ''}`,
        fixes: quote
          ? [
              {
                title: `Quote ${v.plainSource ?? ''}`,
                edits: [{ span: v.span, newText: quoted(v.plainSource ?? '') }],
                safeForFixAll: true,
              },
            ]
          : [],
      });
    };
    ctx.cls.secretObjects.forEach((so, i) => {
      const base = `spec.secretObjects[${i}]`;
      check(so.secretName, `${base}.secretName`);
      check(so.type, `${base}.type`);
      check(so.dataKey, `${base}.data`, 'array');
      so.data.forEach((d, j) => {
        check(d.objectName, `${base}.data[${j}].objectName`);
        check(d.key, `${base}.data[${j}].key`);
      });
    });
  },
};
