import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Temporary files an interrupted run left in a dataset folder: files are written as
 * `<name>.tmp-<pid>[-<random>]` and renamed when complete, so one whose process no longer runs
 * on this machine is garbage. They are removed when a run resumes, and the caller reports them.
 * A folder is written by one process at a time (its manifest is), so a dead pid is enough.
 */
const TEMPORARY = /\.tmp-(\d+)(?:-[a-z0-9]+)?$/;

function running(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the stale temporary files of `dir` and of its sub-folders (one per table); returns their paths relative to `dir`. */
export async function removeStaleTemporaries(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const visit = async (sub: string, depth: number) => {
    const entries = await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory() && depth === 0) await visit(rel, 1);
      else if (e.isFile()) {
        const m = TEMPORARY.exec(e.name);
        if (m && !running(Number(m[1]))) {
          await rm(join(dir, rel), { force: true });
          removed.push(rel);
        }
      }
    }
  };
  await visit('', 0);
  return removed.sort();
}
