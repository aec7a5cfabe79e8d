// ascp-lint: the core as a command for CI.
//   ascp-lint [--format text|json|sarif] [--secrets FILE] [--aws] PATH...   diagnostics and the mounts table
//   ascp-lint policy [options] PATH...                               the IAM policy the manifests need
// Exit 0: no error-severity diagnostic; 1: at least one; 2: usage error or unreadable input.
import { readFileSync } from 'node:fs';
import {
  analyzeWorkspace,
  parseFile,
  type AnalyzeOptions,
  type FileAnalysis,
  type SourceFile,
} from '../core/analyze';
import type { SecretLookup } from '../core/rules/rule';
import { needsOf } from '../aws/needs';
import { AwsService, type AwsServiceOptions } from '../aws/service';
import { collectFiles, isOption, optionValue, readSources, UsageError } from './files';
import { formatJson, formatSarif, formatText } from './format';
import { layered, parseSecretStore } from '../service/secret-store';
import { runPolicy } from './policy';

export interface CliIO {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
  color: boolean;
}

const USAGE = `Usage: ascp-lint [--format text|json|sarif] [--secrets FILE] [--aws [--aws-profile P] [--aws-region R]] PATH...
       ascp-lint policy [--account ID] [--partition P] [--region R] [--kms-key ARN]...
                        [--workload KIND/NAME]... PATH...

Checks AWS Secrets Store CSI (ASCP) SecretProviderClass manifests and the workloads that mount them.
PATH may be a file or a directory (searched for *.yaml and *.yml).

  --format text|json|sarif
                       output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --secrets FILE       offline secret store: a JSON object mapping each objectName as written in the
                       manifests to the secret's or parameter's value (a string; an object or array is
                       taken as its JSON text), used to check jmesPath paths against real values
  --aws                check against AWS with the default credential chain: every secret and parameter
                       must exist (the complete listing of its region is read) and jmesPath paths are
                       checked against the real values (held in memory only, never printed; --secrets
                       entries take precedence). Exit 2 when AWS could not be read completely.
  --aws-profile P      the profile for --aws (default: AWS_PROFILE, else default)
  --aws-region R       the region for classes without \`region\` (default: the profile's or AWS_REGION)
  -h, --help           show this help

\`ascp-lint policy\` prints the least-privilege IAM policy for the secrets and parameters the
manifests name; see \`ascp-lint policy --help\`.

Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable input.
`;

type Format = 'text' | 'json' | 'sarif';

interface Args {
  format: Format;
  secrets?: string;
  aws: boolean;
  awsProfile?: string;
  awsRegion?: string;
  paths: string[];
}

function parseArgs(argv: string[]): Args | 'help' {
  const args: Args = { format: 'text', aws: false, paths: [] };
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
    else if (a === '--aws') args.aws = true;
    else if (isOption(a, '--aws-profile')) args.awsProfile = take('--aws-profile');
    else if (isOption(a, '--aws-region')) args.awsRegion = take('--aws-region');
    else if (a === '--') {
      args.paths.push(...argv.slice(i + 1).filter(Boolean));
      break;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else args.paths.push(a);
  }
  if (args.paths.length === 0) throw new UsageError('no PATH given');
  if (!args.aws && (args.awsProfile !== undefined || args.awsRegion !== undefined))
    throw new UsageError('--aws-profile and --aws-region need --aws');
  return args;
}

/** Reads the offline secret store. Values never leave memory and never appear in output. */
export function loadSecrets(file: string): SecretLookup {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read the secret store ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  const parsed = parseSecretStore(text);
  if (!parsed.ok)
    throw new UsageError(
      parsed.reason === 'not valid JSON'
        ? `cannot read the secret store ${file}: not valid JSON`
        : `the secret store ${file} ${parsed.reason}`,
    );
  return parsed.store;
}

type Prepared = {
  args: Args;
  secrets: SecretLookup | undefined;
  sources: SourceFile[];
  unreadable: string[];
};

function prepare(argv: string[], io: CliIO): Prepared | number {
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
  return { args, secrets, sources, unreadable };
}

function report(p: Prepared, io: CliIO, opts: AnalyzeOptions, awsNotes: string[] = []): number {
  const { args, sources, unreadable } = p;
  const results: FileAnalysis[] = analyzeWorkspace(sources, opts);
  for (const r of results) if (r.skipped) io.stderr(`ascp-lint: skipped ${r.id}: ${r.skipped}\n`);
  if (args.format === 'sarif') {
    io.stdout(
      formatSarif(results, {
        cwd: io.cwd,
        executionSuccessful: unreadable.length === 0 && awsNotes.length === 0,
        notifications: [
          ...results
            .filter((r) => r.skipped)
            .map((r) => ({ level: 'note' as const, message: `skipped: ${r.skipped}`, file: r.id })),
          ...unreadable.map((f) => ({ level: 'error' as const, message: `cannot read ${f}` })),
          ...awsNotes.map((m) => ({ level: 'error' as const, message: m })),
        ],
      }),
    );
  } else io.stdout(args.format === 'json' ? formatJson(results) : formatText(results, io.color));
  if (unreadable.length > 0 || awsNotes.length > 0) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

export function runCli(argv: string[], io: CliIO): number {
  if (argv[0] === 'policy') return runPolicy(argv.slice(1), io);
  const p = prepare(argv, io);
  if (typeof p === 'number') return p;
  if (p.args.aws) {
    io.stderr('ascp-lint: --aws needs the asynchronous entry point (runCliAsync)\n');
    return 2;
  }
  return report(p, io, p.secrets ? { secrets: p.secrets } : {});
}

/** The command line entry: as runCli, and with --aws the AWS checks (which wait for the network). */
export async function runCliAsync(
  argv: string[],
  io: CliIO,
  awsOptions: AwsServiceOptions = {},
): Promise<number> {
  if (argv[0] === 'policy' || !argv.includes('--aws')) return runCli(argv, io);
  const p = prepare(argv, io);
  if (typeof p === 'number') return p;
  const notes: string[] = [];
  const service = new AwsService({
    ...awsOptions,
    log: (m) => {
      notes.push(m);
      io.stderr(`ascp-lint: ${m}\n`);
    },
  });
  try {
    service.configure({
      enabled: true,
      profile: p.args.awsProfile ?? '',
      region: p.args.awsRegion ?? '',
      checkValues: true,
    });
    const docs = p.sources.flatMap((s) => parseFile(s.id, s.text).docs);
    const needs = needsOf(docs);
    service.need(needs);
    await service.whenIdle();
    const status = service.status();
    // A throttle that the back-off got through is no failure; anything left unchecked is.
    const incomplete = status.catalogs.filter((c) => !c.complete);
    const noRegion = status.region === undefined && needs.listings.some((l) => l.region === undefined);
    const problem = status.problem?.code;
    const failed =
      incomplete.length > 0 ||
      noRegion ||
      status.state === 'problem' ||
      (problem !== undefined && problem !== 'throttled' && problem !== 'invalid-region');
    const lookups = service.lookups();
    const offline = p.secrets;
    const aws = lookups.secrets;
    const secrets: SecretLookup | undefined = offline && aws ? layered(offline, aws) : (offline ?? aws);
    const opts: AnalyzeOptions = {};
    if (lookups.catalog) opts.catalog = lookups.catalog;
    if (secrets) opts.secrets = secrets;
    return report(
      p,
      io,
      opts,
      failed
        ? [
            `AWS checks incomplete${incomplete.length ? ` (${incomplete.map((c) => `${c.kind} in ${c.region}`).join(', ')} not listed)` : ''}: ${notes.join('; ') || status.state}`,
          ]
        : [],
    );
  } finally {
    service.dispose();
  }
}
