import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { quoted } from '../edits';

const JSON_TYPE: Record<string, string> = {
  bool: 'boolean',
  int: 'integer',
  float: 'number',
  map: 'object',
  seq: 'array',
};

export const parameterNotString: Rule = {
  meta: {
    code: 'parameter-not-string',
    severity: 'error',
    title: 'spec.parameters values must be strings',
    ascp: 'The CRD declares `spec.parameters` as a map of strings. kubectl parses YAML 1.1, so unquoted `true`, `False`, `yes`, `on`, `0` or `2` are booleans or numbers, and the API server rejects the whole object: `spec.parameters.usePodIdentity: Invalid value: "boolean": spec.parameters.usePodIdentity in body must be of type string: "boolean"`.',
    predicts:
      'spec.parameters.<key>: Invalid value: "<type>": spec.parameters.<key> in body must be of type string: "<type>"',
    fix: 'Quote the value: `usePodIdentity: "true"`.',
    source:
      'driver: apis/v1/secretproviderclass_types.go:54; config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml:43-47',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: 'true',
      }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', {
        usePodIdentity: '"true"',
      }),
    },
  },
  checkClass(ctx) {
    for (const [key, p] of ctx.cls.params) {
      if (key === 'objects') continue; // its own rule
      const v = p.value;
      const type = JSON_TYPE[v.kind];
      if (!type) continue;
      const fixes =
        v.plainSource !== undefined
          ? [
              {
                title: `Quote ${v.plainSource}`,
                edits: [{ span: v.span, newText: quoted(v.plainSource) }],
                safeForFixAll: true,
              },
            ]
          : [];
      ctx.report({
        span: v.span,
        message: `${q(key)} must be a string, but ${v.plainSource !== undefined ? `unquoted ${q(v.plainSource)} is a YAML ${type}` : `the value is a YAML ${type === 'object' ? 'mapping' : 'list'}`}: the API server rejects the class (\`spec.parameters.${key}: Invalid value: "${type}": spec.parameters.${key} in body must be of type string: "${type}"\`).${v.plainSource !== undefined ? ` Quote it: ${q(key + ': ' + quoted(v.plainSource))}.` : ''}`,
        fixes,
      });
    }
  },
};
