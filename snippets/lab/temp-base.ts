// Where runs make their temporary folders. Unix socket paths are made two levels below it
// (closing-time-PID-XXXXXX/closing-time-XXXXXX/name-N), and sun_path holds 107 bytes (103 on
// darwin): a TMPDIR longer than TEMP_BASE_MAX bytes would make binds fail one by one, so /tmp is
// used instead (on a Mac, TMPDIR under /var/folders/…/T/ is about 49 bytes: too long).
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { platforms } from './platform.ts';

/** The longest folder (in bytes) under which every socket path of a run still fits in sun_path: 57 bytes below the limit. */
export const TEMP_BASE_MAX = (platforms[process.platform]?.sunPathMax ?? 107) - 57;

/** TMPDIR, or /tmp when TMPDIR is too long for socket paths; throws one line naming TMPDIR and the limit when neither will do. */
export function tempBase(): string {
  const dir = tmpdir();
  if (Buffer.byteLength(dir) <= TEMP_BASE_MAX) return dir;
  try {
    accessSync('/tmp', constants.W_OK);
    if (statSync('/tmp').isDirectory()) return '/tmp';
  } catch {
    // no usable /tmp: said below
  }
  throw new Error(`TMPDIR ${dir} is ${Buffer.byteLength(dir)} bytes long: Unix socket paths in it would pass the ${TEMP_BASE_MAX + 57}-byte limit; use one of at most ${TEMP_BASE_MAX} bytes`);
}
