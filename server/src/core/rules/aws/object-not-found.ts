import { distance } from 'fastest-levenshtein';
import { literalObjects, quoted } from '../edits';
import { parseArn } from '../names';
import type { FixData } from '../../types';
import type { CatalogListing, ObjectKind, Rule } from '../rule';
import { q, spc } from '../rule';
import { objectRefs, type ObjectRef } from './refs';

const CATALOG = {
  region: 'us-east-1',
  account: '111122223333',
  secretsmanager: ['test/secret', 'prod/db/credentials'],
  ssmparameter: ['/test/parameter', '/app/db/password'],
};

type Verdict = { found: true } | { found: false; suggestion: string | undefined } | undefined;

/** The closest name, when it is close enough to be a typo. */
export function closeName(name: string, names: readonly string[]): string | undefined {
  const max = Math.max(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = max + 1;
  const lower = name.toLowerCase();
  for (const n of names) {
    if (Math.abs(n.length - name.length) > max) continue;
    const d = n.toLowerCase() === lower ? 0.5 : distance(name, n);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

/** SSM stores a one-level name with or without its leading "/" as the same parameter (one ARN). */
function ssmHas(listing: CatalogListing, name: string): boolean {
  if (listing.has(name)) return true;
  const oneLevel = name.startsWith('/') ? name.slice(1) : name;
  if (oneLevel.includes('/')) return false;
  return listing.has(oneLevel) || listing.has('/' + oneLevel);
}

function judge(ref: ObjectRef, listing: CatalogListing): Verdict {
  const name = ref.name.value;
  if (!ref.arn) {
    const found = ref.kind === 'ssmparameter' ? ssmHas(listing, name) : listing.has(name);
    return found ? { found: true } : { found: false, suggestion: closeName(name, listing.names()) };
  }
  const arn = parseArn(name);
  // Another account's object (a resource policy may share it) is never judged, nor an unknown account.
  if (!arn || listing.account === undefined || arn.account !== listing.account) return undefined;
  if (listing.hasArn(name)) return { found: true };
  const arnOfClose = (n: string): string | undefined => {
    const close = closeName(n, listing.names());
    return close === undefined ? undefined : listing.arnOf(close);
  };
  if (ref.kind === 'secretsmanager') {
    if (!arn.resource.startsWith('secret:')) return undefined;
    const rest = arn.resource.slice('secret:'.length);
    if (listing.has(rest)) return { found: true }; // a partial ARN (no random suffix)
    const full = /^(.*)-[A-Za-z0-9]{6}$/.exec(rest);
    if (full && listing.has(full[1] as string)) {
      const current = listing.arnOf(full[1] as string);
      // Without ARNs in the listing the name is all we can judge; with them, another suffix means
      // the secret was deleted and created again.
      return current === undefined ? { found: true } : { found: false, suggestion: current };
    }
    return { found: false, suggestion: arnOfClose(full ? (full[1] as string) : rest) };
  }
  if (!arn.resource.startsWith('parameter/')) return undefined;
  const rest = arn.resource.slice('parameter/'.length);
  if (ssmHas(listing, rest) || listing.has('/' + rest)) return { found: true };
  return { found: false, suggestion: arnOfClose(rest.includes('/') ? '/' + rest : rest) };
}

const NOUN: Record<ObjectKind, string> = { secretsmanager: 'secret', ssmparameter: 'parameter' };

export const objectNotFound: Rule = {
  meta: {
    code: 'object-not-found',
    severity: 'warning',
    title: 'A secret or parameter that does not exist in the region (AWS catalog)',
    ascp: "ASCP fetches every object at mount time: a secret that does not exist makes `GetSecretValue` fail with ResourceNotFoundException, a 4xx error that ASCP treats as fatal, and the mount fails with `<region>: Failed fetching secret <name>: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: <id>, ResourceNotFoundException: Secrets Manager can't find the specified secret.`; a missing parameter comes back in `InvalidParameters` and the mount fails with `400: <region>: invalid parameters: <name>` (with `:<version>` or `:<label>` when one is set). Names are case-sensitive. This check runs only with AWS lookups on (the editor with credentials, or `ascp-lint --aws`) and only when the complete listing of that region could be read; it is a warning because the account your credentials see may not be the one the cluster reads from.",
    predicts:
      "<region>: Failed fetching secret <name>: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: <id>, ResourceNotFoundException: Secrets Manager can't find the specified secret.",
    fix: 'Correct the name (the message suggests a close one), create the object in that region, or set `region` to where it lives.',
    source:
      'provider/secrets_manager_provider.go:81-83,231-233; provider/parameter_store_provider.go:124-128,143-154; utils/error_handling_helper.go:10-21',
    examples: {
      trigger: spc('- objectName: "test/secrt"\n  objectType: "secretsmanager"', { region: 'us-east-1' }),
      nearMiss: spc('- objectName: "test/secret"\n  objectType: "secretsmanager"', { region: 'us-east-1' }),
      catalog: CATALOG,
    },
  },
  checkContent(ctx) {
    const catalog = ctx.catalog;
    if (!catalog) return;
    for (const ref of objectRefs(ctx.cls, ctx.region, ctx.failoverRegion)) {
      const listing = catalog.listing(ref.kind, ref.region);
      if (!listing) continue;
      const verdict = judge(ref, listing);
      if (!verdict || verdict.found) continue;
      const noun = NOUN[ref.kind];
      const other: ObjectKind = ref.kind === 'secretsmanager' ? 'ssmparameter' : 'secretsmanager';
      const otherListing = ref.arn ? undefined : catalog.listing(other, ref.region);
      const otherHas = !!otherListing && otherListing.has(ref.name.value);
      const where =
        ref.region === undefined
          ? `${listing.region} (the class has no ${q('region')}: looked in the default region of your AWS settings)`
          : ref.failover
            ? `${listing.region} (the ${q('failoverRegion')})`
            : listing.region;
      let message = `${noun} ${q(ref.name.value)} not found in ${where}`;
      if (verdict.suggestion !== undefined) message += ` (did you mean ${q(verdict.suggestion)}?)`;
      if (otherHas)
        message += `; a ${NOUN[other]} of that name exists there: ${q('objectType')} should be ${q(other)}`;
      // ASCP names the entry's primary objectName for a secret, and the name it sent for a parameter.
      const sent = ref.name.value + (ref.version ? ':' + ref.version : ref.label ? ':' + ref.label : '');
      message +=
        ref.kind === 'secretsmanager'
          ? `: the mount would fail with \`${listing.region}: Failed fetching secret ${ref.entry.objectName?.value ?? ref.name.value}: operation error Secrets Manager: GetSecretValue, https response error StatusCode: 400, RequestID: ..., ResourceNotFoundException: Secrets Manager can't find the specified secret.\`.`
          : `: the mount would fail with \`400: ${listing.region}: invalid parameters: ${sent}\`.`;
      const fixes: FixData[] = [];
      if (literalObjects(ctx.cls)) {
        if (verdict.suggestion !== undefined)
          fixes.push({
            title: `Use ${verdict.suggestion}`,
            edits: [{ span: ref.name.span, newText: quoted(verdict.suggestion) }],
            safeForFixAll: false,
          });
        const t = ref.entry.objectType;
        if (otherHas && t && !ref.failover)
          fixes.push({
            title: `Change objectType to ${other}`,
            edits: [{ span: t.span, newText: quoted(other) }],
            safeForFixAll: false,
          });
      }
      ctx.report({ span: ref.name.span, message, fixes });
    }
  },
};
