// Unix sockets by name: bound to a path in the run's private directory or to an abstract name,
// listening or not; and names where no socket waits (nothing there, a stale socket file, a
// regular file). Everything made here goes away at the end of the run.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder, requireCapability, type Recorder } from './recorder.ts';
import { must, Socket } from './socket.ts';

const platform = currentPlatform();
const { sock } = platform;

/** The kinds of Unix socket. */
export type UnixType = 'stream' | 'seqpacket' | 'dgram';

function newUnixFd(type: UnixType, what: string): number {
  if (type === 'seqpacket') requireCapability('seqpacket');
  const kind = { stream: sock.STREAM, seqpacket: sock.SEQPACKET, dgram: sock.DGRAM }[type];
  return must(libc.openSocket(platform.af.UNIX, kind), `socket(${what})`);
}

const dirs = new WeakMap<Recorder, string>();
let names = 0;

/** A fresh path in the run's private directory (removed with it at the end of the run); nothing is there. */
export function missingPath(): string {
  const run = recorder();
  let dir = dirs.get(run);
  if (!dir) dirs.set(run, (dir = run.privateDir()));
  return join(dir, `name-${++names}`);
}

/** An abstract name (Linux: no file, gone with its socket) that nobody has bound: '@' and a random part. */
export function abstractName(): string {
  requireCapability('abstractNames');
  return `@closing-time-${process.pid}-${randomBytes(6).toString('hex')}`;
}

/** An unbound, unconnected Unix socket; the first socket a run makes this way is the one watched. */
export function unixSocket(type: UnixType): Socket {
  const s = new Socket(newUnixFd(type, type), `unix-${type}`);
  recorder().watch(s, undefined, false);
  return s;
}

/** A Unix socket bound to a name, listening or not; never the watched one. */
export class UnixSocketAt extends Socket {
  /** Where it is bound: a path, or '@' and an abstract name. */
  readonly path: string;

  override get server(): boolean {
    return true;
  }

  constructor(type: UnixType, path: string, backlog?: number) {
    super(newUnixFd(type, `bound ${type}`), `unix-${type}`);
    this.path = path;
    must(libc.bind(this.fd, platform.sockaddrUn(path)), `bind(${path})`);
    if (backlog !== undefined) must(libc.listen(this.fd, backlog), 'listen');
  }
}

/** listen(2) on a fresh path with this backlog (0: one connection waits, the next is refused). */
export function unixListener(type: 'stream' | 'seqpacket', backlog = 8): UnixSocketAt {
  return new UnixSocketAt(type, missingPath(), backlog);
}

/** A socket bound to a fresh path (or an abstract name) that never calls listen(): a datagram server, say. */
export function unixBoundOnly(type: UnixType, where: 'path' | 'abstract' = 'path'): UnixSocketAt {
  return new UnixSocketAt(type, where === 'path' ? missingPath() : abstractName());
}

/** The path of a socket file whose socket is closed: closing does not remove the file, only unlink(2) does. */
export function staleSocketPath(type: UnixType): string {
  const s = new UnixSocketAt(type, missingPath());
  s.dispose();
  return s.path;
}

/** The path of an empty regular file. */
export function regularFilePath(): string {
  const path = missingPath();
  closeSync(openSync(path, 'w'));
  return path;
}

/**
 * socket(2) for a Unix socket of this type, recorded, and closed at once: 0 when the kernel made
 * one, or the errno name (a kernel without that type says so here).
 */
export function canMakeSocket(type: UnixType): number | string {
  return recorder().record({ method: 'canMakeSocket', kind: 'socket' }, () => {
    const kind = { stream: sock.STREAM, seqpacket: sock.SEQPACKET, dgram: sock.DGRAM }[type];
    const r = libc.openSocket(platform.af.UNIX, kind);
    if (r.ret === -1) return { result: libc.errnoName(r.errno ?? 0), sigpipe: false };
    libc.close(r.ret);
    return { result: 0, sigpipe: false };
  });
}
