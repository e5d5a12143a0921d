// Another user on the same machine, for the permission checks root never meets: a child process
// that runs as that user and connects to a Unix socket path, and chmod on the socket file.
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname } from 'node:path';
import { errnoName } from './libc.ts';
import { recorder, Skip } from './recorder.ts';

/** How long the child may take to start and connect: a process start, not a wait on the kernel. */
const CHILD_MS = 4000;

/**
 * The child: Perl from perl-base (Essential in Debian, so always there), not Node, whose binary may
 * sit under /root where another user cannot run it. It connects to the path in its arguments and
 * prints 0, or `errno N`.
 */
const PERL = '/usr/bin/perl';
const CONNECT = `use Socket;
socket(my $s, PF_UNIX, SOCK_STREAM, 0) or die "socket: $!";
print(connect($s, pack_sockaddr_un($ARGV[0])) ? 0 : 'errno ' . ($! + 0));`;

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
  if (!existsSync(PERL)) return `needs ${PERL} (perl-base), to run the connecting child as '${user}'`;
  return undefined;
}

/** chmod(2) on a path (a socket file), recorded: 0, or the error code. */
export function chmod(path: string, mode: number): number | string {
  return recorder().record({ method: 'chmod', kind: 'chmod' }, () => {
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
  return recorder().recordAsync({ method: 'connectAs', kind: 'connect' }, async () => {
    for (let dir = dirname(path); basename(dir).startsWith('closing-time-'); dir = dirname(dir)) chmodSync(dir, 0o711);
    // libuv drops the supplementary groups when it sets uid and gid: the child is that user only.
    const child = spawn(PERL, ['-e', CONNECT, path], { ...ids, env: {}, stdio: ['ignore', 'pipe', 'ignore'] });
    recorder().onDispose(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    await once(child, 'close', { signal: AbortSignal.timeout(CHILD_MS) });
    const errno = /^errno (\d+)$/.exec(out);
    const result = errno ? errnoName(Number(errno[1])) : /^\d+$/.test(out) ? Number(out) : `exit ${child.exitCode}`;
    return { result, sigpipe: false };
  });
}
