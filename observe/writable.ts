// Why a file or folder cannot be made where it is wanted, in words that name the cause: mkdir -p
// on a read-only file system fails with ENOENT (the folder it could not make is "missing"), so
// the nearest folder that does exist is asked instead, and says EROFS or EACCES.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';

const WORDS: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  ENOTDIR: 'a part of the path is not a folder',
  ENOENT: 'no such folder',
};

/** The errno name and what it means (`EROFS: read-only file system`) for a failure to write `path`. */
export function whyUnwritable(path: string, e: unknown): string {
  let code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    let dir = dirname(path);
    while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
    try {
      accessSync(dir, constants.W_OK);
    } catch (inner) {
      code = (inner as NodeJS.ErrnoException).code ?? code;
    }
  }
  if (!code) return (e as Error).message;
  return WORDS[code] ? `${code}: ${WORDS[code]}` : code;
}
