// title: Handling end of file: the request is complete; a server with allowHalfOpen can still answer it
import type net from 'node:net';
import { netPair, settle } from '../lab/node-net.ts';

/** Everything the peer sends until its FIN ('end'). */
function readAll(socket: net.Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.once('end', () => resolve(text));
    socket.once('error', reject);
  });
}

const [a, b] = await netPair('tcp', { allowHalfOpen: true });
const request = readAll(b.socket);
const reply = readAll(a.socket);
a.end('ping');              //=> linux: ok
await settle(request);      //=> linux: resolved ping
b.end('pong');              //=> linux: ok
await settle(reply);        //=> linux: resolved pong · predict
