import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { scalarText, templated } from './util';

const OBJECTS = `- objectName: "prod/tls"
  objectType: "secretsmanager"
  jmesPath:
    - path: cert
      objectAlias: cert.pem
    - path: key
      objectAlias: key.pem`;

const TLS_KEYS = ['tls.crt', 'tls.key'];

export const secretObjectTlsKey: Rule = {
  meta: {
    code: 'secret-object-tls-key',
    severity: 'error',
    title: 'A `kubernetes.io/tls` secretObject only supports the keys `tls.crt` and `tls.key`',
    ascp: "For `type: kubernetes.io/tls` the sync extracts the certificate (key `tls.crt`) or the private key (key `tls.key`) from each file's PEM content; any other key fails the sync with `failed to get cert data from file <path>, err: key '<key>' is not supported. Only 'tls.key' and 'tls.crt' are supported`, and the Secret is not created.",
    predicts: "key '<key>' is not supported. Only 'tls.key' and 'tls.crt' are supported",
    fix: 'Use `key: tls.crt` for the certificate file and `key: tls.key` for the private-key file (both can point at the same file holding cert and key), or use `type: Opaque` for other keys.',
    source: 'driver: pkg/util/secretutil/secret.go:46-54,207-214',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: web-tls
      type: kubernetes.io/tls
      data:
        - objectName: cert.pem
          key: tls.cert
        - objectName: key.pem
          key: tls.key
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
      if (so.type?.value.trim() !== 'kubernetes.io/tls') continue;
      for (const d of so.data) {
        const k = d.key;
        if (!k || k.kind === 'map' || k.kind === 'seq' || templated(ctx.doc, k.span)) continue;
        const key = k.value.trim();
        if (key === '' || TLS_KEYS.includes(key)) continue;
        const lower = key.toLowerCase();
        const likely = /crt|cert|pem|chain/.test(lower)
          ? 'tls.crt'
          : /key|priv/.test(lower)
            ? 'tls.key'
            : undefined;
        const options = likely ? [likely] : TLS_KEYS;
        ctx.report({
          span: k.span,
          message: `A ${q('kubernetes.io/tls')} secret only takes the keys ${q('tls.crt')} and ${q('tls.key')}: the sync fails with \`key '${key}' is not supported. Only 'tls.key' and 'tls.crt' are supported\` and Secret ${q(so.secretName?.value.trim() || '<secretName>')} is not created.${likely ? ` Did you mean ${q(likely)}?` : ''}`,
          fixes: options.map((o) => ({
            title: `Use key ${o}`,
            edits: [{ span: k.span, newText: scalarText(ctx.doc, k, o) }],
          })),
        });
      }
    }
  },
};
