import type { Rule } from '../rule';
import { q, spc } from '../rule';

const OBJECTS = `- objectName: "prod/tls"
  objectType: "secretsmanager"
  jmesPath:
    - path: cert
      objectAlias: cert.pem
    - path: key
      objectAlias: key.pem`;

/** Keys the API server requires per Secret type (pkg/apis/core/validation ValidateSecret). */
const REQUIRED: Record<string, { all?: string[]; any?: string[] }> = {
  'kubernetes.io/tls': { all: ['tls.crt', 'tls.key'] },
  'kubernetes.io/basic-auth': { any: ['username', 'password'] },
  'kubernetes.io/ssh-auth': { all: ['ssh-privatekey'] },
  'kubernetes.io/dockerconfigjson': { all: ['.dockerconfigjson'] },
  'kubernetes.io/dockercfg': { all: ['.dockercfg'] },
};

export const secretObjectTypeKeys: Rule = {
  meta: {
    code: 'secret-object-type-keys',
    severity: 'error',
    title: 'A typed secretObject lacks the keys its Secret type requires',
    ascp: 'The driver creates the synced Secret with the `type` and keys given in `secretObjects`, and the API server validates typed Secrets: `kubernetes.io/tls` needs both `tls.crt` and `tls.key`, `kubernetes.io/basic-auth` needs `username` or `password`, `kubernetes.io/ssh-auth` needs `ssh-privatekey`, `kubernetes.io/dockerconfigjson` needs `.dockerconfigjson`, and `kubernetes.io/dockercfg` needs `.dockercfg`. Otherwise the create is rejected (`Secret "<name>" is invalid: data[tls.key]: Required value`, in the driver log as `failed to create Kubernetes secret`) and the Secret never appears.',
    predicts: 'Secret "<name>" is invalid: data[<key>]: Required value',
    fix: 'Add a data item for each required key, or use `type: Opaque`.',
    source:
      'driver: controllers/secretproviderclasspodstatus_controller.go:300,323-335; kubernetes: pkg/apis/core/validation/validation.go ValidateSecret',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: web-tls
      type: kubernetes.io/tls
      data:
        - objectName: cert.pem
          key: tls.crt
`,
      ),
      nearMiss: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: web-tls
      type: kubernetes.io/tls
      data:
        - objectName: cert.pem
          key: tls.crt
        - objectName: key.pem
          key: tls.key
`,
      ),
    },
  },
  checkClass(ctx) {
    for (const so of ctx.cls.secretObjects) {
      const type = so.type;
      if (!type || type.kind !== 'string' || so.data.length === 0) continue;
      const req = REQUIRED[type.value.trim()];
      if (!req) continue;
      const keys = new Set<string>();
      let unknowable = false;
      for (const d of so.data) {
        if (!d.key || d.key.kind === 'map' || d.key.kind === 'seq') continue;
        const k = d.key.value.trim();
        if (k.includes('{{')) unknowable = true; // templated key: cannot judge
        keys.add(k);
      }
      if (unknowable) continue;
      // An unsupported TLS key (tls.cert) is reported by secret-object-tls-key; fixing it fixes this too.
      if (
        type.value.trim() === 'kubernetes.io/tls' &&
        [...keys].some((k) => k !== '' && k !== 'tls.crt' && k !== 'tls.key')
      )
        continue;
      const missing = req.all
        ? req.all.filter((k) => !keys.has(k))
        : req.any && !req.any.some((k) => keys.has(k))
          ? req.any
          : [];
      if (missing.length === 0) continue;
      const name = so.secretName?.value.trim() || '<secretName>';
      const errors = missing.map((k) => `data[${k}]: Required value`).join(', ');
      const need = req.any ? missing.map(q).join(' or ') : missing.map(q).join(' and ');
      ctx.report({
        span: type.span,
        message: `A Secret of type ${q(type.value.trim())} must have the key${missing.length > 1 ? 's' : ''} ${need}: the API server rejects the synced Secret (\`Secret "${name}" is invalid: ${errors}\`), so it is never created. Add ${req.any ? 'one of them' : missing.length > 1 ? 'them' : 'it'} to ${q('data')}, or use ${q('type: Opaque')}.`,
      });
    }
  },
};
