// A real second thread blocked in recv(2), to see what close() and shutdown() from another
// thread do to it.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder } from './recorder.ts';
import { must, WAIT_MS, type Socket } from './socket.ts';

const platform = currentPlatform();

/** A thread blocked in recv() on a socket. */
export class RecvThread {
  private readonly worker: Worker;
  private readonly done: Promise<number | string>;
  private finished: number | string | undefined;
  private readonly tid: number;

  private constructor(worker: Worker, tid: number, done: Promise<number | string>) {
    this.worker = worker;
    this.tid = tid;
    this.done = done.then((r) => (this.finished = r));
  }

  /** Starts the thread and waits (bounded) until the kernel shows it blocked in recv(). */
  static async start(s: Socket): Promise<RecvThread> {
    must(libc.setBlocking(s.fd), 'fcntl(~O_NONBLOCK)');
    const worker = new Worker(new URL('./recv-thread.mjs', import.meta.url), { workerData: { fd: s.fd, libc: platform.libc } });
    recorder().onDispose(async () => void (await worker.terminate()));
    const signal = AbortSignal.timeout(WAIT_MS);
    const [hello] = (await once(worker, 'message', { signal })) as [{ tid: number }];
    const done = once(worker, 'message').then(([m]) => {
      const { result, errno } = m as { result?: number; errno?: number };
      return errno === undefined ? result! : libc.errnoName(errno);
    });
    const t = new RecvThread(worker, hello.tid, done);
    while (!platform.blockedInRecv(hello.tid)) {
      if (signal.aborted) throw new Error(`the thread never blocked in recv() within ${WAIT_MS} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return t;
  }

  /** Where the thread is now: BLOCKED while the kernel shows it in recv(), else what recv() returned. */
  state(): number | string {
    return recorder().record('state', () => ({
      result: platform.blockedInRecv(this.tid) ? 'BLOCKED' : (this.finished ?? 'RUNNING'),
      sigpipe: false,
    }));
  }

  /** Waits (bounded) for recv() to return in the thread: what it returned, or BLOCKED if it did not. */
  result(): Promise<number | string> {
    return recorder().recordAsync('result', async () => {
      const timeout = AbortSignal.timeout(WAIT_MS);
      const out = await Promise.race([this.done, once(timeout, 'abort').then(() => 'BLOCKED')]);
      return { result: out, sigpipe: false };
    });
  }
}

/** Starts a second thread that blocks in recv() on `s` (which becomes a blocking socket). */
export function recvInThread(s: Socket): Promise<RecvThread> {
  return RecvThread.start(s);
}
