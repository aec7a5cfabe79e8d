import type { EntryModel } from '../../model';
import type { Rule } from '../rule';
import { entries, q, spc } from '../rule';

/** The four combinations ASCP rejects since chart 1.0.0 (#447), compared with the latest earlier entry of the same name. */
export function duplicateNameCase(desc: EntryModel, found: EntryModel): string | undefined {
  const da = desc.objectAlias?.value ?? '';
  const fa = found.objectAlias?.value ?? '';
  const dl = desc.objectVersionLabel?.value ?? '';
  const fl = found.objectVersionLabel?.value ?? '';
  if (da && fa && !dl && !fl && da === fa) return `duplicate object alias ${da}, and no version label`;
  if (!da && !fa && dl && fl && dl === fl) return `no object alias, and duplicate version label ${dl}`;
  if (da && fa && dl && fl && da === fa && dl === fl)
    return `duplicate object alias ${da}, and duplicate version label ${dl}`;
  if (!da && !fa && !dl && !fl) return 'no object alias, and no version label';
  return undefined;
}

export const duplicateObjectName: Rule = {
  meta: {
    code: 'duplicate-object-name',
    severity: 'error',
    title: 'The same `objectName` twice without something to tell them apart',
    ascp: 'ASCP allows one name twice only when alias or version label differs. It compares each entry with the latest earlier entry of the same name and rejects four combinations: `found descriptor with duplicate object name <n>, no object alias, and no version label` (and the variants with a duplicate alias and/or duplicate label).',
    predicts:
      'found descriptor with duplicate object name <name>, <no object alias|duplicate object alias <alias>>, and <no version label|duplicate version label <label>>',
    fix: 'Give the entries different `objectAlias` values (e.g. `secret-current`, `secret-previous`) or different `objectVersionLabel`s.',
    source: 'provider/secret_descriptor.go:424-459',
    examples: {
      trigger: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n- objectName: "test/secret"\n  objectType: "secretsmanager"',
      ),
      nearMiss: spc(
        '- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersionLabel: "AWSCURRENT"\n  objectAlias: "current"\n- objectName: "test/secret"\n  objectType: "secretsmanager"\n  objectVersionLabel: "AWSPREVIOUS"\n  objectAlias: "previous"',
      ),
    },
  },
  checkClass(ctx) {
    const seen = new Map<string, EntryModel>();
    for (const e of entries(ctx)) {
      const name = e.objectName?.value ?? '';
      const found = seen.get(name);
      if (found) {
        const c = duplicateNameCase(e, found);
        if (c) {
          const at = (e.objectAlias?.value ?? '') !== '' ? e.objectAlias : e.objectName;
          ctx.report({
            span: at?.span ?? e.itemStart,
            message: `${q(name)} is already listed and neither alias nor version label tells these apart: every mount fails with \`found descriptor with duplicate object name ${name}, ${c}\`. Give this entry its own ${q('objectAlias')}.`,
            related: [{ span: found.objectName?.span ?? found.itemStart, message: 'the earlier entry' }],
          });
        }
      }
      seen.set(name, e);
    }
  },
};
