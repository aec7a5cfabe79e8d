import { closest, distance } from 'fastest-levenshtein';
import type { Rule } from '../rule';
import { q, spc } from '../rule';
import { renameKey } from '../edits';

export const KNOWN_PARAMETERS = [
  'objects',
  'region',
  'failoverRegion',
  'pathTranslation',
  'usePodIdentity',
  'preferredAddressType',
];

export const unknownParameter: Rule = {
  meta: {
    code: 'unknown-parameter',
    severity: 'warning',
    title: 'A parameter ASCP does not read (probably misspelt)',
    ascp: 'ASCP reads its parameters with exact, case-sensitive map lookups and ignores every other key silently, so `Region:` or `objets:` has no effect at all.',
    predicts: '(no error) ASCP ignores the key silently; the parameter has no effect',
    fix: 'Spell the key exactly: `objects`, `region`, `failoverRegion`, `pathTranslation`, `usePodIdentity`, `preferredAddressType`.',
    source: 'server/server.go:125-133',
    examples: {
      trigger: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { Region: 'us-east-1' }),
      nearMiss: spc('- objectName: "/test/parameter"\n  objectType: "ssmparameter"', { region: 'us-east-1' }),
    },
  },
  checkClass(ctx) {
    for (const [key, p] of ctx.cls.params) {
      if (KNOWN_PARAMETERS.includes(key) || key.startsWith('csi.storage.k8s.io/')) continue;
      const best = closest(
        key.toLowerCase(),
        KNOWN_PARAMETERS.map((k) => k.toLowerCase()),
      );
      if (distance(key.toLowerCase(), best) > 2) continue; // an unrelated key: not ours to judge
      const known = KNOWN_PARAMETERS.find((k) => k.toLowerCase() === best) as string;
      if (ctx.cls.params.has(known)) continue;
      ctx.report({
        span: p.keySpan,
        message: `ASCP ignores ${q(key)} (parameter names are exact and case-sensitive): did you mean ${q(known)}?`,
        fixes: [{ title: `Rename to ${known}`, edits: [renameKey(p, known)], safeForFixAll: true }],
      });
    }
  },
};
