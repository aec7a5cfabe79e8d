// The README's first command ends here: lint the bundled examples with the bundled offline secret
// store. Finding problems in examples/broken is the expected outcome (exit 1 from ascp-lint), so only a
// usage or read failure (exit 2) fails this job.
import { spawnSync } from 'node:child_process';

const r = spawnSync(
  process.execPath,
  ['dist/cli.js', '--secrets', 'examples/offline-secrets.json', 'examples'],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status === 0 || r.status === 1 ? 0 : (r.status ?? 2));
