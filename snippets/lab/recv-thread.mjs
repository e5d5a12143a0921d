// The body of the lab's second thread (plain JavaScript, so it starts fast). It is started once per
// process and kept: it tells the main thread its kernel thread id, then for each job it is sent
// ({ id, fd, size }) blocks in recv(2) on that descriptor and posts what recv returned.
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';

const lib = koffi.load(workerData.libc);
const gettid = lib.func('int gettid()');
const recv = lib.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');

parentPort.postMessage({ tid: gettid() });
parentPort.on('message', ({ id, fd, size }) => {
  const n = Number(recv(fd, Buffer.alloc(size), size, 0));
  parentPort.postMessage(n === -1 ? { id, errno: koffi.errno() } : { id, result: n });
});
