// A real second thread that makes one blocking system call on a socket: recv(2), to see what
// close() and shutdown() from another thread do to it; write(2), to see what wakes a writer
// waiting for room. The thread is started once per process and reused by every run (starting a
// Worker costs far more than the scenario); one still blocked when a run ends is discarded.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder, type Outcome, type Step } from './recorder.ts';
import { must, WAIT_MS, type Socket } from './socket.ts';

const platform = currentPlatform();

/** The blocking calls the thread can make. */
type Call = 'recv' | 'write';

/** The kept thread: its Worker, its kernel thread id, and whether a call is still running in it. */
interface Kept {
  worker: Worker;
  tid: number;
  busy: boolean;
}

/** How long a run may wait for the thread to start: not a wait on the kernel; a loaded machine needs seconds. */
const START_MS = 2 * WAIT_MS;

let kept: Promise<Kept> | undefined;
/** The descriptors the kept thread's own event loop opened: the process's for good, not a leak. */
const threadFds = new Set<number>();

/** Descriptors the lab keeps open across runs on purpose (the kept thread's); leak checks leave them out. */
export function keptDescriptors(): ReadonlySet<number> {
  return threadFds;
}

/**
 * Starts the kept thread ahead of the runs (observe does, before it counts descriptors), waiting for
 * it at most `ms`; if it fails, the first run that needs the thread tries again.
 */
export async function startSecondThread(ms = 30_000): Promise<void> {
  await thread(ms).catch(() => undefined);
}

/** The kept thread, started (bounded) on first use; it never keeps the process alive on its own. */
function thread(ms = START_MS): Promise<Kept> {
  kept ??= (async () => {
    const before = new Set(platform.openFds());
    const { SIGPIPE, SIG_BLOCK, sigsetBytes } = platform;
    const worker = new Worker(new URL('./thread-call.mjs', import.meta.url), {
      workerData: { platform: platform.name, libc: platform.libc, SIGPIPE, SIG_BLOCK, sigsetBytes },
    });
    worker.unref();
    const [hello] = (await once(worker, 'message', { signal: AbortSignal.timeout(ms) }).catch((e: Error) => {
      kept = undefined;
      void worker.terminate();
      throw new Error(`the lab's second thread did not start within ${ms} ms (${e.message})`);
    })) as [{ tid: number }];
    for (const fd of platform.openFds()) if (!before.has(fd)) threadFds.add(fd);
    return { worker, tid: hello.tid, busy: false };
  })();
  return kept;
}

/** Discards the kept thread (it is blocked in a call no one will end); the next run starts another. */
async function discard(k: Kept): Promise<void> {
  kept = undefined;
  await k.worker.terminate();
  threadFds.clear();
}

/** The lab's second thread, ready to make one blocking call for this run. */
export class SecondThread {
  private readonly kept: Kept;
  /** Written by the thread: [returned, return value, errno, SIGPIPE raised] when its call returns, and [4] = 1 just before it makes the call. */
  private readonly shared = new Int32Array(new SharedArrayBuffer(20));
  private call: Call | undefined;
  private socket: Socket | undefined;
  /** Whether the thread's SIGPIPE was handed to the main thread's watch (darwin counts it there too). */
  private credited = false;

  private constructor(k: Kept) {
    this.kept = k;
  }

  /** The kept thread for this run, started if need be; it is discarded at the end of the run if its call never returned. */
  static async acquire(): Promise<SecondThread> {
    const k = await thread();
    if (k.busy) throw new Error('the lab thread is still blocked in a call from earlier');
    const t = new SecondThread(k);
    const run = recorder();
    run.settleAfterEachCall(() => t.settle());
    run.onDispose(async () => {
      if (k.busy && !t.returned()) await discard(k);
      k.busy = false;
    });
    return t;
  }

  /** write(2) `data` on `s` (made blocking) in this thread: BLOCKED once the kernel shows it waiting, or what it returned. */
  write(s: Socket, data: string): number | string {
    return recorder().record({ method: 'write', kind: 'write', on: s }, () => {
      const result = this.begin('write', s, data);
      return { result, sigpipe: this.returned() && this.outcome().sigpipe };
    });
  }

  /** recv(2) on `s` (made blocking) in this thread: BLOCKED once the kernel shows it waiting, or what it returned. */
  recv(s: Socket): number | string {
    return recorder().record({ method: 'recv', kind: 'recv', on: s }, () => ({ result: this.begin('recv', s), sigpipe: false }));
  }

  /** Where the thread is now: BLOCKED while the kernel shows it waiting in its call, else what the call returned. */
  state(): number | string {
    return recorder().record({ method: 'state', ...this.step() }, () => ({ result: this.now(), sigpipe: false }));
  }

  /**
   * Waits (bounded) for the call to return in the thread: what it returned and whether it raised
   * SIGPIPE there, or BLOCKED if it did not return. The socket is non-blocking again afterwards.
   */
  result(): Promise<number | string> {
    return recorder().recordAsync({ method: 'result', ...this.step() }, async () => {
      if (Atomics.wait(this.shared, 0, 0, WAIT_MS) === 'timed-out') return { result: 'BLOCKED', sigpipe: false };
      if (this.socket?.isOpen) must(libc.setNonBlocking(this.socket.fd), 'fcntl(O_NONBLOCK)');
      return this.outcome();
    });
  }

  /** What `state()` and `result()` report on: the kind of the thread's call and its socket. */
  private step(): Omit<Step, 'method'> {
    if (!this.call) throw new Error("the second thread was given no call yet: call .write(a, text) or .recv(a) first");
    return { kind: this.call, on: this.socket };
  }

  /** Hands the thread its call, and waits (bounded) until the kernel shows it blocked or the call returned. */
  begin(call: Call, s: Socket, data = ''): number | string {
    if (this.call) throw new Error(`this thread already made its call (${this.call})`);
    must(libc.setBlocking(s.fd), 'fcntl(~O_NONBLOCK)');
    this.call = call;
    this.socket = s;
    this.kept.busy = true;
    this.kept.worker.postMessage({ call, fd: s.fd, data, shared: this.shared.buffer });
    this.settle();
    return this.now();
  }

  private now(): number | string {
    if (this.returned()) return this.outcome().result;
    return this.call && this.blocked() ? 'BLOCKED' : 'RUNNING';
  }

  /**
   * Whether the kernel shows the thread waiting in its call. darwin can say only that the thread is
   * waiting in the kernel, which its idle event loop also is: so only once the thread has said it
   * is making the call (Linux also checks which system call it is in).
   */
  private blocked(): boolean {
    return Atomics.load(this.shared, 4) === 1 && libc.threadBlockedIn(this.kept.tid, this.call!);
  }

  private returned(): boolean {
    const done = Atomics.load(this.shared, 0) === 1;
    if (done && !this.credited && this.shared[3] === 1) {
      this.credited = true;
      libc.creditSigpipe();
    }
    return done;
  }

  private outcome(): Outcome {
    const [, ret, errno, sigpipe] = this.shared;
    return { result: ret === -1 ? libc.errnoName(errno) : ret, sigpipe: sigpipe === 1 };
  }

  /**
   * Waits (bounded) until the thread's call has returned or the kernel shows it waiting, so that
   * what is observed next does not depend on how fast the thread runs.
   */
  private settle(): void {
    if (!this.call) return;
    const deadline = performance.now() + WAIT_MS;
    while (!this.returned() && !this.blocked()) {
      if (performance.now() > deadline) throw new Error(`the second thread's ${this.call}() neither returned nor blocked within ${WAIT_MS} ms`);
      Atomics.wait(this.shared, 0, 0, 1);
    }
    if (this.returned()) this.kept.busy = false;
  }
}

/** The lab's second thread, ready: `.write(a, text)` or `.recv(a)` then blocks in that call there. */
export function secondThread(): Promise<SecondThread> {
  return SecondThread.acquire();
}

/** A thread blocked in recv(). */
export type RecvThread = SecondThread;

/** Starts a recv() in the lab's second thread, blocked on `s` (which becomes a blocking socket). */
export async function recvInThread(s: Socket): Promise<RecvThread> {
  const t = await SecondThread.acquire();
  const now = t.begin('recv', s);
  if (now !== 'BLOCKED') throw new Error(`recv() in the second thread returned ${now} without blocking`);
  return t;
}
