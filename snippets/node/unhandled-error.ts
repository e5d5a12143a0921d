// title: A socket error with no 'error' listener ends the whole process
import { tcpBoundOnly } from '../lab/index.ts';
import { runNode, varying } from '../lab/node-net.ts';

const { port } = tcpBoundOnly();   // holds a port, never calls listen()
varying(`:${port}`, ':<port>');
await runNode(`require('node:net').connect(${port}, '127.0.0.1')`);                         //=> linux: exit 1 · predict
