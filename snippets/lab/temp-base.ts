// Where runs make their temporary folders. Unix socket paths are made two levels below it
// (closing-time-PID-XXXXXX/closing-time-XXXXXX/name-N), and sun_path holds 107 bytes: a TMPDIR
// longer than TEMP_BASE_MAX bytes would make binds fail one by one, so /tmp is used instead.
import { accessSync, constants, statSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** The longest folder (in bytes) under which every socket path of a run still fits in sun_path. */
export const TEMP_BASE_MAX = 50;

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
  throw new Error(`TMPDIR ${dir} is ${Buffer.byteLength(dir)} bytes long: Unix socket paths in it would pass the 107-byte limit; use one of at most ${TEMP_BASE_MAX} bytes`);
}
