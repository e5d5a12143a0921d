// title: A keep-alive agent reuses a socket the server has just closed: the request fails with "socket hang up"
import http from 'node:http';
import { get, httpServer, watchPooled } from '../lab/node-http.ts';
import { poll } from '../lab/node-net.ts';

const server = await httpServer();
const agent = new http.Agent({ keepAlive: true });
await get(server.url, agent);           //=> linux: response 200 new
const a = watchPooled(agent);           // the connection the agent keeps for the next request
server.closeIdleConnections();          // the server closes it: a FIN is on its way
poll(a);                                //=> linux: IN RDHUP
await get(server.url, agent);           //=> linux: error ECONNRESET reused
await a.next();                         //=> linux: end
await a.next();                         //=> linux: close false
await get(server.url, agent);           //=> linux: response 200 new
