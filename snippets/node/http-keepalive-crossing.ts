// title: No release avoids this one: the server closes a kept connection while the next request is already on its way
import http from 'node:http';
import { get, httpServer, watchPooled } from '../lab/node-http.ts';

const server = await httpServer();
const agent = new http.Agent({ keepAlive: true });
await get(server.url, agent);                  //=> linux: response 200 new
const a = watchPooled(agent);                  // the connection the agent keeps for the next request
const request = get(server.url, agent);        //=> linux: error ECONNRESET reused · wire: b FIN, a 65, b RST
server.closeIdleConnections();                 // the server's idle timer fires now: its FIN crosses the request
await request;
await a.next();                                //=> linux: end · predict
await a.next();                                //=> linux: close false · predict
