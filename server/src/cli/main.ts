import { runCliAsync } from './run';

void runCliAsync(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  color: process.stdout.isTTY === true && !process.env.NO_COLOR,
}).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`ascp-lint: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
