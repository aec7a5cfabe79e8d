import type { Rule } from '../rule';
import { q, spc } from '../rule';

const OBJECTS =
  '- objectName: "/prod/db/password"\n  objectType: "ssmparameter"\n  objectAlias: "db-password"';

export const secretObjectFieldMissing: Rule = {
  meta: {
    code: 'secret-object-field-missing',
    severity: 'error',
    title: "A `secretObjects` entry lacks `secretName`, `type`, `data`, or a data item's `objectName`/`key`",
    ascp: 'The CRD marks none of these fields required, so the class applies cleanly; the driver validates them when it syncs, after a pod has mounted the class. An entry without `secretName`, `type` or `data` fails with `failed to validate secret object in spc <namespace>/<name>, err: secret name is empty` (or `secret type is empty`, `data is empty`); `type` is not defaulted to Opaque before this check. A data item without `objectName` or `key` (after trimming spaces) fails with `failed to get data in spc <namespace>/<name> for secret <secret>, err: object name in secretObjects.data` (or `key in secretObjects.data is empty`). The Kubernetes Secret is not created.',
    predicts:
      'failed to validate secret object in spc <namespace>/<class>, err: <secret name|secret type|data> is empty',
    fix: 'Give every entry `secretName`, `type` (e.g. `Opaque`) and a non-empty `data` list, and every data item an `objectName` (a mounted file name) and a `key`.',
    source:
      'driver: pkg/util/secretutil/secret.go:172-183,190-198; controllers/secretproviderclasspodstatus_controller.go:290-307',
    examples: {
      trigger: spc(
        OBJECTS,
        {},
        `  secretObjects:
    - secretName: db-credentials
      data:
        - objectName: db-password
          key: password
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
          key: password
`,
      ),
    },
  },
  checkClass(ctx) {
    const bad = (v: { kind: string } | undefined) =>
      v !== undefined && (v.kind === 'map' || v.kind === 'seq');
    // The driver names the class as <namespace>/<name> (the pod's namespace, which is the class's).
    const spcRef = `${ctx.cls.namespace ?? '<namespace>'}/${ctx.cls.name ?? '<name>'}`;
    const invalid = (error: string) => `failed to validate secret object in spc ${spcRef}, err: ${error}`;
    for (const so of ctx.cls.secretObjects) {
      const checks = [
        {
          v: so.secretName,
          key: 'secretName',
          error: 'secret name is empty',
          hint: 'the name of the Kubernetes Secret to create',
        },
        {
          v: so.type,
          key: 'type',
          error: 'secret type is empty',
          hint: 'e.g. `Opaque`; it is not defaulted',
        },
      ];
      for (const c of checks) {
        if (bad(c.v) || (c.v && c.v.value !== '')) continue;
        ctx.report({
          span: c.v ? c.v.span : so.itemStart,
          message: `This secretObjects entry has ${c.v ? 'an empty' : 'no'} ${q(c.key)}: when a pod mounts the class the driver's sync fails with \`${invalid(c.error)}\` and the Secret is not created. Add ${q(c.key)} (${c.hint}).`,
        });
      }
      if (so.dataKey && so.dataKey.kind !== 'seq' && so.dataKey.kind !== 'null') continue; // secret-object-not-string
      if (so.data.length === 0) {
        ctx.report({
          span: so.dataKey ? so.dataKey.span : so.itemStart,
          message: `This secretObjects entry has ${so.dataKey ? 'an empty' : 'no'} ${q('data')} list: the driver's sync fails with \`${invalid('data is empty')}\` and the Secret is not created. Add ${q('data')} items with ${q('objectName')} (a mounted file) and ${q('key')}.`,
        });
      }
      for (const d of so.data) {
        const items = [
          {
            v: d.objectName,
            key: 'objectName',
            error: 'object name in secretObjects.data',
            hint: 'the name of a file the class mounts',
          },
          {
            v: d.key,
            key: 'key',
            error: 'key in secretObjects.data is empty',
            hint: 'the key in the Kubernetes Secret',
          },
        ];
        for (const c of items) {
          if (bad(c.v) || (c.v && c.v.value.trim() !== '')) continue;
          ctx.report({
            span: c.v ? c.v.span : d.itemStart,
            message: `This data item has ${c.v ? 'an empty' : 'no'} ${q(c.key)}: the driver's sync fails with \`failed to get data in spc ${spcRef} for secret ${so.secretName?.value.trim() ?? ''}, err: ${c.error}\` and the Secret is not created. Add ${q(c.key)} (${c.hint}).`,
          });
        }
      }
    }
  },
};
