// The private temporary directory of one observation (sockets by path, files the snippets make),
// named after the observing process, and the removal of those left by observations that were killed.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// closing-time-PID-XXXXXX: no longer than it must be, since Unix socket paths made inside it
// are limited to 108 bytes.
const TEMP_PREFIX = 'closing-time-';

/** The observation's private temporary directory, named after this process; one line naming TMPDIR when it cannot be made. */
export function makeTempDir(): string {
  try {
    return mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-`));
  } catch (e) {
    throw new Error(`cannot make a temporary directory in ${tmpdir()} (TMPDIR): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Removes temporary directories of observations whose process is gone (killed before it could). */
export function removeStaleTempDirs(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = new RegExp(`^${TEMP_PREFIX}(\\d+)-[A-Za-z0-9]{6}$`).exec(name)?.[1];
    if (pid && !existsSync(`/proc/${pid}`) && process.platform === 'linux') rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

