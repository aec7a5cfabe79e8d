// ascp-lint: the core as a command for CI.
//   ascp-lint [--format text|json|sarif] [--secrets FILE] PATH...   diagnostics and the mounts table
//   ascp-lint policy [options] PATH...                               the IAM policy the manifests need
// Exit 0: no error-severity diagnostic; 1: at least one; 2: usage error or unreadable input.
import { readFileSync } from 'node:fs';
import { analyzeWorkspace, type FileAnalysis } from '../core/analyze';
import type { SecretLookup } from '../core/rules/rule';
import { collectFiles, isOption, optionValue, readSources, UsageError } from './files';
import { formatJson, formatSarif, formatText } from './format';
import { runPolicy } from './policy';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  color: boolean;
}

const USAGE = `Usage: ascp-lint [--format text|json|sarif] [--secrets FILE] PATH...
       ascp-lint policy [--account ID] [--partition P] [--region R] [--kms-key ARN]...
                        [--workload KIND/NAME]... PATH...

Checks AWS Secrets Store CSI (ASCP) SecretProviderClass manifests and the workloads that mount them.
PATH may be a file or a directory (searched for *.yaml and *.yml).

  --format text|json|sarif
                       output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --secrets FILE       offline secret store: a JSON object mapping each objectName as written in the
                       manifests to the secret's or parameter's value (a string; an object or array is
                       taken as its JSON text), used to check jmesPath paths against real values
  -h, --help           show this help

\`ascp-lint policy\` prints the least-privilege IAM policy for the secrets and parameters the
manifests name; see \`ascp-lint policy --help\`.

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

type Format = 'text' | 'json' | 'sarif';

interface Args {
  format: Format;
  secrets?: string;
  paths: string[];
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { format: 'text', paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const take = (name: string): string => {
      const { value, next } = optionValue(argv, i, name);
      i = next;
      return value;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (isOption(a, '--format')) {
      const f = take('--format');
      if (f !== 'text' && f !== 'json' && f !== 'sarif')
        throw new UsageError(`unknown format '${f}' (use text, json or sarif)`);
      args.format = f;
    } else if (isOption(a, '--secrets')) args.secrets = take('--secrets');
    else if (a === '--') {
      args.paths.push(...argv.slice(i + 1).filter(Boolean));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  return args;
}

/** Reads the offline secret store. Values never leave memory and never appear in output. */
export function loadSecrets(file: string): SecretLookup {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(
      `cannot read the secret store ${file}: ${e instanceof SyntaxError ? 'not valid JSON' : ((e as NodeJS.ErrnoException).code ?? 'unreadable')}`,
    );
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(`the secret store ${file} must be a JSON object mapping objectName to value`);
  }
  const map = new Map<string, string>();
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    map.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return { get: (name) => map.get(name) };
}

export function runCli(argv: string[], io: CliIO): number {
  if (argv[0] === 'policy') return runPolicy(argv.slice(1), io);
  let args: Args | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`ascp-lint: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  let secrets: SecretLookup | undefined;
  let files: string[];
  try {
    if (args.secrets) secrets = loadSecrets(args.secrets);
    files = collectFiles(args.paths);
  } catch (e) {
    io.stderr(`ascp-lint: ${(e as Error).message}\n`);
    return 2;
  }
  const { sources, unreadable } = readSources(files, io.cwd, io.stderr);
  const opts = secrets ? { secrets } : {};
  const results: FileAnalysis[] = analyzeWorkspace(sources, opts);
  for (const r of results) if (r.skipped) io.stderr(`ascp-lint: skipped ${r.id}: ${r.skipped}\n`);
  if (args.format === 'sarif') {
    io.stdout(
      formatSarif(results, {
        cwd: io.cwd,
        executionSuccessful: unreadable.length === 0,
        notifications: [
          ...results
            .filter((r) => r.skipped)
            .map((r) => ({ level: 'note' as const, message: `skipped: ${r.skipped}`, file: r.id })),
          ...unreadable.map((f) => ({ level: 'error' as const, message: `cannot read ${f}` })),
        ],
      }),
    );
  } else io.stdout(args.format === 'json' ? formatJson(results) : formatText(results, io.color));
  if (unreadable.length > 0) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}
