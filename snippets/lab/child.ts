// Real child processes that hold a copy of a socket: to see what exit, kill and inheritance do.
// Each is a small `sh` whose $0 is "closing-time-child", so a test can look for stragglers.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { recorder } from './recorder.ts';
import { WAIT_MS, type Socket } from './socket.ts';

/** The name every child carries as its $0. */
export const CHILD_NAME = 'closing-time-child';

/** Starts `sh -c script` with a copy of `s` as its fd 3 and default signal handling (libuv resets it). */
function shWith(s: Socket, script: string): ChildProcess {
  const child = spawn('/bin/sh', ['-c', script, CHILD_NAME], { stdio: ['pipe', 'ignore', 'ignore', s.fd] });
  recorder().onDispose(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  });
  return child;
}

/** Waits, at most WAIT_MS, for a child to end: its exit status, or the name of the signal that ended it. */
async function ended(child: ChildProcess): Promise<number | string> {
  if (child.exitCode === null && child.signalCode === null) {
    await once(child, 'exit', { signal: AbortSignal.timeout(WAIT_MS) });
  }
  return child.signalCode ?? child.exitCode ?? -1;
}

/** A child process holding a copy of a socket, waiting on its stdin until told to exit. */
export class Child {
  private readonly proc: ChildProcess;
  private readonly socket: Socket;

  constructor(s: Socket) {
    this.socket = s;
    this.proc = shWith(s, 'read line; exit 0');
  }

  /** Lets the child exit normally; the kernel then closes its copy of the socket. Its exit status. */
  exit(): Promise<number | string> {
    return recorder().recordAsync({ method: 'exit', kind: 'exit', on: this.socket }, async () => {
      this.proc.stdin?.end();
      return { result: await ended(this.proc), sigpipe: false };
    });
  }

  /** Kills the child with a signal; the kernel closes its fds all the same. The signal that ended it. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<number | string> {
    return recorder().recordAsync({ method: 'kill', kind: 'exit', on: this.socket }, async () => {
      this.proc.kill(signal);
      return { result: await ended(this.proc), sigpipe: false };
    });
  }
}

/** Starts a child process that holds a copy of `s` (fork and exec, as any spawn does). */
export function holdInChild(s: Socket): Child {
  return new Child(s);
}

/** A child process with default SIGPIPE handling writes `text` to its copy of `s`: its exit status, or the signal that killed it. */
export function writeFromChild(s: Socket, text: string): Promise<number | string> {
  return recorder().recordAsync({ method: 'writeFromChild', kind: 'write', on: s }, async () => {
    const child = shWith(s, `printf '%s' '${text.replace(/'/g, '')}' >&3`);
    child.stdin?.end();
    return { result: await ended(child), sigpipe: false };
  });
}
