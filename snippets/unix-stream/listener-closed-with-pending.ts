// title: Two clients connected but were never accepted, one after sending data; the listener closes
import { unixListener, unixSocket } from '../lab/index.ts';

const a = unixSocket('stream');
const server = unixListener('stream');
const quiet = unixSocket('stream');
a.connect(server.path);       //=> linux: 0
quiet.connect(server.path);   //=> linux: 0
a.write('hello');             //=> linux: 5
server.close();               //=> linux: 0
a.poll();                     //=> linux: IN ERR HUP RDHUP
a.read();                     //=> linux: ECONNRESET · predict
a.read();                     //=> linux: 0 · predict
quiet.read();                 //=> linux: ECONNRESET · predict
