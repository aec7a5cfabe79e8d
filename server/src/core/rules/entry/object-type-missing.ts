import type { StrValue } from '../../model';
import type { FixData, Span } from '../../types';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';
import { insertKeyAfter, literalObjects } from '../edits';
import { inferType, isArn, namesOf } from '../names';

/**
 * Writes `objectType: "<t>"`: after objectName, or over an empty objectType key (a second key would
 * not help: of two identical keys the last one wins).
 */
function setObjectType(
  text: string,
  name: StrValue,
  type: StrValue | undefined,
  line: string,
): { span: Span; newText: string } {
  if (!type) return insertKeyAfter(text, name, line);
  // `objectType:` without a value: its span is the key's; replace through the colon
  const end =
    type.span.start !== type.keySpan.start ? type.span.end : text.indexOf(':', type.keySpan.end) + 1;
  if (end <= type.keySpan.start) return insertKeyAfter(text, name, line);
  return { span: { start: type.keySpan.start, end }, newText: line };
}

export const objectTypeMissing: Rule = {
  meta: {
    code: 'object-type-missing',
    severity: 'error',
    title: '`objectType` is required unless `objectName` is an ARN',
    ascp: "Without a full ARN, ASCP cannot tell a Secrets Manager secret from an SSM parameter: every mount fails with `Must use objectType when a full ARN is not specified: <name>`. A failover name is checked against the entry's own objectType.",
    predicts: 'Must use objectType when a full ARN is not specified: <name>',
    fix: 'Add `objectType: "secretsmanager"` or `objectType: "ssmparameter"`.',
    source: 'provider/secret_descriptor.go:340-343',
    examples: {
      trigger: spc('- objectName: "/test/parameter"'),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"'),
    },
  },
  checkClass(ctx) {
    for (const e of entries(ctx)) {
      if ((e.objectType?.value ?? '') !== '') continue;
      for (const n of namesOf(e, ctx.region, ctx.failoverRegion)) {
        if (isArn(n.name.value)) continue;
        const fixes: FixData[] = [];
        if (!n.failover && e.objectName && literalObjects(ctx.cls)) {
          const inferred = inferType(n.name.value);
          const order =
            inferred === 'secretsmanager'
              ? ['secretsmanager', 'ssmparameter']
              : ['ssmparameter', 'secretsmanager'];
          for (const t of order) {
            fixes.push({
              title: `Add objectType: "${t}"${inferred === t ? '' : ' (if this is a ' + (t === 'ssmparameter' ? 'parameter)' : 'secret)')}`,
              edits: [setObjectType(ctx.doc.text, e.objectName, e.objectType, `objectType: "${t}"`)],
              safeForFixAll: false,
            });
          }
        }
        ctx.report({
          span: n.failover ? n.name.span : e.itemStart,
          message: `${q(n.name.value)} is not an ARN, so ASCP needs ${q('objectType')} (${q('secretsmanager')} or ${q('ssmparameter')}): every mount fails with \`Must use objectType when a full ARN is not specified: ${n.name.value}\`.${n.name.value.startsWith('/') && !n.failover ? ' A name starting with `/` is usually an SSM parameter.' : ''}`,
          fixes,
        });
        break;
      }
    }
  },
};
