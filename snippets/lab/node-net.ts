// Node's own sockets, for the Node.js chapter. A snippet drives real `net` sockets; each step it
// records is either a call and what it returned (`true`, `ok`, `throws ERR_…`), or the next event
// the socket emitted, in order, with its telling argument: `data 5`, `end`, `finish`,
// `error ECONNRESET` (the message goes in the record's data), `close true`. The sockets' poll flags
// and TCP state beside an event are the kernel's at the moment Node emitted it. Nothing is slept
// on: an event is awaited, at most WAIT_MS, and the kernel is asked directly with `poll(socket)`.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { join } from 'node:path';
import { captureRunPort } from './capture.ts';
import * as libc from './libc.ts';
import { currentPlatform, type PollName } from './platform.ts';
import { recorder, type Outcome, type Recorder, type SocketView, type Step, type Watchable } from './recorder.ts';
import { pollNames, pollResult, tcpStateOf, WAIT_MS } from './socket.ts';

const platform = currentPlatform();

/** Where a Node socket connects: a TCP port on 127.0.0.1, or a Unix path. */
export type NetTransport = 'tcp' | 'unix';

/** The events a watched socket records; 'ready' (always right after 'connect') and 'lookup' are left out. */
const EVENTS = ['connect', 'data', 'end', 'finish', 'timeout', 'error', 'close'] as const;

/** Per run: strings that differ between runs (ports, temporary paths) and what to show instead. */
const variable = new WeakMap<Recorder, Map<string, string>>();

/** Marks `text` (a port, a private path) as different on every run: messages show `shown` instead. */
export function varying(text: string, shown: string): void {
  const run = recorder();
  if (!variable.has(run)) variable.set(run, new Map());
  variable.get(run)!.set(text, shown);
}

/** An error message as recorded: what differs between runs (a port, a temporary path) named instead. */
export function scrub(message: string): string {
  let out = message;
  const known = [...(variable.get(recorder())?.entries() ?? [])].sort((x, y) => y[0].length - x[0].length);
  for (const [text, shown] of known) out = out.split(text).join(shown);
  return out;
}

/** An error as a step shows it: `error CODE`, with its message as the data. */
export function errorOutcome(e: unknown, prefix = 'error'): Outcome {
  const err = e as NodeJS.ErrnoException;
  return { result: `${prefix} ${err.code ?? 'UNKNOWN'}`, data: scrub(err.message), sigpipe: false };
}

/**
 * How long a Node child process may take to start and end: longer than any kernel answer, because on
 * a loaded machine starting Node alone can take seconds; shorter than the observer's 5 s per run.
 */
const CHILD_MS = 4000;

/** Waits for `promise`, at most `ms` (WAIT_MS); `undefined` when it did not settle in time. */
async function within<T>(promise: Promise<T>, ms = WAIT_MS): Promise<T | undefined> {
  let late!: (value: undefined) => void;
  const timedOut = new Promise<undefined>((resolve) => (late = resolve));
  const timer = setTimeout(() => late(undefined), ms);
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** Destroys a socket (if the snippet did not) and waits until Node has closed its descriptor. */
export async function released(s: net.Socket): Promise<void> {
  if (s.closed) return;
  const closed = once(s, 'close');
  s.destroy();
  await within(closed);
}

/** Runs a synchronous call on a Node object and records what it returned, or `throws CODE`. */
function call(step: Step, perform: () => string): string {
  return recorder().record(step, () => {
    try {
      const result = perform();
      return { result, sigpipe: libc.takeSigpipe() };
    } catch (e) {
      return { ...errorOutcome(e, 'throws'), sigpipe: libc.takeSigpipe() };
    }
  }) as string;
}

/** What the kernel says about the descriptor under a Node socket: poll flags, and the TCP state. */
export class KernelView implements Watchable {
  /** TCP ports, so the connection's state can still be found after Node closed the descriptor. */
  private ports: { local: number; remote: number } | undefined;
  private readonly socket: net.Socket;
  /** The Node socket it looks under. */
  readonly handle: net.Socket;

  constructor(socket: net.Socket) {
    this.socket = socket;
    this.handle = socket;
    this.notePorts();
    socket.once('connect', () => this.notePorts());
  }

  private notePorts(): void {
    const { localPort, remotePort } = this.socket;
    if (localPort !== undefined && remotePort !== undefined) this.ports = { local: localPort, remote: remotePort };
  }

  /** Poll flags of the descriptor right now (null once Node has closed it), and the TCP state. */
  view(): SocketView {
    const fd = fdOf(this.socket);
    const view: SocketView = { poll: null };
    if (fd >= 0) {
      const all = platform.poll.IN | platform.poll.PRI | platform.poll.OUT | platform.poll.RDHUP;
      view.poll = pollNames(libc.poll(fd, all, 0).revents);
    }
    if (!this.ports) return view;
    const state = tcpStateOf(fd >= 0 ? fd : undefined, this.ports);
    if (state !== undefined) view.state = state;
    return view;
  }

  /** Nothing to clean up: the socket belongs to whoever made it. */
  dispose(): void {}
}

/**
 * A `net.Socket` whose events are recorded, in the order they were emitted, one per `next()`.
 * After each step the recorder also asks the kernel about the descriptor under it (poll flags,
 * TCP state), as it does for the lab's own sockets.
 */
export class NodeSocket implements Watchable {
  /** The real socket, for whatever a snippet does without recording it. */
  readonly socket: net.Socket;
  /** The real socket: a call on it is a call on this. */
  readonly handle: net.Socket;
  private readonly events: Outcome[] = [];
  private wake: (() => void) | undefined;
  private readonly kernel: KernelView;

  /** `data`: record 'data' events too (which makes a socket that is not paused flow, as any 'data' listener does). */
  constructor(socket: net.Socket, data = true) {
    this.socket = socket.unref();
    this.handle = socket;
    this.kernel = new KernelView(socket);
    for (const name of EVENTS) {
      if (name === 'data' && !data) continue;
      socket.on(name, (arg?: unknown) => {
        // A write libuv made that failed with EPIPE raised SIGPIPE; the lab blocks it, so it waits here.
        this.events.push({ ...describe(name, arg), sigpipe: libc.takeSigpipe(), seen: recorder().views() });
        this.wake?.();
      });
    }
    recorder().onDispose(async () => {
      await released(socket);
      libc.takeSigpipe();
    });
  }

  /** Poll flags of the descriptor right now (null once Node has closed it), and the TCP state. */
  view(): SocketView {
    return this.kernel.view();
  }

  /** Destroys the socket if the snippet did not (the run's end also waits for its 'close'). */
  dispose(): void {
    this.socket.destroy();
  }

  /** The next event this socket emitted (waiting for it, at most WAIT_MS): `end`, `error ECONNRESET`, … or `none`. */
  next(): Promise<string> {
    return recorder().recordAsync({ method: 'next', kind: 'event', on: this }, async () => {
      if (!this.events.length) {
        await within(new Promise<void>((resolve) => (this.wake = resolve)));
        this.wake = undefined;
      }
      return this.events.shift() ?? { result: 'none', sigpipe: false };
    }) as Promise<string>;
  }

  /** socket.write(): `true` when Node's buffer is below its high-water mark, `false` otherwise. */
  write(data: string): string {
    return call({ method: 'write', kind: 'write', on: this }, () => String(this.socket.write(data)));
  }

  /** socket.end(data?): Node sends a FIN once everything written has gone (`ok`: it returned). */
  end(data?: string): string {
    return call({ method: 'end', kind: 'shutdown', on: this }, () => (data === undefined ? this.socket.end() : this.socket.end(data), 'ok'));
  }

  /** socket.destroy(error?): closes the descriptor now, without waiting for writes; with an error, 'error' follows. */
  destroy(error?: Error): string {
    return call({ method: 'destroy', kind: 'close', on: this }, () => (this.socket.destroy(error), 'ok'));
  }

  /** socket.resetAndDestroy(): closes with SO_LINGER 0, so TCP sends a RST; `throws …` on a Unix socket. */
  resetAndDestroy(): string {
    return call({ method: 'resetAndDestroy', kind: 'close', on: this }, () => (this.socket.resetAndDestroy(), 'ok'));
  }

  /** socket.resume(): start reading (again). */
  resume(): string {
    return call({ method: 'resume', kind: 'option', on: this }, () => (this.socket.resume(), 'ok'));
  }

  /** socket.setTimeout(ms): a 'timeout' event after that long without activity (`ok`). */
  setTimeout(ms: number): string {
    return call({ method: 'setTimeout', kind: 'option', on: this }, () => (this.socket.setTimeout(ms), 'ok'));
  }
}

/** One event as a step shows it. */
function describe(name: (typeof EVENTS)[number], arg: unknown): Outcome {
  if (name === 'error') return errorOutcome(arg);
  if (name === 'close') return { result: `close ${arg === true}`, sigpipe: false };
  if (name === 'data') {
    const chunk = arg as Buffer;
    return { result: `data ${chunk.length}`, data: chunk.toString(), sigpipe: false };
  }
  return { result: name, sigpipe: false };
}

/** The descriptor under a Node socket (libuv's), or -1 once closed. */
function fdOf(s: net.Socket): number {
  return (s as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
}

/**
 * poll(2) on the descriptor under a Node socket: waits (at most WAIT_MS) until the kernel reports
 * one of `events` (default IN and RDHUP; ERR and HUP always come), and records the flags, or 0 when
 * none came (as the lab's other poll() does). It asks
 * the kernel, not Node: the event loop does not run meanwhile, so Node has not yet seen what it says.
 */
export function poll(s: NodeSocket | net.Socket, ...events: PollName[]): string | number {
  const socket = s instanceof NodeSocket ? s.socket : s;
  return recorder().record({ method: 'poll', kind: 'poll', on: socket }, () => {
    const fd = fdOf(socket);
    if (fd < 0) return { result: 'NVAL', sigpipe: false };
    const mask = (events.length ? events : (['IN', 'RDHUP'] as PollName[])).reduce((m, n) => m | platform.poll[n], 0);
    return { result: pollResult(libc.poll(fd, mask, WAIT_MS)), sigpipe: false };
  });
}

/** Listens on 127.0.0.1 port 0, or on a path in the run's private directory; closed at the end of the run. */
export async function listening<S extends net.Server>(server: S, transport: NetTransport): Promise<S & { where: string }> {
  const run = recorder();
  const path = transport === 'unix' ? join(run.privateDir(), 'socket') : undefined;
  const sockets = new Set<net.Socket>();
  // Nothing here keeps the process alive on its own (waits are bounded by timers that do), so a
  // snippet run on its own ends, and the recorder then closes all of it.
  server.unref();
  server.on('connection', (s: net.Socket) => sockets.add(s.unref()));
  run.onDispose(async () => {
    const closed = server.listening ? once(server, 'close') : undefined;
    server.close();
    for (const s of sockets) await released(s);
    if (closed) await within(closed);
  });
  server.listen(path ?? { host: '127.0.0.1', port: 0 });
  if (!(await within(once(server, 'listening')))) throw new Error(`listen on ${path ?? '127.0.0.1'}: nothing within ${WAIT_MS} ms`);
  if (path) varying(path, '<path>');
  else {
    const { port } = server.address() as net.AddressInfo;
    varying(`:${port}`, ':<port>');
    captureRunPort(port);   // the segments to and from it are recorded after each step, where a capture can run
  }
  const where = path ?? `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  return Object.assign(server, { where });
}

/** What `net.connect()` needs to reach a listening server. */
export function target(server: { where: string }): net.NetConnectOpts {
  const m = /^127\.0\.0\.1:(\d+)$/.exec(server.where);
  return m ? { host: '127.0.0.1', port: Number(m[1]) } : { path: server.where };
}

/** Options of a connected pair: `allowHalfOpen` applies to both ends, `pauseOnConnect` to B. */
export interface NetPairOptions {
  allowHalfOpen?: boolean;
  pauseOnConnect?: boolean;
}

/**
 * A connected pair of Node sockets: `a` made by `net.connect()`, `b` the server's end of it, over
 * TCP on 127.0.0.1 or a Unix path. The listener is closed once B is accepted; both are recorded
 * from then on.
 */
export async function netPair(transport: NetTransport, options: NetPairOptions = {}): Promise<[NodeSocket, NodeSocket]> {
  const { allowHalfOpen = false, pauseOnConnect = false } = options;
  recorder().setupBegins();
  const server = await listening(net.createServer({ allowHalfOpen, pauseOnConnect }), transport);
  const accepted = once(server, 'connection') as Promise<[net.Socket]>;
  const client = net.connect({ ...target(server), allowHalfOpen });
  recorder().onDispose(() => released(client));
  const both = await within(Promise.all([accepted, once(client, 'connect')]));
  if (!both) throw new Error(`connect to ${server.where}: no connection within ${WAIT_MS} ms`);
  server.close();
  const a = new NodeSocket(client);
  const b = new NodeSocket(both[0][0]);
  recorder().watch(a, b);
  recorder().setupDone();
  return [a, b];
}

/** `net.connect()` to a TCP port on 127.0.0.1 or to a Unix path; every event is recorded from the start. */
export function connect(to: { port: number } | { path: string }): NodeSocket {
  if ('port' in to) varying(`:${to.port}`, ':<port>');
  const s = new NodeSocket(net.connect('port' in to ? { host: '127.0.0.1', port: to.port } : to));
  recorder().watch(s, undefined, false);
  return s;
}

/** A private directory for this run (removed at its end); paths in it are shown as `<dir>/…`. */
export function privateDir(): string {
  const dir = recorder().privateDir();
  varying(dir, '<dir>');
  return dir;
}

/** Records what a promise came to: `resolved <value>` or `rejected <code>` (the message as data), or `none` within WAIT_MS. */
export function settle(promise: Promise<unknown>): Promise<string> {
  return recorder().recordAsync({ method: 'settle', kind: 'settle' }, async () => {
    const out = await within(promise.then((value) => ({ value }), (error: unknown) => ({ error })));
    if (!out) return { result: 'none', sigpipe: false };
    if ('error' in out) return errorOutcome(out.error, 'rejected');
    return { result: `resolved ${String(out.value)}`, sigpipe: false };
  }) as Promise<string>;
}


/**
 * Runs `code` in a fresh Node process (`node -e`, nothing of the lab loaded, so SIGPIPE is
 * ignored as Node always does): `exit N`, or `killed SIGNAL`. Its stderr, up to the line naming the
 * error, is the data (lines joined by ⏎; ports and private paths named instead).
 */
export function runNode(code: string): Promise<string> {
  return recorder().recordAsync({ method: 'runNode', kind: 'process' }, async () => {
    // An empty environment but for the observe run's mark, by which its leftovers are found.
    const owner = process.env.CLOSING_TIME_OWNER;
    const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'pipe'], env: owner ? { CLOSING_TIME_OWNER: owner } : {} });
    recorder().onDispose(async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ended = await within(once(child, 'close'), CHILD_MS);
    if (!ended) return { result: 'none', sigpipe: false };
    const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && l !== '^');
    const upTo = lines.findIndex((l) => /^[A-Za-z]*Error\b/.test(l));
    const shown = scrub((upTo === -1 ? lines : lines.slice(0, upTo + 1)).join(' ⏎ '));
    const result = child.signalCode ? `killed ${child.signalCode}` : `exit ${child.exitCode}`;
    return { result, ...(shown ? { data: shown } : {}), sigpipe: false };
  }) as Promise<string>;
}
