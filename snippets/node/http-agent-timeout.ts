// title: Avoiding the race: the client's agent gives up an idle socket before the server would close it
import http from 'node:http';
import { get, httpServer, watchPooled } from '../lab/node-http.ts';

const server = await httpServer({ keepAliveTimeout: 5000 });     // the server closes idle sockets after 5 s (and 1 s of grace)
const agent = new http.Agent({ keepAlive: true, timeout: 50 });  // the client gives them up after 50 ms
await get(server.url, agent);    //=> linux: response 200 new
const a = watchPooled(agent);
await a.next();                  //=> linux: timeout · predict
await a.next();                  //=> linux: close false · predict
await get(server.url, agent);    //=> linux: response 200 new · predict
