// Another user on the same machine, for the permission checks root never meets: a child process
// that runs as that user and connects to a Unix socket path, and chmod on the socket file.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { recorder, Skip } from './recorder.ts';

/** How long the child may take to start and connect: a Node.js start, not a wait on the kernel. */
const CHILD_MS = 4000;

/** What the child runs: connect to the path in argv, print 0 or the error code. */
const CONNECT = `const s = require('node:net').connect(process.argv[1]);
s.on('connect', () => { process.stdout.write('0'); s.destroy(); });
s.on('error', (e) => process.stdout.write(String(e.code)));`;

/** The uid and gid of a user by name (getent passwd), or undefined. */
function idsOf(user: string): { uid: number; gid: number } | undefined {
  try {
    const [, , uid, gid] = execFileSync('getent', ['passwd', user], { encoding: 'utf8' }).trim().split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

/** Why a child cannot run as another user here, or undefined when it can. */
export function otherUserUnavailable(user: string): string | undefined {
  if (process.platform !== 'linux') return 'runs a child as another user the Linux way';
  if (userInfo().uid !== 0) return `needs root, to start a child process as '${user}' (the check it shows is skipped for root)`;
  if (!idsOf(user)) return `needs a user named '${user}' on this machine`;
  return undefined;
}

/** chmod(2) on a path (a socket file), recorded: 0, or the error code. */
export function chmod(path: string, mode: number): number | string {
  return recorder().record('chmod', () => {
    try {
      chmodSync(path, mode);
      return { result: 0, sigpipe: false };
    } catch (e) {
      return { result: (e as NodeJS.ErrnoException).code ?? 'EIO', sigpipe: false };
    }
  });
}

/**
 * A child process running as `user` connects to the Unix socket at `path`: 0, or the errno name
 * its connect(2) failed with. The run's temporary directories on the way (closing-time-*) are
 * opened for searching (mode 0711), so that the only permission left to check is the socket file's own. Skipped where a child cannot
 * run as another user (not root, not Linux, no such user), with the reason.
 */
export function connectAs(user: string, path: string): Promise<number | string> {
  const why = otherUserUnavailable(user);
  if (why) throw new Skip(why);
  const ids = idsOf(user)!;
  return recorder().recordAsync('connectAs', async () => {
    for (let dir = dirname(path); basename(dir).startsWith('closing-time-'); dir = dirname(dir)) chmodSync(dir, 0o711);
    const child = spawn(process.execPath, ['-e', CONNECT, path], { ...ids, stdio: ['ignore', 'pipe', 'ignore'] });
    recorder().onDispose(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await once(child, 'close', { signal: AbortSignal.timeout(CHILD_MS) });
    const result = /^-?\d+$/.test(out) ? Number(out) : out || `exit ${child.exitCode}`;
    return { result, sigpipe: false };
  });
}
