import { constants, statfsSync } from 'node:fs';
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { InputError } from '../core/errors.js';

/**
 * Folders given on the command line, checked before any work: they must be usable, and never on a
 * kernel pseudo-filesystem (/proc, /sys, /dev…), where writing can hang or mean something else.
 */

/** statfs(2) magic numbers of Linux pseudo-filesystems. */
const PSEUDO_FILESYSTEMS = new Map<number, string>([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x6165676c, 'pstore'],
  [0xcafe4a11, 'bpf'],
  [0x42494e4d, 'binfmt_misc'],
  [0x19800202, 'mqueue'],
  [0x958458f6, 'hugetlbfs'],
  [0x2bad1dea, 'inotify'],
]);
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/** The nearest existing ancestor of `path` (itself when it exists), with symbolic links resolved. */
async function existingAncestor(path: string): Promise<string> {
  let p = resolve(path);
  for (;;) {
    try {
      return await realpath(p);
    } catch {
      const parent = dirname(p);
      if (parent === p) return p;
      p = parent;
    }
  }
}

async function refuseSpecial(path: string, option: string): Promise<void> {
  const real = await existingAncestor(path);
  const root = PSEUDO_ROOTS.find((r) => real === r || real.startsWith(r + sep));
  let fs: string | undefined;
  try {
    fs = PSEUDO_FILESYSTEMS.get(Number(statfsSync(real).type));
  } catch {
    fs = undefined;
  }
  if (root || fs) throw new InputError(`${option} ${path} is on ${fs ? `a ${fs} pseudo-filesystem` : `${root}, a pseudo-filesystem`}, not a place for files: choose a folder on a disk`);
}

/** A folder the command will write to: created if needed, writable, not special. */
export async function checkWritableDir(path: string, option: string): Promise<void> {
  await refuseSpecial(path, option);
  const s = await stat(path).catch(() => null);
  if (s && !s.isDirectory()) throw new InputError(`${option} ${path} is not a directory`);
  try {
    await mkdir(path, { recursive: true });
    await access(path, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${option} ${path} cannot be written${code ? ` (${code})` : ''}: choose a writable directory`);
  }
}

/** A folder the command will read: it must exist, be a directory, not special. */
export async function checkReadableDir(path: string, option: string): Promise<void> {
  await refuseSpecial(path, option);
  const s = await stat(path).catch((e: NodeJS.ErrnoException) => e);
  if (s instanceof Error) throw new InputError(`${option} ${path} ${s.code === 'ENOENT' ? 'does not exist' : `cannot be read (${s.code})`}`);
  if (!s.isDirectory()) throw new InputError(`${option} ${path} is a file, not a dataset folder (the folder holding manifest.json)`);
}
