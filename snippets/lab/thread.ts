// A real second thread that makes one blocking system call on a socket: recv(2), to see what
// close() and shutdown() from another thread do to it; write(2), to see what wakes a writer
// waiting for room. The thread is started first and waits, so that how long a thread takes to
// start never falls between filling a queue and the write that should find it full.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder, type Outcome } from './recorder.ts';
import { must, WAIT_MS, type Socket } from './socket.ts';

const platform = currentPlatform();

/** The blocking calls the thread can make. */
type Call = 'recv' | 'write';

// The memory the two threads share: eight ints, then the bytes to write.
const [COMMAND, FD, LENGTH, RETURNED, RESULT, ERRNO, SIGPIPE_RAISED] = [0, 1, 2, 3, 4, 5, 6];
const COMMANDS: Record<Call | 'quit', number> = { recv: 1, write: 2, quit: -1 };
const MAX_BYTES = 65536;

/** A second thread, started and waiting to make one blocking call. */
export class SecondThread {
  private readonly tid: number;
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private call: Call | undefined;
  private socket: Socket | undefined;

  private constructor(tid: number, shared: SharedArrayBuffer) {
    this.tid = tid;
    this.control = new Int32Array(shared, 0, 8);
    this.data = new Uint8Array(shared, 32);
  }

  /** Starts the thread and waits (bounded) until it is ready. */
  static async start(): Promise<SecondThread> {
    const shared = new SharedArrayBuffer(32 + MAX_BYTES);
    const { SIGPIPE, SIG_BLOCK, sigsetBytes } = platform;
    const worker = new Worker(new URL('./thread-call.mjs', import.meta.url), {
      workerData: { shared, libc: platform.libc, SIGPIPE, SIG_BLOCK, sigsetBytes },
    });
    const run = recorder();
    const control = new Int32Array(shared, 0, 8);
    run.onDispose(async () => {
      Atomics.compareExchange(control, COMMAND, 0, COMMANDS.quit);
      Atomics.notify(control, COMMAND);
      await worker.terminate();
    });
    const [hello] = (await once(worker, 'message', { signal: AbortSignal.timeout(WAIT_MS) })) as [{ tid: number }];
    const t = new SecondThread(hello.tid, shared);
    run.settleAfterEachCall(() => t.settle());
    return t;
  }

  /** write(2) `data` on `s` (made blocking) in this thread: BLOCKED once the kernel shows it waiting, or what it returned. */
  write(s: Socket, data: string): number | string {
    return recorder().record('write', () => ({ result: this.begin('write', s, data), sigpipe: false }));
  }

  /** recv(2) on `s` (made blocking) in this thread: BLOCKED once the kernel shows it waiting, or what it returned. */
  recv(s: Socket): number | string {
    return recorder().record('recv', () => ({ result: this.begin('recv', s), sigpipe: false }));
  }

  /** Where the thread is now: BLOCKED while the kernel shows it waiting in its call, else what the call returned. */
  state(): number | string {
    return recorder().record('state', () => ({ result: this.now(), sigpipe: false }));
  }

  /**
   * Waits (bounded) for the call to return in the thread: what it returned and whether it raised
   * SIGPIPE there, or BLOCKED if it did not return. The socket is non-blocking again afterwards.
   */
  result(): Promise<number | string> {
    return recorder().recordAsync('result', async () => {
      if (Atomics.wait(this.control, RETURNED, 0, WAIT_MS) === 'timed-out') return { result: 'BLOCKED', sigpipe: false };
      if (this.socket?.isOpen) must(libc.setNonBlocking(this.socket.fd), 'fcntl(O_NONBLOCK)');
      return this.outcome();
    });
  }

  /** Tells the thread to make its call, and waits (bounded) until it blocks or returns. */
  begin(call: Call, s: Socket, data = ''): number | string {
    if (this.call) throw new Error(`this thread already made its call (${this.call})`);
    const bytes = Buffer.from(data);
    if (bytes.length > MAX_BYTES) throw new Error(`at most ${MAX_BYTES} bytes can be written from the second thread`);
    must(libc.setBlocking(s.fd), 'fcntl(~O_NONBLOCK)');
    this.call = call;
    this.socket = s;
    this.data.set(bytes);
    this.control[FD] = s.fd;
    this.control[LENGTH] = bytes.length;
    Atomics.store(this.control, COMMAND, COMMANDS[call]);
    Atomics.notify(this.control, COMMAND);
    this.settle();
    return this.now();
  }

  private now(): number | string {
    if (this.returned()) return this.outcome().result;
    return this.call && platform.blockedIn(this.tid, this.call) ? 'BLOCKED' : 'RUNNING';
  }

  private returned(): boolean {
    return Atomics.load(this.control, RETURNED) === 1;
  }

  private outcome(): Outcome {
    const ret = this.control[RESULT];
    return { result: ret === -1 ? libc.errnoName(this.control[ERRNO]) : ret, sigpipe: this.control[SIGPIPE_RAISED] === 1 };
  }

  /**
   * Waits (bounded) until the thread's call has returned or the kernel shows it waiting, so that
   * what is observed next does not depend on how fast the thread runs.
   */
  private settle(): void {
    if (!this.call) return;
    const deadline = performance.now() + WAIT_MS;
    while (!this.returned() && !platform.blockedIn(this.tid, this.call)) {
      if (performance.now() > deadline) throw new Error(`the second thread's ${this.call}() neither returned nor blocked within ${WAIT_MS} ms`);
      Atomics.wait(this.control, RETURNED, 0, 1);
    }
  }
}

/** A second thread, started and waiting: `.write(s, data)` or `.recv(s)` then blocks in it. */
export function secondThread(): Promise<SecondThread> {
  return SecondThread.start();
}

/** A thread blocked in recv(). */
export type RecvThread = SecondThread;

/** Starts a second thread that blocks in recv() on `s` (which becomes a blocking socket). */
export async function recvInThread(s: Socket): Promise<RecvThread> {
  const t = await SecondThread.start();
  const now = t.begin('recv', s);
  if (now !== 'BLOCKED') throw new Error(`recv() in the second thread returned ${now} without blocking`);
  return t;
}
