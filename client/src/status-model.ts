// The "ASCP checks" language status for an AWS state: what is checked and whether AWS takes part.
// Pure (no vscode import) so unit tests check every string.
import type { AscpStatus } from '../../server/src/shared/protocol';

/** What runs without AWS. */
const OFFLINE_CHECKS = 'objects, jmesPath, pods';

/** Characters of a detail: the status hover is about 500 px wide, and cuts what is longer. */
export const MAX_DETAIL = 46;

function fit(s: string): string {
  return s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s;
}

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
      detail: 'the language server did not start',
      severity: 'error',
      busy: false,
    };
  const offline = (why: string): CheckStatus => ({
    text: 'ASCP: offline checks',
    detail: fit(`${OFFLINE_CHECKS}; ${why}`),
    severity: 'information',
    busy: false,
  });
  if (!trusted) return { ...offline('AWS off'), text: 'ASCP: Restricted Mode' };
  if (!s || s.state === 'off') return offline('AWS is off');
  const who = [s.profile, s.region].filter(Boolean).join(' · ');
  switch (s.state) {
    case 'idle':
      return {
        text: 'ASCP: offline checks',
        detail: fit(`${OFFLINE_CHECKS}; AWS ${who || 'default'} when needed`),
        severity: 'information',
        busy: false,
      };
    case 'resolving':
    case 'loading':
      return {
        text: 'ASCP: reading AWS names',
        detail: fit(`names from AWS ${who}`),
        severity: 'information',
        busy: true,
      };
    case 'ready': {
      const names = s.catalogs.reduce((n, c) => n + c.count, 0);
      const problem = s.problem && !CALM.has(s.problem.code) ? s.problem : undefined;
      return {
        text: `ASCP: AWS ${who}`,
        detail: fit(
          problem
            ? `AWS: ${problem.message}`
            : `objectNames checked against ${names} names${s.checkValues ? ', values' : ''}`,
        ),
        severity: problem ? 'warning' : 'information',
        busy: false,
      };
    }
    case 'problem': {
      const code = s.problem?.code;
      if (!code || code === 'no-credentials') return offline('no AWS credentials');
      if (code === 'offline') return offline('AWS unreachable');
      return {
        text: 'ASCP: offline checks',
        detail: fit(`AWS: ${s.problem?.message ?? code}`),
        severity: 'warning',
        busy: false,
      };
    }
  }
}
