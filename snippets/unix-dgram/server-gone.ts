// title: A client connected to a server's path; the server closes; the client sends; sendto a stale or missing name
import { abstractName, missingPath, unixBoundOnly, unixSocket } from '../lab/index.ts';

const a = unixSocket('dgram');
const server = unixBoundOnly('dgram');
a.connect(server.path);                //=> linux: 0
a.write('hello');                      //=> linux: 5
server.close();                        //=> linux: 0
a.poll('IN', 20);                      //=> linux: 0
a.write('hello');                      //=> linux: ECONNREFUSED · predict
a.write('hello');                      //=> linux: ENOTCONN · predict
a.sendto('hello', server.path);        //=> linux: ECONNREFUSED · predict
a.sendto('hello', missingPath());      //=> linux: ENOENT · predict
a.sendto('hello', abstractName());     //=> linux: ECONNREFUSED · predict
