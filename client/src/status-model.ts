// The "ASCP checks" language status for an AWS state: what is checked and whether AWS takes part.
// Pure (no vscode import) so unit tests check every string.
import type { AscpStatus } from '../../server/src/shared/protocol';

/** What runs without AWS. */
const OFFLINE_CHECKS = 'objects, jmesPath and pod checks';

export interface CheckStatus {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
}

/** Problems that are the normal state of an offline user, not something to fix. */
export const CALM: ReadonlySet<string> = new Set(['no-credentials', 'offline']);

/** The checks item for an AWS state (undefined: the server has not said, or AWS is off). */
export function checkStatus(s: AscpStatus | undefined, trusted: boolean, failed = false): CheckStatus {
  if (failed)
    return {
      text: 'ASCP: server failed',
      detail: 'the language server did not start (see ASCP: Show Output)',
      severity: 'error',
      busy: false,
    };
  const offline = (why: string): CheckStatus => ({
    text: 'ASCP: offline checks',
    detail: `${OFFLINE_CHECKS}; ${why}`,
    severity: 'information',
    busy: false,
  });
  if (!trusted) return offline('Restricted Mode: AWS is off');
  if (!s || s.state === 'off') return offline('AWS lookups are off (ascp.aws.enabled)');
  const who = [s.profile, s.region].filter(Boolean).join(' · ');
  switch (s.state) {
    case 'idle':
      return {
        text: 'ASCP: offline checks',
        detail: `${OFFLINE_CHECKS}; AWS (${who || 'default'}) when a class needs it`,
        severity: 'information',
        busy: false,
      };
    case 'resolving':
    case 'loading':
      return {
        text: 'ASCP: reading AWS names',
        detail: `${OFFLINE_CHECKS}; names from AWS ${who}`,
        severity: 'information',
        busy: true,
      };
    case 'ready': {
      const names = s.catalogs.reduce((n, c) => n + c.count, 0);
      const problem = s.problem && !CALM.has(s.problem.code) ? s.problem : undefined;
      return {
        text: `ASCP: AWS ${who}`,
        detail: problem
          ? `AWS: ${problem.message}`
          : `${OFFLINE_CHECKS}; objectNames against ${names} AWS names${s.checkValues ? ' and values' : ''}`,
        severity: problem ? 'warning' : 'information',
        busy: false,
      };
    }
    case 'problem': {
      const code = s.problem?.code;
      if (!code || code === 'no-credentials') return offline('no AWS credentials, so names are not checked');
      if (code === 'offline') return offline('AWS is unreachable, so names are not checked');
      return {
        text: 'ASCP: offline checks',
        detail: `AWS: ${s.problem?.message ?? code}`,
        severity: 'warning',
        busy: false,
      };
    }
  }
}
