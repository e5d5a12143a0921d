// title: The server's "Keep-Alive: timeout=N" hint only shortens an agent's own idle timeout: an agent without one ignores it
import http from 'node:http';
import { get, httpServer, idleTimeout } from '../lab/node-http.ts';

const server = await httpServer({ keepAliveTimeout: 2000 });          // its responses say "Keep-Alive: timeout=2"
const plain = new http.Agent({ keepAlive: true });                    // no idle timeout of its own
const timed = new http.Agent({ keepAlive: true, timeout: 10_000 });   // gives up idle sockets after 10 s
await get(server.url, plain);          //=> linux: response 200 new
idleTimeout(plain);                    //=> linux: 0 · predict
await get(server.url, timed);          //=> linux: response 200 new
idleTimeout(timed);                    //=> linux: 1000 · predict
await get(server.url, http.globalAgent);   //=> linux: response 200 new
idleTimeout(http.globalAgent);         //=> linux: 1000 · predict
