// `ascp-lint policy`: the least-privilege IAM policy for the role ASCP reads with, from the manifests.
// The policy (JSON) goes to stdout, notes to stderr.
import { analyzeWorkspace } from '../core/analyze';
import {
  isKmsKeyArn,
  matchesWorkload,
  policyForFiles,
  policyForWorkloads,
  workloadClasses,
  type PolicyOptions,
  type PolicyResult,
} from '../core/policy';
import { parseArn } from '../core/rules/names';
import { collectFiles, isOption, optionValue, readSources, UsageError } from './files';
import type { CliIO } from './run';

export const POLICY_USAGE = `Usage: ascp-lint policy [--account ID] [--partition P] [--region R] [--kms-key ARN]...
                        [--workload [NAMESPACE/]KIND/NAME]... PATH...

Prints the least-privilege IAM policy (JSON) for the role ASCP reads secrets with: every secret and
parameter the AWS SecretProviderClasses in PATH name, or only those of the classes the given
workloads mount, in every region ASCP reads them from (region and failoverRegion). Notes about what
was left out or guessed go to stderr. Unknown values are placeholders (\${ACCOUNT_ID}, \${REGION},
\${PARTITION}) to replace before use, e.g. with envsubst.

  --account ID          the 12-digit account of names that are not ARNs (default: the account of
                        the ARNs in the classes, if they agree; else \${ACCOUNT_ID})
  --partition P         aws, aws-cn, aws-us-gov, ... (default: from the region, else from the ARNs)
  --region R            the region of classes without a region parameter (the provider's
                        AWS_REGION or the node's region; default: \${REGION})
  --kms-key ARN         a customer-managed KMS key that encrypts the secrets or parameters: adds
                        kms:Decrypt on it (repeatable; a key ARN, not an alias)
  --workload SELECTOR   only the classes this workload mounts, as Kind/name or namespace/Kind/name
                        (repeatable; the policy then covers all of them)
  -h, --help            show this help

Exit status: 0 policy printed, 1 nothing to grant (no class found, no such workload, or every entry
skipped), 2 usage error or unreadable input.
`;

interface PolicyArgs {
  options: PolicyOptions;
  workloads: string[];
  paths: string[];
}

function parsePolicyArgs(argv: string[]): PolicyArgs | 'help' {
  const options: PolicyOptions = {};
  const kms: string[] = [];
  const args: PolicyArgs = { options, workloads: [], paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const take = (name: string): string => {
      const { value, next } = optionValue(argv, i, name);
      i = next;
      return value;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (isOption(a, '--account')) {
      const v = take('--account');
      if (!/^\d{12}$/.test(v))
        throw new UsageError(`--account must be a 12-digit AWS account ID, not '${v}'`);
      options.account = v;
    } else if (isOption(a, '--partition')) {
      const v = take('--partition');
      if (!/^aws(-[a-z]+)*$/.test(v))
        throw new UsageError(
          `--partition must be an AWS partition (aws, aws-cn, aws-us-gov, ...), not '${v}'`,
        );
      options.partition = v;
    } else if (isOption(a, '--region')) {
      const v = take('--region');
      if (!/^[a-z]{2,4}(-[a-z]+)+-\d+$/.test(v))
        throw new UsageError(`--region must be an AWS region such as us-east-1, not '${v}'`);
      options.region = v;
    } else if (isOption(a, '--kms-key')) {
      const v = take('--kms-key');
      if (!isKmsKeyArn(parseArn(v))) {
        const alias = parseArn(v)?.resource.startsWith('alias/');
        throw new UsageError(
          alias
            ? `--kms-key needs the key's ARN, not an alias ARN (an alias does not grant kms:Decrypt on its key): '${v}'`
            : `--kms-key must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), not '${v}'`,
        );
      }
      kms.push(v);
    } else if (isOption(a, '--workload')) {
      const v = take('--workload');
      const n = v.split('/').length;
      if ((n !== 2 && n !== 3) || v.split('/').some((s) => s === ''))
        throw new UsageError(`--workload must be Kind/name or namespace/Kind/name, not '${v}'`);
      args.workloads.push(v);
    } else if (a === '--') {
      args.paths.push(...argv.slice(i + 1).filter(Boolean));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (kms.length > 0) options.kmsKeyArns = kms;
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

export function runPolicy(argv: string[], io: CliIO): number {
  let args: PolicyArgs | 'help';
  let files: string[];
  try {
    args = parsePolicyArgs(argv);
    if (args === 'help') {
      io.stdout(POLICY_USAGE);
      return 0;
    }
    files = collectFiles(args.paths);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`ascp-lint policy: ${e.message}\n\n${POLICY_USAGE}`);
    return 2;
  }
  const { sources, unreadable } = readSources(files, io.cwd, io.stderr);
  if (unreadable.length > 0) return 2;
  const results = analyzeWorkspace(sources);
  for (const r of results) if (r.skipped) io.stderr(`ascp-lint: skipped ${r.id}: ${r.skipped}\n`);

  let result: PolicyResult;
  if (args.workloads.length > 0) {
    const all = workloadClasses(results);
    const chosen = all.filter((w) => args.workloads.some((s) => matchesWorkload(w, s)));
    const missing = args.workloads.filter((s) => !all.some((w) => matchesWorkload(w, s)));
    if (missing.length > 0) {
      const known = [...new Set(all.map((w) => (w.namespace ? `${w.namespace}/` : '') + w.workload))];
      io.stderr(
        `ascp-lint policy: no workload ${missing.join(', ')} in the files given${known.length > 0 ? ` (workloads with CSI volumes: ${known.join(', ')})` : ''}\n`,
      );
      return 1;
    }
    result = policyForWorkloads(chosen, args.options);
  } else {
    result = policyForFiles(results, args.options);
  }
  for (const n of result.notes) io.stderr(`ascp-lint: note: ${n}\n`);
  if (!result.grants.some((g) => g.service !== 'kms')) {
    io.stderr(
      `ascp-lint policy: nothing to grant: ${results.some((r) => r.classes.length > 0) ? 'no entry names a secret or parameter ASCP can read' : 'no AWS SecretProviderClass in the files given'}\n`,
    );
    return 1;
  }
  io.stdout(JSON.stringify(result.policy, null, 2) + '\n');
  return 0;
}
