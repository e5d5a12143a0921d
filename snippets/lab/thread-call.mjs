// The body of the lab's second thread (plain JavaScript, so it starts fast). It is started once per
// process and kept: it tells the main thread its kernel thread id, makes SIGPIPE visible (Linux:
// blocked, so that one raised by its write stays pending; darwin: counted by a kqueue, as libc.ts
// does, see watchSigpipe()), then for each job it is sent ({ call, fd, data, shared }) makes that
// one blocking call, recv(2) or write(2), and stores what it returned in the job's shared memory:
// [returned, return value, errno, SIGPIPE raised], having set [4] = 1 just before the call. Only
// the platform's own functions are bound.
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';

const { platform, libc, SIGPIPE, SIG_BLOCK, sigsetBytes } = workerData;
const lib = koffi.load(libc);
const recv = lib.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');
const write = lib.func('intptr_t write(int fd, const void *buf, size_t count)');

/** This thread's id and its SIGPIPE watch, the Linux way. */
function linuxThread() {
  const gettid = lib.func('int gettid()');
  const sigemptyset = lib.func('int sigemptyset(_Out_ void *set)');
  const sigaddset = lib.func('int sigaddset(_Inout_ void *set, int signo)');
  const sigismember = lib.func('int sigismember(const void *set, int signo)');
  const sigpending = lib.func('int sigpending(_Out_ void *set)');
  const sigtimedwait = lib.func('int sigtimedwait(const void *set, _Out_ void *info, const void *timeout)');
  const pthreadSigmask = lib.func('int pthread_sigmask(int how, const void *set, _Out_ void *old)');
  const onlySigpipe = Buffer.alloc(sigsetBytes);
  sigemptyset(onlySigpipe);
  sigaddset(onlySigpipe, SIGPIPE);
  pthreadSigmask(SIG_BLOCK, onlySigpipe, Buffer.alloc(sigsetBytes));
  return {
    tid: gettid(),
    /** Whether SIGPIPE is pending for this thread; a pending one is taken. */
    takeSigpipe() {
      const pending = Buffer.alloc(sigsetBytes);
      sigpending(pending);
      if (sigismember(pending, SIGPIPE) !== 1) return false;
      sigtimedwait(onlySigpipe, Buffer.alloc(256), Buffer.alloc(16));
      return true;
    },
  };
}

/**
 * The same on darwin: pthread_threadid_np() is the id proc_pidinfo(PROC_PIDTHREADID64INFO) takes;
 * a kqueue with EVFILT_SIGNAL (-6), EV_ADD | EV_CLEAR (bsd/sys/event.h:75, 144, 151) counts SIGPIPEs;
 * struct kevent is 32 bytes, data at 16 (event.h:94-101). Written for macOS, not yet run on one.
 */
function darwinThread() {
  const threadId = lib.func('int pthread_threadid_np(void *thread, _Out_ uint64_t *id)');
  const kqueue = lib.func('int kqueue()');
  const kevent = lib.func('int kevent(int kq, const void *changelist, int nchanges, _Out_ void *eventlist, int nevents, const void *timeout)');
  const id = [0n];
  threadId(null, id);
  const kq = kqueue();
  const change = Buffer.alloc(32);
  change.writeBigUInt64LE(BigInt(SIGPIPE), 0);
  change.writeInt16LE(-6, 8);
  change.writeUInt16LE(0x1 | 0x20, 10);
  kevent(kq, change, 1, null, 0, null);
  return {
    tid: Number(id[0]),
    takeSigpipe() {
      const out = Buffer.alloc(32);
      return kevent(kq, null, 0, out, 1, Buffer.alloc(16)) === 1 && out.readBigInt64LE(16) > 0n;
    },
  };
}

const thread = platform === 'darwin' ? darwinThread() : linuxThread();

parentPort.postMessage({ tid: thread.tid });
parentPort.on('message', ({ call, fd, data, shared }) => {
  const out = new Int32Array(shared);
  const bytes = Buffer.from(data);
  const buf = Buffer.alloc(65536);
  if (platform === 'darwin') thread.takeSigpipe(); // the kqueue counts the whole process's: start from zero
  Atomics.store(out, 4, 1);
  // errno is read by the very next native call, as in libc.ts.
  const ret = call === 'write' ? write(fd, bytes, bytes.length) : recv(fd, buf, 65536, 0);
  const errno = koffi.errno();
  const n = Number(ret);
  out[1] = n;
  out[2] = n === -1 ? errno : 0;
  out[3] = thread.takeSigpipe() ? 1 : 0;
  Atomics.store(out, 0, 1);
  Atomics.notify(out, 0);
});
