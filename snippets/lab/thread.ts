// A real second thread blocked in recv(2), to see what close() and shutdown() from another
// thread do to it. The thread is started once per process and reused by every run (starting a
// Worker costs far more than the scenario); one that is still blocked when a run ends is discarded.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import * as libc from './libc.ts';
import { currentPlatform } from './platform.ts';
import { recorder } from './recorder.ts';
import { must, WAIT_MS, type Socket } from './socket.ts';

const platform = currentPlatform();

/** The kept thread: its Worker, its kernel thread id, and whether a job is still running in it. */
interface Kept {
  worker: Worker;
  tid: number;
  busy: boolean;
}

let kept: Promise<Kept> | undefined;
let jobs = 0;
/** The descriptors the kept thread's own event loop opened: the process's for good, not a leak. */
const threadFds = new Set<number>();

/** Descriptors the lab keeps open across runs on purpose (the kept thread's); leak checks leave them out. */
export function keptDescriptors(): ReadonlySet<number> {
  return threadFds;
}

/** The kept thread, started (bounded) on first use; it never keeps the process alive on its own. */
function thread(): Promise<Kept> {
  kept ??= (async () => {
    const before = new Set(platform.openFds());
    const worker = new Worker(new URL('./recv-thread.mjs', import.meta.url), { workerData: { libc: platform.libc } });
    worker.unref();
    const [hello] = (await once(worker, 'message', { signal: AbortSignal.timeout(WAIT_MS) })) as [{ tid: number }];
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

/** A thread blocked in recv() on a socket. */
export class RecvThread {
  private readonly tid: number;
  private readonly done: Promise<number | string>;
  private finished: number | string | undefined;

  private constructor(tid: number, done: Promise<number | string>) {
    this.tid = tid;
    this.done = done.then((r) => (this.finished = r));
  }

  /** Hands the thread a recv() on `s` and waits (bounded) until the kernel shows it blocked there. */
  static async start(s: Socket): Promise<RecvThread> {
    must(libc.setBlocking(s.fd), 'fcntl(~O_NONBLOCK)');
    const k = await thread();
    if (k.busy) throw new Error('the lab thread is still blocked in an earlier recv()');
    const id = ++jobs;
    k.busy = true;
    const done = new Promise<number | string>((resolve) => {
      const onMessage = (m: { id: number; result?: number; errno?: number }) => {
        if (m.id !== id) return;
        k.worker.off('message', onMessage);
        k.busy = false;
        resolve(m.errno === undefined ? m.result! : libc.errnoName(m.errno));
      };
      k.worker.on('message', onMessage);
    });
    recorder().onDispose(async () => {
      if (k.busy) await discard(k);
    });
    k.worker.postMessage({ id, fd: s.fd, size: 65536 });
    const signal = AbortSignal.timeout(WAIT_MS);
    while (!platform.blockedInRecv(k.tid)) {
      if (signal.aborted) throw new Error(`the thread never blocked in recv() within ${WAIT_MS} ms`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return new RecvThread(k.tid, done);
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

/** Starts a recv() in the lab's second thread, blocked on `s` (which becomes a blocking socket). */
export function recvInThread(s: Socket): Promise<RecvThread> {
  return RecvThread.start(s);
}
