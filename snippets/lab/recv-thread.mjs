// The body of a second thread (plain JavaScript, so it starts fast): tells the main thread its
// kernel thread id, then blocks in recv(2) on the descriptor it was given and posts the result.
import koffi from 'koffi';
import { parentPort, workerData } from 'node:worker_threads';

const { fd, libc } = workerData;
const lib = koffi.load(libc);
const gettid = lib.func('int gettid()');
const recv = lib.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');

parentPort.postMessage({ tid: gettid() });
const n = Number(recv(fd, Buffer.alloc(65536), 65536, 0));
parentPort.postMessage(n === -1 ? { errno: koffi.errno() } : { result: n });
