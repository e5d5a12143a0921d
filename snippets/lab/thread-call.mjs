// The body of the lab's second thread (plain JavaScript, so it starts fast). It is started once per
// process and kept: it tells the main thread its kernel thread id, blocks SIGPIPE (so that one
// raised by its write stays pending, to be seen), then for each job it is sent ({ call, fd, data,
// shared }) makes that one blocking call, recv(2) or write(2), and stores what it returned in the
// job's shared memory: [returned, return value, errno, SIGPIPE raised].
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';

const { libc, SIGPIPE, SIG_BLOCK, sigsetBytes } = workerData;
const lib = koffi.load(libc);
const gettid = lib.func('int gettid()');
const recv = lib.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');
const write = lib.func('intptr_t write(int fd, const void *buf, size_t count)');
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

/** Whether SIGPIPE is pending for this thread; a pending one is taken. */
function takeSigpipe() {
  const pending = Buffer.alloc(sigsetBytes);
  sigpending(pending);
  if (sigismember(pending, SIGPIPE) !== 1) return false;
  sigtimedwait(onlySigpipe, Buffer.alloc(256), Buffer.alloc(16));
  return true;
}

parentPort.postMessage({ tid: gettid() });
parentPort.on('message', ({ call, fd, data, shared }) => {
  const out = new Int32Array(shared);
  const bytes = Buffer.from(data);
  const buf = Buffer.alloc(65536);
  // errno is read by the very next native call, as in libc.ts.
  const ret = call === 'write' ? write(fd, bytes, bytes.length) : recv(fd, buf, 65536, 0);
  const errno = koffi.errno();
  const n = Number(ret);
  out[1] = n;
  out[2] = n === -1 ? errno : 0;
  out[3] = takeSigpipe() ? 1 : 0;
  Atomics.store(out, 0, 1);
  Atomics.notify(out, 0);
});
