// title: Handling ECONNREFUSED: nobody listens there (yet); retry a few times with a growing pause, then report it
import net from 'node:net';
import { setTimeout as pause } from 'node:timers/promises';
import { tcpBoundOnly } from '../lab/index.ts';
import { settle, varying } from '../lab/node-net.ts';

/** Connects, retrying a refused attempt after 10, 20, 40 … ms, at most `tries` attempts in all. */
async function connectWithRetry(port: number, tries: number): Promise<net.Socket> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await new Promise((resolve, reject) => {
        const s = net.connect(port, '127.0.0.1', () => resolve(s));
        s.once('error', reject);
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || attempt === tries) throw err;
      await pause(10 * 2 ** (attempt - 1));
    }
  }
}

const nobody = tcpBoundOnly();   // holds a port, never calls listen()
varying(`:${nobody.port}`, ':<port>');
await settle(connectWithRetry(nobody.port, 3));   //=> linux: rejected ECONNREFUSED · predict
