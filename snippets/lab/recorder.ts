// Records every socket call a snippet makes: where it stands in the source, what it returned,
// and what the kernel says about the sockets right after it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tempBase } from './temp-base.ts';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Segment } from './segments.ts';
import { CAPABILITIES, currentPlatform, lacks, type Capability, type PollName } from './platform.ts';
import { codeOf } from './syntax.ts';

/** What the kernel said about one socket right after a call. */
export interface SocketView {
  /** Poll flags; null once the fd is closed; absent when no socket is watched (a step in another process). */
  poll?: PollName[] | null;
  state?: string;
  /**
   * After close(), the kernel may keep the connection for a while (FIN_WAIT1, TIME_WAIT, …) and
   * moves it on by its own timers, so its state may differ between runs: how often each was seen.
   */
  stateCounts?: Record<string, number>;
}

/**
 * What a recorded call does, said by the lab method that made it (never guessed from its code):
 * read (read, drain), recv, write (write, fill, writeUntilFull, a Node write), send (send, sendto),
 * close (close, a Node destroy), shutdown (shutdown, a Node end), poll, connect, accept, option
 * (setsockopt, linger, a Node setTimeout or resume), soerror (getsockopt SO_ERROR), event (the next
 * Node.js event), request (an HTTP request, http.get or fetch), settle (a promise settling), exit (a
 * child process ending, by exit or by a signal), process (a separate Node process run to its end),
 * silence (a peer whose packets are dropped from then on), socket (socket(2) asked for a type),
 * chmod (a socket file's permissions changed), clock (time measured across the calls before).
 */
export const CALL_KINDS = [
  'read', 'recv', 'write', 'send', 'close', 'shutdown', 'poll', 'connect', 'accept', 'option', 'soerror',
  'event', 'request', 'settle', 'exit', 'process', 'silence', 'socket', 'chmod', 'clock',
] as const;

/** One of CALL_KINDS. */
export type CallKind = (typeof CALL_KINDS)[number];

/**
 * The socket a call acts on, as the recorder knows it: `a` (the watched socket), `b` (its peer, or
 * a child process holding it), `server` (a socket bound to a name or port: a listener, a datagram
 * server; on B's side of the wire), or `other` (any other socket the snippet made, on A's side).
 */
export const CALL_SOCKETS = ['a', 'b', 'server', 'other'] as const;

/** One of CALL_SOCKETS. */
export type CallSocket = (typeof CALL_SOCKETS)[number];

/** What the lab says about a call it is about to record: its method (on the snippet's line), its kind, and what it acts on. */
export interface Step {
  /** The method as the snippet calls it: the line must read `method(`. */
  method: string;
  kind: CallKind;
  /**
   * The lab object it acts on (a socket, or the Node socket under a Node object); 'a' for the
   * socket the recorder watches once the call is done (an HTTP request's connection); absent when
   * it acts on no socket of this process.
   */
  on?: object | 'a';
}

/** One recorded call, as the observation contract describes it. */
export interface RecordedCall extends SocketView {
  line: number;
  code: string;
  kind: CallKind;
  socket?: CallSocket;
  result: number | string;
  data?: string;
  sigpipe: boolean;
  peer?: SocketView;
  /** The TCP segments sent after this call and before the next one, where a capture ran. */
  wire?: Segment[];
  /** Lab steps before this call that are not recorded calls (making a pair), with the segments they caused. */
  setup?: SetupStep[];
}

/** A lab step that is not a recorded call, such as `tcpPair()`, and the segments it caused. */
export interface SetupStep {
  line: number;
  code: string;
  wire: Segment[];
}

/** A capture of the segments crossing the wire during a run. */
export interface WireTap {
  /** The segments sent since the last drain; never waits. */
  drain(): Segment[];
  /** Stops capturing: how many segments the kernel had to drop. */
  close(): number;
}

/** What one call returned, as the recorder keeps it. */
export interface Outcome {
  result: number | string;
  data?: string;
  sigpipe: boolean;
  /** The watched sockets as they were when this happened, if earlier than the call (a Node event). */
  seen?: Views;
}

/** What the kernel says about the watched socket and its peer at one moment. */
export interface Views {
  a: SocketView;
  b?: SocketView;
}

/**
 * Thrown by the lab when a scenario cannot be observed here; carries the reason. `build`: this
 * build could not (it needs root, say); `platform`: this platform lacks what it needs.
 */
export class Skip extends Error {
  readonly skip = true;
  readonly scope: 'build' | 'platform';

  constructor(reason: string, scope: 'build' | 'platform' = 'build') {
    super(reason);
    this.scope = scope;
  }
}

/** Goes on only where this platform has `capability`; elsewhere the scenario is not observed on this platform, with the reason. */
export function requireCapability(capability: Capability): void {
  const why = lacks(capability);
  if (why) throw new Skip(`${currentPlatform().name} lacks ${CAPABILITIES[capability]}: ${why}`, 'platform');
}

/** Where a call stands in a snippet's source. */
export interface CallSite {
  file: string;
  line: number;
  code: string;
}

/** A socket the recorder can watch and clean up. */
export interface Watchable {
  view(): SocketView;
  /** False once the snippet has closed it. */
  readonly isOpen?: boolean;
  dispose(): void;
  /** The object it stands for, when a call may name that instead (the net.Socket under a Node socket). */
  readonly handle?: object;
  /** A socket bound to a name or port (a listener, a datagram server): `server` when it is not watched. */
  readonly server?: boolean;
}

const labDir = fileURLToPath(new URL('.', import.meta.url));
const sources = new Map<string, string[]>();

function sourceLines(file: string): string[] {
  let lines = sources.get(file);
  if (!lines) {
    lines = readFileSync(file, 'utf8').split('\n');
    sources.set(file, lines);
  }
  return lines;
}

/** The first stack frame outside the lab: the snippet line that made the call. */
export function callSite(): CallSite {
  const stack = new Error().stack ?? '';
  for (const frame of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?\/[^():]+?)(?:\?[^:]*)?:(\d+):\d+\)?$/.exec(frame.trim());
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(labDir) || !/\.[cm]?ts$/.test(file)) continue;
    const line = Number(m[2]);
    return { file, line, code: codeOf(sourceLines(file)[line - 1] ?? '') };
  }
  throw new Error('could not find the snippet line that made this socket call');
}

/** Collects the calls of one run of one snippet and owns what it must clean up. */
export class Recorder {
  readonly calls: RecordedCall[] = [];
  file: string | undefined;
  /** Called before each call starts, so a watchdog can name the step that hung. */
  onStep: ((site: CallSite) => void) | undefined;
  /** Called when that call has returned, so the watchdog knows the hang is past it. */
  onStepDone: ((site: CallSite) => void) | undefined;
  private watched: Watchable | undefined;
  private peer: Watchable | undefined;
  private readonly owned = new Set<Watchable>();
  private readonly dirs: string[] = [];
  private readonly undo: (() => void | Promise<void>)[] = [];
  private readonly settlers: (() => void)[] = [];
  private tap: WireTap | undefined;
  /** Where segments that come in late go: the wire of the last call or setup step. */
  private lastWire: Segment[] | undefined;
  private setup: SetupStep[] = [];

  /**
   * The sockets whose state is recorded after each call: `a`, and its peer `b`. A new pair takes
   * over (`replace`); a lone socket is watched only when nothing is, or the watched one is closed.
   */
  watch(a: Watchable, b?: Watchable, replace = true): void {
    if (this.watched && !replace && this.watched.isOpen !== false) return;
    this.watched = a;
    this.peer = b;
  }

  /** Watches `b` as the peer of the watched socket, when that has none yet (a connection just accepted). */
  watchPeer(b: Watchable): void {
    if (this.watched && !this.peer) this.peer = b;
  }

  /** Takes ownership of a socket so it is closed at the end of the run if the snippet did not. */
  own(s: Watchable): void {
    this.owned.add(s);
  }

  /** Forgets a socket the snippet closed itself. */
  disown(s: Watchable): void {
    this.owned.delete(s);
  }

  /** Something else to undo at the end of the run (a child process, a thread, a namespace). */
  onDispose(undo: () => void | Promise<void>): void {
    this.undo.push(undo);
  }

  /** Something to wait for (bounded) after each call, before the sockets are looked at: a thread the call may have woken. */
  settleAfterEachCall(wait: () => void): void {
    this.settlers.push(wait);
  }

  /** The run's capture of the wire, if one was started. */
  get wireTap(): WireTap | undefined {
    return this.tap;
  }

  /** Starts recording, after each call, the segments a capture saw. */
  tapWire(tap: WireTap): void {
    this.tap = tap;
  }

  /** Starts a lab step that is not a recorded call (making a pair): what came before goes with the last call. */
  setupBegins(): void {
    this.catchUp();
  }

  /** Ends that step: the segments it caused go with the next call. */
  setupDone(): void {
    if (!this.tap) return;
    const site = callSite();
    const step: SetupStep = { line: site.line, code: site.code, wire: this.tap.drain() };
    this.setup.push(step);
    this.lastWire = step.wire;
  }

  /** Segments sent since the last drain followed the last call (a delayed ACK, say): they go with it. */
  private catchUp(): void {
    if (!this.tap) return;
    const late = this.tap.drain();
    if (!late.length) return;
    if (!this.lastWire) {
      this.lastWire = [];
      this.setup.push({ line: 0, code: '(before the first call)', wire: this.lastWire });
    }
    this.lastWire.push(...late);
  }

  /** A private temporary directory, removed at the end of the run. */
  privateDir(): string {
    const dir = mkdtempSync(join(process.env.CLOSING_TIME_TMPDIR ?? tempBase(), 'closing-time-'));
    this.dirs.push(dir);
    return dir;
  }

  /** Runs one call and records it with the state of the watched sockets right after. */
  record(step: Step, perform: () => Outcome): number | string {
    const site = this.begin(step);
    return this.finish(site, step, perform());
  }

  /** The same for a call that has to wait for another process or thread. */
  async recordAsync(step: Step, perform: () => Promise<Outcome>): Promise<number | string> {
    const site = this.begin(step);
    return this.finish(site, step, await perform());
  }

  /** Which socket `on` is, as the recorder watches them now. */
  private socketOf(on: Step['on']): CallSocket | undefined {
    if (on === undefined) return undefined;
    if (on === 'a') return 'a';
    const is = (w: Watchable | undefined) => w !== undefined && (w === on || w.handle === on);
    if (is(this.watched)) return 'a';
    if (is(this.peer)) return 'b';
    return (on as Partial<Watchable>).server ? 'server' : 'other';
  }

  private begin({ method }: Step): CallSite {
    const site = callSite();
    if (!site.code.includes(`${method}(`)) {
      throw new Error(`${site.file}:${site.line}: recorded ${method}() but the line reads '${site.code}'`);
    }
    this.file ??= site.file;
    this.onStep?.(site);
    this.catchUp();
    return site;
  }

  /** What the kernel says about the watched socket and its peer right now. */
  views(): Views {
    return { a: this.watched?.view() ?? {}, ...(this.peer ? { b: this.peer.view() } : {}) };
  }

  private finish(site: CallSite, step: Step, out: Outcome): number | string {
    for (const settle of this.settlers) settle();
    const { a, b } = out.seen ?? this.views();
    const socket = this.socketOf(step.on);
    const call: RecordedCall = {
      line: site.line,
      code: site.code,
      kind: step.kind,
      ...(socket ? { socket } : {}),
      result: out.result,
      ...(out.data !== undefined ? { data: out.data } : {}),
      ...a,
      sigpipe: out.sigpipe,
      ...(b ? { peer: b } : {}),
    };
    if (this.tap) {
      call.wire = this.tap.drain();
      if (this.setup.length) call.setup = this.setup.splice(0);
      this.lastWire = call.wire;
    }
    this.calls.push(call);
    this.onStepDone?.(site);
    return out.result;
  }

  /** Closes what the snippet left open and removes its temporary directories. */
  async dispose(): Promise<void> {
    // What the snippet's calls caused is captured before the cleanup below sends anything.
    const tap = this.tap;
    this.tap = undefined;
    let dropped = 0;
    if (tap) {
      const late = tap.drain();
      if (this.lastWire) this.lastWire.push(...late);
      dropped = tap.close();
    }
    for (const s of this.owned) s.dispose();
    this.owned.clear();
    for (const undo of this.undo.splice(0).reverse()) await undo();
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    if (dropped) throw new Error(`the capture dropped ${dropped} segment(s): its buffer was full, so the wire is not shown complete`);
  }
}

const KEY = Symbol.for('closing-time.recorder');
type WithRecorder = typeof globalThis & { [KEY]?: Recorder; [STANDALONE]?: boolean };
const STANDALONE = Symbol.for('closing-time.standalone');

/** Installs a fresh recorder for the next run (the observer does this before each repetition). */
export function installRecorder(): Recorder {
  const r = new Recorder();
  (globalThis as WithRecorder)[KEY] = r;
  return r;
}

/**
 * The current recorder. A snippet run directly (not through observe) gets one too, and at exit it
 * says how to see its trace with the claims checked: the lab itself formats nothing.
 */
export function recorder(): Recorder {
  const g = globalThis as WithRecorder;
  if (!g[KEY]) {
    const r = installRecorder();
    g[STANDALONE] = true;
    process.once('beforeExit', async () => {
      await r.dispose();
      const file = r.file ?? process.argv[1] ?? 'snippets/<transport>/<situation>.ts';
      console.log(`${r.calls.length} socket call(s) recorded. To see each result with its claim checked: node observe/snippet.ts ${file}`);
    });
  }
  return g[KEY]!;
}
