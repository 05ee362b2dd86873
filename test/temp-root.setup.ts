import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temporary folder per test run, removed when the run ends: TMPDIR points into it before the
 * test workers start, so that every folder the suites make (test/helpers/cli.ts `tempDir`) and
 * every one the processes they start make (the CLI, PostgreSQL clusters, script targets) lands
 * there. Test workers are stopped without running their `exit` handlers, which used to leave
 * thousands of datasets in the machine's temporary folder.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'hdsbench-tests-'));
  // The same permissions as /tmp: PostgreSQL clusters run as the `postgres` user when the tests run as root.
  chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
