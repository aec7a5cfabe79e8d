import type { MountedFile } from '../../mounts';
import type { Rule } from '../rule';
import { q, spc } from '../rule';

/** Collisions ASCP itself rejects (duplicate-object-name, duplicate-alias): not reported twice. */
function caughtByAscp(a: MountedFile, b: MountedFile): boolean {
  const aAlias = a.kind === 'jmesPath' || (a.entry.objectAlias?.value ?? '') !== '';
  const bAlias = b.kind === 'jmesPath' || (b.entry.objectAlias?.value ?? '') !== '';
  if (aAlias && bAlias) return a.source === b.source;
  if (!aAlias && !bAlias && a.source === b.source) {
    const la = a.entry.objectVersionLabel?.value ?? '';
    const lb = b.entry.objectVersionLabel?.value ?? '';
    return la === lb;
  }
  return false;
}

export const fileNameCollision: Rule = {
  meta: {
    code: 'file-name-collision',
    severity: 'warning',
    title: 'Two entries write the same file',
    ascp: "ASCP checks duplicate names and aliases only in a few combinations. An alias equal to another entry's objectName, the same name with two version labels and no aliases, or names that only collide after `/` is translated (`a/b` and `a_b`) all write one file: the last write wins and the other value is silently lost.",
    predicts: '(no error) the last write wins; the other value is lost',
    fix: 'Give each entry a distinct `objectAlias`.',
    source: 'provider/secret_descriptor.go:118-132,424-483 (what is and is not checked)',
    examples: {
      trigger: spc(
        '- objectName: "app/db"\n  objectType: "secretsmanager"\n- objectName: "app_db"\n  objectType: "secretsmanager"',
      ),
      nearMiss: spc(
        '- objectName: "app/db"\n  objectType: "secretsmanager"\n- objectName: "app_db"\n  objectType: "secretsmanager"\n  objectAlias: "app_db_2"',
      ),
    },
  },
  checkClass(ctx) {
    const first = new Map<string, MountedFile>();
    for (const f of ctx.files) {
      const prev = first.get(f.name);
      if (!prev) {
        first.set(f.name, f);
        continue;
      }
      if (caughtByAscp(prev, f)) continue;
      ctx.report({
        span: f.span,
        message: `${q(f.source)} is written to file ${q(f.name)}, which ${q(prev.source)} above also writes: ASCP does not reject this, the last write wins and the other value is lost. Give one of them a distinct ${q('objectAlias')}.`,
        related: [{ span: prev.span, message: `also writes ${f.name}` }],
      });
    }
  },
};
