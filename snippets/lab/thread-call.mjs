// The body of a second thread (plain JavaScript, so it starts fast). It tells the main thread its
// kernel thread id, waits until told which blocking call to make (recv(2), or write(2) with
// SIGPIPE blocked in this thread so that a raised one stays pending), makes it, stores what it
// returned in the shared memory and ends. The layout of that memory is in thread.ts.
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';

const { shared, libc, SIGPIPE, SIG_BLOCK, sigsetBytes } = workerData;
const [COMMAND, FD, LENGTH, RETURNED, RESULT, ERRNO, SIGPIPE_RAISED] = [0, 1, 2, 3, 4, 5, 6];
const RECV = 1;
const WRITE = 2;
const control = new Int32Array(shared, 0, 8);
const data = new Uint8Array(shared, 32);

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
while (Atomics.load(control, COMMAND) === 0) Atomics.wait(control, COMMAND, 0);
const command = Atomics.load(control, COMMAND);
if (command === RECV || command === WRITE) {
  const fd = control[FD];
  const bytes = Buffer.from(data.subarray(0, control[LENGTH]));
  const n = Number(command === WRITE ? write(fd, bytes, bytes.length) : recv(fd, Buffer.alloc(65536), 65536, 0));
  control[RESULT] = n;
  control[ERRNO] = n === -1 ? koffi.errno() : 0;
  control[SIGPIPE_RAISED] = takeSigpipe() ? 1 : 0;
  Atomics.store(control, RETURNED, 1);
  Atomics.notify(control, RETURNED);
}
