// title: Handling EPIPE: the write's callback gets the error, the process goes on; stop writing to that peer
import type net from 'node:net';
import { netPair, settle } from '../lab/node-net.ts';

/** socket.write() as a promise: it settles when the kernel has taken the bytes, or with the error. */
function send(socket: net.Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => socket.write(text, (err) => (err ? reject(err) : resolve('sent'))));
}

const [a, b] = await netPair('tcp', { allowHalfOpen: true });
b.destroy();                          //=> linux: ok
await a.next();                       //=> linux: end · predict
await settle(send(a.socket, 'x'));    //=> linux: resolved sent
await settle(send(a.socket, 'y'));    //=> linux: rejected EPIPE · predict
await a.next();                       //=> linux: error EPIPE · predict
await a.next();                       //=> linux: close true · predict
