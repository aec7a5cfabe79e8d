import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { scalarText, templated } from './util';

const OBJECTS =
  '- objectName: "/prod/db/password"\n  objectType: "ssmparameter"\n  objectAlias: "db-password"';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** IsDNS1123Subdomain's complaint, or undefined when the name is valid. */
export function secretNameProblem(name: string): string | undefined {
  if (name === '') return 'Required value: name or generateName is required';
  if (name.length > 253) return `Invalid value: "${name}": must be no more than 253 characters`;
  if (!DNS1123_SUBDOMAIN.test(name)) return `Invalid value: "${name}": ${SUBDOMAIN_MSG}`;
  return undefined;
}

/** IsConfigMapKey's complaint, or undefined when the key is valid. */
export function secretKeyProblem(key: string): string | undefined {
  if (key.length > 253) return 'must be no more than 253 characters';
  if (!CONFIG_KEY.test(key)) return CONFIG_KEY_MSG;
  if (key === '.') return "must not be '.'";
  if (key === '..') return "must not be '..'";
  if (key.startsWith('..')) return "must not start with '..'";
  return undefined;
}

function fixName(name: string): string | undefined {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return s !== name && secretNameProblem(s) === undefined ? s : undefined;
}

function fixKey(key: string): string | undefined {
  const s = key.replace(/[^-._a-zA-Z0-9]+/g, '_').replace(/^\.+/, '');
  return s !== key && secretKeyProblem(s) === undefined ? s : undefined;
}

export const secretObjectInvalidName: Rule = {
  meta: {
    code: 'secret-object-invalid-name',
    severity: 'error',
    title: "The synced Secret's name or a data key is not valid in Kubernetes",
    ascp: 'The driver creates a Kubernetes Secret named `secretName` (trimmed) with one entry per `data[].key` (trimmed). The API server requires the name to be a lowercase RFC 1123 subdomain and every key to match `[-._a-zA-Z0-9]+` (not `.`, `..` or starting with `..`); otherwise the create is rejected (`Secret "My_Secret" is invalid: metadata.name: Invalid value: ...`, in the driver log as `failed to create Kubernetes secret`) and the Secret never appears. The SecretProviderClass itself applies cleanly, since the CRD does not check these strings.',
    predicts:
      "Secret \"<name>\" is invalid: metadata.name: Invalid value: \"<name>\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    fix: 'Use lower-case letters, digits, `-` and `.` for `secretName`; letters, digits, `-`, `_` and `.` for keys (e.g. `db_password` instead of `db/password`).',
    source:
      'driver: controllers/secretproviderclasspodstatus_controller.go:291,323-335; kubernetes: pkg/apis/core/validation/validation.go ValidateSecret (ValidateSecretName, IsConfigMapKey)',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: DB_Credentials
      type: Opaque
      data:
        - objectName: db-password
          key: db/password
`,
      ),
      nearMiss: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: db-credentials
      type: Opaque
      data:
        - objectName: db-password
          key: db_password
`,
      ),
    },
  },
  checkClass(ctx) {
    for (const so of ctx.cls.secretObjects) {
      const sn = so.secretName;
      if (sn && sn.kind === 'string' && sn.value !== '' && !templated(ctx.doc, sn.span)) {
        const name = sn.value.trim();
        const problem = secretNameProblem(name);
        if (problem) {
          const fixed = fixName(name);
          ctx.report({
            span: sn.span,
            message: `${q(name || sn.value)} is not a valid Secret name: when the driver syncs it, the API server rejects the Secret (\`Secret "${name}" is invalid: metadata.name: ${problem}\`), so it is never created.${fixed ? ` Use e.g. ${q(fixed)}.` : ''}`,
            fixes: fixed
              ? [
                  {
                    title: `Use ${fixed}`,
                    edits: [{ span: sn.span, newText: scalarText(ctx.doc, sn, fixed) }],
                  },
                ]
              : [],
          });
        }
      }
      const name = sn?.value.trim() || '<secretName>';
      for (const d of so.data) {
        const k = d.key;
        if (!k || k.kind !== 'string' || templated(ctx.doc, k.span)) continue;
        const key = k.value.trim();
        if (key === '') continue; // secret-object-field-missing
        const problem = secretKeyProblem(key);
        if (!problem) continue;
        const fixed = fixKey(key);
        ctx.report({
          span: k.span,
          message: `${q(key)} is not a valid Secret data key: the API server rejects the synced Secret (\`Secret "${name}" is invalid: data[${key}]: Invalid value: "${key}": ${problem}\`), so it is never created.${fixed ? ` Use e.g. ${q(fixed)}.` : ''}`,
          fixes: fixed
            ? [{ title: `Use ${fixed}`, edits: [{ span: k.span, newText: scalarText(ctx.doc, k, fixed) }] }]
            : [],
        });
      }
    }
  },
};
