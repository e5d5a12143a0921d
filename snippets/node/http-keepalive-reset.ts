// title: A keep-alive agent reuses a socket the server has just closed: the request fails with "socket hang up"
// node: guarded = ^22.23.4 || ^24.22.1 || >=26.12.1 — these releases look for unread input (here the server's FIN) on a kept socket before reusing it, and drop the socket instead: "http: ensure agent data guard works without I/O" (CVE-2026-105481), nodejs/node commits e7b2985d59 (22.23.4), 96c3ccb1fc (24.22.1), 0683ee5f7d (26.12.1), in the security releases of 2026-10-21
import http from 'node:http';
import { get, httpServer, watchPooled } from '../lab/node-http.ts';
import { poll } from '../lab/node-net.ts';

const server = await httpServer();
const agent = new http.Agent({ keepAlive: true });
await get(server.url, agent);           //=> linux: response 200 new
const a = watchPooled(agent);           // the connection the agent keeps for the next request
server.closeIdleConnections();          // the server closes it: a FIN is on its way
poll(a);                                //=> linux: IN RDHUP
await get(server.url, agent);           //=> linux: error ECONNRESET reused · linux guarded: response 200 new · predict
await a.next();                         //=> linux: end · linux guarded: close false · predict
await get(server.url, agent);           //=> linux: response 200 new · linux guarded: response 200 reused · predict
