// The extension-host entry point (@vscode/test-electron's model): run() executes inside the extension
// host with the real `vscode` API. ASCP_E2E_SUITE picks the files (trusted | untrusted); the reporter
// prints mocha's spec output and writes one JSON record per test to ASCP_E2E_RESULTS, which the
// node:test side turns into one node:test test each.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface RecordOut {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
  skipReason?: string;
}

class RecordingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const records: RecordOut[] = [];
    const base = (t: Mocha.Test | Mocha.Hook) => ({
      title: t.title,
      fullTitle: t.fullTitle(),
      durationMs: t.duration ?? 0,
    });
    // written after every test, so a run that times out still tells what failed
    const save = () => {
      const file = process.env.ASCP_E2E_RESULTS;
      if (file) writeFileSync(file, JSON.stringify(records, null, 2));
    };
    runner.on('pass', (t) => {
      records.push({ ...base(t), state: 'passed' });
      save();
    });
    runner.on('fail', (t, err: Error) => {
      records.push({ ...base(t), state: 'failed', error: `${err.message}\n${err.stack ?? ''}` });
      save();
    });
    runner.on('pending', (t) => {
      records.push({
        ...base(t),
        state: 'pending',
        skipReason: (t as Mocha.Test & { skipReason?: string }).skipReason,
      });
      save();
    });
    runner.once('end', save);
  }
}

export function run(): Promise<void> {
  const suite = process.env.ASCP_E2E_SUITE === 'untrusted' ? 'untrusted' : 'trusted';
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: RecordingReporter });
  mocha.addFile(join(__dirname, `${suite}.e2e.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed.`)) : resolve()));
  });
}
