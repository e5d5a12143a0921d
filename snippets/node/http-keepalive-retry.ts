// title: Handling ECONNRESET on a reused keep-alive socket: retry the request once, because it is idempotent
import http from 'node:http';
import { get, httpServer, pooledSocket } from '../lab/node-http.ts';
import { poll, settle } from '../lab/node-net.ts';

/** GET, retried once when it failed on a socket the agent reused: the server never answered it. */
function getWithRetry(url: string, agent: http.Agent, retries = 1): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (req.reusedSocket && err.code === 'ECONNRESET' && retries > 0) {
        resolve(getWithRetry(url, agent, retries - 1));
      } else reject(err);
    });
  });
}

const server = await httpServer();
const agent = new http.Agent({ keepAlive: true });
await get(server.url, agent);                    //=> linux: response 200 new
const pooled = pooledSocket(agent);
server.closeIdleConnections();
poll(pooled);                                    //=> linux: IN RDHUP
await settle(getWithRetry(server.url, agent));   //=> linux: resolved 200 · predict
