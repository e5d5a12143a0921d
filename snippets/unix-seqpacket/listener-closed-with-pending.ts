// title: A connected and sent a message but was never accepted; the listener closes
import { unixListener, unixSocket } from '../lab/index.ts';

const a = unixSocket('seqpacket');
const server = unixListener('seqpacket');
a.connect(server.path);   //=> linux: 0
a.write('hello');         //=> linux: 5
server.close();           //=> linux: 0
a.poll();                 //=> linux: IN ERR HUP RDHUP
a.write('world');         //=> linux: ECONNRESET · predict
a.read();                 //=> linux: 0 · predict
a.write('world');         //=> linux: EPIPE · predict
